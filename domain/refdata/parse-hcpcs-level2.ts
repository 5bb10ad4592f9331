import { normalizeHeader, parseCsv } from './parse-csv';
import type { HcpcsRow } from './ref-data';

/** HCPCS Level II descriptor CSV with a header naming hcpcs, long_description and short_description columns. */
export function parseHcpcsLevel2(text: string): HcpcsRow[] {
  const records = parseCsv(text);
  const header = (records[0] ?? []).map(normalizeHeader);
  const codeAt = header.indexOf('HCPCS');
  const shortAt = header.indexOf('SHORT_DESCRIPTION');
  const longAt = header.indexOf('LONG_DESCRIPTION');
  if (codeAt < 0 || shortAt < 0) throw new Error('HCPCS file: needs hcpcs and short_description columns');
  const rows: HcpcsRow[] = [];
  for (const r of records.slice(1)) {
    const code = (r[codeAt] ?? '').trim().toUpperCase();
    if (!/^[A-Z][0-9]{4}$/.test(code)) continue;
    const longDescription = longAt >= 0 ? (r[longAt] ?? '').trim() : '';
    rows.push({ code, shortDescription: (r[shortAt] ?? '').trim(), ...(longDescription ? { longDescription } : {}) });
  }
  return rows;
}
