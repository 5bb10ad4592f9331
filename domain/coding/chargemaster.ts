import type { RefData } from '../refdata/ref-data';

/**
 * One line of a billing entity's chargemaster: its price of one unit of a code (with '' for the whole
 * service, '26' or 'TC' for a component, or another pricing modifier), the NUBC revenue code its
 * institutional claims carry, and the dates of service it governs (effectiveTo inclusive, open when absent).
 */
export interface ChargemasterItem {
  code: string;
  modifier: string;
  priceCents: number;
  revenueCode?: string | null;
  effectiveFrom: string;
  effectiveTo?: string | null;
  description?: string;
}

/**
 * A price list in integer cents, one unit of service. Keys: "70450" (global), "70450-26" (professional),
 * "70450-TC" (technical). A missing key falls back to the default rule below. A billing entity's
 * chargemaster comes as dated `items` instead: the item in effect on the date of service wins.
 */
export interface Chargemaster {
  prices: Record<string, number>;
  /** Percent of the national non-facility PFS amount used when a code has no price (default 300). */
  percentOfPfs?: number;
  /** The billing entity's dated items (see ChargemasterItem). */
  items?: readonly ChargemasterItem[];
}

/** How a line is billed: an institutional (837I) technical line carries no TC modifier; a hospital's chargemaster lists it bare (a TC item wins when both exist). */
export interface PriceContext {
  /** YYYY-MM-DD: picks the dated item in effect */
  dateOfService?: string;
  institutional?: boolean;
}

/** The chargemaster item that prices a code's component on a date of service, if any. */
export function chargemasterItem(chargemaster: Chargemaster | undefined, cpt: string, component: Component, context: PriceContext = {}): ChargemasterItem | undefined {
  const items = chargemaster?.items;
  if (!items || items.length === 0) return undefined;
  const date = context.dateOfService;
  const modifiers = context.institutional ? ['TC', ''] : [component === 'global' ? '' : component];
  const inEffect = items.filter((i) => i.code.toUpperCase() === cpt.toUpperCase() && (date === undefined || (i.effectiveFrom <= date && (i.effectiveTo == null || date <= i.effectiveTo))));
  for (const modifier of modifiers) {
    const found = inEffect.filter((i) => i.modifier === modifier).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
    if (found) return found;
  }
  return undefined;
}

export type Component = 'global' | '26' | 'TC';

/**
 * Default charge when the chargemaster has no price: 300 % of the national non-facility PFS amount of the
 * component (total non-facility RVUs x conversion factor), rounded UP to the next whole dollar. Charges are
 * deliberately above any expected allowance so that payment is never capped by the charge. Codes the PFS does
 * not price (status C, zero RVUs) have no default: the chargemaster must list them.
 */
export const DEFAULT_CHARGE_PERCENT_OF_PFS = 300;

export function chargemasterKey(cpt: string, component: Component): string {
  return component === 'global' ? cpt : `${cpt}-${component}`;
}

/**
 * Unit price in cents, where it came from and (from a dated item) its revenue code; undefined when neither the
 * chargemaster nor the PFS can price it.
 */
export function unitPriceCents(
  cpt: string,
  component: Component,
  year: number,
  ref: RefData,
  chargemaster?: Chargemaster,
  context: PriceContext = {},
): { cents: number; source: 'chargemaster' | 'default'; revenueCode?: string } | undefined {
  const item = chargemasterItem(chargemaster, cpt, component, context);
  if (item && Number.isInteger(item.priceCents) && item.priceCents > 0) {
    return { cents: item.priceCents, source: 'chargemaster', ...(item.revenueCode ? { revenueCode: item.revenueCode } : {}) };
  }
  const listed = chargemaster?.prices[chargemasterKey(cpt, component)];
  if (listed !== undefined && Number.isInteger(listed) && listed > 0) return { cents: listed, source: 'chargemaster' };
  const row = ref.pfs(cpt, component === 'global' ? '' : component, year);
  // Contractor-priced (status C) codes and codes off the fee schedule (A-codes: radiopharmaceuticals, contrast) have no default.
  if (!row || row.statusCode === 'C' || row.nonFacilityTotalHundredths <= 0 || row.conversionFactorTenThousandths <= 0) return undefined;
  const percent = chargemaster?.percentOfPfs ?? DEFAULT_CHARGE_PERCENT_OF_PFS;
  // dollars = total/100 * cf/10^4 * percent/100 = N / 10^8 ; rounded up to whole dollars, then to cents.
  const n = row.nonFacilityTotalHundredths * row.conversionFactorTenThousandths * percent;
  const dollars = Math.ceil(n / 1e8);
  return { cents: dollars * 100, source: 'default' };
}
