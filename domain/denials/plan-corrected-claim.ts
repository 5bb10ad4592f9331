import type { CodeDescription, DenialClassification } from './classify-denial';

export interface CorrectedClaimPlan {
  readonly originalClaimId: string;
  /** Claim frequency code 7: replacement of a prior claim. */
  readonly frequencyCode: '7';
  /** Payer claim number of the claim being replaced (goes in the original reference). */
  readonly payerClaimNumber: string;
  readonly reasons: readonly CodeDescription[];
  /** A person confirms the correction before anything is sent. */
  readonly requiresConfirmation: true;
}

export type CorrectedClaimDecision =
  | { readonly kind: 'corrected-claim'; readonly plan: CorrectedClaimPlan }
  | {
      readonly kind: 'not-auto-correctable';
      readonly reason: 'no-auto-correctable-denial' | 'missing-payer-claim-number' | 'new-claim-required' | 'other-denials-need-work';
    };

/**
 * Decides whether the engine may prepare a corrected claim (frequency 7 with the payer claim
 * number) for a person to confirm: every open denial must be auto-correctable and appealable.
 */
export function planCorrectedClaim(input: {
  readonly claimId: string;
  readonly payerClaimNumber?: string;
  readonly denials: readonly DenialClassification[];
}): CorrectedClaimDecision {
  const open = input.denials.filter((d) => d.effect === 'denial');
  if (open.length === 0 || !open.some((d) => d.autoCorrectable)) return { kind: 'not-auto-correctable', reason: 'no-auto-correctable-denial' };
  if (open.some((d) => !d.appealable)) return { kind: 'not-auto-correctable', reason: 'new-claim-required' };
  if (open.some((d) => !d.autoCorrectable)) return { kind: 'not-auto-correctable', reason: 'other-denials-need-work' };
  if (input.payerClaimNumber === undefined || input.payerClaimNumber.trim() === '') {
    return { kind: 'not-auto-correctable', reason: 'missing-payer-claim-number' };
  }
  const seen = new Set<string>();
  const reasons: CodeDescription[] = [];
  for (const denial of open) {
    for (const code of denial.codes) {
      const key = `${code.kind}:${code.code}`;
      if (!seen.has(key)) {
        seen.add(key);
        reasons.push(code);
      }
    }
  }
  return {
    kind: 'corrected-claim',
    plan: {
      originalClaimId: input.claimId,
      frequencyCode: '7',
      payerClaimNumber: input.payerClaimNumber,
      reasons,
      requiresConfirmation: true,
    },
  };
}
