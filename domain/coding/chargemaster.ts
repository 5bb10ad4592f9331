import type { RefData } from '../refdata/ref-data';

/**
 * A price list in integer cents, one unit of service. Keys: "70450" (global), "70450-26" (professional),
 * "70450-TC" (technical). A missing key falls back to the default rule below.
 */
export interface Chargemaster {
  prices: Record<string, number>;
  /** Percent of the national non-facility PFS amount used when a code has no price (default 300). */
  percentOfPfs?: number;
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

/** Unit price in cents, and where it came from; undefined when neither the chargemaster nor the PFS can price it. */
export function unitPriceCents(
  cpt: string,
  component: Component,
  year: number,
  ref: RefData,
  chargemaster?: Chargemaster,
): { cents: number; source: 'chargemaster' | 'default' } | undefined {
  const listed = chargemaster?.prices[chargemasterKey(cpt, component)];
  if (listed !== undefined && Number.isInteger(listed) && listed > 0) return { cents: listed, source: 'chargemaster' };
  const row = ref.pfs(cpt, component === 'global' ? '' : component, year);
  if (!row || row.nonFacilityTotalHundredths <= 0 || row.conversionFactorTenThousandths <= 0) return undefined;
  const percent = chargemaster?.percentOfPfs ?? DEFAULT_CHARGE_PERCENT_OF_PFS;
  // dollars = total/100 * cf/10^4 * percent/100 = N / 10^8 ; rounded up to whole dollars, then to cents.
  const n = row.nonFacilityTotalHundredths * row.conversionFactorTenThousandths * percent;
  const dollars = Math.ceil(n / 1e8);
  return { cents: dollars * 100, source: 'default' };
}
