import { normalizeHeader, parseCsv } from './parse-csv';
import type { PcTcIndicator, PfsRow } from './ref-data';

export interface PprrvuFile {
  rows: PfsRow[];
  /** Calendar year read from the preamble ("2025 National Physician Fee Schedule ..."), when present. */
  year?: number;
  /** Release date text from the preamble ("09/11/2025"), when present. */
  released?: string;
}

const REQUIRED = ['HCPCS', 'MOD', 'STATUS_CODE', 'WORK_RVU', 'NON_FAC_PE_RVU', 'FACILITY_PE_RVU', 'MP_RVU', 'PCTC_IND', 'MULT_PROC', 'BILAT_SURG', 'CONV_FACTOR'];

/**
 * PFS relative value file, CSV form (PPRRVUyy_xxx.csv). Accepts the CMS layout (preamble lines, then column titles
 * stacked over several rows, the last starting with "HCPCS") and a single joined header such as
 * "HCPCS,MOD,DESCRIPTION,STATUS_CODE,...". Stacked titles are joined top to bottom and normalised
 * (upper case, non-alphanumerics to "_"), so both forms give the same column names.
 */
export function parsePprrvu(text: string): PprrvuFile {
  const records = parseCsv(text);
  const headerIndex = records.findIndex((r) => (r[0] ?? '').trim().toUpperCase() === 'HCPCS');
  if (headerIndex < 0) throw new Error('PFS relative value file: no header row starting with HCPCS');
  const headerRow = records[headerIndex] as string[];
  const width = headerRow.length;
  // Stacked titles: rows above the HCPCS row that have no HCPCS value and are not preamble text.
  let firstTitleRow = headerIndex;
  while (firstTitleRow > 0) {
    const above = records[firstTitleRow - 1] as string[];
    const looksLikeTitle = (above[0] ?? '').trim() === '' && (above[1] ?? '').trim() === '' && above.slice(3).some((c) => c.trim() !== '');
    if (!looksLikeTitle) break;
    firstTitleRow -= 1;
  }
  const names: string[] = [];
  for (let col = 0; col < width; col += 1) {
    const parts: string[] = [];
    for (let r = firstTitleRow; r <= headerIndex; r += 1) {
      const cell = ((records[r] as string[])[col] ?? '').trim();
      if (cell !== '') parts.push(cell);
    }
    names.push(normalizeHeader(parts.join(' ')));
  }
  const index = new Map<string, number>();
  names.forEach((name, i) => {
    if (!index.has(name)) index.set(name, i);
  });
  for (const required of REQUIRED) {
    if (!index.has(required)) throw new Error(`PFS relative value file: missing column ${required}`);
  }
  const preamble = records.slice(0, firstTitleRow).map((r) => r.join(' ')).join('\n');
  const yearMatch = /(\d{4}) National Physician Fee Schedule/i.exec(preamble);
  const releasedMatch = /RELEASED\s+(\d{2}\/\d{2}\/\d{4})/i.exec(preamble);

  const get = (r: string[], name: string): string => {
    const i = index.get(name);
    return i === undefined ? '' : (r[i] ?? '').trim();
  };
  const rows: PfsRow[] = [];
  for (const r of records.slice(headerIndex + 1)) {
    const hcpcs = (r[0] ?? '').trim().toUpperCase();
    if (!/^[0-9A-Z]{5}$/.test(hcpcs)) continue;
    const pctc = get(r, 'PCTC_IND');
    if (!/^[0-9]$/.test(pctc)) throw new Error(`PFS relative value file: bad PC/TC indicator for ${hcpcs}`);
    rows.push({
      hcpcs,
      modifier: get(r, 'MOD').toUpperCase(),
      description: get(r, 'DESCRIPTION'),
      statusCode: get(r, 'STATUS_CODE').toUpperCase(),
      workRvuHundredths: hundredths(get(r, 'WORK_RVU')),
      nonFacilityPeRvuHundredths: hundredths(get(r, 'NON_FAC_PE_RVU')),
      nonFacilityNa: get(r, 'NON_FAC_NA_INDICATOR').toUpperCase() === 'NA',
      facilityPeRvuHundredths: hundredths(get(r, 'FACILITY_PE_RVU')),
      facilityNa: get(r, 'FACILITY_NA_INDICATOR').toUpperCase() === 'NA',
      mpRvuHundredths: hundredths(get(r, 'MP_RVU')),
      nonFacilityTotalHundredths: hundredths(get(r, 'NON_FACILITY_TOTAL')),
      facilityTotalHundredths: hundredths(get(r, 'FACILITY_TOTAL')),
      pcTcIndicator: pctc as PcTcIndicator,
      globalDays: get(r, 'GLOB_DAYS'),
      multipleProcedureIndicator: get(r, 'MULT_PROC'),
      bilateralIndicator: get(r, 'BILAT_SURG'),
      conversionFactorTenThousandths: decimalToInt(get(r, 'CONV_FACTOR'), 4),
      supervision: get(r, 'PHYSICIAN_SUPERVISION_OF_DIAGNOSTIC_PROCEDURES'),
      imagingFamilyIndicator: get(r, 'DIAGNOSTIC_IMAGING_FAMILY_INDICATOR'),
    });
  }
  return {
    rows,
    ...(yearMatch ? { year: Number(yearMatch[1]) } : {}),
    ...(releasedMatch ? { released: releasedMatch[1] as string } : {}),
  };
}

function hundredths(value: string): number {
  return decimalToInt(value, 2);
}

/** Exact decimal text to an integer scaled by 10^places ("32.3465", 4 -> 323465); blank or NA -> 0. */
export function decimalToInt(value: string, places: number): number {
  const v = value.trim();
  if (v === '' || v.toUpperCase() === 'NA') return 0;
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(v);
  if (!m) throw new Error(`not a decimal: ${value}`);
  const whole = m[2] === '' ? '0' : (m[2] as string);
  const frac = (m[3] ?? '').padEnd(places, '0');
  if (frac.length > places && /[1-9]/.test(frac.slice(places))) throw new Error(`too many decimals in ${value}`);
  const n = Number(whole) * 10 ** places + Number(frac.slice(0, places) || '0');
  return m[1] === '-' ? -n : n;
}
