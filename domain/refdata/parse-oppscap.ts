import { decimalToInt } from './parse-pprrvu';
import { parseCsv } from './parse-csv';

/** One row of the CMS OPPSCAP file: the imaging payment amount after the OPPS cap, per carrier and locality. */
export interface OppsCapRow {
  hcpcs: string;
  /** '' (global) or 'TC'. */
  modifier: string;
  statusCode: string;
  carrier: string;
  locality: string;
  facilityCents: number;
  nonFacilityCents: number;
}

/** OPPSCAP CSV (HCPCS, MOD, PROCSTAT, CARRIER, LOCALITY, FACILITY PRICE, NON-FACILITY PRICE); the header line is skipped. */
export function parseOppsCap(text: string): OppsCapRow[] {
  const rows: OppsCapRow[] = [];
  for (const r of parseCsv(text)) {
    const hcpcs = (r[0] ?? '').trim().toUpperCase();
    const carrier = (r[3] ?? '').trim();
    if (!/^[0-9A-Z]{5}$/.test(hcpcs) || !/^\d{5}$/.test(carrier)) continue;
    rows.push({
      hcpcs,
      modifier: (r[1] ?? '').trim().toUpperCase(),
      statusCode: (r[2] ?? '').trim().toUpperCase(),
      carrier,
      locality: (r[4] ?? '').trim().padStart(2, '0'),
      facilityCents: decimalToInt(r[5] ?? '', 2),
      nonFacilityCents: decimalToInt(r[6] ?? '', 2),
    });
  }
  return rows;
}
