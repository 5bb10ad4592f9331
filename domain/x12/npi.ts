import { hasValidNpiCheckDigit } from '../identifiers/npi';

/** X12 element check (NM109 with qualifier XX): ten digits with a valid NPI check digit. */
export const isValidNpi = hasValidNpiCheckDigit;

/** Append the check digit to a nine-digit NPI stem. */
export function npiWithCheckDigit(stem: string): string {
  if (!/^\d{9}$/.test(stem)) throw new RangeError('NPI stem must be 9 digits');
  for (let d = 0; d <= 9; d++) if (hasValidNpiCheckDigit(stem + d)) return stem + d;
  throw new RangeError('unreachable');
}
