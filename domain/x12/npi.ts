/**
 * NPI check digit: Luhn over the constant prefix 80840 followed by the first nine digits
 * (CMS "NPI check digit" rule). Ten digits, last one the check digit.
 */
export function isValidNpi(npi: string): boolean {
  if (!/^\d{10}$/.test(npi)) return false;
  const digits = `80840${npi.slice(0, 9)}`;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10 === Number(npi[9]);
}

/** Append the check digit to a nine-digit NPI stem. */
export function npiWithCheckDigit(stem: string): string {
  if (!/^\d{9}$/.test(stem)) throw new RangeError('NPI stem must be 9 digits');
  for (let d = 0; d <= 9; d++) if (isValidNpi(stem + d)) return stem + d;
  throw new RangeError('unreachable');
}
