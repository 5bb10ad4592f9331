import { decimalToInt } from './parse-pprrvu';
import { parseCsv } from './parse-csv';
import type { GpciRow } from './ref-data';

/**
 * GPCI file (CMS "GPCIyyyy.csv", Addendum E): MAC, State, Locality Number, Locality Name, PW GPCI, PE GPCI, MP GPCI.
 * Title lines are skipped. The locality key used by RefData.gpci is "<MAC>-<locality>" (e.g. "01112-05").
 */
export function parseGpci(text: string): GpciRow[] {
  const rows: GpciRow[] = [];
  for (const r of parseCsv(text)) {
    const mac = (r[0] ?? '').trim();
    const locality = (r[2] ?? '').trim();
    if (!/^\d{5}$/.test(mac) || !/^\d{1,2}$/.test(locality)) continue;
    rows.push({
      mac,
      state: (r[1] ?? '').trim(),
      locality: locality.padStart(2, '0'),
      name: (r[3] ?? '').trim(),
      workThousandths: decimalToInt(r[4] ?? '', 3),
      peThousandths: decimalToInt(r[5] ?? '', 3),
      mpThousandths: decimalToInt(r[6] ?? '', 3),
    });
  }
  return rows;
}

export function gpciKey(row: Pick<GpciRow, 'mac' | 'locality'>): string {
  return `${row.mac}-${row.locality}`;
}
