import type { AdjustmentGroup } from '../../domain/denials/denial-types';
import type { AdjudicatedLine, ClaimAdjudication, ClaimStatusCode, RemitAdjustment } from '../../domain/posting';
import type { Adjustment, ClaimPayment835, Remittance835 } from '../../domain/x12';

const GROUPS: readonly string[] = ['CO', 'PR', 'OA', 'PI'];

function adjustment(a: Adjustment): RemitAdjustment {
  // CR (correction and reversal) is a 4010 group; 5010 payers report it as OA.
  const group = (GROUPS.includes(a.group) ? a.group : 'OA') as AdjustmentGroup;
  return { group, reasonCode: a.reason, amountCents: a.amountCents, ...(a.quantity === undefined ? {} : { quantity: a.quantity }) };
}

/** One CLP loop of a parsed 835 in the shape posting and the exam workflow use. */
export function toClaimAdjudication(clp: ClaimPayment835, remit: Remittance835): ClaimAdjudication {
  const lines: AdjudicatedLine[] = clp.lines.map((l) => ({
    ...(l.lineControlNumber ? { lineControlNumber: l.lineControlNumber } : {}),
    procedureCode: l.procedure.code,
    ...(l.originalProcedure ? { submittedProcedureCode: l.originalProcedure.code } : {}),
    modifiers: l.procedure.modifiers,
    chargeCents: l.chargeCents,
    paidCents: l.paidCents,
    ...(l.allowedCents === undefined ? {} : { allowedCents: l.allowedCents }),
    ...(l.units === undefined ? {} : { units: l.units }),
    ...(l.serviceDate ? { serviceDate: l.serviceDate } : {}),
    adjustments: l.adjustments.map(adjustment),
    remarkCodes: l.remarkCodes,
  }));
  return {
    claimId: clp.claimId,
    statusCode: clp.status as ClaimStatusCode,
    chargeCents: clp.chargeCents,
    paidCents: clp.paidCents,
    patientResponsibilityCents: clp.patientResponsibilityCents ?? 0,
    payerClaimNumber: clp.payerClaimControlNumber ?? '',
    claimAdjustments: clp.adjustments.map(adjustment),
    lines,
    remarkCodes: clp.outpatient?.remarkCodes ?? clp.inpatient?.remarkCodes ?? [],
    ...(remit.payment.date ? { adjudicationDate: remit.payment.date } : {}),
  };
}

/** Our status of a claim after its 835 claim payment. */
export function claimStatusAfterRemittance(clp: ClaimPayment835): string {
  if (clp.status === '4') return 'denied';
  if (clp.status === '22') return 'reversed';
  if (clp.paidCents > 0) return 'paid';
  return 'adjudicated';
}
