/**
 * Exact decimal text (X12 R elements such as EB08 percent, "0.2" = 20 %): canonical form without
 * exponent, leading zeros or trailing fraction zeros, so values compare and round-trip as strings.
 */

const DECIMAL = /^(-)?(\d*)(?:\.(\d*))?$/;

/** Canonical text of a decimal ("0.20" -> "0.2", ".5" -> "0.5", "010" -> "10"); undefined when not a decimal. */
export function canonicalDecimal(text: string): string | undefined {
  if (text.length > 18) return undefined;
  const m = DECIMAL.exec(text);
  if (!m) return undefined;
  const wholeText = m[2] ?? '';
  const fractionText = m[3] ?? '';
  if (wholeText === '' && fractionText === '') return undefined;
  const whole = wholeText.replace(/^0+/, '') || '0';
  const fraction = fractionText.replace(/0+$/, '');
  const body = fraction ? `${whole}.${fraction}` : whole;
  return m[1] && body !== '0' ? `-${body}` : body;
}

export function isCanonicalDecimal(text: string): boolean {
  return canonicalDecimal(text) === text;
}

/** Multiply a decimal by 10^places by moving the point, exactly ("0.125", 2 -> "12.5"). */
export function shiftDecimal(text: string, places: number): string | undefined {
  const c = canonicalDecimal(text);
  if (c === undefined || !Number.isInteger(places) || places < 0) return undefined;
  const negative = c.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? c.slice(1) : c).split('.');
  const padded = fraction.padEnd(places, '0');
  const shifted = `${whole}${padded.slice(0, places)}${padded.length > places ? `.${padded.slice(places)}` : ''}`;
  const out = canonicalDecimal(shifted);
  return out === undefined || out === '0' || !negative ? out : `-${out}`;
}
