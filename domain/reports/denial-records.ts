import { classifyDenial } from '../denials/classify-denial';
import type { AdjustmentGroup, DenialCategory, RootCause } from '../denials/denial-types';
import type { ClaimAdjudication } from '../posting/remittance-types';

/**
 * One denied amount of a remittance: an adjustment (claim level or on a service line) whose group
 * and reason code classify as a denial, i.e. an amount the payer refused that stays open until it
 * is worked. Contractual reductions, patient cost share and prior-payer amounts are not denials.
 */
export interface DenialRecord {
  /** Position among the claim's denied amounts in this remittance (the idempotency key with the document and claim). */
  readonly seq: number;
  readonly lineControlNumber: string | null;
  readonly procedureCode: string | null;
  readonly group: AdjustmentGroup;
  /** CARC */
  readonly reasonCode: string;
  readonly remarkCodes: readonly string[];
  readonly category: DenialCategory;
  readonly rootCause: RootCause;
  readonly amountCents: number;
}

/** The denied amounts of one claim payment (CLP loop). A reversal (CLP02 22) denies nothing. */
export function denialRecords(adjudication: ClaimAdjudication): DenialRecord[] {
  if (adjudication.statusCode === '22') return [];
  const out: DenialRecord[] = [];
  const push = (group: AdjustmentGroup, reasonCode: string, amountCents: number, remarkCodes: readonly string[], line: { lineControlNumber?: string; procedureCode?: string } | null) => {
    if (!Number.isSafeInteger(amountCents) || amountCents <= 0) return;
    const c = classifyDenial({ group, reasonCode, remarkCodes });
    if (c.effect !== 'denial') return;
    out.push({
      seq: out.length + 1,
      lineControlNumber: line?.lineControlNumber ?? null,
      procedureCode: line?.procedureCode ?? null,
      group,
      reasonCode: c.reasonCode,
      remarkCodes: [...new Set(remarkCodes.map((r) => r.trim().toUpperCase()))],
      category: c.category,
      rootCause: c.rootCause,
      amountCents,
    });
  };
  for (const a of adjudication.claimAdjustments) push(a.group, a.reasonCode, a.amountCents, adjudication.remarkCodes, null);
  for (const line of adjudication.lines) {
    const remarks = [...line.remarkCodes, ...adjudication.remarkCodes];
    for (const a of line.adjustments) {
      push(a.group, a.reasonCode, a.amountCents, remarks, { ...(line.lineControlNumber ? { lineControlNumber: line.lineControlNumber } : {}), procedureCode: line.procedureCode });
    }
  }
  return out;
}
