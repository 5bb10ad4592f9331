/** X12 CCYYMMDD to ISO YYYY-MM-DD; undefined when the text is not a calendar date. */
export function x12DateToIso(text: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(Number(y), month)) return undefined;
  return `${y}-${mo}-${d}`;
}

/** ISO YYYY-MM-DD to X12 CCYYMMDD. */
export function isoToX12Date(iso: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new RangeError('date must be YYYY-MM-DD');
  return iso.replace(/-/g, '');
}

/** X12 YYMMDD (ISA09) to ISO, with the usual century window (00-49 -> 20xx). */
export function x12ShortDateToIso(text: string): string | undefined {
  if (!/^\d{6}$/.test(text)) return undefined;
  const yy = Number(text.slice(0, 2));
  return x12DateToIso(`${yy < 50 ? 20 : 19}${text}`);
}

/** ISO date range "YYYY-MM-DD" pair to the RD8 form CCYYMMDD-CCYYMMDD. */
export function isoRangeToX12(from: string, to: string): string {
  return `${isoToX12Date(from)}-${isoToX12Date(to)}`;
}

/** RD8 "CCYYMMDD-CCYYMMDD" to an ISO pair. */
export function x12RangeToIso(text: string): { from: string; to: string } | undefined {
  const m = /^(\d{8})-(\d{8})$/.exec(text);
  if (!m) return undefined;
  const from = x12DateToIso(m[1] ?? '');
  const to = x12DateToIso(m[2] ?? '');
  return from && to ? { from, to } : undefined;
}

export function isIsoDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && x12DateToIso(text.replace(/-/g, '')) !== undefined;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
