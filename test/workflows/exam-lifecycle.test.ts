import { examWorkflowId } from '../../workflows/names';
import { REPLAY_CONFIG } from '../replay/replay-key';
import { type ApiHarness, startApiHarness } from '../support/api-harness';
import { type ExamJson, ExamDriver } from '../support/exam-driver';

let h: ApiHarness;
let d: ExamDriver;

beforeAll(async () => {
  h = await startApiHarness(REPLAY_CONFIG);
  d = new ExamDriver(h);
});
afterAll(async () => h?.close());

test('happy path: intake to closed, the patient pays the coinsurance, the supervisor reads the timeline', async () => {
  const examId = await d.intake();
  await d.waitPhase(examId, 'awaiting_exam');
  expect((await d.performed(examId)).status).toBe(200);
  await d.waitPhase(examId, 'awaiting_report');
  const reported = await d.report(examId);
  expect(reported.status).toBe(200);
  const billed = await d.waitPhase(examId, 'patient_balance');
  expect(billed.claims).toEqual([expect.objectContaining({ status: 'paid', version: 1 })]);
  const owed = billed.balances.patientCents!;
  expect(owed).toBe(billed.claims[0]!.patientResponsibilityCents);
  expect(owed).toBeGreaterThan(0);
  const paid = await d.pay(examId, owed, 'CARD-0001');
  expect(paid.status).toBe(200);
  // The front desk reads the exam right after the payment's answer: it shows what the answer showed.
  const answered = (paid.body as { exam: ExamJson }).exam;
  expect(answered.balances.patientCents).toBe(0);
  const readBack = await d.exam(examId);
  expect(readBack).toMatchObject({ phase: answered.phase, status: answered.status, balances: answered.balances });
  const closed = await d.waitPhase(examId, 'closed');
  expect(closed).toMatchObject({ status: 'closed', openTasks: [], nextTimers: [] });
  expect(closed.balances.patientCents).toBe(0);

  const history = await d.call('GET', `/v1/exams/${examId}/history`, 'supervisor');
  expect(history.status).toBe(200);
  const timeline = history.body.timeline as { kind: string; summary: string }[];
  const phases = timeline.filter((e) => e.kind === 'phase-changed').map((e) => e.summary);
  expect(phases).toEqual([
    'intake -> eligibility', 'eligibility -> prior_auth', 'prior_auth -> awaiting_exam', 'awaiting_exam -> awaiting_report',
    'awaiting_report -> coding', 'coding -> submission', 'submission -> adjudication', 'adjudication -> patient_balance', 'patient_balance -> closed',
  ]);
  expect(timeline.some((e) => e.kind === 'document-received' && e.summary.includes('835'))).toBe(true);
  expect(timeline.some((e) => e.kind === 'document-sent' && e.summary.includes('837'))).toBe(true);
  // Each line where it happened: the 837 goes out once the exam is in submission, the 835 arrives before the patient owes.
  const at = (kind: string, text: string) => timeline.findIndex((e) => e.kind === kind && e.summary.includes(text));
  expect(at('document-sent', '837')).toBeGreaterThan(at('phase-changed', 'coding -> submission'));
  expect(at('document-received', '835')).toBeLessThan(at('phase-changed', 'adjudication -> patient_balance'));
  // The transitions were recorded without a round trip through the Temporal server: none is an activity in the history.
  const events = (await h.env.client.workflow.getHandle(`exam:${examId}`).fetchHistory()).events ?? [];
  expect(events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'recordTransition')).toHaveLength(0);
  expect(events.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity').length).toBeGreaterThanOrEqual(phases.length);
  // A new exam takes the workflow's patches under one marker: one patch marker and one search-attribute upsert, not one of each per patch.
  expect(events.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch')).toHaveLength(1);
  // The payment (a person waits on it) was answered by a workflow task that ran no local activity: the work it caused
  // (recording the transition, posting the payment) ran in the next task, after a 1-ms timer. The RIS's events were
  // answered with their transition's record.
  const answeringTask = (updateName: string) => {
    const accepted = events.findIndex((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === updateName);
    expect(accepted).toBeGreaterThan(0);
    let start = accepted;
    while (start > 0 && !events[start]!.workflowTaskCompletedEventAttributes) start -= 1;
    let end = accepted;
    while (end < events.length && !events[end]!.workflowTaskScheduledEventAttributes) end += 1;
    return events.slice(start, end);
  };
  const paymentTask = answeringTask('patientPayment');
  expect(paymentTask.some((e) => e.workflowExecutionUpdateCompletedEventAttributes)).toBe(true);
  expect(paymentTask.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity')).toHaveLength(0);
  expect(paymentTask.filter((e) => e.timerStartedEventAttributes)).toHaveLength(1);
  expect(answeringTask('performed').filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity').length).toBeGreaterThan(0);
  expect(events.filter((e) => e.upsertWorkflowSearchAttributesEventAttributes)).toHaveLength(1);
  expect(history.body.workflowId).toBe(`exam:${examId}`);
  const link = (history.body.runs as { temporalUiUrl: string | null }[])[0]!.temporalUiUrl;
  if (link !== null) expect(link).toContain(`/workflows/exam%3A${examId}/`);
  expect((await d.call('GET', `/v1/exams/${examId}/history`, 'biller')).status).toBe(403);
  await d.record(examId, 'happy-path');
});

test('eligibility inactive: a front-desk review task, resolved as self-pay, moves the exam on', async () => {
  const examId = await d.intake({ memberId: 'INACTIVE-001' });
  const task = await d.openTask(examId, 'eligibility-review');
  expect(task).toMatchObject({ queue: 'front_desk', priority: 'high', status: 'open', context: expect.objectContaining({ outcome: 'inactive' }) });
  expect((await d.resolve(task.taskId, 'coder', { action: 'self-pay' })).status).toBe(403);
  const res = await d.resolve(task.taskId, 'front_desk', { action: 'self-pay', note: 'patient will pay' });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ task: { status: 'resolved', resolutionAction: 'self-pay', resolvedBy: 'user-front_desk' }, exam: { phase: 'awaiting_exam' } });
  // Read right after the answer, the exam and the queue agree with it.
  expect(await d.exam(examId)).toMatchObject({ phase: 'awaiting_exam', live: false });
  const queue = await d.call('GET', `/v1/tasks?queue=front_desk&status=open&limit=100`, 'front_desk');
  expect((queue.body.tasks as { taskId: string }[]).map((t) => t.taskId)).not.toContain(task.taskId);
  // The same person's same resolution again (a retry) answers as the first did; any other is refused.
  const retried = await d.resolve(task.taskId, 'front_desk', { action: 'self-pay', note: 'patient will pay' });
  expect(retried.status).toBe(200);
  expect(retried.body).toEqual(res.body);
  expect((await d.resolve(task.taskId, 'front_desk', { action: 'cancel', reason: 'moved away' })).status).toBe(409);
  expect((await d.resolve(task.taskId, 'supervisor', { action: 'self-pay' })).status).toBe(409);
  const row = (await d.call('GET', `/v1/tasks/${task.taskId}`, 'front_desk')).body;
  expect(row).toMatchObject({ status: 'resolved', resolvedBy: 'user-front_desk' });
  await d.record(examId, 'eligibility-self-pay');
});

test('prior auth required: task, approved by staff, performed with another CPT opens a mismatch task', async () => {
  const examId = await d.intake({ payerId: 'medicare-advantage', memberId: 'MA-77001' });
  const task = await d.openTask(examId, 'prior-auth-obtain');
  expect(task.queue).toBe('front_desk');
  const bad = await d.resolve(task.taskId, 'front_desk', { action: 'approved', authNumber: 'A1', validFrom: '2026-12-31', validTo: '2026-01-01', cpts: ['72148'], units: 1 });
  expect(bad.status).toBe(422);
  expect(JSON.stringify(bad.body)).toContain('validTo');
  const today = new Date(await d.now()).toISOString().slice(0, 10);
  const validTo = new Date((await d.now()) + 60 * 86_400_000).toISOString().slice(0, 10);
  const ok = await d.resolve(task.taskId, 'front_desk', { action: 'approved', authNumber: 'AUTH-42', validFrom: today, validTo, cpts: ['72148'], units: 1 });
  expect(ok.status).toBe(200);
  expect(ok.body).toMatchObject({ exam: { phase: 'awaiting_exam' } });
  await d.performed(examId, { contrast: true, procedures: [{ cpt: '72149', units: 1 }] });
  const mismatch = await d.openTask(examId, 'prior-auth-mismatch');
  expect(mismatch.context).toMatchObject({ authNumber: 'AUTH-42' });
  // A final report does not release the charge while the authorization question is open.
  await d.report(examId);
  const held = await d.waitFor(examId, (e) => e.phase === 'coding', 'coding');
  expect(held.claims).toEqual([]);
  await d.record(examId, 'prior-auth-mismatch');
});

test('scrubber finding: a coding-review task for the coder, who corrects the diagnosis; the claim goes out', async () => {
  const examId = await d.intake({ diagnoses: ['J18.9'] });
  await d.waitPhase(examId, 'awaiting_exam');
  await d.performed(examId);
  await d.report(examId, { diagnoses: ['J18.9'] });
  const task = await d.openTask(examId, 'coding-review');
  expect(task.queue).toBe('coder');
  expect(task.context.findings).toContain('DX_NOT_SUPPORTED');
  const res = await d.resolve(task.taskId, 'coder', { action: 'correct', lines: [{ cpt: '72148', units: 1, modifiers: [], diagnosisPointers: [1] }], diagnoses: ['M54.16'] });
  expect(res.status).toBe(200);
  const billed = await d.waitPhase(examId, 'patient_balance');
  expect(billed.claims[0]).toMatchObject({ status: 'paid' });
  await d.record(examId, 'coding-review');
});

test('rejection: the biller fixes and resubmits, the new version is paid', async () => {
  const examId = await d.intake({ memberId: 'REJECT-9' });
  await d.waitPhase(examId, 'awaiting_exam');
  await d.performed(examId);
  await d.report(examId);
  const task = await d.openTask(examId, 'claim-rejected');
  expect(task).toMatchObject({ queue: 'biller', context: expect.objectContaining({ errorCodes: ['A7:164:IL'] }) });
  expect((await d.resolve(task.taskId, 'biller', { action: 'resubmit', corrections: ['subscriber id'] })).status).toBe(200);
  const paid = await d.waitPhase(examId, 'patient_balance');
  expect(paid.claims[0]).toMatchObject({ version: 2, status: 'paid' });
  await d.record(examId, 'rejection-resubmit');
});

test('denial: the biller appeals, the payer overturns and pays', async () => {
  const examId = await d.intake({ memberId: 'DENY50-1' });
  await d.waitPhase(examId, 'awaiting_exam');
  await d.performed(examId);
  await d.report(examId);
  const denied = await d.waitPhase(examId, 'appeal');
  expect(denied.claims[0]!.status).toBe('denied');
  const task = await d.openTask(examId, 'denial-work');
  expect(task.context).toMatchObject({ carc: '50', nextAppealLevel: 1 });
  expect((await d.resolve(task.taskId, 'biller', { action: 'appeal' })).status).toBe(200);
  const paid = await d.waitPhase(examId, 'patient_balance');
  expect(paid.claims[0]).toMatchObject({ status: 'paid', appealLevel: 1 });
  await d.record(examId, 'denial-appeal');
});

test('events: bad content is a 400/422 and never reaches the exam, duplicates are no-ops, a final report before performed waits', async () => {
  const examId = await d.intake();
  await d.waitPhase(examId, 'awaiting_exam');
  expect((await d.performed(examId, { procedures: [{ cpt: 'XYZ' }] })).status).toBe(400);
  expect((await d.report(examId, { status: 'addendum' })).status).toBe(409);
  const early = await d.report(examId);
  expect(early.body).toMatchObject({ outcome: 'applied', exam: { phase: 'awaiting_exam' } });
  const performedAt = new Date(await d.now()).toISOString();
  const first = await d.performed(examId, { performedAt, eventId: 'RIS-1' });
  expect(first.status).toBe(200);
  // The same event again (a retry) returns the first answer; the exam applied it once.
  const again = await d.performed(examId, { performedAt, eventId: 'RIS-1' });
  expect(again.body).toEqual(first.body);
  const conflicting = await d.performed(examId, { eventId: 'RIS-2', procedures: [{ cpt: '70551', units: 1 }] });
  expect(conflicting.status).toBe(409);
  await d.waitFor(examId, (e) => ['submission', 'adjudication', 'patient_balance'].includes(e.phase), 'billed');
  expect((await d.call('POST', '/v1/exams/ex_00000000000000000000/performed', 'integration', { performedAt: '2026-11-22T10:00:00Z', placeOfService: '11', procedures: [{ cpt: '72148' }] })).status).toBe(404);
});

test('cancel in several phases; a cancelled exam refuses further events', async () => {
  const before = await d.intake();
  await d.waitPhase(before, 'awaiting_exam');
  const c1 = await d.call('POST', `/v1/exams/${before}/cancel`, 'front_desk', { reason: 'patient declined' });
  expect(c1.body).toMatchObject({ phase: 'cancelled', nextTimers: [] });

  const inReport = await d.intake();
  await d.waitPhase(inReport, 'awaiting_exam');
  await d.performed(inReport);
  await d.waitPhase(inReport, 'awaiting_report');
  expect((await d.call('POST', `/v1/exams/${inReport}/cancel`, 'supervisor', { reason: 'duplicate order' })).status).toBe(200);
  expect((await d.report(inReport)).status).toBe(409);
  expect((await d.call('POST', `/v1/exams/${inReport}/cancel`, 'supervisor', { reason: 'again' })).status).toBe(409);

  const withTask = await d.intake({ memberId: 'INACTIVE-7' });
  const task = await d.openTask(withTask, 'eligibility-review');
  expect((await d.resolve(task.taskId, 'front_desk', { action: 'cancel', reason: 'no coverage' })).body).toMatchObject({ exam: { phase: 'cancelled' } });
  // The resolution answers once applied; the work queue follows when the exam has recorded it.
  await d.waitPhase(withTask, 'cancelled');
  const closedTasks = await d.tasks(withTask);
  expect(closedTasks.every((t) => t.status !== 'open')).toBe(true);
  await d.record(inReport, 'cancel-awaiting-report');
});

/**
 * The worker caps V8's stack depth for workflow code (WORKFLOW_STACK_FRAMES, default 4): the SDK records a stack for
 * every promise a workflow creates, which at V8's default of 10 frames took about a quarter of the workflow thread.
 * What an operator sees is the exam's `__stack_trace` query (the Web UI's stack trace): shorter, still naming where
 * the exam waits. At 10 frames the same exam shows stacks 6 and 7 frames deep.
 */
test('an exam waiting for its performed event: its stack trace is at most 4 frames deep and names the exam code it waits in', async () => {
  expect(h.config.temporal.workflowStackFrames).toBe(4);
  const examId = await d.intake();
  await d.waitPhase(examId, 'awaiting_exam');
  const trace = await h.env.client.workflow.getHandle(examWorkflowId(examId)).query<string>('__stack_trace');
  const stacks = trace.split(/\n\s*\n/).filter((s) => s.trim() !== '');
  expect(stacks.length).toBeGreaterThan(0);
  const depths = stacks.map((s) => s.split('\n').filter((line) => /^\s*at /.test(line)).length);
  expect(Math.max(...depths)).toBeLessThanOrEqual(4);
  expect(trace).toMatch(/at \w+ \(.*workflows\/exam\/workflow\.ts:\d+:\d+\)/);
});
