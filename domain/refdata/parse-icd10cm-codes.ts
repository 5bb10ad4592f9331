import type { Icd10Row } from './ref-data';

/**
 * ICD-10-CM codes file (CDC "icd10cm-codes-YYYY.txt"): billable codes only, code (dotless, padded to 7) + space + long description.
 * The file has no short descriptions; the long one is returned in both fields.
 */
export function parseIcd10cmCodes(text: string): Icd10Row[] {
  const rows: Icd10Row[] = [];
  for (const rawLine of text.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === '') continue;
    const m = /^([A-Z][0-9][0-9A-Z][0-9A-Z]{0,4})\s+(.*)$/.exec(line);
    if (!m) throw new Error(`ICD-10-CM codes file: unexpected line "${line.slice(0, 40)}"`);
    const description = (m[2] as string).trim();
    rows.push({ code: m[1] as string, billable: true, shortDescription: description, longDescription: description });
  }
  return rows;
}
