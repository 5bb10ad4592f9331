import { parseCsv } from './parse-csv';
import type { PosRow } from './ref-data';

/** Place of service CSV: a two-digit code column and a name column (header line optional, BOM tolerated). */
export function parsePos(text: string): PosRow[] {
  const seen = new Set<string>();
  const rows: PosRow[] = [];
  for (const r of parseCsv(text)) {
    const code = (r[0] ?? '').trim();
    if (!/^\d{2}$/.test(code) || seen.has(code)) continue;
    seen.add(code);
    rows.push({ code, name: (r[1] ?? '').trim() });
  }
  return rows;
}
