export interface UnderpaymentFinding {
  readonly kind: 'underpayment';
  readonly expectedCents: number;
  readonly receivedCents: number;
  readonly shortfallCents: number;
  readonly toleranceCents: number;
}

/**
 * Reports an underpayment when what the payer recognised (paid + patient responsibility) falls
 * short of the expected reimbursement by more than the tolerance. All amounts in cents.
 */
export function detectUnderpayment(input: {
  readonly expectedCents: number | undefined;
  readonly receivedCents: number;
  readonly toleranceCents: number;
}): UnderpaymentFinding | null {
  if (input.expectedCents === undefined) return null;
  if (!Number.isSafeInteger(input.expectedCents) || !Number.isSafeInteger(input.receivedCents)) return null;
  const toleranceCents = Number.isSafeInteger(input.toleranceCents) && input.toleranceCents > 0 ? input.toleranceCents : 0;
  const shortfallCents = input.expectedCents - input.receivedCents;
  if (shortfallCents <= toleranceCents) return null;
  return { kind: 'underpayment', expectedCents: input.expectedCents, receivedCents: input.receivedCents, shortfallCents, toleranceCents };
}
