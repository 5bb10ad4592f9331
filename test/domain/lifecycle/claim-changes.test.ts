import { applyEvent } from '../../../domain/lifecycle';
import { applyEntryOrThrow, chargeEntry, emptyLedger, netOf } from '../../../domain/ledger';
import { claimChangeVehicles, filingDeadlineFor, PayerPolicySchema, seedPayerPolicy } from '../../../domain/policy';
import { voidEntries } from '../../../activities/ledger/void-claim';
import { ev, newExam, Run, toAdjudication } from './exam-fixtures';

const medicare = seedPayerPolicy('medicare-b');
const commercial = seedPayerPolicy('commercial-a');

describe('filing deadlines', () => {
  it('Medicare timely filing is one calendar year: the same month and day the next year, across 29 February too', () => {
    expect(filingDeadlineFor('2027-03-02', { days: 365, basis: 'one-calendar-year' })).toBe('2028-03-02T00:00:00.000Z');
    expect(filingDeadlineFor('2026-12-06', { days: 365, basis: 'one-calendar-year' })).toBe('2027-12-06T00:00:00.000Z');
  });
  it('a date of service on 29 February files by 28 February of the next year', () => {
    expect(filingDeadlineFor('2028-02-29', { days: 365, basis: 'one-calendar-year' })).toBe('2029-02-28T00:00:00.000Z');
  });
  it('a payer whose limit is in days counts days', () => {
    expect(filingDeadlineFor('2027-03-02', { days: 90 })).toBe('2027-05-31T00:00:00.000Z');
  });
  it('the seed Medicare Part B policy files within one calendar year', () => {
    expect(medicare.timelyFiling).toMatchObject({ days: 365, basis: 'one-calendar-year' });
  });
});

describe('void and correction vehicles are payer policy', () => {
  it('Medicare Part B takes reopening requests for voids and corrections; a commercial payer frequency 8 and replacements', () => {
    expect(claimChangeVehicles(medicare)).toEqual({ void: 'reopening-request', correction: 'reopening-request' });
    expect(claimChangeVehicles(commercial)).toEqual({ void: 'frequency-8', correction: 'replacement' });
  });
  it('a payer edited with its own vehicles keeps them; an unknown vehicle is refused by the policy schema', () => {
    const edited = PayerPolicySchema.parse({ ...commercial, claimChanges: { void: 'reopening-request', correction: 'replacement' } });
    expect(claimChangeVehicles(edited)).toEqual({ void: 'reopening-request', correction: 'replacement' });
    expect(PayerPolicySchema.safeParse({ ...commercial, claimChanges: { void: 'frequency-9', correction: 'replacement' } }).success).toBe(false);
  });
});

describe('the lifecycle', () => {
  it('the 90-day A/R escalation timer survives a denial (it counts from the first submission)', () => {
    const run = toAdjudication(new Run(newExam()));
    const before = run.timer('ar-escalation', 'ex1-G').dueAt;
    run.apply(ev({ type: 'remittance', remittanceId: 'R1', claimId: 'ex1-G', status: 'denied', paidCents: 0, patientResponsibilityCents: 0, denial: { category: 'medical-necessity', carc: '50', correctable: false } }));
    expect(run.timer('ar-escalation', 'ex1-G').dueAt).toBe(before);
    run.resolve('denial-work', { action: 'appeal' });
    expect(run.timer('ar-escalation', 'ex1-G').dueAt).toBe(before);
  });

  it('exams from before the change lose the A/R timer on a denial, as they did', () => {
    const run = toAdjudication(new Run(newExam()));
    const t = applyEvent(run.state, ev({ type: 'remittance', remittanceId: 'R1', claimId: 'ex1-G', status: 'denied', paidCents: 0, patientResponsibilityCents: 0, denial: { category: 'medical-necessity', carc: '50', correctable: false } }), '2026-12-01T00:00:00.000Z', { isPatched: () => false });
    expect(t.state.timers.some((x) => x.kind === 'ar-escalation')).toBe(false);
  });

  it('an unprocessable denial (MA130) cannot be appealed; its corrected claim goes to coding and out as a new claim (frequency 1)', () => {
    const run = toAdjudication(new Run(newExam()));
    run.apply(ev({ type: 'remittance', remittanceId: 'R1', claimId: 'ex1-G', status: 'denied', paidCents: 0, patientResponsibilityCents: 0, denial: { category: 'missing-information', carc: '16', correctable: false, newClaimRequired: true } }));
    expect(run.openTask('denial-work').context).toMatchObject({ newClaimRequired: true });
    const refused = run.try(ev({ type: 'task-resolved', taskId: run.openTask('denial-work').taskId, resolution: { action: 'appeal' } }));
    expect(refused).toMatchObject({ outcome: 'rejected', rejection: { code: 'invalid-resolution' } });
    run.resolve('denial-work', { action: 'corrected-claim' });
    expect(run.effects('submit-claim')).toEqual([]);
    run.resolve('coding-review', { action: 'correct', lines: [{ cpt: '72148', units: 1, modifiers: [], diagnosisPointers: [1] }], diagnoses: ['M51.16'] });
    expect(run.effects('submit-claim')).toEqual([expect.objectContaining({ claimId: 'ex1-G', version: 2, frequency: '1' })]);
  });

  it('a Medicare Part B correction is a reopening request, not a frequency-7 claim', () => {
    const run = toAdjudication(new Run(newExam('medicare-b')));
    run.apply(ev({ type: 'remittance', remittanceId: 'R1', claimId: 'ex1-G', status: 'denied', paidCents: 0, patientResponsibilityCents: 0, denial: { category: 'coding', carc: '11', correctable: false } }));
    run.resolve('denial-work', { action: 'corrected-claim' });
    run.resolve('coding-review', { action: 'correct', lines: [{ cpt: '72148', units: 1, modifiers: [], diagnosisPointers: [1] }], diagnoses: ['M51.16'] });
    expect(run.effects('submit-claim')).toEqual([]);
    expect(run.effects('request-reopening')).toEqual([{ type: 'request-reopening', claimId: 'ex1-G', version: 2, payerId: 'medicare-b' }]);
    expect(run.state.claims[0]).toMatchObject({ status: 'appealed', version: 2 });
  });
});

describe('the ledger of a void', () => {
  it('receivable reversed on void: every standing charge of the claim is reversed, balanced, once', () => {
    let state = emptyLedger('ex1');
    state = applyEntryOrThrow(state, chargeEntry({ examId: 'ex1', claimId: 'ex1-G', version: 1, billTo: { kind: 'insurance', payerId: 'commercial-a' }, lines: [{ lineControlNumber: 'ex1-G-1', procedureCode: '72100', chargeCents: 11_600 }], documentId: 'ex1-G', effectiveDate: '2026-12-01' }));
    const entries = voidEntries(state, { examId: 'ex1', claimId: 'ex1-G', version: 2, effectiveDate: '2026-12-02' });
    expect(entries).toHaveLength(1);
    for (const e of entries) state = applyEntryOrThrow(state, e);
    expect(netOf(state, 'insurance_receivable:commercial-a')).toBe(0);
    expect(netOf(state, 'gross_charges')).toBe(0);
    expect(voidEntries(state, { examId: 'ex1', claimId: 'ex1-G', version: 2, effectiveDate: '2026-12-02' })).toEqual([]);
  });
});
