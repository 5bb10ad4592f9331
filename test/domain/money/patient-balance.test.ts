import fc from 'fast-check';
import {
  PATIENT_RECEIVABLE,
  applyEntryOrThrow,
  balances,
  checkInvariants,
  emptyLedger,
  chargeEntry,
  type LedgerState,
} from '../../../domain/ledger';
import {
  DEFAULT_PATIENT_BALANCE_POLICY,
  PatientBalanceError,
  applyPatientPayment,
  applyUnappliedCashEntry,
  buildPaymentPlan,
  buildStatementContent,
  nextPatientBalanceStep,
  paymentPlanStatus,
  refundCreditBalanceEntry,
  refundIssuedEntry,
  smallBalanceWriteOffEntry,
  statementSchedule,
} from '../../../domain/patient-balance';
import { postClaimPayment } from '../../../domain/posting';
import { BILLED, chargedLedger, paidInFull, remit } from './money-fixtures';

function patientOwes(cents: number): LedgerState {
  return applyEntryOrThrow(
    emptyLedger('ex_pb'),
    chargeEntry({ examId: 'ex_pb', claimId: 'c1', billTo: { kind: 'patient' }, lines: [{ lineControlNumber: '1', procedureCode: '76700', chargeCents: cents }], documentId: 'd', effectiveDate: '2026-01-02' }),
  );
}

const pay = (state: LedgerState, amountCents: number, reference: string) =>
  applyPatientPayment(state, { amountCents, method: 'card', reference, receivedDate: '2026-02-01', documentId: 'rcpt' });

describe('patient payments', () => {
  it('a payment reduces what the patient owes and is idempotent on its reference', () => {
    const first = pay(patientOwes(10_000), 4_000, 'R-1');
    expect(balances(first.state).summary.patientOpenCents).toBe(6_000);
    const again = pay(first.state, 4_000, 'R-1');
    expect(again.duplicate).toBe(true);
    expect(again.state).toBe(first.state);
    expect(() => pay(first.state, 5_000, 'R-1')).toThrow(PatientBalanceError);
  });

  it('an overpayment is held as unapplied cash and can be refunded', () => {
    const paid = pay(patientOwes(10_000), 12_500, 'R-2');
    expect(paid).toMatchObject({ appliedCents: 10_000, unappliedCents: 2_500 });
    const s = balances(paid.state).summary;
    expect(s).toMatchObject({ patientOpenCents: 0, unappliedCashCents: 2_500, paymentsCents: 10_000 });
    const refund = refundCreditBalanceEntry(paid.state, { effectiveDate: '2026-02-05', documentId: 'ref', idempotencyKey: 'refund:1' });
    expect(refund).not.toBeNull();
    let state = applyEntryOrThrow(paid.state, refund!);
    expect(balances(state).summary.refundsPayableCents).toBe(2_500);
    state = applyEntryOrThrow(state, refundIssuedEntry(state, { amountCents: 2_500, effectiveDate: '2026-02-10', documentId: 'chk', idempotencyKey: 'refund-paid:1' }));
    expect(balances(state).summary).toMatchObject({ refundsPayableCents: 0, unappliedCashCents: 0, cashCents: 10_000, paymentsCents: 10_000 });
    expect(checkInvariants(state).ok).toBe(true);
  });

  it('a prepayment is applied once the patient responsibility posts', () => {
    const pre = pay(chargedLedger(), 5_000, 'COPAY-1');
    expect(balances(pre.state).summary.unappliedCashCents).toBe(5_000);
    const posted = postClaimPayment({ ledger: pre.state, remittance: remit(), adjudication: paidInFull(), billed: BILLED });
    if (!posted.ok) throw posted.error;
    const apply = applyUnappliedCashEntry(posted.state, { effectiveDate: '2026-02-02', documentId: 'auto', idempotencyKey: 'apply:1' });
    const state = applyEntryOrThrow(posted.state, apply!);
    expect(balances(state).summary).toMatchObject({ patientOpenCents: 13_000, unappliedCashCents: 0 });
  });

  it('a credit balance after a payer takes back the patient share becomes a refund', () => {
    const state = applyEntryOrThrow(patientOwes(1_000), {
      entryId: 'x', examId: 'ex_pb', lines: [{ account: PATIENT_RECEIVABLE, debitCents: 0, creditCents: 1_500 }, { account: 'payments', debitCents: 1_500, creditCents: 0 }],
      source: { kind: 'patient-payment', documentId: 'd' }, effectiveDate: '2026-02-01', idempotencyKey: 'x', allowCreditBalance: true,
    });
    expect(state.creditBalanceAccounts).toEqual([PATIENT_RECEIVABLE]);
    const refunded = applyEntryOrThrow(state, refundCreditBalanceEntry(state, { effectiveDate: '2026-02-03', documentId: 'r', idempotencyKey: 'refund:x' })!);
    expect(balances(refunded).summary).toMatchObject({ patientOpenCents: 0, refundsPayableCents: 500 });
    expect(refunded.creditBalanceAccounts).toEqual([]);
  });
});

describe('small balances, schedule and plans', () => {
  it('writes off a balance strictly under the threshold and nothing else', () => {
    const small = smallBalanceWriteOffEntry(patientOwes(499), { thresholdCents: 500, effectiveDate: '2026-03-01', documentId: 'policy', idempotencyKey: 'sb:1' });
    const state = applyEntryOrThrow(patientOwes(499), small!);
    expect(balances(state).summary).toMatchObject({ patientOpenCents: 0, writeOffCents: 499 });
    expect(smallBalanceWriteOffEntry(patientOwes(500), { thresholdCents: 500, effectiveDate: '2026-03-01', documentId: 'p', idempotencyKey: 'k' })).toBeNull();
  });

  it('sends statements every cycle and reviews for collections at 90 days', () => {
    expect(statementSchedule('2026-01-15', DEFAULT_PATIENT_BALANCE_POLICY)).toEqual({
      statementDates: ['2026-01-15', '2026-02-14', '2026-03-16'],
      collectionsReviewDate: '2026-04-15',
    });
    const base = { patientOpenCents: 12_000, unappliedCashCents: 0, firstStatementDate: '2026-01-15', onPaymentPlan: false };
    expect(nextPatientBalanceStep({ ...base, statementsSent: 1, asOf: '2026-02-01' }, DEFAULT_PATIENT_BALANCE_POLICY)).toEqual({ kind: 'send-statement', statementNumber: 2, dueDate: '2026-02-14', due: false });
    expect(nextPatientBalanceStep({ ...base, statementsSent: 3, asOf: '2026-04-15' }, DEFAULT_PATIENT_BALANCE_POLICY)).toEqual({ kind: 'collections-review', dueDate: '2026-04-15', due: true });
    expect(nextPatientBalanceStep({ ...base, patientOpenCents: 300, statementsSent: 0, asOf: '2026-01-15' }, DEFAULT_PATIENT_BALANCE_POLICY)).toEqual({ kind: 'small-balance-write-off', amountCents: 300 });
    expect(nextPatientBalanceStep({ ...base, patientOpenCents: -700, statementsSent: 0, asOf: '2026-01-15' }, DEFAULT_PATIENT_BALANCE_POLICY)).toEqual({ kind: 'refund-credit', amountCents: 700 });
  });

  it('payment plan installments add up exactly; the first ones carry the extra cents', () => {
    const plan = buildPaymentPlan({ balanceCents: 10_000, installmentCount: 3, firstDueDate: '2026-01-31', interval: { unit: 'month', every: 1 } });
    expect(plan.installments).toEqual([
      { number: 1, dueDate: '2026-01-31', amountCents: 3_334 },
      { number: 2, dueDate: '2026-02-28', amountCents: 3_333 },
      { number: 3, dueDate: '2026-03-31', amountCents: 3_333 },
    ]);
    expect(paymentPlanStatus(plan, 3_000, '2026-03-01')).toMatchObject({ dueToDateCents: 6_667, pastDueCents: 3_667, nextInstallment: { number: 1, amountCents: 334 } });
    expect(() => buildPaymentPlan({ balanceCents: 5_000, installmentCount: 4, firstDueDate: '2026-01-01', interval: { unit: 'month', every: 1 }, minimumInstallmentCents: 2_500 })).toThrow(PatientBalanceError);
  });

  it('property: any plan sums to the balance and installments differ by at most one cent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 1, max: 120 }), (balanceCents, count) => {
        fc.pre(balanceCents >= count);
        const plan = buildPaymentPlan({ balanceCents, installmentCount: count, firstDueDate: '2026-01-31', interval: { unit: 'day', every: 14 } });
        const amounts = plan.installments.map((i) => i.amountCents);
        expect(amounts.reduce((t, a) => t + a, 0)).toBe(balanceCents);
        expect(Math.max(...amounts) - Math.min(...amounts)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });
});

describe('statement content', () => {
  it('shows charges, insurance payments, adjustments, patient payments and the amount due that adds up', () => {
    const posted = postClaimPayment({ ledger: chargedLedger(), remittance: remit(), adjudication: paidInFull(), billed: BILLED });
    if (!posted.ok) throw posted.error;
    const paid = pay(posted.state, 3_000, 'R-9');
    const statement = buildStatementContent({
      ledger: paid.state, statementId: 'st_1', statementDate: '2026-02-15', paymentDueDays: 25, accountNumber: 'A-100',
      practice: { name: 'Main Imaging', addressLines: ['1 Center Rd'], phone: '555-0100' }, guarantor: { name: 'Guarantor', addressLines: ['2 Home St'] },
    });
    expect(statement.summary).toEqual({ chargesCents: 150_000, insurancePaymentsCents: 32_000, adjustmentsCents: 100_000, patientPaymentsCents: 3_000, pendingInsuranceCents: 0, amountDueCents: 15_000 });
    const s = statement.summary;
    expect(s.chargesCents - s.insurancePaymentsCents - s.adjustmentsCents - s.patientPaymentsCents - s.pendingInsuranceCents).toBe(s.amountDueCents);
    expect(statement.paymentDueDate).toBe('2026-03-12');
    expect(statement.activity.map((a) => a.description)).toEqual(['Charges for services', 'Insurance payment', 'Insurance adjustment', 'Your payment - thank you']);
  });
});
