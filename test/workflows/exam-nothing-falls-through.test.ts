import { ApplicationFailure } from '@temporalio/common';
import type { ClaimChannel } from '../../activities';
import { createClaimActivities } from '../../activities/claims';
import { claimAccessionNumber } from '../../db/repositories/exams';
import { examWorkflow } from '../../workflows';
import { ExamIntakeSchema } from '../../workflows/exam/intake';
import { examStatusQuery } from '../../workflows/exam/messages';
import { examWorkflowId } from '../../workflows/names';
import { REPLAY_CONFIG } from '../replay/replay-key';
import { type ApiHarness } from '../support/api-harness';
import { ExamDriver } from '../support/exam-driver';
import { sampleIntake } from '../support/intake-fixture';
import { startApiHarnessOnOwnServer } from '../support/own-test-server';

const DAY = 86_400_000;

/**
 * The payer edge for these tests: the real claim submission, except for the claims a test marks as not
 * buildable (as the 837 builder refuses a delimiter in a registration field) until the test fixes them.
 */
const unbuildable = new Set<string>();

let h: ApiHarness;
let d: ExamDriver;
beforeAll(async () => {
  h = await startApiHarnessOnOwnServer(REPLAY_CONFIG, {
    claims: (db, temporal, config): ClaimChannel => {
      const real = createClaimActivities({ db, temporal, config });
      return {
        async submitClaim(input) {
          if (unbuildable.has(input.examId)) {
            throw ApplicationFailure.create({
              type: 'ClaimValidationFailed',
              message: 'the 837P failed validation with 1 error(s)',
              details: [{ findings: [{ code: 'DELIMITER_IN_VALUE', severity: 'error', loop: '2010BA', segment: 'N3', element: 'N301', message: 'N301 contains a delimiter character', fix: 'remove the characters' }] }],
              nonRetryable: true,
            });
          }
          return real.submitClaim(input);
        },
        submitAppeal: (input) => real.submitAppeal(input),
      };
    },
  });
  d = new ExamDriver(h);
}, 120_000);
afterAll(async () => h?.close());

async function intake(body: ReturnType<typeof sampleIntake>): Promise<string> {
  const res = await d.call('POST', '/v1/exams', 'integration', body);
  if (res.status !== 201) throw new Error(`intake failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.examId as string;
}

test('a past-dated order waits in awaiting_exam; days after its intake the front desk is asked, nothing is cancelled', async () => {
  const now = await d.now();
  const base = sampleIntake();
  // An interface backlog replayed after an outage: scheduled ten days before it arrived.
  const examId = await intake(sampleIntake({ order: { ...base.order, scheduledAt: new Date(now - 10 * DAY).toISOString() } }));
  const waiting = await d.waitPhase(examId, 'awaiting_exam');
  expect(waiting.status).toBe('open');
  expect(waiting.openTasks).toEqual([]);
  expect(waiting.nextTimers.map((t) => t.kind)).toContain('no-show');

  await d.sleep('3 days');
  const review = await d.openTask(examId, 'no-show-review');
  expect(review).toMatchObject({ queue: 'front_desk', context: expect.objectContaining({ reason: 'not-performed' }) });
  const exam = await d.exam(examId);
  expect(exam).toMatchObject({ phase: 'awaiting_exam', status: 'open' });

  // The RIS's performed event is still taken, and answers the question.
  const performed = await d.performed(examId);
  expect(performed.status).toBe(200);
  await d.waitPhase(examId, 'awaiting_report');
  const closed = (await d.tasks(examId)).find((t) => t.taskId === review.taskId);
  expect(closed?.status).not.toBe('open');
  await d.record(examId, 'no-show-review-performed');
});

test('the front desk reschedules a missed exam: it waits for the new date', async () => {
  const examId = await d.intake();
  await d.waitPhase(examId, 'awaiting_exam');
  await d.sleep('5 days');
  const review = await d.openTask(examId, 'no-show-review');
  const scheduledAt = new Date((await d.now()) + 7 * DAY).toISOString();
  const res = await d.resolve(review.taskId, 'front_desk', { action: 'reschedule', scheduledAt });
  expect(res.status).toBe(200);
  const exam = await d.waitFor(examId, (e) => e.openTasks.length === 0, 'review resolved');
  expect(exam).toMatchObject({ phase: 'awaiting_exam', status: 'open' });
  expect(exam.nextTimers.find((t) => t.kind === 'no-show')!.dueAt > scheduledAt).toBe(true);
});

test('a professional-only code (77071) in a technical arrangement: a coding review with the reason, no claim sent', async () => {
  const base = sampleIntake();
  const scheduledAt = new Date((await d.now()) + 2 * DAY).toISOString();
  const examId = await intake(sampleIntake({
    facility: { ...base.facility, billingArrangement: 'technical' },
    order: { ...base.order, modality: 'DX', procedures: [{ cpt: '77071' }], scheduledAt },
  }));
  await d.waitPhase(examId, 'awaiting_exam');
  expect((await d.performed(examId, { procedures: [{ cpt: '77071', units: 1 }] })).status).toBe(200);
  expect((await d.report(examId)).status).toBe(200);
  const review = await d.openTask(examId, 'coding-review');
  expect(review).toMatchObject({ queue: 'coder', context: expect.objectContaining({ reason: 'nothing-billable', components: ['technical'] }) });
  const exam = await d.exam(examId);
  expect(exam).toMatchObject({ phase: 'coding', status: 'open', claims: [] });

  // The coder confirms there is nothing the center bills: the exam closes, nothing was sent.
  expect((await d.resolve(review.taskId, 'coder', { action: 'accept' })).status).toBe(200);
  const closed = await d.waitPhase(examId, 'closed');
  expect(closed.claims).toEqual([]);
  await d.record(examId, 'nothing-billable-coding-review');
});

test('a claim that cannot be built: the exam keeps running with a claim-build-error for the biller; retry after the fix submits it', async () => {
  const examId = await d.intake();
  unbuildable.add(examId);
  await d.waitPhase(examId, 'awaiting_exam');
  await d.performed(examId);
  // The report is answered as soon as the exam applied it (coding and billing follow in the exam's own time).
  const reported = await d.report(examId);
  expect(reported).toMatchObject({ status: 200, body: { outcome: 'applied', exam: { phase: 'coding' } } });
  const task = await d.openTask(examId, 'claim-build-error');
  expect(task).toMatchObject({
    queue: 'biller',
    claimId: `${examId}-G`,
    context: expect.objectContaining({ work: 'submit-claim', errorType: 'ClaimValidationFailed', details: ['DELIMITER_IN_VALUE@2010BA/N3/N301'], version: 1 }),
  });
  const stuck = await d.exam(examId);
  expect(stuck).toMatchObject({ phase: 'submission', status: 'open' });
  // Nothing was sent: no acknowledgment is awaited, so no follow-up about a missing 999 comes on top.
  expect(stuck.nextTimers.map((t) => t.kind)).not.toContain('ack-999');
  expect((await d.call('GET', `/v1/claims?examId=${examId}`, 'biller')).body).toMatchObject({ items: [] });

  // The registration is corrected; the biller retries: the same claim version goes out and the payer answers.
  unbuildable.delete(examId);
  expect((await d.resolve(task.taskId, 'biller', { action: 'retry' })).status).toBe(200);
  const billed = await d.waitFor(examId, (e) => e.claims.some((c) => c.status === 'accepted' || c.status === 'paid'), 'claim accepted after retry');
  expect(billed.claims).toEqual([expect.objectContaining({ claimId: `${examId}-G`, version: 1 })]);
  const sent = (await d.call('GET', `/v1/claims?examId=${examId}`, 'biller')).body.items as { claimId: string }[];
  expect(sent.map((c) => c.claimId)).toEqual([`${examId}-G`]);
  await d.record(examId, 'claim-build-error-retry');
});

test('an intake the exam records cannot store (a NUL in a name): an interface-error for the front desk, never retried forever', async () => {
  const intake = ExamIntakeSchema.parse(sampleIntake());
  intake.patient.lastName = 'Love\u0000lace';
  intake.order.scheduledAt = new Date((await d.now()) + 2 * DAY).toISOString();
  const examId = `ex_${'n'.repeat(8)}${Date.now().toString(36).padStart(12, '0').slice(-12)}`;
  await claimAccessionNumber(h.database.db, { accessionNumber: intake.accessionNumber, examId, bodySha256: 'x' });
  // Started as the API starts it (the door's own checks are another matter): the first activity fails for good.
  const handle = await h.env.client.workflow.start(examWorkflow, {
    workflowId: examWorkflowId(examId),
    taskQueue: h.config.temporal.taskQueue,
    args: [{ examId, intake, receivedAt: new Date(await d.now()).toISOString() }],
  });
  const task = await d.openTask(examId, 'interface-error');
  expect(task).toMatchObject({ queue: 'front_desk', context: expect.objectContaining({ work: 'record-intake', errorType: 'InvalidExamData', details: ['SQLSTATE-22P05'] }) });
  expect(JSON.stringify(task.context)).not.toContain('Love');
  const status = await handle.query(examStatusQuery);
  expect(status).toMatchObject({ phase: 'intake', status: 'open' });
  expect((await handle.describe()).status.name).toBe('RUNNING');

  expect((await d.resolve(task.taskId, 'front_desk', { action: 'cancel', reason: 'order re-sent with a clean name' })).status).toBe(200);
  await d.waitFor(examId, (e) => e.phase === 'cancelled', 'cancelled');
  await d.record(examId, 'intake-interface-error-cancelled');
});
