import {
  CONTRACTUAL_ADJUSTMENT,
  PATIENT_RECEIVABLE,
  PAYMENTS,
  UNAPPLIED_CASH,
  applyEntry,
  applyEntryOrThrow,
  balances,
  chargeEntry,
  checkInvariants,
  emptyLedger,
  insuranceReceivable,
  movement,
  reversalEntry,
  transferEntry,
  writeOffAccount,
  writeOffEntry,
  LedgerError,
  type LedgerEntry,
  type LedgerState,
} from '../../../domain/ledger';

const EXAM = 'ex_1';
const MCR = insuranceReceivable('medicare-b');

function charged(amount = 50_000): LedgerState {
  return applyEntryOrThrow(
    emptyLedger(EXAM),
    chargeEntry({
      examId: EXAM,
      claimId: 'cl_1',
      billTo: { kind: 'insurance', payerId: 'medicare-b' },
      lines: [{ lineControlNumber: 'L1', procedureCode: '72148', chargeCents: amount }],
      documentId: 'doc_charge',
      effectiveDate: '2026-01-10',
    }),
  );
}

function entry(key: string, lines: LedgerEntry['lines'], extra: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    entryId: key,
    examId: EXAM,
    claimId: 'cl_1',
    lines,
    source: { kind: '835', documentId: 'doc_835' },
    effectiveDate: '2026-02-01',
    idempotencyKey: key,
    ...extra,
  };
}

describe('ledger', () => {
  it('a released charge shows as open insurance balance equal to gross charges', () => {
    const s = balances(charged()).summary;
    expect(s.chargesCents).toBe(50_000);
    expect(s.insuranceOpenCents).toBe(50_000);
    expect(s.insuranceOpenByPayer['medicare-b']).toBe(50_000);
    expect(s.patientOpenCents).toBe(0);
    expect(checkInvariants(charged())).toEqual({ ok: true });
  });

  it('payment, contractual adjustment and patient share close the insurance balance', () => {
    const state = applyEntryOrThrow(
      charged(),
      entry('p1', [
        ...movement(PAYMENTS, MCR, 16_000),
        ...movement(CONTRACTUAL_ADJUSTMENT, MCR, 30_000),
        ...movement(PATIENT_RECEIVABLE, MCR, 4_000, { group: 'PR', reasonCode: '2', patientShare: 'coinsurance' }),
      ]),
    );
    const s = balances(state).summary;
    expect(s).toMatchObject({
      chargesCents: 50_000,
      paymentsCents: 16_000,
      contractualAdjustmentCents: 30_000,
      insuranceOpenCents: 0,
      patientOpenCents: 4_000,
    });
    expect(checkInvariants(state).ok).toBe(true);
  });

  const rejections: Array<[string, LedgerEntry, string]> = [
    ['unbalanced', entry('u', [{ account: PAYMENTS, debitCents: 100, creditCents: 0 }, { account: MCR, debitCents: 0, creditCents: 99 }]), 'unbalanced-entry'],
    ['fractional cents', entry('f', [{ account: PAYMENTS, debitCents: 10.5, creditCents: 0 }, { account: MCR, debitCents: 0, creditCents: 10.5 }]), 'invalid-entry'],
    ['unknown account', entry('a', movement('cash_drawer', MCR, 100)), 'unknown-account'],
    ['line with both sides', entry('b', [{ account: PAYMENTS, debitCents: 5, creditCents: 5 }]), 'invalid-entry'],
    ['receivable below zero', entry('z', movement(PAYMENTS, MCR, 50_001)), 'receivable-below-zero'],
    ['other exam', { ...entry('x', movement(PAYMENTS, MCR, 1)), examId: 'ex_2' }, 'exam-mismatch'],
    ['bad date', entry('d', movement(PAYMENTS, MCR, 1), { effectiveDate: '2026-02-30' }), 'invalid-entry'],
    ['liability below zero', entry('l', movement(UNAPPLIED_CASH, PAYMENTS, 1)), 'liability-below-zero'],
  ];
  it.each(rejections)('rejects %s', (_name, bad, code) => {
    const before = charged();
    const result = applyEntry(before, bad);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.rejection.code).toBe(code);
    expect(balances(before).summary.insuranceOpenCents).toBe(50_000);
  });

  it('allows a receivable credit balance only when the entry carries the flag, and reports it', () => {
    const result = applyEntry(charged(), entry('over', movement(PAYMENTS, MCR, 50_500), { allowCreditBalance: true }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.state.creditBalanceAccounts).toEqual([MCR]);
    expect(balances(result.state).summary.insuranceOpenCents).toBe(-500);
    expect(checkInvariants(result.state).ok).toBe(true);
    // shrinking the credit balance is fine without the flag; growing it is not
    const refund = applyEntry(result.state, entry('back', movement(MCR, PAYMENTS, 200)));
    expect(refund.ok).toBe(true);
    const more = applyEntry(result.state, entry('more', movement(PAYMENTS, MCR, 1)));
    expect(more.ok).toBe(false);
    if (refund.ok) {
      const cleared = applyEntryOrThrow(refund.state, entry('back2', movement(MCR, PAYMENTS, 300)));
      expect(cleared.creditBalanceAccounts).toEqual([]);
    }
  });

  it('a duplicate idempotency key is a no-op returning the same state; different content is a conflict', () => {
    const first = applyEntryOrThrow(charged(), entry('pay', movement(PAYMENTS, MCR, 1_000)));
    const again = applyEntry(first, entry('pay', movement(PAYMENTS, MCR, 1_000)));
    expect(again).toMatchObject({ ok: true, applied: false });
    if (again.ok) expect(again.state).toBe(first);
    const conflict = applyEntry(first, entry('pay', movement(PAYMENTS, MCR, 2_000)));
    expect(conflict.ok).toBe(false);
    if (!conflict.ok) expect(conflict.rejection.code).toBe('idempotency-conflict');
  });

  it('corrections are reversals that restore the balances and can happen only once', () => {
    const paid = applyEntryOrThrow(charged(), entry('pay', [...movement(PAYMENTS, MCR, 20_000), ...movement(CONTRACTUAL_ADJUSTMENT, MCR, 30_000)]));
    const rev = reversalEntry(paid, { entryId: 'pay', documentId: 'doc_rev', effectiveDate: '2026-03-01' });
    const reversed = applyEntryOrThrow(paid, rev);
    expect(balances(reversed).summary).toMatchObject({ paymentsCents: 0, adjustmentsCents: 0, insuranceOpenCents: 50_000 });
    expect(reversed.entries).toHaveLength(3);
    const twice = applyEntry(reversed, { ...rev, entryId: 'rev2', idempotencyKey: 'rev2' });
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.rejection.code).toBe('already-reversed');
    const notMirror = applyEntry(paid, { ...rev, lines: movement(MCR, PAYMENTS, 20_000) });
    expect(notMirror.ok).toBe(false);
    if (!notMirror.ok) expect(notMirror.rejection.code).toBe('reversal-mismatch');
  });

  it('write-offs and transfers move open balances and keep the invariant', () => {
    let state = applyEntryOrThrow(charged(), entry('pay', [...movement(PAYMENTS, MCR, 40_000), ...movement(PATIENT_RECEIVABLE, MCR, 10_000)]));
    state = applyEntryOrThrow(state, writeOffEntry({ examId: EXAM, claimId: 'cl_1', from: PATIENT_RECEIVABLE, kind: 'small-balance', amountCents: 400, documentId: 'wo', effectiveDate: '2026-04-01', idempotencyKey: 'wo:1' }));
    state = applyEntryOrThrow(state, transferEntry({ examId: EXAM, claimId: 'cl_1', from: PATIENT_RECEIVABLE, to: insuranceReceivable('commercial-a'), amountCents: 9_600, documentId: 'cov', effectiveDate: '2026-04-02', idempotencyKey: 'tr:1' }));
    const s = balances(state);
    expect(s.summary).toMatchObject({ writeOffCents: 400, patientOpenCents: 0, insuranceOpenCents: 9_600 });
    expect(s.accounts.find((a) => a.account === writeOffAccount('small-balance'))?.balanceCents).toBe(400);
    expect(checkInvariants(state).ok).toBe(true);
    expect(() => writeOffEntry({ examId: EXAM, from: PAYMENTS, kind: 'bad-debt', amountCents: 1, documentId: 'x', effectiveDate: '2026-04-01', idempotencyKey: 'k' })).toThrow(LedgerError);
  });

  it('balances can be read per claim', () => {
    let state = charged();
    state = applyEntryOrThrow(state, chargeEntry({ examId: EXAM, claimId: 'cl_2', billTo: { kind: 'patient' }, lines: [{ lineControlNumber: 'A', procedureCode: '76700', chargeCents: 12_345 }], documentId: 'd', effectiveDate: '2026-01-10' }));
    expect(balances(state, { claimId: 'cl_2' }).summary).toMatchObject({ chargesCents: 12_345, patientOpenCents: 12_345, insuranceOpenCents: 0 });
    expect(balances(state).summary.chargesCents).toBe(62_345);
  });

  it('checkInvariants notices a tampered state', () => {
    const state = charged();
    const tampered: LedgerState = { ...state, netByAccount: { ...state.netByAccount, [MCR]: 1 } };
    const report = checkInvariants(tampered);
    expect(report.ok).toBe(false);
    if (!report.ok) expect(report.violations.map((v) => v.code)).toContain('stored-balance-drift');
  });
});
