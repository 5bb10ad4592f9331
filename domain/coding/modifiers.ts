/** Modifier families the coding and scrubbing rules reason about. */

export const COMPONENT_MODIFIERS = ['26', 'TC'] as const;
export const DISTINCT_MODIFIERS = ['59', 'XE', 'XS', 'XP', 'XU'] as const;
export const LATERALITY_MODIFIERS = ['LT', 'RT', '50'] as const;
export const REPEAT_MODIFIERS = ['76', '77'] as const;
export const ABN_MODIFIERS = ['GA', 'GZ', 'GY', 'GX'] as const;

/** Modifiers that change the price; claims list them first. */
const PRICING = ['26', 'TC', '50', '52', '53'];

/** NCCI-associated modifiers that may bypass a PTP edit with modifier indicator 1 (anatomic, distinct, repeat-related). */
const PTP_BYPASS = new Set(['59', 'XE', 'XS', 'XP', 'XU', 'LT', 'RT', 'E1', 'E2', 'E3', 'E4', 'FA', 'F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9', 'TA', 'T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'LC', 'LD', 'LM', 'RC', 'RI', '91']);

export function isPtpBypassModifier(m: string): boolean {
  return PTP_BYPASS.has(m);
}

export function isDistinctModifier(m: string): boolean {
  return (DISTINCT_MODIFIERS as readonly string[]).includes(m);
}

/** Upper-case, trim, drop blanks and repeats, pricing modifiers first (stable otherwise). */
export function normalizeModifiers(modifiers: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of modifiers) {
    const m = raw.trim().toUpperCase();
    if (m === '' || seen.has(m)) continue;
    seen.add(m);
    out.push(m);
  }
  return orderModifiers(out);
}

export function orderModifiers(modifiers: readonly string[]): string[] {
  const rank = (m: string): number => {
    const i = PRICING.indexOf(m);
    return i < 0 ? PRICING.length : i;
  };
  return modifiers
    .map((m, i) => ({ m, i }))
    .sort((a, b) => rank(a.m) - rank(b.m) || a.i - b.i)
    .map((x) => x.m);
}

/** Which side a line describes: 'LT', 'RT', 'both' (50) or undefined. */
export function sideOf(modifiers: readonly string[]): 'LT' | 'RT' | 'both' | undefined {
  if (modifiers.includes('50') || (modifiers.includes('LT') && modifiers.includes('RT'))) return 'both';
  if (modifiers.includes('LT')) return 'LT';
  if (modifiers.includes('RT')) return 'RT';
  return undefined;
}
