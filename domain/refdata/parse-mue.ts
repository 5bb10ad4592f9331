import { parseCsv } from './parse-csv';
import type { MueAdjudicationIndicator, MueRow } from './ref-data';

/**
 * MUE practitioner services table (CMS quarterly file, CSV or tab-delimited): HCPCS/CPT Code,
 * Practitioner Services MUE Values, MUE Adjudication Indicator ("2 Date of Service Edit: Policy"), MUE Rationale.
 * Preamble and header lines are skipped; an optional fifth column carries the source note of a curated set.
 */
export function parseMue(text: string): MueRow[] {
  const delimiter = text.includes('\t') ? '\t' : ',';
  const rows: MueRow[] = [];
  for (const r of parseCsv(text, delimiter)) {
    const hcpcs = (r[0] ?? '').trim().toUpperCase();
    if (!/^[0-9A-Z]{5}$/.test(hcpcs)) continue;
    const valueText = (r[1] ?? '').trim();
    if (!/^\d+$/.test(valueText)) throw new Error(`MUE: bad value for ${hcpcs}`);
    const adjudicationText = (r[2] ?? '').trim();
    const mai = adjudicationText.charAt(0);
    if (mai !== '1' && mai !== '2' && mai !== '3') throw new Error(`MUE: bad adjudication indicator for ${hcpcs}`);
    const note = (r[4] ?? '').trim();
    rows.push({
      hcpcs,
      value: Number(valueText),
      adjudicationIndicator: mai as MueAdjudicationIndicator,
      adjudicationText,
      rationale: (r[3] ?? '').trim(),
      ...(note ? { note } : {}),
    });
  }
  return rows;
}
