import { applyEvent, parseTaskResolution, patientBalanceCents, resolutionActions, TASK_DEFINITIONS, TaskTypeSchema } from '../../../domain/lifecycle';
import { ev, finalReport, newExam, performed, Run, T0, toAdjudication, toAwaitingExam, toSubmission } from './exam-fixtures';

describe('happy path', () => {
  it('intake -> ... -> closed, with the timers and claims a biller expects', () => {
    const run = toAdjudication(new Run(newExam('commercial-a')));
    expect(run.state.phase).toBe('adjudication');
    expect(run.state.claims).toEqual([expect.objectContaining({ claimId: 'ex1-G', status: 'accepted', version: 1 })]);
    // 30 days after acceptance without an 835: status inquiry; 90 days after submission: A/R escalation.
    expect(run.timer('status-inquiry', 'ex1-G').dueAt).toBe('2026-12-27T12:00:00.000Z');
    expect(run.timer('ar-escalation', 'ex1-G').dueAt).toBe('2027-02-24T11:00:00.000Z');
    run.apply(ev({ type: 'remittance', remittanceId: 'R1', claimId: 'ex1-G', status: 'paid', paidCents: 40_000, patientResponsibilityCents: 10_000 }));
    expect(run.state.phase).toBe('patient_balance');
    expect(run.effects('send-statement')).toEqual([{ type: 'send-statement', sequence: 1 }]);
    expect(patientBalanceCents(run.state)).toBe(10_000);
    run.apply(ev({ type: 'patient-payment', paymentId: 'P1', amountCents: 10_000 }));
    expect(run.state.phase).toBe('closed');
    expect(run.state.timers).toEqual([]);
    expect(run.state.tasks.filter((t) => t.status === 'open')).toEqual([]);
  });

  it('submits the claim once per version with the claim id + version as idempotency key', () => {
    const run = toSubmission(new Run(newExam()));
    expect(run.effects('submit-claim')).toEqual([{ type: 'submit-claim', claimId: 'ex1-G', version: 1, idempotencyKey: 'ex1-G:v1' }]);
    expect(run.timer('ack-999', 'ex1-G').dueAt).toBe('2026-11-28T11:00:00.000Z');
  });

  it('a split arrangement creates a technical and a professional claim', () => {
    const run = toSubmission(new Run(newExam('commercial-a', { billingArrangement: 'split' })));
    expect(run.state.claims.map((c) => [c.claimId, c.component])).toEqual([
      ['ex1-T', 'technical'],
      ['ex1-P', 'professional'],
    ]);
  });

  it('Medicare Part B skips nothing but needs no authorization; a small balance is written off', () => {
    const run = new Run(newExam('medicare-b'));
    run.apply(ev({ type: 'intake-validated', problems: [] }));
    run.apply(ev({ type: 'eligibility-result', outcome: 'active', reasons: [], checkedForDate: '2026-11-25' }));
    run.apply(ev({ type: 'prior-auth-decision', decision: 'not-required' }));
    run.apply(performed());
    expect(run.state.tasks).toEqual([]);
    run.apply(finalReport());
    run.apply(ev({ type: 'coding-completed', findings: [], totalChargeCents: 100_000 }));
    run.apply(ev({ type: 'remittance', remittanceId: 'R1', claimId: 'ex1-G', status: 'paid', paidCents: 20_000, patientResponsibilityCents: 400 }));
    expect(run.state.phase).toBe('closed');
    expect(run.effects('write-off')).toEqual([{ type: 'write-off', scope: 'patient-balance', claimId: null, reason: 'small-balance' }]);
  });

  it('self-pay skips eligibility and authorization and bills the patient the charge', () => {
    const run = new Run(newExam('self-pay'));
    run.apply(ev({ type: 'intake-validated', problems: [] }));
    expect(run.state.phase).toBe('awaiting_exam');
    run.apply(performed());
    run.apply(finalReport());
    run.apply(ev({ type: 'coding-completed', findings: [], totalChargeCents: 45_000 }));
    expect(run.state.phase).toBe('patient_balance');
    expect(run.state.claims).toEqual([]);
    expect(patientBalanceCents(run.state)).toBe(45_000);
  });
});

describe('human tasks', () => {
  it('registration problems open registration-fix for the front desk, due before the exam', () => {
    const run = new Run(newExam());
    run.apply(ev({ type: 'intake-validated', problems: ['patient.birthDate'] }));
    const task = run.openTask('registration-fix');
    expect(task).toMatchObject({ queue: 'front_desk', priority: 'high', dueAt: '2026-11-21T09:00:00.000Z' });
    run.resolve('registration-fix', { action: 'corrected' });
    expect(run.effects('validate-intake')).toHaveLength(1);
  });

  it.each(['inactive', 'not-found', 'mismatch', 'payer-unavailable'] as const)('eligibility %s opens eligibility-review', (outcome) => {
    const run = new Run(newExam());
    run.apply(ev({ type: 'intake-validated', problems: [] }));
    run.apply(ev({ type: 'eligibility-result', outcome, reasons: ['x'], checkedForDate: '2026-11-25' }));
    expect(run.state.phase).toBe('eligibility');
    expect(run.openTask('eligibility-review').context).toMatchObject({ outcome });
  });

  it('eligibility-review: self-pay goes straight to awaiting the exam', () => {
    const run = new Run(newExam());
    run.apply(ev({ type: 'intake-validated', problems: [] }));
    run.apply(ev({ type: 'eligibility-result', outcome: 'inactive', reasons: [], checkedForDate: '2026-11-25' }));
    run.resolve('eligibility-review', { action: 'self-pay', note: 'patient agreed' });
    expect(run.state.phase).toBe('awaiting_exam');
    expect(run.state.flags.selfPay).toBe(true);
  });

  it('eligibility-review: update-coverage re-runs the 270', () => {
    const run = new Run(newExam());
    run.apply(ev({ type: 'intake-validated', problems: [] }));
    run.apply(ev({ type: 'eligibility-result', outcome: 'not-found', reasons: [], checkedForDate: '2026-11-25' }));
    run.resolve('eligibility-review', { action: 'update-coverage', coverage: { payerId: 'commercial-b', memberId: 'M2', relationship: 'self' } });
    expect(run.last.effects.map((e) => e.type)).toEqual(['close-task', 'update-coverage', 'request-eligibility']);
  });

  it('PA needed: prior-auth-obtain due within the 7-day standard window, 278 sent; approval moves on', () => {
    const run = new Run(newExam('commercial-a', { scheduledAt: '2026-12-20T14:00:00.000Z' }));
    run.apply(ev({ type: 'intake-validated', problems: [] }));
    run.apply(ev({ type: 'eligibility-result', outcome: 'active', reasons: [], checkedForDate: '2026-12-20' }));
    run.apply(ev({ type: 'prior-auth-decision', decision: 'needed' }));
    expect(run.effects('request-prior-auth')).toEqual([{ type: 'request-prior-auth', urgent: false }]);
    expect(run.timer('prior-auth-response').dueAt).toBe('2026-11-27T09:00:00.000Z');
    expect(run.openTask('prior-auth-obtain').dueAt).toBe('2026-11-23T09:00:00.000Z');
    run.resolve('prior-auth-obtain', { action: 'approved', authNumber: 'A9', validFrom: '2026-12-01', validTo: '2027-01-31', cpts: ['72148'], units: 1 });
    expect(run.state.phase).toBe('awaiting_exam');
    expect(run.state.authorization).toMatchObject({ authNumber: 'A9', payerId: 'commercial-a', unitsAuthorized: 1 });
  });

  it('an urgent order gets the 72-hour response window and urgent tasks', () => {
    const run = new Run(newExam('commercial-a', { priority: 'stat' }));
    run.apply(ev({ type: 'intake-validated', problems: [] }));
    run.apply(ev({ type: 'eligibility-result', outcome: 'active', reasons: [], checkedForDate: '2026-11-25' }));
    run.apply(ev({ type: 'prior-auth-decision', decision: 'needed' }));
    expect(run.timer('prior-auth-response').dueAt).toBe('2026-11-23T09:00:00.000Z');
    expect(run.openTask('prior-auth-obtain').priority).toBe('urgent');
  });

  it('PA denied by staff cancels the exam', () => {
    const run = new Run(newExam());
    run.apply(ev({ type: 'intake-validated', problems: [] }));
    run.apply(ev({ type: 'eligibility-result', outcome: 'active', reasons: [], checkedForDate: '2026-11-25' }));
    run.apply(ev({ type: 'prior-auth-decision', decision: 'denied', reason: 'not medically necessary' }));
    run.resolve('prior-auth-obtain', { action: 'denied', reason: 'payer denied' });
    expect(run.state.phase).toBe('cancelled');
    expect(run.state.cancelReason).toBe('prior-auth-denied');
  });

  it('performed 72158 against an authorization for 72148 opens prior-auth-mismatch and holds the claim', () => {
    const run = toAwaitingExam(new Run(newExam()));
    run.apply(performed('72158'));
    expect(run.openTask('prior-auth-mismatch').context).toMatchObject({ authNumber: 'AUTH1', findings: ['cpt-not-authorized:72158'], sameFamily: true });
    run.apply(finalReport());
    run.apply(ev({ type: 'coding-completed', findings: [], totalChargeCents: 150_000 }));
    expect(run.state.phase).toBe('coding');
    expect(run.state.claims).toEqual([]);
    run.resolve('prior-auth-mismatch', { action: 'auth-updated', authNumber: 'AUTH1', validFrom: '2026-11-01', validTo: '2026-12-31', cpts: ['72158'], units: 1 });
    expect(run.state.phase).toBe('submission');
    expect(run.effects('submit-claim')).toHaveLength(1);
  });

  it('report not signed: reminder at 24 h, report-signature-overdue at 72 h, escalation before the filing deadline', () => {
    const run = toAwaitingExam(new Run(newExam()));
    run.apply(performed());
    expect(run.timer('report-reminder').dueAt).toBe('2026-11-26T14:30:00.000Z');
    run.fire('report-reminder');
    expect(run.effects('remind-radiologist')).toEqual([{ type: 'remind-radiologist', reminder: 1 }]);
    run.fire('report-reminder');
    expect(run.openTask('report-signature-overdue').escalated).toBe(false);
    // commercial-a: 90 days filing, escalate 30 days before.
    expect(run.timer('report-escalation').dueAt).toBe('2027-01-24T00:00:00.000Z');
    run.fire('report-escalation');
    expect(run.openTask('report-signature-overdue')).toMatchObject({ escalated: true, priority: 'urgent' });
    expect(run.state.flags.escalated).toBe(true);
    run.apply(finalReport());
    expect(run.state.phase).toBe('coding');
    expect(run.state.tasks.find((t) => t.type === 'report-signature-overdue')?.status).toBe('resolved');
  });

  it('scrubber findings that are not auto-fixable open coding-review for coders', () => {
    const run = toAwaitingExam(new Run(newExam()));
    run.apply(performed());
    run.apply(finalReport());
    run.apply(ev({ type: 'coding-completed', findings: [{ code: 'ncci-ptp', autoFixable: false }, { code: 'missing-modifier', autoFixable: true }], totalChargeCents: 1 }));
    expect(run.openTask('coding-review')).toMatchObject({ queue: 'coder', context: { findings: ['ncci-ptp'] } });
    run.resolve('coding-review', { action: 'correct', lines: [{ cpt: '72148', units: 1, modifiers: [], diagnosisPointers: [1] }], diagnoses: ['M54.16'] });
    expect(run.effects('apply-coding-correction')).toHaveLength(1);
    expect(run.state.phase).toBe('submission');
  });

  it('277CA rejection opens claim-rejected; resubmission is version 2, frequency 1', () => {
    const run = toSubmission(new Run(newExam()));
    run.apply(ev({ type: 'acknowledgment', kind: '999', claimId: 'ex1-G', claimVersion: 1, accepted: true }));
    run.apply(ev({ type: 'acknowledgment', kind: '277CA', claimId: 'ex1-G', claimVersion: 1, accepted: false, errorCodes: ['A7:164'] }));
    expect(run.openTask('claim-rejected')).toMatchObject({ queue: 'biller', claimId: 'ex1-G' });
    run.resolve('claim-rejected', { action: 'resubmit' });
    expect(run.effects('build-claim')).toEqual([{ type: 'build-claim', claimId: 'ex1-G', version: 2, component: 'global', frequency: '1' }]);
    // an acknowledgment for the old version no longer matters
    expect(run.try(ev({ type: 'acknowledgment', kind: '999', claimId: 'ex1-G', claimVersion: 1, accepted: true }))).toMatchObject({ outcome: 'ignored', reason: 'stale-acknowledgment' });
  });

  it('overdue 999 opens claim-follow-up', () => {
    const run = toSubmission(new Run(newExam()));
    run.fire('ack-999', 'ex1-G');
    expect(run.openTask('claim-follow-up').context).toMatchObject({ reason: 'acknowledgment-overdue', acknowledgment: '999' });
  });

  it('no 835: status inquiry at 30 days then every 15; A/R escalation at 90 and 120 days', () => {
    const run = toAdjudication(new Run(newExam()));
    run.fire('status-inquiry', 'ex1-G');
    expect(run.effects('status-inquiry')).toEqual([{ type: 'status-inquiry', claimId: 'ex1-G' }]);
    expect(run.timer('status-inquiry', 'ex1-G').dueAt).toBe('2027-01-11T12:00:00.000Z');
    run.fire('status-inquiry', 'ex1-G');
    expect(run.state.tasks.filter((t) => t.type === 'claim-follow-up')).toHaveLength(1);
    run.fire('ar-escalation', 'ex1-G');
    expect(run.openTask('ar-escalation')).toMatchObject({ queue: 'supervisor', priority: 'high' });
    run.fire('ar-escalation-second', 'ex1-G');
    expect(run.openTask('ar-escalation').priority).toBe('urgent');
    expect(run.state.flags.arEscalationLevel).toBe(2);
    run.resolve('ar-escalation', { action: 'acknowledge', plan: 'call provider relations' });
  });

  it('a denial opens denial-work; appeal, then payment on appeal', () => {
    const run = toAdjudication(new Run(newExam()));
    run.apply(ev({ type: 'remittance', remittanceId: 'R1', claimId: 'ex1-G', status: 'denied', paidCents: 0, patientResponsibilityCents: 0, denial: { category: 'medical-necessity', carc: '50', correctable: false } }));
    expect(run.state.phase).toBe('appeal');
    const task = run.openTask('denial-work');
    expect(task.context).toMatchObject({ carc: '50', nextAppealLevel: 1 });
    // commercial-a first-level appeal: 180 days; the task is due within the policy's 10 days
    expect(task.dueAt).toBe('2026-11-30T09:00:00.000Z');
    run.resolve('denial-work', { action: 'appeal' });
    // commercial-a takes written appeal letters: a document, 180 days from the 835 (here posted the day it came)
    expect(run.effects('submit-appeal')).toEqual([{
      type: 'submit-appeal', claimId: 'ex1-G', level: 1, levelName: 'first-level appeal', vehicle: 'appeal-letter', form: null,
      documentId: 'doc_appeal_ex1-G_v1_l1', deadline: '2027-05-19', remittanceDate: '2026-11-20',
    }]);
    expect(run.state.phase).toBe('adjudication');
    run.apply(ev({ type: 'remittance', remittanceId: 'R2', claimId: 'ex1-G', status: 'paid', paidCents: 50_000, patientResponsibilityCents: 0 }));
    expect(run.state.phase).toBe('closed');
  });

  it('a correctable denial is corrected automatically (frequency 7) once', () => {
    const run = toAdjudication(new Run(newExam()));
    run.apply(ev({ type: 'remittance', remittanceId: 'R1', claimId: 'ex1-G', status: 'denied', paidCents: 0, patientResponsibilityCents: 0, denial: { category: 'coding', carc: '4', correctable: true } }));
    expect(run.effects('build-claim')).toEqual([{ type: 'build-claim', claimId: 'ex1-G', version: 2, component: 'global', frequency: '7' }]);
    expect(run.state.phase).toBe('submission');
  });

  it('write-off request goes to a supervisor; approval writes the claim off and closes the exam', () => {
    const run = toAdjudication(new Run(newExam()));
    run.apply(ev({ type: 'remittance', remittanceId: 'R1', claimId: 'ex1-G', status: 'denied', paidCents: 0, patientResponsibilityCents: 0, denial: { category: 'timely-filing', carc: '29', correctable: false } }));
    run.resolve('denial-work', { action: 'write-off-request', reason: 'filed late' });
    expect(run.openTask('write-off-approval')).toMatchObject({ queue: 'supervisor', claimId: 'ex1-G' });
    run.resolve('write-off-approval', { action: 'reject' });
    run.resolve('denial-work', { action: 'write-off-request', reason: 'filed late' });
    run.resolve('write-off-approval', { action: 'approve' });
    expect(run.effects('write-off')).toEqual([{ type: 'write-off', scope: 'claim', claimId: 'ex1-G', reason: 'filed late' }]);
    expect(run.state.phase).toBe('closed');
  });

  it('no appeal level left: the appeal resolution is refused with a reason', () => {
    const run = toAdjudication(new Run(newExam()));
    const deny = (id: string) => ev({ type: 'remittance', remittanceId: id, claimId: 'ex1-G', status: 'denied', paidCents: 0, patientResponsibilityCents: 0, denial: { category: 'other', carc: '50', correctable: false } });
    run.apply(deny('R1'));
    run.resolve('denial-work', { action: 'appeal' });
    run.apply(deny('R2'));
    run.resolve('denial-work', { action: 'appeal' });
    run.apply(deny('R3'));
    const t = run.try(ev({ type: 'task-resolved', taskId: run.openTask('denial-work').taskId, resolution: { action: 'appeal' } }));
    expect(t).toMatchObject({ outcome: 'rejected', rejection: { code: 'invalid-resolution', message: 'no appeal level left with this payer' } });
  });

  it('statements every 30 days; patient-balance-review at 90 days; collections closes', () => {
    const run = toAdjudication(new Run(newExam()));
    run.apply(ev({ type: 'remittance', remittanceId: 'R1', claimId: 'ex1-G', status: 'paid', paidCents: 40_000, patientResponsibilityCents: 25_000 }));
    run.fire('statement-cycle');
    run.fire('statement-cycle');
    expect(run.effects('send-statement')).toEqual([{ type: 'send-statement', sequence: 3 }]);
    run.fire('collections-review');
    expect(run.openTask('patient-balance-review').context).toMatchObject({ balanceCents: 25_000 });
    run.resolve('patient-balance-review', { action: 'send-to-collections' });
    expect(run.state.phase).toBe('closed');
  });

  it('an overpayment opens credit-balance-refund; the refund closes the exam', () => {
    const run = toAdjudication(new Run(newExam()));
    run.apply(ev({ type: 'remittance', remittanceId: 'R1', claimId: 'ex1-G', status: 'paid', paidCents: 40_000, patientResponsibilityCents: 8_000 }));
    run.apply(ev({ type: 'patient-payment', paymentId: 'P1', amountCents: 10_000 }));
    expect(run.openTask('credit-balance-refund').context).toMatchObject({ creditCents: 2_000 });
    run.resolve('credit-balance-refund', { action: 'refunded', reference: 'CHK-1', amountCents: 2_000 });
    expect(run.state.phase).toBe('closed');
  });

  it('timely-filing-risk when the deadline nears and no claim is accepted', () => {
    const run = toSubmission(new Run(newExam()));
    run.fire('timely-filing-risk');
    expect(run.openTask('timely-filing-risk')).toMatchObject({ queue: 'biller', priority: 'urgent' });
  });

  it('no-show asks the front desk after the scheduled date + N days; nothing is cancelled', () => {
    const run = toAwaitingExam(new Run(newExam()));
    expect(run.timer('no-show').dueAt).toBe('2026-11-27T14:00:00.000Z');
    run.fire('no-show');
    expect(run.state).toMatchObject({ phase: 'awaiting_exam', cancelReason: null });
    expect(run.openTask('no-show-review')).toMatchObject({ queue: 'front_desk', context: expect.objectContaining({ reason: 'not-performed' }) });
  });

  it('exams that ran before the no-show review still cancel on no-show (replay)', () => {
    const run = toAwaitingExam(new Run(newExam()));
    const timer = run.timer('no-show');
    const t = applyEvent(run.state, ev({ type: 'timer-fired', timerId: timer.timerId }), timer.dueAt, { isPatched: (p) => p !== 'exam-no-show-review' });
    expect(t.state).toMatchObject({ phase: 'cancelled', cancelReason: 'no-show' });
  });

  it('rescheduling more than 30 days out re-verifies eligibility', () => {
    const run = toAwaitingExam(new Run(newExam()));
    run.apply(ev({ type: 'exam-rescheduled', scheduledAt: '2027-01-10T14:00:00.000Z' }));
    expect(run.state.phase).toBe('eligibility');
    expect(run.effects('request-eligibility')).toHaveLength(1);
    const near = toAwaitingExam(new Run(newExam()));
    near.apply(ev({ type: 'exam-rescheduled', scheduledAt: '2026-12-05T14:00:00.000Z' }));
    expect(near.state.phase).toBe('awaiting_exam');
  });
});

describe('out of order and duplicates', () => {
  it('a final report before performed is kept and acted on when performed arrives', () => {
    const run = toAwaitingExam(new Run(newExam()));
    run.apply(finalReport());
    expect(run.state.phase).toBe('awaiting_exam');
    run.apply(performed());
    expect(run.state.phase).toBe('coding');
    expect(run.effects('code-exam')).toHaveLength(1);
  });

  it('performed before eligibility finished is kept until the exam is due', () => {
    const run = new Run(newExam());
    run.apply(performed());
    run.apply(finalReport());
    expect(run.state.phase).toBe('intake');
    toAwaitingExam(run);
    expect(run.state.phase).toBe('coding');
  });

  it('the same event twice is a no-op; the same performed payload under a new id too', () => {
    const run = toAwaitingExam(new Run(newExam()));
    const p = performed();
    run.apply(p);
    expect(applyEvent(run.state, p, T0)).toMatchObject({ outcome: 'ignored', reason: 'duplicate', effects: [] });
    expect(applyEvent(run.state, { ...p, eventId: 'other' }, T0)).toMatchObject({ outcome: 'ignored', reason: 'duplicate' });
    expect(applyEvent(run.state, performed('70553'), T0)).toMatchObject({ outcome: 'rejected', rejection: { code: 'conflict' } });
  });

  it('an 835 posted twice changes nothing the second time', () => {
    const run = toAdjudication(new Run(newExam()));
    const r = ev({ type: 'remittance', remittanceId: 'R1', claimId: 'ex1-G', status: 'paid', paidCents: 40_000, patientResponsibilityCents: 10_000 });
    run.apply(r);
    expect(applyEvent(run.state, { ...r, eventId: 'again' }, T0)).toMatchObject({ outcome: 'ignored', reason: 'duplicate' });
  });

  it('an addendum after submission opens coding-review about a corrected claim (frequency 7)', () => {
    const run = toAdjudication(new Run(newExam()));
    run.apply(ev({ type: 'report', status: 'addendum', signedAt: '2026-11-28T10:00:00.000Z', radiologistNpi: '1234567893', diagnoses: ['M51.16'] }));
    expect(run.openTask('coding-review').context).toMatchObject({ reason: 'addendum-after-submission', correctedClaim: true });
    run.resolve('coding-review', { action: 'correct', lines: [{ cpt: '72148', units: 1, modifiers: [], diagnosisPointers: [1] }], diagnoses: ['M51.16'] });
    expect(run.effects('build-claim')).toEqual([{ type: 'build-claim', claimId: 'ex1-G', version: 2, component: 'global', frequency: '7' }]);
    expect(run.state.phase).toBe('submission');
  });

  it('an addendum before the final report and a preliminary after it are out of order', () => {
    const run = toAwaitingExam(new Run(newExam()));
    run.apply(performed());
    const addendum = ev({ type: 'report', status: 'addendum', signedAt: '2026-11-28T10:00:00.000Z', radiologistNpi: '1234567893', diagnoses: [] });
    expect(run.try(addendum)).toMatchObject({ outcome: 'rejected', rejection: { code: 'out-of-order' } });
    run.apply(finalReport());
    const prelim = ev({ type: 'report', status: 'preliminary', signedAt: '2026-11-25T16:00:00.000Z', radiologistNpi: '1234567893', diagnoses: [] });
    expect(run.try(prelim)).toMatchObject({ outcome: 'rejected', rejection: { code: 'out-of-order' } });
  });

  it('a late 835 after close is recorded, not a crash, and a payment opens a refund review', () => {
    const run = toAdjudication(new Run(newExam()));
    run.apply(ev({ type: 'remittance', remittanceId: 'R1', claimId: 'ex1-G', status: 'paid', paidCents: 50_000, patientResponsibilityCents: 0 }));
    expect(run.state.phase).toBe('closed');
    run.apply(ev({ type: 'remittance', remittanceId: 'R9', claimId: 'ex1-G', status: 'paid', paidCents: 50_000, patientResponsibilityCents: 0 }));
    expect(run.state.phase).toBe('closed');
    expect(run.state.lateEvents).toHaveLength(1);
    expect(run.effects('post-remittance')).toEqual([{ type: 'post-remittance', claimId: 'ex1-G', remittanceId: 'R9', late: true }]);
    expect(run.openTask('credit-balance-refund').context).toMatchObject({ reason: 'payment-after-close' });
  });

  it('cancel from any non-terminal phase voids submitted claims; cancel again is refused', () => {
    const run = toAdjudication(new Run(newExam()));
    run.apply(ev({ type: 'cancel', reason: 'duplicate order' }));
    // withdrawn at the payer as a new version of the claim (the void), its receivable reversed
    expect(run.effects('void-claim')).toEqual([expect.objectContaining({ type: 'void-claim', claimId: 'ex1-G', version: 2, reason: 'exam-cancelled', toPayer: true })]);
    expect(run.state.timers).toEqual([]);
    expect(run.try(ev({ type: 'cancel', reason: 'again' }))).toMatchObject({ outcome: 'rejected', rejection: { code: 'terminal' } });
  });

  it('events invalid in the phase are refused with the phase named, not the patient', () => {
    const run = new Run(newExam());
    const t = run.try(ev({ type: 'coding-completed', findings: [], totalChargeCents: 0 }));
    expect(t).toMatchObject({ outcome: 'rejected', rejection: { code: 'invalid-in-phase', message: 'coding-completed is not expected in phase intake' } });
  });

  it('a resolution for a closed task, or an invalid one, is refused (409 / 422)', () => {
    const run = new Run(newExam());
    run.apply(ev({ type: 'intake-validated', problems: ['x'] }));
    const id = run.openTask('registration-fix').taskId;
    expect(run.try(ev({ type: 'task-resolved', taskId: id, resolution: { action: 'approve' } }))).toMatchObject({ outcome: 'rejected', rejection: { code: 'invalid-resolution' } });
    run.apply(ev({ type: 'task-resolved', taskId: id, resolution: { action: 'corrected' } }));
    expect(run.try(ev({ type: 'task-resolved', taskId: id, resolution: { action: 'corrected' } }))).toMatchObject({ outcome: 'rejected', rejection: { code: 'task-not-open' } });
  });

  it('a timer that was cancelled and then fires is ignored', () => {
    const run = toAwaitingExam(new Run(newExam()));
    const noShow = run.timer('no-show');
    run.apply(performed());
    expect(run.try(ev({ type: 'timer-fired', timerId: noShow.timerId }))).toMatchObject({ outcome: 'ignored', reason: 'stale-timer' });
  });

  it('the input state is never modified', () => {
    const state = newExam();
    const before = JSON.stringify(state);
    applyEvent(state, ev({ type: 'intake-validated', problems: [] }), T0);
    expect(JSON.stringify(state)).toBe(before);
  });
});

describe('task catalogue', () => {
  it.each(TaskTypeSchema.options)('%s has a queue, a priority and at least one resolution, each accepting a note', (type) => {
    const def = TASK_DEFINITIONS[type];
    expect(['front_desk', 'coder', 'biller', 'supervisor']).toContain(def.queue);
    const actions = resolutionActions(type);
    expect(actions.length).toBeGreaterThan(0);
    expect(parseTaskResolution(type, { action: 'no-such-action' }).ok).toBe(false);
  });

  it.each([
    ['eligibility-review', { action: 'self-pay' }, true],
    ['eligibility-review', { action: 'update-coverage' }, false],
    ['eligibility-review', { action: 'cancel', reason: 'moved away', note: 'called patient' }, true],
    ['prior-auth-obtain', { action: 'approved', authNumber: 'A1', validFrom: '2026-12-01', validTo: '2026-11-01', cpts: ['72148'], units: 1 }, false],
    ['prior-auth-obtain', { action: 'not-required', reference: 'call ref 123' }, true],
    ['coding-review', { action: 'correct', lines: [], diagnoses: ['M54.16'] }, false],
    ['coding-review', { action: 'accept', extra: true }, false],
    ['denial-work', { action: 'corrected-claim' }, true],
    ['write-off-approval', { action: 'approve' }, true],
    ['ar-escalation', { action: 'acknowledge' }, false],
  ] as const)('%s %j valid: %s', (type, resolution, ok) => {
    expect(parseTaskResolution(type, resolution).ok).toBe(ok);
  });

  it('lists the contract actions for the main task types', () => {
    expect(resolutionActions('eligibility-review')).toEqual(expect.arrayContaining(['self-pay', 'update-coverage', 'cancel']));
    expect(resolutionActions('prior-auth-obtain')).toEqual(['approved', 'denied', 'not-required']);
    expect(resolutionActions('coding-review')).toEqual(['accept', 'correct']);
    expect(resolutionActions('denial-work')).toEqual(['appeal', 'corrected-claim', 'write-off-request']);
    expect(resolutionActions('write-off-approval')).toEqual(['approve', 'reject']);
    expect(resolutionActions('ar-escalation')).toEqual(['acknowledge']);
  });
});

