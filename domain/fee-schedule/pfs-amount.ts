import type { GpciRow, PfsRow } from '../refdata/ref-data';

/** GPCIs in thousandths; the national amount uses 1.000 for each. */
export type Gpci = Pick<GpciRow, 'workThousandths' | 'peThousandths' | 'mpThousandths'>;
export const NATIONAL_GPCI: Gpci = { workThousandths: 1000, peThousandths: 1000, mpThousandths: 1000 };

/** Half-up rounding of a non-negative integer numerator over a positive integer denominator. */
export function divideRoundHalfUp(numerator: number, denominator: number): number {
  return Math.floor((numerator * 2 + denominator) / (denominator * 2));
}

/**
 * PFS payment amount of one unit in integer cents:
 * [(work RVU x work GPCI) + (PE RVU x PE GPCI) + (MP RVU x MP GPCI)] x conversion factor, with the facility or
 * non-facility PE RVU. Computed exactly in integers (RVU hundredths x GPCI thousandths x CF ten-thousandths =
 * 10^-9 dollars) and rounded half up to the cent once, at the end.
 */
export function pfsUnitAmountCents(row: PfsRow, facility: boolean, gpci: Gpci = NATIONAL_GPCI, conversionFactorTenThousandths?: number): number {
  const pe = facility ? row.facilityPeRvuHundredths : row.nonFacilityPeRvuHundredths;
  const weighted = row.workRvuHundredths * gpci.workThousandths + pe * gpci.peThousandths + row.mpRvuHundredths * gpci.mpThousandths;
  const cf = conversionFactorTenThousandths ?? row.conversionFactorTenThousandths;
  return divideRoundHalfUp(weighted * cf, 10_000_000);
}

/** Apply a percentage to cents, half up (50 -> half, 95 -> 95 %). */
export function percentOf(cents: number, percent: number): number {
  return divideRoundHalfUp(cents * percent, 100);
}
