import { balances, checkInvariants, insuranceReceivable } from '../../../domain/ledger';
import {
  buildSecondaryClaimData,
  matchLines,
  postClaimPayment,
  reconcileRemittance,
  summarizeProviderAdjustments,
  type PostingOutcome,
  type PostingSuccess,
} from '../../../domain/posting';
import { BILLED, CLAIM, EXAM, adjudication, chargedLedger, line, paidInFull, remit } from './money-fixtures';

function ok(outcome: PostingOutcome): PostingSuccess {
  if (!outcome.ok) throw new Error(`posting failed: ${outcome.error.message}`);
  expect(checkInvariants(outcome.state)).toEqual({ ok: true });
  return outcome;
}

describe('posting an 835 claim payment', () => {
  it('posts payment, contractual adjustment and the patient share split by deductible and coinsurance', () => {
    const result = ok(postClaimPayment({ ledger: chargedLedger(), remittance: remit(), adjudication: paidInFull(), billed: BILLED }));
    expect(result.claimState).toBe('paid');
    expect(result.amounts.patientShare).toEqual({ deductibleCents: 10_000, coinsuranceCents: 8_000, copayCents: 0, otherCents: 0, totalCents: 18_000 });
    expect(balances(result.state).summary).toMatchObject({
      chargesCents: 150_000,
      paymentsCents: 32_000,
      contractualAdjustmentCents: 100_000,
      insuranceOpenCents: 0,
      patientOpenCents: 18_000,
    });
    expect(result.lineMatching.matches.map((m) => m.method)).toEqual(['line-control-number', 'line-control-number']);
    expect(result.findings).toEqual([]);
    const deductibleLine = result.entries[0]?.lines.find((l) => l.memo?.patientShare === 'deductible' && l.debitCents > 0);
    expect(deductibleLine).toMatchObject({ account: 'patient_receivable', debitCents: 10_000, memo: { lineControlNumber: 'L1', reasonCode: '1' } });
  });

  it('posting the same 835 claim payment twice changes nothing', () => {
    const first = ok(postClaimPayment({ ledger: chargedLedger(), remittance: remit(), adjudication: paidInFull(), billed: BILLED }));
    const second = ok(postClaimPayment({ ledger: first.state, remittance: remit(), adjudication: paidInFull(), billed: BILLED }));
    expect(second.alreadyPosted).toBe(true);
    expect(second.entries).toEqual([]);
    expect(second.state).toBe(first.state);
  });

  it('a partial denial (one line bundled, CO-97) leaves that line open in insurance A/R', () => {
    const partial = adjudication({
      statusCode: '1',
      lines: [
        line({ lineControlNumber: 'L1', procedureCode: '72148', chargeCents: 120_000, paidCents: 32_000, adjustments: [{ group: 'CO', reasonCode: '45', amountCents: 80_000 }, { group: 'PR', reasonCode: '2', amountCents: 8_000 }] }),
        line({ lineControlNumber: 'L2', procedureCode: '72158', modifiers: ['26'], chargeCents: 30_000, paidCents: 0, adjustments: [{ group: 'CO', reasonCode: '97', amountCents: 30_000 }], remarkCodes: ['M15'] }),
      ],
    });
    const result = ok(postClaimPayment({ ledger: chargedLedger(), remittance: remit(), adjudication: partial, billed: BILLED }));
    expect(result.claimState).toBe('partially-paid');
    expect(balances(result.state).summary.insuranceOpenByPayer['medicare-b']).toBe(30_000);
    expect(result.denials).toHaveLength(1);
    expect(result.denials[0]).toMatchObject({ lineControlNumber: 'L2', reasonCode: '97', amountCents: 30_000, classification: { category: 'bundling' } });
  });

  it('a full denial keeps the whole charge open and records that the remittance was processed', () => {
    const denied = adjudication({
      statusCode: '4',
      lines: [
        line({ lineControlNumber: 'L1', procedureCode: '72148', chargeCents: 120_000, paidCents: 0, adjustments: [{ group: 'CO', reasonCode: '197', amountCents: 120_000 }] }),
        line({ lineControlNumber: 'L2', procedureCode: '72158', modifiers: ['26'], chargeCents: 30_000, paidCents: 0, adjustments: [{ group: 'CO', reasonCode: '197', amountCents: 30_000 }] }),
      ],
    });
    const result = ok(postClaimPayment({ ledger: chargedLedger(), remittance: remit(), adjudication: denied, billed: BILLED }));
    expect(result.claimState).toBe('denied');
    expect(result.amounts.deniedCents).toBe(150_000);
    expect(balances(result.state).summary.insuranceOpenCents).toBe(150_000);
    expect(result.denials.every((d) => d.classification.category === 'authorization' && d.classification.action === 'appeal')).toBe(true);
    expect(result.entries).toHaveLength(1);
    const again = ok(postClaimPayment({ ledger: result.state, remittance: remit(), adjudication: denied, billed: BILLED }));
    expect(again.alreadyPosted).toBe(true);
  });

  it('a non-covered service the payer puts on the patient (PR-204) is billed to the patient and listed as a denial', () => {
    const pr = adjudication({
      statusCode: '1',
      lines: [
        line({ lineControlNumber: 'L1', procedureCode: '72148', chargeCents: 120_000, paidCents: 40_000, adjustments: [{ group: 'CO', reasonCode: '45', amountCents: 80_000 }] }),
        line({ lineControlNumber: 'L2', procedureCode: '72158', modifiers: ['26'], chargeCents: 30_000, paidCents: 0, adjustments: [{ group: 'PR', reasonCode: '204', amountCents: 30_000 }] }),
      ],
    });
    const result = ok(postClaimPayment({ ledger: chargedLedger(), remittance: remit(), adjudication: pr, billed: BILLED }));
    expect(result.claimState).toBe('partially-paid');
    expect(balances(result.state).summary.patientOpenCents).toBe(30_000);
    expect(result.denials[0]?.classification).toMatchObject({ action: 'bill-patient', patientLiable: true });
  });

  it('a reversal (CLP02 22) undoes the earlier posting and the corrected payment then posts', () => {
    const first = ok(postClaimPayment({ ledger: chargedLedger(), remittance: remit('TRN1'), adjudication: paidInFull(), billed: BILLED }));
    const original = paidInFull();
    const reversal = adjudication({
      statusCode: '22',
      chargeCents: -original.chargeCents,
      paidCents: -original.paidCents,
      lines: original.lines.map((l) => ({ ...l, chargeCents: -l.chargeCents, paidCents: -l.paidCents, adjustments: l.adjustments.map((a) => ({ ...a, amountCents: -a.amountCents })) })),
    });
    const reversed = ok(postClaimPayment({ ledger: first.state, remittance: remit('TRN2', 'medicare-b', '2026-03-01'), adjudication: reversal, billed: BILLED }));
    expect(reversed.claimState).toBe('reversed');
    expect(reversed.findings).toEqual([]);
    expect(balances(reversed.state).summary).toMatchObject({ insuranceOpenCents: 150_000, patientOpenCents: 0, paymentsCents: 0, adjustmentsCents: 0 });

    const corrected = adjudication({
      statusCode: '1',
      payerClaimNumber: 'ICN0002',
      lines: [
        line({ lineControlNumber: 'L1', procedureCode: '72148', chargeCents: 120_000, paidCents: 36_000, adjustments: [{ group: 'CO', reasonCode: '45', amountCents: 75_000 }, { group: 'PR', reasonCode: '2', amountCents: 9_000 }] }),
        line({ lineControlNumber: 'L2', procedureCode: '72158', modifiers: ['26'], chargeCents: 30_000, paidCents: 8_000, adjustments: [{ group: 'CO', reasonCode: '45', amountCents: 20_000 }, { group: 'PR', reasonCode: '2', amountCents: 2_000 }] }),
      ],
    });
    const reposted = ok(postClaimPayment({ ledger: reversed.state, remittance: remit('TRN2', 'medicare-b', '2026-03-01'), adjudication: corrected, billed: BILLED, occurrence: 1 }));
    expect(reposted.claimState).toBe('paid');
    expect(balances(reposted.state).summary).toMatchObject({ insuranceOpenCents: 0, patientOpenCents: 11_000, paymentsCents: 44_000, contractualAdjustmentCents: 95_000 });
    // the same 835 again: both the reversal and the corrected payment are no-ops
    const replay1 = ok(postClaimPayment({ ledger: reposted.state, remittance: remit('TRN2', 'medicare-b', '2026-03-01'), adjudication: reversal, billed: BILLED }));
    const replay2 = ok(postClaimPayment({ ledger: replay1.state, remittance: remit('TRN2', 'medicare-b', '2026-03-01'), adjudication: corrected, billed: BILLED }));
    expect(replay2.state).toBe(reposted.state);
  });

  it('a reversal with nothing to reverse is reported, not guessed', () => {
    const reversal = adjudication({ statusCode: '22', chargeCents: -1_000, paidCents: -1_000, lines: [] });
    const result = ok(postClaimPayment({ ledger: chargedLedger(), remittance: remit(), adjudication: reversal, billed: BILLED }));
    expect(result.findings).toContainEqual({ kind: 'reversal-without-original' });
    expect(balances(result.state).summary.insuranceOpenCents).toBe(150_000);
  });

  it('with a secondary payer on file, the patient share moves to the secondary and its payment closes it', () => {
    const primary = ok(postClaimPayment({ ledger: chargedLedger(), remittance: remit(), adjudication: paidInFull(), billed: BILLED, nextPayerId: 'commercial-b' }));
    expect(primary.claimState).toBe('forwarded-to-secondary');
    expect(balances(primary.state).summary.insuranceOpenByPayer).toEqual({ 'medicare-b': 0, 'commercial-b': 18_000 });
    expect(balances(primary.state).summary.patientOpenCents).toBe(0);

    const secondaryPayment = adjudication({
      statusCode: '2',
      payerClaimNumber: 'SEC1',
      lines: [
        line({ lineControlNumber: 'L1', procedureCode: '72148', chargeCents: 120_000, paidCents: 14_000, adjustments: [{ group: 'OA', reasonCode: '23', amountCents: 104_000 }, { group: 'PR', reasonCode: '1', amountCents: 2_000 }] }),
        line({ lineControlNumber: 'L2', procedureCode: '72158', modifiers: ['26'], chargeCents: 30_000, paidCents: 2_000, adjustments: [{ group: 'OA', reasonCode: '23', amountCents: 28_000 }] }),
      ],
    });
    const secondary = ok(postClaimPayment({ ledger: primary.state, remittance: remit('SECTRN', 'commercial-b', '2026-03-01'), adjudication: secondaryPayment, billed: { ...BILLED, payerId: 'commercial-b' } }));
    expect(secondary.claimState).toBe('paid');
    expect(secondary.amounts.priorPayerCents).toBe(132_000);
    expect(balances(secondary.state).summary).toMatchObject({ insuranceOpenCents: 0, patientOpenCents: 2_000, paymentsCents: 48_000 });
    expect(secondary.findings).toEqual([]);
  });

  it('reports an underpayment beyond the tolerance only', () => {
    const run = (expected: number, tolerance: number) =>
      ok(postClaimPayment({ ledger: chargedLedger(), remittance: remit(), adjudication: paidInFull(), billed: BILLED, expectedReimbursementCents: expected, underpaymentToleranceCents: tolerance })).findings;
    // recognised = paid 32000 + patient 18000 = 50000
    expect(run(52_000, 100)).toContainEqual({ kind: 'underpayment', expectedCents: 52_000, receivedCents: 50_000, shortfallCents: 2_000, toleranceCents: 100 });
    expect(run(50_050, 100)).toEqual([]);
    expect(run(50_000, 0)).toEqual([]);
  });

  it('refuses a claim payment that does not balance or belongs to another claim', () => {
    const unbalanced = { ...paidInFull(), paidCents: 31_999 };
    const a = postClaimPayment({ ledger: chargedLedger(), remittance: remit(), adjudication: unbalanced, billed: BILLED });
    expect(a.ok || a.error.code).toBe('out-of-balance');
    const b = postClaimPayment({ ledger: chargedLedger(), remittance: remit(), adjudication: { ...paidInFull(), claimId: 'other' }, billed: BILLED });
    expect(b.ok || b.error.code).toBe('claim-mismatch');
    const c = postClaimPayment({ ledger: chargedLedger(), remittance: remit(), adjudication: { ...paidInFull(), paidCents: 32_000.5 }, billed: BILLED });
    expect(c.ok || c.error.code).toBe('invalid-adjudication');
  });

  it('a payer paying the same claim twice leaves a flagged payer credit balance and says so', () => {
    const full = adjudication({ statusCode: '1', lines: [], claimAdjustments: [], chargeCents: 150_000, paidCents: 150_000 });
    const first = ok(postClaimPayment({ ledger: chargedLedger(), remittance: remit('TRN1'), adjudication: full, billed: BILLED }));
    const second = ok(postClaimPayment({ ledger: first.state, remittance: remit('TRN9'), adjudication: full, billed: BILLED }));
    expect(second.findings).toContainEqual({ kind: 'credit-balance', account: insuranceReceivable('medicare-b'), balanceCents: -150_000 });
    expect(second.state.creditBalanceAccounts).toEqual([insuranceReceivable('medicare-b')]);
    expect(second.state.examId).toBe(EXAM);
  });
});

describe('line matching', () => {
  it('matches by control number, then procedure + modifiers in any order, then charge, and reports the rest', () => {
    const billed = [
      { lineControlNumber: 'A', procedureCode: '71046', modifiers: [], chargeCents: 10_000 },
      { lineControlNumber: 'B', procedureCode: '73721', modifiers: ['RT', '26'], chargeCents: 20_000 },
      { lineControlNumber: 'C', procedureCode: '76700', modifiers: [], chargeCents: 30_000 },
      { lineControlNumber: 'D', procedureCode: '77067', modifiers: [], chargeCents: 40_000 },
    ];
    const remitLines = [
      line({ procedureCode: '73721', modifiers: ['26', 'RT'], chargeCents: 20_000, paidCents: 0 }),
      line({ lineControlNumber: 'A', procedureCode: '71046', chargeCents: 10_000, paidCents: 0 }),
      line({ procedureCode: '76705', submittedProcedureCode: '76999', chargeCents: 30_000, paidCents: 0 }),
      line({ procedureCode: '99999', chargeCents: 1, paidCents: 0 }),
    ];
    const result = matchLines(billed, remitLines);
    expect(result.matches).toEqual([
      { adjudicatedIndex: 0, lineControlNumber: 'B', method: 'procedure-modifiers' },
      { adjudicatedIndex: 1, lineControlNumber: 'A', method: 'line-control-number' },
      { adjudicatedIndex: 2, lineControlNumber: 'C', method: 'charge' },
    ]);
    expect(result.unmatchedAdjudicated).toEqual([3]);
    expect(result.unmatchedBilled).toEqual(['D']);
  });

  it('an unmatched remittance line is still posted and reported', () => {
    const adj = adjudication({
      statusCode: '1',
      lines: [
        line({ procedureCode: '72148', chargeCents: 120_000, paidCents: 40_000, adjustments: [{ group: 'CO', reasonCode: '45', amountCents: 80_000 }] }),
        line({ procedureCode: 'G9999', chargeCents: 30_000, paidCents: 30_000 }),
      ],
    });
    const result = postClaimPayment({ ledger: chargedLedger(), remittance: remit(), adjudication: adj, billed: { ...BILLED, lines: [BILLED.lines[0]!] } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(balances(result.state).summary.paymentsCents).toBe(70_000);
    expect(result.findings.map((f) => f.kind)).toContain('unmatched-remit-line');
  });
});

describe('secondary claim data (COB)', () => {
  it('carries the primary paid amounts, adjustments by group and the remaining patient share', () => {
    const data = buildSecondaryClaimData({ billed: BILLED, priorPayerId: 'medicare-b', adjudication: { ...paidInFull(), adjudicationDate: '2026-01-30' } });
    expect(data).toMatchObject({ claimId: CLAIM, priorPayerClaimNumber: 'ICN0001', priorPaidCents: 32_000, remainingPatientResponsibilityCents: 18_000, crossover: false });
    expect(data.lines[0]).toMatchObject({
      lineControlNumber: 'L1',
      paidCents: 24_000,
      adjudicationDate: '2026-01-30',
      adjustments: [
        { group: 'CO', reasons: [{ reasonCode: '45', amountCents: 80_000 }] },
        { group: 'PR', reasons: [{ reasonCode: '1', amountCents: 10_000 }, { reasonCode: '2', amountCents: 6_000 }] },
      ],
    });
  });

  it.each([
    ['status 19', { statusCode: '19' as const }],
    ['remark MA18', { remarkCodes: ['MA18'] }],
    ['remark N89', { remarkCodes: ['N89'] }],
  ])('recognises a crossover from %s', (_name, patch) => {
    expect(buildSecondaryClaimData({ billed: BILLED, priorPayerId: 'medicare-b', adjudication: { ...paidInFull(), ...patch } }).crossover).toBe(true);
  });
});

describe('provider-level adjustments', () => {
  it('summarises PLB amounts and reconciles the payment amount', () => {
    const plb = [{ reasonCode: 'L6', amountCents: -250 }, { reasonCode: 'WO', reference: 'ICN77', amountCents: 10_000 }];
    expect(summarizeProviderAdjustments(plb).byCategory).toMatchObject({ interest: -250, recoupment: 10_000 });
    expect(reconcileRemittance({ paymentAmountCents: 22_250, claimPaidCents: [32_000], providerAdjustments: plb })).toEqual({ balanced: true, expectedPaymentCents: 22_250, differenceCents: 0 });
    expect(reconcileRemittance({ paymentAmountCents: 22_000, claimPaidCents: [32_000], providerAdjustments: plb }).differenceCents).toBe(-250);
  });
});
