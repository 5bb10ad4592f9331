import { isCents } from '../ledger';
import type { ProviderAdjustment } from './remittance-types';

export type ProviderAdjustmentCategory = 'interest' | 'recoupment' | 'forwarding-balance' | 'withholding' | 'incentive' | 'other';

const CATEGORY_BY_REASON: Readonly<Record<string, ProviderAdjustmentCategory>> = {
  L6: 'interest',
  WO: 'recoupment',
  '72': 'recoupment',
  WU: 'recoupment',
  B3: 'recoupment',
  FB: 'forwarding-balance',
  IR: 'withholding',
  LE: 'withholding',
  E3: 'withholding',
  SL: 'withholding',
  BN: 'incentive',
  IP: 'incentive',
};

export interface ProviderAdjustmentLine {
  readonly reasonCode: string;
  readonly category: ProviderAdjustmentCategory;
  readonly reference?: string;
  readonly amountCents: number;
  /** Change to the check amount: the opposite of the PLB amount. */
  readonly effectOnPaymentCents: number;
}

export interface ProviderAdjustmentSummary {
  readonly lines: readonly ProviderAdjustmentLine[];
  readonly byCategory: Readonly<Record<ProviderAdjustmentCategory, number>>;
  /** Sum of PLB amounts: what the provider-level adjustments took off the payment. */
  readonly totalCents: number;
}

/** Provider-level adjustments are not posted to an exam: they are summarised for the remittance. */
export function summarizeProviderAdjustments(adjustments: readonly ProviderAdjustment[]): ProviderAdjustmentSummary {
  const byCategory: Record<ProviderAdjustmentCategory, number> = {
    interest: 0,
    recoupment: 0,
    'forwarding-balance': 0,
    withholding: 0,
    incentive: 0,
    other: 0,
  };
  let totalCents = 0;
  const lines = adjustments.map((adj) => {
    if (!isCents(adj.amountCents)) throw new RangeError('provider adjustment amount must be whole cents');
    const reasonCode = adj.reasonCode.trim().toUpperCase();
    const category = Object.hasOwn(CATEGORY_BY_REASON, reasonCode) ? (CATEGORY_BY_REASON[reasonCode] ?? 'other') : 'other';
    byCategory[category] += adj.amountCents;
    totalCents += adj.amountCents;
    return {
      reasonCode,
      category,
      ...(adj.reference !== undefined ? { reference: adj.reference } : {}),
      amountCents: adj.amountCents,
      effectOnPaymentCents: -adj.amountCents,
    };
  });
  return { lines, byCategory, totalCents };
}

/** Checks that the payment amount equals the claim payments minus the provider-level adjustments. */
export function reconcileRemittance(input: {
  readonly paymentAmountCents: number;
  readonly claimPaidCents: readonly number[];
  readonly providerAdjustments: readonly ProviderAdjustment[];
}): { readonly balanced: boolean; readonly expectedPaymentCents: number; readonly differenceCents: number } {
  const claims = input.claimPaidCents.reduce((t, c) => t + c, 0);
  const expectedPaymentCents = claims - summarizeProviderAdjustments(input.providerAdjustments).totalCents;
  const differenceCents = input.paymentAmountCents - expectedPaymentCents;
  return { balanced: differenceCents === 0, expectedPaymentCents, differenceCents };
}
