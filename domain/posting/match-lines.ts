import type { AdjudicatedLine, BilledLine } from './remittance-types';

export type LineMatchMethod = 'line-control-number' | 'procedure-modifiers' | 'charge';

export interface LineMatch {
  readonly adjudicatedIndex: number;
  readonly lineControlNumber: string;
  readonly method: LineMatchMethod;
}

export interface LineMatching {
  readonly matches: readonly LineMatch[];
  /** Indexes of remittance lines with no billed line. They are still posted, at claim level. */
  readonly unmatchedAdjudicated: readonly number[];
  /** Billed lines the payer did not mention. */
  readonly unmatchedBilled: readonly string[];
}

function modifierKey(modifiers: readonly string[]): string {
  return modifiers
    .map((m) => m.trim().toUpperCase())
    .filter((m) => m !== '')
    .sort()
    .join(',');
}

function code(value: string): string {
  return value.trim().toUpperCase();
}

/**
 * Matches remittance lines to billed lines: line control number first, then procedure code and
 * modifiers (the submitted code when the payer changed it), then charge. Every line of either
 * side ends up either matched or reported.
 */
export function matchLines(billed: readonly BilledLine[], adjudicated: readonly AdjudicatedLine[]): LineMatching {
  const used = new Set<number>();
  const byAdjudicated = new Map<number, LineMatch>();

  const take = (adjIndex: number, billedIndex: number, method: LineMatchMethod) => {
    used.add(billedIndex);
    const line = billed[billedIndex];
    if (line) byAdjudicated.set(adjIndex, { adjudicatedIndex: adjIndex, lineControlNumber: line.lineControlNumber, method });
  };

  adjudicated.forEach((line, adjIndex) => {
    if (line.lineControlNumber === undefined || line.lineControlNumber.trim() === '') return;
    const billedIndex = billed.findIndex((b, i) => !used.has(i) && b.lineControlNumber === line.lineControlNumber);
    if (billedIndex >= 0) take(adjIndex, billedIndex, 'line-control-number');
  });

  adjudicated.forEach((line, adjIndex) => {
    if (byAdjudicated.has(adjIndex)) return;
    const submitted = code(line.submittedProcedureCode ?? line.procedureCode);
    const mods = modifierKey(line.modifiers);
    const candidates = billed
      .map((b, i) => ({ b, i }))
      .filter(({ b, i }) => !used.has(i) && code(b.procedureCode) === submitted && modifierKey(b.modifiers) === mods);
    const best = candidates.find(({ b }) => b.chargeCents === line.chargeCents) ?? candidates[0];
    if (best) take(adjIndex, best.i, 'procedure-modifiers');
  });

  adjudicated.forEach((line, adjIndex) => {
    if (byAdjudicated.has(adjIndex)) return;
    const billedIndex = billed.findIndex((b, i) => !used.has(i) && b.chargeCents === line.chargeCents);
    if (billedIndex >= 0) take(adjIndex, billedIndex, 'charge');
  });

  const matches = [...byAdjudicated.values()].sort((a, b) => a.adjudicatedIndex - b.adjudicatedIndex);
  return {
    matches,
    unmatchedAdjudicated: adjudicated.map((_, i) => i).filter((i) => !byAdjudicated.has(i)),
    unmatchedBilled: billed.filter((_, i) => !used.has(i)).map((b) => b.lineControlNumber),
  };
}
