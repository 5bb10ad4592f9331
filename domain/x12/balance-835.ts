import { finding, type X12Finding } from './finding';
import type { Remittance835 } from './model-835';

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/**
 * The 835 balancing rules, as findings: BPR02 = sum(CLP04) - sum(PLB amounts); per claim
 * CLP03 - claim and line adjustments = CLP04; per line SVC02 - line adjustments = SVC03.
 * Messages carry claim ids only by position, never patient data.
 */
export function check835Balance(r: Remittance835): X12Finding[] {
  const out: X12Finding[] = [];
  const paid = sum(r.claims.map((c) => c.paidCents));
  const plb = sum(r.providerAdjustments.flatMap((p) => p.items.map((i) => i.amountCents)));
  if (paid - plb !== r.payment.amountCents) {
    out.push(finding('PAYMENT_IMBALANCE', 'error', { loop: 'HEADER', segment: 'BPR', element: 'BPR02' },
      `BPR02 (${r.payment.amountCents} cents) differs from claim payments minus provider adjustments (${paid - plb} cents)`,
      'post claim by claim and route the difference to a supervisor'));
  }
  r.claims.forEach((c, ci) => {
    const lineAdjustments = sum(c.lines.flatMap((l) => l.adjustments.map((a) => a.amountCents)));
    const claimAdjustments = sum(c.adjustments.map((a) => a.amountCents));
    if (c.chargeCents - claimAdjustments - lineAdjustments !== c.paidCents) {
      out.push(finding('CLAIM_IMBALANCE', 'error', { loop: '2100', segment: 'CLP', element: 'CLP04' },
        `claim ${ci + 1}: charge minus adjustments (${c.chargeCents - claimAdjustments - lineAdjustments} cents) differs from paid (${c.paidCents} cents)`,
        'review the claim adjustments before posting'));
    }
    c.lines.forEach((l, li) => {
      const adj = sum(l.adjustments.map((a) => a.amountCents));
      if (l.chargeCents - adj !== l.paidCents) {
        out.push(finding('LINE_IMBALANCE', 'error', { loop: '2110', segment: 'SVC', element: 'SVC03' },
          `claim ${ci + 1} line ${li + 1}: charge minus adjustments (${l.chargeCents - adj} cents) differs from paid (${l.paidCents} cents)`,
          'review the line adjustments before posting'));
      }
    });
  });
  return out;
}
