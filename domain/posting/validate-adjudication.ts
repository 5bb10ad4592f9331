import { isCalendarDate, isCents, isPayerId } from '../ledger';
import type { PostingErrorDetail } from './posting-errors';
import { CLAIM_STATUS_CODES, type BilledClaim, type ClaimAdjudication, type RemitAdjustment, type RemittanceRef } from './remittance-types';

const GROUPS = ['CO', 'PR', 'OA', 'PI'];
const ID = /^[\x21-\x7e]{1,80}$/;
const REASON = /^[A-Za-z0-9]{1,5}$/;

function checkAdjustments(list: unknown, field: string): PostingErrorDetail | null {
  if (!Array.isArray(list)) return { code: 'invalid-adjudication', field };
  for (const [i, adj] of (list as RemitAdjustment[]).entries()) {
    if (typeof adj !== 'object' || adj === null) return { code: 'invalid-adjudication', field: `${field}[${i}]` };
    if (!GROUPS.includes(adj.group)) return { code: 'invalid-adjudication', field: `${field}[${i}].group` };
    if (typeof adj.reasonCode !== 'string' || !REASON.test(adj.reasonCode.trim())) return { code: 'invalid-adjudication', field: `${field}[${i}].reasonCode` };
    if (!isCents(adj.amountCents)) return { code: 'invalid-adjudication', field: `${field}[${i}].amountCents` };
    if (adj.quantity !== undefined && !Number.isFinite(adj.quantity)) return { code: 'invalid-adjudication', field: `${field}[${i}].quantity` };
  }
  return null;
}

function checkCodes(list: unknown, field: string): PostingErrorDetail | null {
  if (!Array.isArray(list) || !list.every((c) => typeof c === 'string' && c.length <= 10)) return { code: 'invalid-adjudication', field };
  return null;
}

export function sumAdjustments(list: readonly RemitAdjustment[]): number {
  return list.reduce((total, adj) => total + adj.amountCents, 0);
}

/** Checks a claim payment before anything is posted; returns the first problem found. */
export function validateAdjudication(
  remittance: RemittanceRef,
  adjudication: ClaimAdjudication,
  billed: BilledClaim,
): PostingErrorDetail | null {
  if (!isPayerId(remittance.payerId)) return { code: 'invalid-adjudication', field: 'remittance.payerId' };
  if (typeof remittance.traceNumber !== 'string' || !ID.test(remittance.traceNumber)) return { code: 'invalid-adjudication', field: 'remittance.traceNumber' };
  if (typeof remittance.documentId !== 'string' || !ID.test(remittance.documentId)) return { code: 'invalid-adjudication', field: 'remittance.documentId' };
  if (!isCalendarDate(remittance.paymentDate)) return { code: 'invalid-adjudication', field: 'remittance.paymentDate' };
  if (typeof adjudication !== 'object' || adjudication === null) return { code: 'invalid-adjudication', field: 'adjudication' };
  if (typeof adjudication.claimId !== 'string' || !ID.test(adjudication.claimId)) return { code: 'invalid-adjudication', field: 'claimId' };
  if (adjudication.claimId !== billed.claimId) return { code: 'claim-mismatch' };
  if (!(CLAIM_STATUS_CODES as readonly string[]).includes(adjudication.statusCode)) return { code: 'invalid-adjudication', field: 'statusCode' };
  if (typeof adjudication.payerClaimNumber !== 'string' || (adjudication.payerClaimNumber !== '' && !ID.test(adjudication.payerClaimNumber))) {
    return { code: 'invalid-adjudication', field: 'payerClaimNumber' };
  }
  const reversal = adjudication.statusCode === '22';
  for (const field of ['chargeCents', 'paidCents', 'patientResponsibilityCents'] as const) {
    const value = adjudication[field];
    if (!isCents(value)) return { code: 'invalid-adjudication', field };
    if (!reversal && field !== 'patientResponsibilityCents' && value < 0) return { code: 'invalid-adjudication', field };
  }
  if (adjudication.adjudicationDate !== undefined && !isCalendarDate(adjudication.adjudicationDate)) {
    return { code: 'invalid-adjudication', field: 'adjudicationDate' };
  }
  const claimProblem = checkAdjustments(adjudication.claimAdjustments, 'claimAdjustments') ?? checkCodes(adjudication.remarkCodes, 'remarkCodes');
  if (claimProblem) return claimProblem;
  if (!Array.isArray(adjudication.lines)) return { code: 'invalid-adjudication', field: 'lines' };
  for (const [i, line] of adjudication.lines.entries()) {
    const field = `lines[${i}]`;
    if (typeof line !== 'object' || line === null) return { code: 'invalid-adjudication', field };
    if (typeof line.procedureCode !== 'string' || !/^[A-Za-z0-9]{1,48}$/.test(line.procedureCode)) return { code: 'invalid-adjudication', field: `${field}.procedureCode` };
    if (!isCents(line.chargeCents)) return { code: 'invalid-adjudication', field: `${field}.chargeCents` };
    if (!isCents(line.paidCents)) return { code: 'invalid-adjudication', field: `${field}.paidCents` };
    if (line.allowedCents !== undefined && !isCents(line.allowedCents)) return { code: 'invalid-adjudication', field: `${field}.allowedCents` };
    const lineProblem =
      checkCodes(line.modifiers, `${field}.modifiers`) ??
      checkCodes(line.remarkCodes, `${field}.remarkCodes`) ??
      checkAdjustments(line.adjustments, `${field}.adjustments`);
    if (lineProblem) return lineProblem;
  }
  if (adjudication.statusCode === '23' || adjudication.statusCode === '25') return null;
  const adjustmentsCents =
    sumAdjustments(adjudication.claimAdjustments) + adjudication.lines.reduce((t, l) => t + sumAdjustments(l.adjustments), 0);
  if (!Number.isSafeInteger(adjustmentsCents)) return { code: 'invalid-adjudication', field: 'adjustments' };
  if (adjudication.chargeCents - adjudication.paidCents !== adjustmentsCents) {
    return { code: 'out-of-balance', chargeCents: adjudication.chargeCents, paidCents: adjudication.paidCents, adjustmentsCents };
  }
  return null;
}
