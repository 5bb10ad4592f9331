import { applyEvent, isStalled, pendingWork, startExam, type ExamState } from '../../../domain/lifecycle';
import { ev, finalReport, newExam, performed, Run, T0, toAwaitingExam, toSubmission } from './exam-fixtures';

const failure = { type: 'ClaimDataMissing', message: 'the payer has no X12 payer id (self-pay or unknown payer)', details: ['NM1*PR'] };

describe('no-show is a question', () => {
  it('a past-dated order is measured from its intake, not its scheduled date', () => {
    // Scheduled five days before it was received (an interface backlog): missed only N days after intake.
    const run = toAwaitingExam(new Run(newExam('commercial-a', { scheduledAt: '2026-11-15T14:00:00.000Z', receivedAt: '2026-11-20T09:00:00.000Z' })));
    expect(run.timer('no-show').dueAt).toBe('2026-11-22T09:00:00.000Z');
    run.fire('no-show');
    expect(run.state.phase).toBe('awaiting_exam');
    expect(run.openTask('no-show-review').queue).toBe('front_desk');
  });

  it('the performed event closes the review and the exam goes on', () => {
    const run = toAwaitingExam(new Run(newExam()));
    run.fire('no-show');
    run.apply(performed(), '2026-11-28T10:00:00.000Z');
    expect(run.state.phase).toBe('awaiting_report');
    expect(run.state.tasks.find((t) => t.type === 'no-show-review')).toMatchObject({ status: 'superseded' });
  });

  it('performed: the RIS event is awaited and asked about again if it never comes', () => {
    const run = toAwaitingExam(new Run(newExam()));
    run.fire('no-show');
    run.resolve('no-show-review', { action: 'performed' }, '2026-11-28T10:00:00.000Z');
    expect(run.state.phase).toBe('awaiting_exam');
    expect(run.timer('no-show').dueAt).toBe('2026-11-30T10:00:00.000Z');
    run.fire('no-show');
    expect(run.openTask('no-show-review')).toBeDefined();
  });

  it('reschedule waits for the new date; cancel cancels with the reason', () => {
    const run = toAwaitingExam(new Run(newExam()));
    run.fire('no-show');
    run.resolve('no-show-review', { action: 'reschedule', scheduledAt: '2026-12-05T14:00:00Z' }, '2026-11-28T10:00:00.000Z');
    expect(run.state.order.scheduledAt).toBe('2026-12-05T14:00:00Z');
    expect(run.timer('no-show').dueAt).toBe('2026-12-07T14:00:00.000Z');
    run.fire('no-show');
    run.resolve('no-show-review', { action: 'cancel', reason: 'patient moved away' }, '2026-12-08T10:00:00.000Z');
    expect(run.state).toMatchObject({ phase: 'cancelled', cancelReason: 'patient moved away' });
  });
});

describe('nothing billable is a review', () => {
  function toCoding(arrangement: 'technical' | 'split'): Run {
    const run = new Run(newExam('commercial-a', { billingArrangement: arrangement, modality: 'MG', procedures: [{ cpt: '77071' }] }));
    run.apply(ev({ type: 'intake-validated', problems: [] }));
    run.apply(ev({ type: 'eligibility-result', outcome: 'active', reasons: [], checkedForDate: '2026-11-25' }));
    run.apply(ev({ type: 'prior-auth-decision', decision: 'not-required' }));
    run.apply(performed('77071'), '2026-11-25T15:00:00.000Z');
    run.apply(finalReport(), '2026-11-26T10:00:00.000Z');
    return run;
  }

  it('a professional-only code in a technical arrangement opens coding-review with the reason, and no claim', () => {
    const run = toCoding('technical');
    run.apply(ev({ type: 'coding-completed', findings: [], totalChargeCents: 0, billable: [] }), '2026-11-26T11:00:00.000Z');
    expect(run.state.phase).toBe('coding');
    expect(run.state.claims).toEqual([]);
    expect(run.openTask('coding-review')).toMatchObject({ queue: 'coder', context: expect.objectContaining({ reason: 'nothing-billable', components: ['technical'] }) });
    // The coder accepts that there is nothing to bill: the exam closes, nothing sent.
    run.resolve('coding-review', { action: 'accept' }, '2026-11-27T10:00:00.000Z');
    expect(run.state.phase).toBe('closed');
    expect(run.last.effects.filter((e) => e.type === 'submit-claim')).toEqual([]);
  });

  it('a split arrangement bills the component that has lines once the coder accepts', () => {
    const run = toCoding('split');
    run.apply(ev({ type: 'coding-completed', findings: [], totalChargeCents: 5_000, billable: ['professional'] }), '2026-11-26T11:00:00.000Z');
    expect(run.openTask('coding-review').context).toMatchObject({ reason: 'nothing-billable', components: ['technical'] });
    run.resolve('coding-review', { action: 'accept' }, '2026-11-27T10:00:00.000Z');
    expect(run.state.claims.map((c) => c.claimId)).toEqual(['ex1-P']);
    expect(run.state.phase).toBe('submission');
  });

  it('a correction bills what the coder coded', () => {
    const run = toCoding('technical');
    run.apply(ev({ type: 'coding-completed', findings: [], totalChargeCents: 0, billable: [] }), '2026-11-26T11:00:00.000Z');
    run.resolve('coding-review', { action: 'correct', lines: [{ cpt: '77067', units: 1, modifiers: ['TC'], diagnosisPointers: [1] }], diagnoses: ['Z12.31'] }, '2026-11-27T10:00:00.000Z');
    expect(run.state.claims.map((c) => c.claimId)).toEqual(['ex1-T']);
  });
});

describe('failed work becomes a task in the queue that can fix it', () => {
  it('a claim that cannot be sent: claim-build-error for the biller with the failure; retry sends the same version', () => {
    const run = toSubmission(new Run(newExam()));
    run.apply(ev({ type: 'work-failed', effect: { type: 'submit-claim', claimId: 'ex1-G', version: 1, idempotencyKey: 'ex1-G:v1' }, failure }), '2026-11-26T11:05:00.000Z');
    expect(run.state.phase).toBe('submission');
    expect(run.openTask('claim-build-error')).toMatchObject({
      queue: 'biller',
      claimId: 'ex1-G',
      context: expect.objectContaining({ work: 'submit-claim', errorType: 'ClaimDataMissing', message: failure.message, details: ['NM1*PR'], version: 1 }),
    });
    // Not sent: no acknowledgment is awaited (no follow-up task about a missing 999 on top).
    expect(run.state.timers.filter((t) => t.kind === 'ack-999')).toEqual([]);
    run.resolve('claim-build-error', { action: 'retry' }, '2026-11-27T10:00:00.000Z');
    expect(run.effects('submit-claim')).toEqual([{ type: 'submit-claim', claimId: 'ex1-G', version: 1, idempotencyKey: 'ex1-G:v1' }]);
    expect(run.timer('ack-999', 'ex1-G')).toBeDefined();
    expect(run.state.failedWork).toEqual([]);
  });

  it('write-off request goes to the supervisor; a rejected one brings the error back to the biller', () => {
    const run = toSubmission(new Run(newExam()));
    run.apply(ev({ type: 'work-failed', effect: { type: 'submit-claim', claimId: 'ex1-G', version: 1, idempotencyKey: 'ex1-G:v1' }, failure }));
    run.resolve('claim-build-error', { action: 'write-off-request', reason: 'payer will not take it' });
    run.resolve('write-off-approval', { action: 'reject' });
    run.resolve('claim-build-error', { action: 'retry' });
    expect(run.effects('submit-claim')).toHaveLength(1);
  });

  it('an intake that cannot be recorded: interface-error for the front desk; retry records and validates again', () => {
    const start = startExam(newExam()).state;
    const run = new Run(start);
    run.apply(ev({ type: 'work-failed', effect: { type: 'record-intake' }, failure: { type: 'InvalidExamData', message: 'the order could not be stored', details: ['22P05'] } }));
    expect(run.state.phase).toBe('intake');
    expect(run.openTask('interface-error')).toMatchObject({ queue: 'front_desk', context: expect.objectContaining({ work: 'record-intake', errorType: 'InvalidExamData' }) });
    expect(pendingWork(run.state).awaiting).toEqual([]);
    run.resolve('interface-error', { action: 'retry' });
    expect(run.last.effects.map((e) => e.type)).toEqual(['close-task', 'record-intake', 'validate-intake']);
    expect(pendingWork(run.state).awaiting).toEqual(['validate-intake']);
  });

  it('cancel from an interface error cancels the exam', () => {
    const run = new Run(startExam(newExam()).state);
    run.apply(ev({ type: 'work-failed', effect: { type: 'request-eligibility' }, failure }));
    run.resolve('interface-error', { action: 'cancel', reason: 'order sent in error' });
    expect(run.state.phase).toBe('cancelled');
  });
});

describe('the invariant is structural', () => {
  /** An exam in awaiting_report whose timers were lost (e.g. carried from a run with a defect). */
  function stalledState(): ExamState {
    const run = toAwaitingExam(new Run(newExam()));
    run.apply(performed(), '2026-11-25T15:00:00.000Z');
    return { ...run.state, timers: [] };
  }

  it('a transition that leaves an open exam waiting on nothing opens stalled-exam for the supervisor with what it saw', () => {
    const t = applyEvent(stalledState(), ev({ type: 'patient-payment', paymentId: 'P1', amountCents: 1_000 }), T0);
    expect(t.outcome).toBe('applied');
    expect(isStalled(t.state)).toBe(false);
    const task = t.state.tasks.find((x) => x.type === 'stalled-exam' && x.status === 'open');
    expect(task).toMatchObject({ queue: 'supervisor', priority: 'urgent', context: expect.objectContaining({ phase: 'awaiting_report', lastEvent: 'patient-payment' }) });
  });

  it('acknowledged, the exam is checked again later; still stalled, it is raised again', () => {
    const run = new Run(applyEvent(stalledState(), ev({ type: 'patient-payment', paymentId: 'P1', amountCents: 1_000 }), T0).state);
    run.resolve('stalled-exam', { action: 'acknowledge', plan: 'ask the RIS team' });
    expect(run.state.tasks.filter((x) => x.type === 'stalled-exam' && x.status === 'open')).toEqual([]);
    run.fire('stalled-recheck');
    expect(run.openTask('stalled-exam')).toBeDefined();
  });

  it('histories written before the check replay without it', () => {
    const t = applyEvent(stalledState(), ev({ type: 'patient-payment', paymentId: 'P1', amountCents: 1_000 }), T0, { isPatched: () => false });
    expect(t.state.tasks.filter((x) => x.type === 'stalled-exam')).toEqual([]);
  });
});
