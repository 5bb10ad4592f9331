import { fromCompactDate } from './iso-date';
import { parseCsv } from './parse-csv';
import type { PtpEdit } from './ref-data';

/**
 * NCCI procedure-to-procedure edits, practitioner layout (CMS quarterly "ccipra" text files, tab-delimited;
 * the CSV export is accepted too). Columns: Column 1, Column 2, "*" = in existence prior to 1996,
 * Effective Date (YYYYMMDD), Deletion Date (YYYYMMDD or "*"), Modifier (0/1/9), PTP Edit Rationale.
 * Title and copyright lines are skipped: a data row starts with a 5-character code followed by another.
 * An optional eighth column carries the source note of a curated set.
 */
export function parseNcciPtp(text: string): PtpEdit[] {
  const delimiter = text.includes('\t') ? '\t' : ',';
  const edits: PtpEdit[] = [];
  for (const r of parseCsv(text, delimiter)) {
    const column1 = (r[0] ?? '').trim().toUpperCase();
    const column2 = (r[1] ?? '').trim().toUpperCase();
    if (!/^[0-9A-Z]{5}$/.test(column1) || !/^[0-9A-Z]{5}$/.test(column2)) continue;
    const effectiveDate = fromCompactDate(r[3] ?? '');
    if (!effectiveDate) throw new Error(`NCCI PTP: bad effective date for ${column1}/${column2}`);
    const deletionText = (r[4] ?? '').trim();
    const deletionDate = deletionText === '*' || deletionText === '' ? null : fromCompactDate(deletionText);
    if (deletionDate === undefined) throw new Error(`NCCI PTP: bad deletion date for ${column1}/${column2}`);
    const modifierIndicator = (r[5] ?? '').trim();
    if (modifierIndicator !== '0' && modifierIndicator !== '1' && modifierIndicator !== '9') {
      throw new Error(`NCCI PTP: bad modifier indicator for ${column1}/${column2}`);
    }
    const note = (r[7] ?? '').trim();
    edits.push({
      column1,
      column2,
      existedBefore1996: (r[2] ?? '').trim() === '*',
      effectiveDate,
      deletionDate,
      modifierIndicator,
      rationale: (r[6] ?? '').trim(),
      ...(note ? { note } : {}),
    });
  }
  return edits;
}

/** An edit applies on a date of service from its effective date up to (not including) its deletion date. */
export function ptpEditActive(edit: PtpEdit, dos: string): boolean {
  return dos >= edit.effectiveDate && (edit.deletionDate === null || dos < edit.deletionDate);
}
