/** A ratio shown with the counts (or cents) it comes from, so a reader can check it. */
export interface Rate {
  readonly numerator: number;
  readonly denominator: number;
  /** 100 * numerator / denominator, rounded to two decimals; null when the denominator is 0. */
  readonly percent: number | null;
}

/** Rounds half away from zero to `decimals` places. */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const scaled = Math.abs(value) * factor;
  // The epsilon keeps values like 1.005 (stored as 1.00499...) rounding the way they read.
  return (Math.sign(value) * Math.round(scaled + 1e-9)) / factor;
}

export function rate(numerator: number, denominator: number): Rate {
  return { numerator, denominator, percent: denominator === 0 ? null : roundTo((100 * numerator) / denominator, 2) };
}
