import { findCarc } from '../denials/carc-table';
import type { DenialCategory, RecommendedAction, RootCause } from '../denials/denial-types';
import type { CalendarDate } from '../ledger/calendar-date';
import { rate, type Rate } from './rate';

/** Sums over a group of denied amounts. */
export interface DenialTotals {
  readonly deniedClaims: number;
  readonly denials: number;
  readonly deniedCents: number;
}

/** One grouping of the database's GROUPING SETS query; the fields not grouped on are null. */
export type DenialGroup = DenialTotals &
  (
    | { readonly dimension: 'total' }
    | { readonly dimension: 'payer'; readonly payerId: string }
    | { readonly dimension: 'category'; readonly category: string }
    | { readonly dimension: 'carc'; readonly group: string; readonly carc: string }
    | { readonly dimension: 'root-cause'; readonly category: string; readonly rootCause: string }
  );

export interface DenialsReport {
  readonly from: CalendarDate;
  readonly to: CalendarDate;
  readonly total: DenialTotals & { readonly adjudicatedClaims: number; readonly denialRate: Rate };
  readonly byPayer: (DenialTotals & { readonly payerId: string; readonly adjudicatedClaims: number; readonly denialRate: Rate })[];
  readonly byCategory: (DenialTotals & { readonly category: DenialCategory | string; readonly shareOfDeniedCents: Rate })[];
  readonly byCarc: (DenialTotals & {
    readonly carc: string;
    readonly group: string;
    readonly description: string;
    readonly category: DenialCategory | string;
    readonly rootCause: RootCause | string;
    readonly recommendedAction: RecommendedAction | null;
  })[];
  readonly byRootCause: (DenialTotals & { readonly rootCause: RootCause | string; readonly category: DenialCategory | string })[];
}

const EMPTY: DenialTotals = { deniedClaims: 0, denials: 0, deniedCents: 0 };
const totals = (g: DenialTotals): DenialTotals => ({ deniedClaims: g.deniedClaims, denials: g.denials, deniedCents: g.deniedCents });
const byCents = (a: DenialTotals, b: DenialTotals) => b.deniedCents - a.deniedCents || b.deniedClaims - a.deniedClaims;

/**
 * The denials report from the grouped denied amounts and, per payer, the claims remitted in the
 * same period (the denominator of the denial rate).
 */
export function summarizeDenials(
  period: { from: CalendarDate; to: CalendarDate },
  groups: readonly DenialGroup[],
  adjudicatedByPayer: ReadonlyMap<string, number>,
): DenialsReport {
  const total = groups.find((g) => g.dimension === 'total') ?? { dimension: 'total' as const, ...EMPTY };
  const adjudicatedClaims = [...adjudicatedByPayer.values()].reduce((t, n) => t + n, 0);

  const payers = new Map<string, DenialTotals>();
  for (const g of groups) if (g.dimension === 'payer') payers.set(g.payerId, totals(g));
  for (const payerId of adjudicatedByPayer.keys()) if (!payers.has(payerId)) payers.set(payerId, EMPTY);

  const byCarc = [];
  const byCategory = [];
  const byRootCause = [];
  for (const g of groups) {
    if (g.dimension === 'carc') {
      const def = findCarc(g.carc);
      byCarc.push({
        carc: g.carc,
        group: g.group,
        description: def?.description ?? 'Reason code not in our table',
        category: def?.category ?? 'other',
        rootCause: def?.rootCause ?? 'unclassified-code',
        recommendedAction: def ? def.action : 'appeal',
        ...totals(g),
      });
    } else if (g.dimension === 'category') {
      byCategory.push({ category: g.category, ...totals(g), shareOfDeniedCents: rate(g.deniedCents, total.deniedCents) });
    } else if (g.dimension === 'root-cause') {
      byRootCause.push({ rootCause: g.rootCause, category: g.category, ...totals(g) });
    }
  }

  return {
    from: period.from,
    to: period.to,
    total: { ...totals(total), adjudicatedClaims, denialRate: rate(total.deniedClaims, adjudicatedClaims) },
    byPayer: [...payers.entries()]
      .map(([payerId, t]) => {
        const adjudicated = adjudicatedByPayer.get(payerId) ?? 0;
        return { payerId, ...t, adjudicatedClaims: adjudicated, denialRate: rate(t.deniedClaims, adjudicated) };
      })
      .sort((a, b) => byCents(a, b) || a.payerId.localeCompare(b.payerId)),
    byCategory: byCategory.sort((a, b) => byCents(a, b) || a.category.localeCompare(b.category)),
    byCarc: byCarc.sort((a, b) => byCents(a, b) || a.carc.localeCompare(b.carc) || a.group.localeCompare(b.group)),
    byRootCause: byRootCause.sort((a, b) => byCents(a, b) || a.rootCause.localeCompare(b.rootCause)),
  };
}
