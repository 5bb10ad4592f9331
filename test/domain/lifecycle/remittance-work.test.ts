import { secondaryClaimId } from '../../../activities/claims/submit-secondary-claim';
import { patientBalanceCents, parseTaskResolution, resolutionActions, TASK_DEFINITIONS } from '../../../domain/lifecycle';
import { secondaryClaimIdFor } from '../../../domain/lifecycle/claim-flow';
import { seedPayerPolicy } from '../../../domain/policy';
import { ev, newExam, Run, toAdjudication } from './exam-fixtures';

const AT = '2026-12-10T09:00:00.000Z';

/** Medicare primary (claim ex1-G accepted), a secondary coverage on file. */
function cobExam(): Run {
  return toAdjudication(new Run(newExam('medicare-b')));
}

const primaryPaid = (over: Record<string, unknown> = {}) =>
  ev({ type: 'remittance', remittanceId: 'medicare-b:T1:ex1-G', claimId: 'ex1-G', status: 'paid', paidCents: 40_000, patientResponsibilityCents: 10_000, payerId: 'medicare-b', secondaryPayerId: 'commercial-a', ...over } as never);

describe('secondary billing (COB)', () => {
  it('the primary’s patient share is billed to the secondary, whose claim is tracked with its own payer’s timers', () => {
    const run = cobExam();
    run.apply(primaryPaid(), AT);
    expect(run.effects('bill-secondary')).toEqual([{ type: 'bill-secondary', claimId: 'ex1-G', payerId: 'commercial-a', secondaryClaimId: 'ex1-G-S', version: 1, crossover: false }]);
    // the post-remittance of the primary comes first: the ledger moves the posted share to the secondary
    const types = run.last.effects.map((e) => e.type);
    expect(types.indexOf('post-remittance')).toBeLessThan(types.indexOf('bill-secondary'));
    expect(run.state.claims).toEqual([
      expect.objectContaining({ claimId: 'ex1-G', status: 'paid', patientResponsibilityCents: 0 }),
      expect.objectContaining({ claimId: 'ex1-G-S', status: 'submitted', payerId: 'commercial-a', primaryClaimId: 'ex1-G', version: 1 }),
    ]);
    // nothing is billed to the patient while the secondary has the claim
    expect(run.state.phase).toBe('submission');
    expect(run.effects('send-statement')).toEqual([]);
    expect(patientBalanceCents(run.state)).toBe(0);
    const secondary = seedPayerPolicy('commercial-a');
    run.apply(ev({ type: 'policy-changed', policy: secondary, coverage: 'secondary' }), AT);
    expect(run.timer('ack-999', 'ex1-G-S').dueAt).toBe(new Date(Date.parse(AT) + secondary.acknowledgments.ack999OverdueDays * 86_400_000).toISOString());

    run.apply(ev({ type: 'acknowledgment', kind: '999', claimId: 'ex1-G-S', claimVersion: 1, accepted: true }), AT);
    run.apply(ev({ type: 'acknowledgment', kind: '277CA', claimId: 'ex1-G-S', claimVersion: 1, accepted: true }), AT);
    expect(run.state.phase).toBe('adjudication');
    run.apply(ev({ type: 'remittance', remittanceId: 'commercial-a:T2:ex1-G-S', claimId: 'ex1-G-S', status: 'paid', paidCents: 8_000, patientResponsibilityCents: 2_000, payerId: 'commercial-a' }), AT);
    expect(run.effects('post-remittance')).toEqual([{ type: 'post-remittance', claimId: 'ex1-G-S', remittanceId: 'commercial-a:T2:ex1-G-S', late: false }]);
    expect(run.state.tasks.filter((t) => t.type === 'remittance-unmatched')).toEqual([]);
    // only then the patient is billed what remains after both payers
    expect(run.state.phase).toBe('patient_balance');
    expect(patientBalanceCents(run.state)).toBe(2_000);
    expect(run.effects('send-statement')).toHaveLength(1);
  });

  it('a secondary claim that goes unanswered is followed up on the secondary payer’s schedule', () => {
    const run = cobExam();
    run.apply(primaryPaid({ secondaryPayerId: 'medicaid' }), AT);
    // the workflow loads the secondary payer's policy when it bills it (an activity), and hands it to the lifecycle
    run.apply(ev({ type: 'policy-changed', policy: seedPayerPolicy('medicaid'), coverage: 'secondary' }), AT);
    run.apply(ev({ type: 'acknowledgment', kind: '999', claimId: 'ex1-G-S', claimVersion: 1, accepted: true }), AT);
    run.apply(ev({ type: 'acknowledgment', kind: '277CA', claimId: 'ex1-G-S', claimVersion: 1, accepted: true }), AT);
    // Medicaid follows up after 45 days, Medicare (the primary) after 30
    expect(run.timer('status-inquiry', 'ex1-G-S').dueAt).toBe('2027-01-24T09:00:00.000Z');
    run.fire('status-inquiry', 'ex1-G-S');
    expect(run.effects('status-inquiry')).toEqual([{ type: 'status-inquiry', claimId: 'ex1-G-S' }]);
    expect(run.state.tasks.find((t) => t.type === 'claim-follow-up' && t.status === 'open')).toMatchObject({ claimId: 'ex1-G-S' });
  });

  it('crossover: the primary forwarded the claim, so nothing is sent; the secondary’s 835 under the primary’s claim id posts to the secondary claim', () => {
    const run = cobExam();
    run.apply(primaryPaid({ secondaryPayerId: 'medicaid', crossover: true }), AT);
    expect(run.effects('bill-secondary')).toEqual([expect.objectContaining({ crossover: true, secondaryClaimId: 'ex1-G-S' })]);
    expect(run.effects('submit-claim')).toEqual([]);
    expect(run.state.claims[1]).toMatchObject({ claimId: 'ex1-G-S', status: 'accepted', crossover: true });
    expect(run.state.phase).toBe('adjudication');
    expect(run.state.timers.filter((t) => t.claimId === 'ex1-G-S').map((t) => t.kind).sort()).toEqual(['ar-escalation', 'status-inquiry']);

    run.apply(ev({ type: 'remittance', remittanceId: 'medicaid:T9:ex1-G', claimId: 'ex1-G', status: 'paid', paidCents: 10_000, patientResponsibilityCents: 0, payerId: 'medicaid' }), AT);
    expect(run.effects('post-remittance')).toEqual([{ type: 'post-remittance', claimId: 'ex1-G-S', remittanceId: 'medicaid:T9:ex1-G', late: false }]);
    expect(run.state.claims.map((c) => [c.claimId, c.status])).toEqual([['ex1-G', 'paid'], ['ex1-G-S', 'paid']]);
    expect(run.state.phase).toBe('closed');
  });

  it('no patient share, a denied primary or no secondary on file: nothing goes to a secondary', () => {
    for (const over of [{ patientResponsibilityCents: 0 }, { status: 'denied', paidCents: 0, denial: { category: 'eligibility', carc: '27', correctable: false } }, { secondaryPayerId: undefined }]) {
      const run = cobExam();
      run.apply(primaryPaid(over), AT);
      expect(run.effects('bill-secondary')).toEqual([]);
      expect(run.state.claims).toHaveLength(1);
    }
  });

  it('the secondary’s own 835 never bills it again', () => {
    const run = cobExam();
    run.apply(primaryPaid(), AT);
    run.apply(ev({ type: 'remittance', remittanceId: 'commercial-a:T2:ex1-G-S', claimId: 'ex1-G-S', status: 'paid', paidCents: 8_000, patientResponsibilityCents: 2_000, payerId: 'commercial-a', secondaryPayerId: 'commercial-a' }), AT);
    expect(run.effects('bill-secondary')).toEqual([]);
    expect(run.state.claims).toHaveLength(2);
  });

  it('the secondary payer’s edited policy sets its claim’s waiting timers again', () => {
    const run = cobExam();
    run.apply(primaryPaid(), AT);
    const edited = { ...seedPayerPolicy('commercial-a'), acknowledgments: { ack999OverdueDays: 9, ack277caOverdueDays: 9 } };
    run.apply(ev({ type: 'policy-changed', policy: edited, coverage: 'secondary' }), AT);
    expect(run.state.policy.id).toBe('medicare-b');
    expect(run.timer('ack-999', 'ex1-G-S').dueAt).toBe('2026-12-19T09:00:00.000Z');
  });

  it('a rejected secondary claim resubmitted goes out as its next version, and its acknowledgments are of that version', () => {
    const run = cobExam();
    run.apply(primaryPaid(), AT);
    run.apply(ev({ type: 'acknowledgment', kind: '277CA', claimId: 'ex1-G-S', claimVersion: 1, accepted: false, errorCodes: ['A7:562'] }), AT);
    run.resolve('claim-rejected', { action: 'resubmit' });
    expect(run.effects('bill-secondary')).toEqual([{ type: 'bill-secondary', claimId: 'ex1-G', payerId: 'commercial-a', secondaryClaimId: 'ex1-G-S', version: 2, crossover: false }]);
    expect(run.state.claims[0]).toMatchObject({ claimId: 'ex1-G', version: 1 });
    // a late acknowledgment of the rejected version changes nothing
    expect(() => run.apply(ev({ type: 'acknowledgment', kind: '999', claimId: 'ex1-G-S', claimVersion: 1, accepted: true }), AT)).toThrow('stale-acknowledgment');
    expect(run.timer('ack-999', 'ex1-G-S')).toBeDefined();
    run.apply(ev({ type: 'acknowledgment', kind: '999', claimId: 'ex1-G-S', claimVersion: 2, accepted: true }), AT);
    run.apply(ev({ type: 'acknowledgment', kind: '277CA', claimId: 'ex1-G-S', claimVersion: 2, accepted: true }), AT);
    expect(run.state.claims[1]).toMatchObject({ version: 2, status: 'accepted' });
  });

  it('a crossover that never reaches the secondary payer, resubmitted on follow-up, is billed by us as the next version', () => {
    const run = cobExam();
    run.apply(primaryPaid({ secondaryPayerId: 'medicaid', crossover: true }), AT);
    run.fire('status-inquiry', 'ex1-G-S');
    run.resolve('claim-follow-up', { action: 'resubmit' });
    expect(run.effects('bill-secondary')).toEqual([expect.objectContaining({ secondaryClaimId: 'ex1-G-S', version: 2, crossover: false })]);
    expect(run.state.claims[1]).toMatchObject({ status: 'submitted', crossover: false, version: 2 });
    expect(run.timer('ack-999', 'ex1-G-S')).toBeDefined();
  });

  it('the primary adjudicated again under the same version (reversal and correction): the secondary is billed again as its next version', () => {
    const run = cobExam();
    run.apply(primaryPaid(), AT);
    run.apply(ev({ type: 'remittance', remittanceId: 'medicare-b:T5:ex1-G', claimId: 'ex1-G', status: 'paid', paidCents: 38_000, patientResponsibilityCents: 12_000, payerId: 'medicare-b', secondaryPayerId: 'commercial-a' } as never), AT);
    expect(run.effects('bill-secondary')).toEqual([expect.objectContaining({ secondaryClaimId: 'ex1-G-S', version: 2 })]);
  });

  it('the claim id matches the one the secondary 837P is sent under', () => {
    for (const id of ['ex1-G', 'exm_0123456789abcdef0123456789abcdef-T']) expect(secondaryClaimIdFor(id)).toBe(secondaryClaimId(id));
  });
});

describe('a line denied on a paid claim', () => {
  const partial = () =>
    ev({
      type: 'remittance', remittanceId: 'commercial-a:T1:ex1-G', claimId: 'ex1-G', status: 'partially-paid', paidCents: 30_000, patientResponsibilityCents: 7_500, payerId: 'commercial-a',
      deniedLines: [{ cpt: '72141', group: 'CO', carc: '97', amountCents: 60_000, category: 'bundling', action: 'corrected-claim' }],
    });

  it('opens denial work for the line; the exam does not bill the patient or close while it is open', () => {
    const run = toAdjudication(new Run(newExam('commercial-a')));
    run.apply(partial(), AT);
    expect(run.state.claims[0]).toMatchObject({ status: 'denied', patientResponsibilityCents: 7_500 });
    expect(run.state.phase).toBe('appeal');
    const task = run.openTask('denial-work');
    expect(task).toMatchObject({ claimId: 'ex1-G', context: expect.objectContaining({ scope: 'lines', carc: '97', category: 'bundling', recommendedAction: 'corrected-claim', deniedCents: 60_000 }) });
    expect(run.effects('send-statement')).toEqual([]);

    // the biller asks to write the bundled line off; approved, the claim's open balance leaves A/R and the patient is billed
    run.resolve('denial-work', { action: 'write-off-request', reason: 'bundled' });
    run.resolve('write-off-approval', { action: 'approve' });
    expect(run.effects('write-off')).toEqual([{ type: 'write-off', scope: 'claim', claimId: 'ex1-G', reason: 'bundled' }]);
    expect(run.state.phase).toBe('patient_balance');
    expect(patientBalanceCents(run.state)).toBe(7_500);
  });

  it('without line detail (exams from before) the claim is paid as it was', () => {
    const run = toAdjudication(new Run(newExam('commercial-a')));
    run.apply(ev({ type: 'remittance', remittanceId: 'R1', claimId: 'ex1-G', status: 'partially-paid', paidCents: 30_000, patientResponsibilityCents: 7_500 }), AT);
    expect(run.state.claims[0]!.status).toBe('paid');
  });
});

describe('what an 835 posting found', () => {
  it('an underpayment opens a review in the biller queue; accepting it writes off what the payer left open', () => {
    const run = toAdjudication(new Run(newExam('commercial-a')));
    run.apply(ev({ type: 'remittance', remittanceId: 'R1', claimId: 'ex1-G', status: 'paid', paidCents: 30_000, patientResponsibilityCents: 6_000 }), AT);
    run.apply(ev({ type: 'remittance-posted', remittanceId: 'R1', claimId: 'ex1-G', underpaymentCents: 4_200, payerCredits: [] }), AT);
    const task = run.openTask('underpayment-review');
    expect(task).toMatchObject({ claimId: 'ex1-G', queue: 'biller', priority: 'normal', context: { remittanceId: 'R1', shortfallCents: 4_200 } });
    expect(Date.parse(task.dueAt) - Date.parse(AT)).toBe(240 * 3_600_000);
    run.resolve('underpayment-review', { action: 'accept', reason: 'contract rate confirmed' });
    expect(run.effects('write-off')).toEqual([{ type: 'write-off', scope: 'claim', claimId: 'ex1-G', reason: 'administrative' }]);
  });

  it('an exam whose patient has paid waits for an open underpayment review before it closes', () => {
    const run = toAdjudication(new Run(newExam('commercial-a')));
    run.apply(ev({ type: 'remittance', remittanceId: 'R1', claimId: 'ex1-G', status: 'paid', paidCents: 30_000, patientResponsibilityCents: 6_000 }), AT);
    run.apply(ev({ type: 'remittance-posted', remittanceId: 'R1', claimId: 'ex1-G', underpaymentCents: 4_200, payerCredits: [] }), AT);
    run.apply(ev({ type: 'patient-payment', paymentId: 'P1', amountCents: 6_000 }), AT);
    expect(run.state.phase).toBe('adjudication');
    expect(run.openTask('underpayment-review').status).toBe('open');
    run.resolve('underpayment-review', { action: 'reprocess-request', reference: 'portal-881' });
    expect(run.state.phase).toBe('closed');
  });

  it('appealing an underpayment sends the payment dispute and waits for the payer', () => {
    const run = toAdjudication(new Run(newExam('commercial-a')));
    run.apply(ev({ type: 'remittance', remittanceId: 'R1', claimId: 'ex1-G', status: 'paid', paidCents: 30_000, patientResponsibilityCents: 6_000 }), AT);
    run.apply(ev({ type: 'remittance-posted', remittanceId: 'R1', claimId: 'ex1-G', underpaymentCents: 4_200, payerCredits: [] }), AT);
    run.resolve('underpayment-review', { action: 'appeal' });
    expect(run.effects('submit-appeal')).toEqual([expect.objectContaining({ claimId: 'ex1-G', level: 1 })]);
    expect(run.state.claims[0]!.status).toBe('appealed');
    expect(run.state.phase).toBe('adjudication');
  });

  it('a payer receivable left in credit opens the refund to that payer, which the patient balance never absorbs', () => {
    const run = toAdjudication(new Run(newExam('commercial-a')));
    run.apply(ev({ type: 'remittance', remittanceId: 'R1', claimId: 'ex1-G', status: 'paid', paidCents: 130_000, patientResponsibilityCents: 0 }), AT);
    expect(run.state.phase).toBe('closed');
    run.apply(ev({ type: 'remittance-posted', remittanceId: 'R1', claimId: 'ex1-G', underpaymentCents: 0, payerCredits: [{ payerId: 'commercial-a', creditCents: 10_000 }] }), AT);
    const task = run.openTask('credit-balance-refund');
    expect(task).toMatchObject({ claimId: 'ex1-G', context: { reason: 'payer-overpaid', payerId: 'commercial-a', creditCents: 10_000, remittanceId: 'R1' } });
    run.resolve('credit-balance-refund', { action: 'refunded', reference: 'CHK-77', amountCents: 10_000 });
    expect(run.state.patient.refundedCents).toBe(0);
    expect(patientBalanceCents(run.state)).toBe(0);
  });

  it('underpayment-review resolutions are validated per action', () => {
    expect(TASK_DEFINITIONS['underpayment-review']).toMatchObject({ queue: 'biller', scope: 'claim' });
    expect(resolutionActions('underpayment-review')).toEqual(['accept', 'appeal', 'reprocess-request']);
    expect(parseTaskResolution('underpayment-review', { action: 'accept' }).ok).toBe(false);
    expect(parseTaskResolution('underpayment-review', { action: 'reprocess-request', reference: 'portal-123', note: 'asked to reprice' }).ok).toBe(true);
  });
});
