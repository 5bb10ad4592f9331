import type { Icd10Row } from './ref-data';

/**
 * ICD-10-CM order file (CDC "icd10cm-order-YYYY.txt"), fixed width:
 * order number (cols 1-5), code (7-13, dotless, space padded), valid-for-HIPAA flag (15: 1 billable, 0 header),
 * short description (17-76), long description (78-end). The long description may be absent (the bundled copy drops it).
 */
export function parseIcd10cmOrder(text: string): Icd10Row[] {
  const rows: Icd10Row[] = [];
  for (const rawLine of text.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === '') continue;
    if (line.length < 17 || !/^\d{5} $/.test(line.slice(0, 6))) {
      throw new Error(`ICD-10-CM order file: unexpected line "${line.slice(0, 40)}"`);
    }
    const code = line.slice(6, 13).trim();
    const flag = line.slice(14, 15);
    if (flag !== '0' && flag !== '1') throw new Error(`ICD-10-CM order file: bad billable flag for ${code}`);
    const shortDescription = line.slice(16, 76).trim();
    const longDescription = line.length > 77 ? line.slice(77).trim() : '';
    rows.push({ code, billable: flag === '1', shortDescription, ...(longDescription ? { longDescription } : {}) });
  }
  return rows;
}
