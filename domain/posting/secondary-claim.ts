import { adjustmentEffect, isCrossoverRemark, type AdjustmentGroup } from '../denials';
import type { CalendarDate } from '../ledger';
import { matchLines, type LineMatching } from './match-lines';
import type { BilledClaim, ClaimAdjudication, RemitAdjustment } from './remittance-types';

export interface GroupedReason {
  readonly reasonCode: string;
  readonly amountCents: number;
  readonly quantity?: number;
}

/** Adjustments of one group, as a CAS segment carries them (the X12 mapper splits beyond six reasons). */
export interface AdjustmentGroupAmounts {
  readonly group: AdjustmentGroup;
  readonly reasons: readonly GroupedReason[];
}

export interface SecondaryClaimLine {
  readonly lineControlNumber: string;
  readonly procedureCode: string;
  readonly modifiers: readonly string[];
  readonly units?: number;
  /** What the prior payer paid on this line (2430 SVD). */
  readonly paidCents: number;
  /** The prior payer's line adjustments (2430 CAS). */
  readonly adjustments: readonly AdjustmentGroupAmounts[];
  readonly adjudicationDate?: CalendarDate;
  /** No remittance line could be matched to this billed line. */
  readonly notAdjudicated: boolean;
}

/**
 * What a claim to the next payer must carry about the prior payer's adjudication (the 2320 and
 * 2430 loops of an 837): paid amounts, adjustments by group and reason, remaining patient share.
 */
export interface SecondaryClaimData {
  readonly claimId: string;
  readonly priorPayerId: string;
  readonly priorPayerClaimNumber: string;
  readonly adjudicationDate?: CalendarDate;
  /** The prior payer already forwarded the claim: the next payer must not be billed again by us. */
  readonly crossover: boolean;
  /** Claim-level amount paid by the prior payer (2320 AMT payer paid). */
  readonly priorPaidCents: number;
  /** Claim-level adjustments only (2320 CAS); line adjustments are on the lines. */
  readonly claimAdjustments: readonly AdjustmentGroupAmounts[];
  /** Remaining patient responsibility after the prior payer (2320 AMT remaining liability). */
  readonly remainingPatientResponsibilityCents: number;
  readonly lines: readonly SecondaryClaimLine[];
  /** Remittance lines that matched no billed line; their amounts are only at claim level. */
  readonly unmatchedRemitLineIndexes: readonly number[];
}

/** The claim was forwarded by the payer itself (status 19/20/21, or remark MA18/N89). */
export function isCrossover(adjudication: ClaimAdjudication): boolean {
  if (adjudication.statusCode === '19' || adjudication.statusCode === '20' || adjudication.statusCode === '21') return true;
  if (adjudication.remarkCodes.some(isCrossoverRemark)) return true;
  return adjudication.lines.some((line) => line.remarkCodes.some(isCrossoverRemark));
}

const GROUP_ORDER: readonly AdjustmentGroup[] = ['CO', 'PR', 'OA', 'PI'];

/** Groups adjustments by group (CO, PR, OA, PI order) and sums repeated reason codes. */
export function groupAdjustments(adjustments: readonly RemitAdjustment[]): AdjustmentGroupAmounts[] {
  const result: AdjustmentGroupAmounts[] = [];
  for (const group of GROUP_ORDER) {
    const reasons: Array<{ reasonCode: string; amountCents: number; quantity?: number }> = [];
    for (const adj of adjustments) {
      if (adj.group !== group) continue;
      const reasonCode = adj.reasonCode.trim().toUpperCase();
      const existing = reasons.find((r) => r.reasonCode === reasonCode);
      if (existing) {
        existing.amountCents += adj.amountCents;
        if (adj.quantity !== undefined) existing.quantity = (existing.quantity ?? 0) + adj.quantity;
      } else {
        reasons.push({ reasonCode, amountCents: adj.amountCents, ...(adj.quantity !== undefined ? { quantity: adj.quantity } : {}) });
      }
    }
    if (reasons.length > 0) result.push({ group, reasons });
  }
  return result;
}

function patientResponsibility(adjustments: readonly RemitAdjustment[]): number {
  return adjustments
    .filter((a) => {
      const effect = adjustmentEffect(a.group, a.reasonCode);
      return effect === 'patient-cost-share' || effect === 'patient-liable';
    })
    .reduce((t, a) => t + a.amountCents, 0);
}

/** Builds the prior-payer data for the next payer's claim from the prior payer's adjudication. */
export function buildSecondaryClaimData(input: {
  readonly billed: BilledClaim;
  readonly priorPayerId: string;
  readonly adjudication: ClaimAdjudication;
  readonly matching?: LineMatching;
}): SecondaryClaimData {
  const { billed, adjudication } = input;
  const matching = input.matching ?? matchLines(billed.lines, adjudication.lines);
  const byLcn = new Map(matching.matches.map((m) => [m.lineControlNumber, m.adjudicatedIndex]));
  const lines: SecondaryClaimLine[] = billed.lines.map((billedLine) => {
    const index = byLcn.get(billedLine.lineControlNumber);
    const remit = index === undefined ? undefined : adjudication.lines[index];
    const units = remit?.units ?? billedLine.units;
    return {
      lineControlNumber: billedLine.lineControlNumber,
      procedureCode: remit?.procedureCode ?? billedLine.procedureCode,
      modifiers: remit?.modifiers ?? billedLine.modifiers,
      ...(units !== undefined ? { units } : {}),
      paidCents: remit?.paidCents ?? 0,
      adjustments: remit ? groupAdjustments(remit.adjustments) : [],
      ...(remit && adjudication.adjudicationDate !== undefined ? { adjudicationDate: adjudication.adjudicationDate } : {}),
      notAdjudicated: remit === undefined,
    };
  });
  const remaining =
    patientResponsibility(adjudication.claimAdjustments) + adjudication.lines.reduce((t, l) => t + patientResponsibility(l.adjustments), 0);
  return {
    claimId: billed.claimId,
    priorPayerId: input.priorPayerId,
    priorPayerClaimNumber: adjudication.payerClaimNumber,
    ...(adjudication.adjudicationDate !== undefined ? { adjudicationDate: adjudication.adjudicationDate } : {}),
    crossover: isCrossover(adjudication),
    priorPaidCents: adjudication.paidCents,
    claimAdjustments: groupAdjustments(adjudication.claimAdjustments),
    remainingPatientResponsibilityCents: remaining,
    lines,
    unmatchedRemitLineIndexes: matching.unmatchedAdjudicated,
  };
}
