/**
 * National Provider Identifier check digit (CMS NPI standard): 10 digits whose last digit is the
 * Luhn check digit computed over the constant prefix 80840 followed by the first nine digits.
 */
export function hasValidNpiCheckDigit(npi: string): boolean {
  if (!/^\d{10}$/.test(npi)) return false;
  const digits = `80840${npi}`;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** An NPI as issued: starts with 1 or 2 and has a valid check digit. */
export function isValidNpi(npi: string): boolean {
  return /^[12]/.test(npi) && hasValidNpiCheckDigit(npi);
}
