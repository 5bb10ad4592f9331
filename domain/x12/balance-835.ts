import { finding, type X12Finding } from './finding';
import type { ClaimPayment835, Remittance835 } from './model-835';

function adjustmentTotal(items: readonly { amountCents: number }[]): number {
  let total = 0;
  for (const a of items) total += a.amountCents;
  return total;
}

/** BPR02 = sum(CLP04) - sum(PLB amounts), given the two sums. */
export function paymentBalanceFindings(paymentCents: number, claimsPaidCents: number, providerAdjustmentCents: number): X12Finding[] {
  const net = claimsPaidCents - providerAdjustmentCents;
  if (net === paymentCents) return [];
  return [finding('PAYMENT_IMBALANCE', 'error', { loop: 'HEADER', segment: 'BPR', element: 'BPR02' },
    `BPR02 (${paymentCents} cents) differs from claim payments minus provider adjustments (${net} cents)`,
    'post claim by claim and route the difference to a supervisor')];
}

/** Per claim CLP03 - claim and line adjustments = CLP04; per line SVC02 - line adjustments = SVC03. `index` is 0-based. */
export function claimBalanceFindings(c: ClaimPayment835, index: number, out: X12Finding[] = []): X12Finding[] {
  let lineAdjustments = 0;
  for (const l of c.lines) lineAdjustments += adjustmentTotal(l.adjustments);
  const claimAdjustments = adjustmentTotal(c.adjustments);
  if (c.chargeCents - claimAdjustments - lineAdjustments !== c.paidCents) {
    out.push(finding('CLAIM_IMBALANCE', 'error', { loop: '2100', segment: 'CLP', element: 'CLP04' },
      `claim ${index + 1}: charge minus adjustments (${c.chargeCents - claimAdjustments - lineAdjustments} cents) differs from paid (${c.paidCents} cents)`,
      'review the claim adjustments before posting'));
  }
  for (let li = 0; li < c.lines.length; li++) {
    const l = c.lines[li]!;
    const adj = adjustmentTotal(l.adjustments);
    if (l.chargeCents - adj !== l.paidCents) {
      out.push(finding('LINE_IMBALANCE', 'error', { loop: '2110', segment: 'SVC', element: 'SVC03' },
        `claim ${index + 1} line ${li + 1}: charge minus adjustments (${l.chargeCents - adj} cents) differs from paid (${l.paidCents} cents)`,
        'review the line adjustments before posting'));
    }
  }
  return out;
}

/**
 * The 835 balancing rules, as findings: BPR02 = sum(CLP04) - sum(PLB amounts); per claim
 * CLP03 - claim and line adjustments = CLP04; per line SVC02 - line adjustments = SVC03.
 * Messages carry claim ids only by position, never patient data.
 */
export function check835Balance(r: Remittance835): X12Finding[] {
  let paid = 0;
  for (const c of r.claims) paid += c.paidCents;
  let plb = 0;
  for (const p of r.providerAdjustments) plb += adjustmentTotal(p.items);
  const out = paymentBalanceFindings(r.payment.amountCents, paid, plb);
  for (let ci = 0; ci < r.claims.length; ci++) claimBalanceFindings(r.claims[ci]!, ci, out);
  return out;
}
