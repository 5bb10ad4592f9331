import type { UpdateDefinition } from '@temporalio/client';
import { ExamIntakeSchema } from '../../workflows/exam/intake';
import { examStatusQuery, performedUpdate, reportUpdate } from '../../workflows/exam/messages';
import { examWorkflow } from '../../workflows';
import { examWorkflowId } from '../../workflows/names';
import { claimAccessionNumber } from '../../db/repositories/exams';
import { REPLAY_CONFIG } from '../replay/replay-key';
import { type ApiHarness } from '../support/api-harness';
import { ExamDriver } from '../support/exam-driver';
import { sampleIntake } from '../support/intake-fixture';
import { startApiHarnessOnOwnServer } from '../support/own-test-server';

let h: ApiHarness;
let d: ExamDriver;
beforeAll(async () => {
  h = await startApiHarnessOnOwnServer(REPLAY_CONFIG);
  d = new ExamDriver(h);
}, 120_000);
afterAll(async () => h?.close());

async function billedAndAccepted(memberId: string): Promise<string> {
  const examId = await d.intake({ memberId });
  await d.waitPhase(examId, 'awaiting_exam');
  await d.performed(examId);
  await d.report(examId);
  return examId;
}

test('report never signed: reminders at 24 h and 72 h open a task, escalated as the filing deadline nears', async () => {
  const examId = await d.intake();
  await d.waitPhase(examId, 'awaiting_exam');
  await d.performed(examId);
  await d.waitPhase(examId, 'awaiting_report');
  await d.sleep('25 hours');
  expect((await d.tasks(examId, 'open')).map((t) => t.type)).toEqual([]);
  await d.sleep('48 hours');
  const task = await d.openTask(examId, 'report-signature-overdue');
  expect(task).toMatchObject({ queue: 'front_desk', escalated: false });
  // Medicare files within 365 days; the escalation comes policy days before that.
  await d.sleep('340 days');
  const escalated = await d.waitFor(examId, (e) => e.escalated, 'escalated');
  expect(escalated.openTasks.find((t) => t.type === 'report-signature-overdue')).toMatchObject({ escalated: true, priority: 'urgent' });
  await d.record(examId, 'report-unsigned');
});

test('no 835: a follow-up at 30 days, another at 45; at 91 days one ar-escalation for the supervisors, raised again at 120', async () => {
  const examId = await billedAndAccepted('NORESP-3');
  await d.waitPhase(examId, 'adjudication');
  await d.sleep('31 days');
  const followUp = await d.openTask(examId, 'claim-follow-up');
  expect(followUp).toMatchObject({ queue: 'biller', context: expect.objectContaining({ reason: 'no-remittance' }) });
  expect((await d.resolve(followUp.taskId, 'biller', { action: 'awaiting-payment', reference: 'CALL-1' })).status).toBe(200);
  await d.sleep('15 days');
  const second = await d.openTask(examId, 'claim-follow-up');
  expect(second.taskId).not.toBe(followUp.taskId);
  await d.sleep('45 days');
  const escalation = await d.openTask(examId, 'ar-escalation');
  expect(escalation).toMatchObject({ queue: 'supervisor', priority: 'high', escalated: true });
  const exam = await d.waitFor(examId, (e) => e.escalated, 'escalated');
  expect(exam.escalated).toBe(true);
  await d.sleep('2 days');
  const all = await d.tasks(examId);
  expect(all.filter((t) => t.type === 'ar-escalation')).toHaveLength(1);
  await d.sleep('30 days');
  const raised = await d.waitFor(examId, (e) => e.openTasks.some((t) => t.type === 'ar-escalation' && t.priority === 'urgent'), 'second escalation');
  expect(raised.openTasks.filter((t) => t.type === 'ar-escalation')).toHaveLength(1);
  expect((await d.resolve(escalation.taskId, 'supervisor', { action: 'acknowledge', plan: 'call the payer rep' })).status).toBe(200);
  await d.record(examId, 'no-remittance-escalation');
});

test('patient balance: statements every 30 days until the patient pays, then closed', async () => {
  const examId = await billedAndAccepted('1EG4TE5MK73');
  const billed = await d.waitPhase(examId, 'patient_balance');
  const owed = billed.balances.patientCents!;
  expect(billed.nextTimers.map((t) => t.kind).sort()).toEqual(['collections-review', 'statement-cycle']);
  await d.sleep('31 days');
  await d.sleep('30 days');
  const history = await d.call('GET', `/v1/exams/${examId}/history`, 'supervisor');
  const statements = (history.body.timeline as { summary: string }[]).filter((e) => e.summary.startsWith('send-statement'));
  expect(statements.map((s) => s.summary)).toEqual(['send-statement: statement 1', 'send-statement: statement 2', 'send-statement: statement 3']);
  const paid = await d.pay(examId, owed - 1000, 'CHK-1');
  expect(paid.status).toBe(200);
  // A retry returns the first answer; the payment is posted once.
  expect((await d.pay(examId, owed - 1000, 'CHK-1')).body).toEqual(paid.body);
  expect((await d.exam(examId)).phase).toBe('patient_balance');
  await d.pay(examId, 1000, 'CHK-2');
  await d.waitPhase(examId, 'closed');
  await d.record(examId, 'patient-balance');
});

test('continue-as-new mid-lifecycle: the exam keeps its tasks, timers and phase, and the timeline spans both runs', async () => {
  const intake = ExamIntakeSchema.parse(sampleIntake({ coverages: [{ payerId: 'medicare-b', memberId: 'NORESP-8', relationship: 'self', order: 'primary' }] }));
  intake.order.scheduledAt = new Date((await d.now()) + 2 * 86_400_000).toISOString();
  const claim = await claimAccessionNumber(h.database.db, { accessionNumber: intake.accessionNumber, examId: `ex_${'c'.repeat(8)}${Date.now().toString(36).padStart(12, '0').slice(-12)}`, bodySha256: 'x' });
  const examId = claim.examId;
  const handle = await h.env.client.workflow.start(examWorkflow, {
    workflowId: examWorkflowId(examId),
    taskQueue: h.config.temporal.taskQueue,
    args: [{ examId, intake, receivedAt: new Date(await d.now()).toISOString(), options: { continueAsNewAfterEvents: 8 } }],
  });
  const firstRun = handle.firstExecutionRunId;
  await d.waitPhase(examId, 'awaiting_exam');
  // Delivered as the API does: one update id per event, asked again of the latest run when no answer comes in time
  // (an update that meets the run as it continues as new is taken by the next run; the exam dedupes the event).
  const deliver = async <A>(update: UpdateDefinition<unknown, [A]>, arg: A, updateId: string) => {
    for (let attempt = 1; ; attempt += 1) {
      const call = h.env.client.workflow.getHandle(examWorkflowId(examId)).executeUpdate(update, { args: [arg], updateId });
      const answered = await Promise.race([call.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 10_000))]);
      if (answered) return;
      call.catch(() => undefined);
      if (attempt === 5) throw new Error(`no answer to ${update.name}`);
    }
  };
  await deliver(performedUpdate, { event: { performedAt: new Date(await d.now()).toISOString(), placeOfService: '11', contrast: false, procedures: [{ cpt: '72148', units: 1, modifiers: [], laterality: null }] }, sentBy: 'ris' }, `performed-${examId}`);
  await deliver(reportUpdate, { event: { status: 'final', signedAt: new Date(await d.now()).toISOString(), radiologistNpi: '1234567893', diagnoses: ['M54.16'] }, sentBy: 'ris' }, `report-${examId}`);
  await d.waitPhase(examId, 'adjudication');
  await d.sleep('31 days');
  await d.openTask(examId, 'claim-follow-up');
  const status = await h.env.client.workflow.getHandle(examWorkflowId(examId)).query(examStatusQuery);
  expect(status.run).toBeGreaterThan(1);
  expect(status.openTasks.map((t) => t.type)).toContain('claim-follow-up');
  expect(status.nextTimers.map((t) => t.kind)).toEqual(expect.arrayContaining(['status-inquiry', 'ar-escalation']));
  const history = await d.call('GET', `/v1/exams/${examId}/history`, 'supervisor');
  const runs = history.body.runs as { runId: string }[];
  expect(runs.length).toBeGreaterThan(1);
  expect(runs[0]!.runId).toBe(firstRun);
  const kinds = (history.body.timeline as { kind: string }[]).map((e) => e.kind);
  expect(kinds).toContain('continued-as-new');
  await d.record(examId, 'continue-as-new-latest');
});
