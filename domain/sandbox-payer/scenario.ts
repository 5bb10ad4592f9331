/**
 * How the sandbox payer behaves for a member, chosen by the member id's prefix (DESIGN §4), so that
 * anyone can demonstrate every path of the lifecycle with an ordinary intake.
 */
export type SandboxScenario =
  | { kind: 'inactive' }
  | { kind: 'prior-auth-approve' }
  | { kind: 'prior-auth-deny' }
  | { kind: 'reject' }
  | { kind: 'no-response' }
  | { kind: 'deny'; carc: string }
  | { kind: 'partial' }
  /** pays as primary and forwards the claim to the member's supplemental payer itself (Medicare crossover) */
  | { kind: 'crossover' }
  /**
   * paid normally; PAYPCT<n>: the allowed amount is n % of the fee schedule (a contract rate, or an underpayment);
   * SEQ: the payment is reduced by Medicare's 2 % sequestration, reported as CO-253
   */
  | { kind: 'paid'; payPercent?: number; sequestration?: boolean };

/** Medicare's sequestration as the sandbox applies it to a SEQ member's payment. */
export const SANDBOX_SEQUESTRATION_PERCENT = 2;

/** The CARC the sandbox uses when a member id says DENY without a code. */
export const DEFAULT_DENIAL_CARC = '50';

export function sandboxScenario(memberId: string): SandboxScenario {
  const id = memberId.trim().toUpperCase();
  if (id.startsWith('INACTIVE')) return { kind: 'inactive' };
  if (id.startsWith('PAREQ')) return { kind: 'prior-auth-approve' };
  if (id.startsWith('PADENY')) return { kind: 'prior-auth-deny' };
  if (id.startsWith('REJECT')) return { kind: 'reject' };
  if (id.startsWith('NORESP')) return { kind: 'no-response' };
  if (id.startsWith('PARTIAL')) return { kind: 'partial' };
  if (id.startsWith('XOVER')) return { kind: 'crossover' };
  if (id.startsWith('DENY')) {
    const carc = /^DENY([A-Z]?\d{1,3})/.exec(id)?.[1];
    return { kind: 'deny', carc: carc ?? DEFAULT_DENIAL_CARC };
  }
  const percent = /^PAYPCT(\d{1,3})/.exec(id)?.[1];
  if (percent !== undefined) return { kind: 'paid', payPercent: Number(percent) };
  if (id.startsWith('SEQ')) return { kind: 'paid', sequestration: true };
  return { kind: 'paid' };
}

/**
 * How many appeal levels the sandbox payer upholds its denial at before it pays: `UPHELD<n>` anywhere in the
 * member id (e.g. `DENY50-UPHELD1`: the redetermination is upheld, the reconsideration pays). 0 by default.
 */
export function upheldAppealLevels(memberId: string): number {
  const m = /UPHELD(\d)/.exec(memberId.trim().toUpperCase());
  return m ? Number(m[1]) : 0;
}

/** Modalities whose studies the PAREQ/PADENY payers manage through prior authorization. */
export function isAdvancedImagingCpt(cpt: string): boolean {
  // CT 70450-76499 (CT and CTA ranges within radiology), MR 70540-77084, PET 78608-78816, NM 78012-79999.
  const n = Number(cpt);
  if (!Number.isInteger(n)) return false;
  return (n >= 70450 && n <= 70498) || (n >= 70540 && n <= 70559) || (n >= 71250 && n <= 71555) || (n >= 72125 && n <= 72198)
    || (n >= 73200 && n <= 73225) || (n >= 73700 && n <= 73725) || (n >= 74150 && n <= 74185) || (n >= 75557 && n <= 75635)
    || (n >= 77046 && n <= 77049) || (n >= 78012 && n <= 79999);
}
