import { applyEntryOrThrow, chargeEntry, emptyLedger, type LedgerState } from '../../../domain/ledger';
import type { AdjudicatedLine, BilledClaim, ClaimAdjudication, RemittanceRef } from '../../../domain/posting';

export const EXAM = 'ex_test';
export const CLAIM = 'cl_test';

export const BILLED: BilledClaim = {
  claimId: CLAIM,
  payerId: 'medicare-b',
  lines: [
    { lineControlNumber: 'L1', procedureCode: '72148', modifiers: [], chargeCents: 120_000, units: 1 },
    { lineControlNumber: 'L2', procedureCode: '72158', modifiers: ['26'], chargeCents: 30_000, units: 1 },
  ],
};

export function chargedLedger(billed: BilledClaim = BILLED): LedgerState {
  return applyEntryOrThrow(
    emptyLedger(EXAM),
    chargeEntry({
      examId: EXAM,
      claimId: billed.claimId,
      billTo: { kind: 'insurance', payerId: billed.payerId },
      lines: billed.lines,
      documentId: 'doc_claim',
      effectiveDate: '2026-01-05',
    }),
  );
}

export function remit(traceNumber = 'TRN1', payerId = 'medicare-b', paymentDate = '2026-02-01'): RemittanceRef {
  return { payerId, traceNumber, documentId: `doc_${traceNumber}`, paymentDate };
}

export function line(partial: Partial<AdjudicatedLine> & Pick<AdjudicatedLine, 'procedureCode' | 'chargeCents' | 'paidCents'>): AdjudicatedLine {
  return { modifiers: [], adjustments: [], remarkCodes: [], ...partial };
}

/** A claim payment whose totals are derived from its lines. */
export function adjudication(partial: Partial<ClaimAdjudication> & Pick<ClaimAdjudication, 'statusCode' | 'lines'>): ClaimAdjudication {
  const claimAdjustments = partial.claimAdjustments ?? [];
  const all = [...claimAdjustments, ...partial.lines.flatMap((l) => l.adjustments)];
  const paidCents = partial.paidCents ?? partial.lines.reduce((t, l) => t + l.paidCents, 0);
  const chargeCents = partial.chargeCents ?? paidCents + all.reduce((t, a) => t + a.amountCents, 0);
  return {
    claimId: CLAIM,
    payerClaimNumber: 'ICN0001',
    remarkCodes: [],
    claimAdjustments,
    chargeCents,
    paidCents,
    patientResponsibilityCents: all.filter((a) => a.group === 'PR').reduce((t, a) => t + a.amountCents, 0),
    ...partial,
  };
}

/** Medicare-like payment of BILLED: allowed 40000 + 10000, 20 % coinsurance, deductible on line 1. */
export function paidInFull(): ClaimAdjudication {
  return adjudication({
    statusCode: '1',
    lines: [
      line({ lineControlNumber: 'L1', procedureCode: '72148', chargeCents: 120_000, paidCents: 24_000, allowedCents: 40_000, adjustments: [
        { group: 'CO', reasonCode: '45', amountCents: 80_000 },
        { group: 'PR', reasonCode: '1', amountCents: 10_000 },
        { group: 'PR', reasonCode: '2', amountCents: 6_000 },
      ] }),
      line({ lineControlNumber: 'L2', procedureCode: '72158', modifiers: ['26'], chargeCents: 30_000, paidCents: 8_000, allowedCents: 10_000, adjustments: [
        { group: 'CO', reasonCode: '45', amountCents: 20_000 },
        { group: 'PR', reasonCode: '2', amountCents: 2_000 },
      ] }),
    ],
  });
}
