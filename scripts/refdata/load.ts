/**
 * Parse a real CMS/CDC reference file and print its row count and data version.
 *   node dist/scripts/refdata/load.js <kind> <file> [--quarter 2025Q3] [--fiscal-year 2025] [--year 2025] [--release RVU25D]
 * kinds: icd10cm-order, icd10cm-codes, pfs, ncci-ptp, mue, pos, hcpcs, gpci, cpt-descriptors, coverage-policies.
 * Files ending in .gz are gunzipped. The rows are returned by readRefdataFile (activities/refdata/read-refdata-file.ts)
 * for whatever stores them.
 */
import { readRefdataFile } from '../../activities/refdata/read-refdata-file';
import { REFDATA_FILE_KINDS, type ParsedRefdataFile, type RefdataFileKind, type RefdataFileOptions } from '../../domain/refdata/parse-refdata-file';

export function parseLoadArgs(argv: string[]): { kind: RefdataFileKind; file: string; options: RefdataFileOptions } {
  const positional: string[] = [];
  const options: RefdataFileOptions = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    const value = argv[i + 1];
    if (arg.startsWith('--') && value === undefined) throw new Error(`${arg} needs a value`);
    if (arg === '--quarter') options.quarter = value as string;
    else if (arg === '--fiscal-year') options.fiscalYear = Number(value);
    else if (arg === '--year') options.year = Number(value);
    else if (arg === '--release') options.release = value as string;
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else {
      positional.push(arg);
      continue;
    }
    i += 1;
  }
  const [kind, file] = positional;
  if (!kind || !file || !(REFDATA_FILE_KINDS as readonly string[]).includes(kind)) {
    throw new Error(`usage: load <${REFDATA_FILE_KINDS.join('|')}> <file> [--quarter YYYYQn] [--fiscal-year YYYY] [--year YYYY] [--release NAME]`);
  }
  return { kind: kind as RefdataFileKind, file, options };
}

/** One-line-per-fact summary of a parsed file. */
export function describeParsedFile(parsed: ParsedRefdataFile): string[] {
  const v = parsed.version;
  const lines = [`kind: ${parsed.kind}`, `version: ${v.label} (${v.source}; ${v.effectiveFrom} to ${v.effectiveTo ?? 'open'})`, `rows: ${parsed.rows.length}`];
  if (parsed.kind === 'icd10cm-order' || parsed.kind === 'icd10cm-codes') lines.push(`billable: ${parsed.rows.filter((r) => r.billable).length}`);
  if (parsed.kind === 'pfs') lines.push(`codes: ${new Set(parsed.rows.map((r) => r.hcpcs)).size}`, `split codes (PC/TC 1): ${parsed.rows.filter((r) => r.modifier === '' && r.pcTcIndicator === '1').length}`);
  if (parsed.kind === 'ncci-ptp') lines.push(`active (not deleted): ${parsed.rows.filter((r) => r.deletionDate === null).length}`, `modifier indicator 1: ${parsed.rows.filter((r) => r.modifierIndicator === '1').length}`);
  if (parsed.kind === 'mue') for (const mai of ['1', '2', '3']) lines.push(`MAI ${mai}: ${parsed.rows.filter((r) => r.adjudicationIndicator === mai).length}`);
  return lines;
}

if (require.main === module) {
  try {
    const { kind, file, options } = parseLoadArgs(process.argv.slice(2));
    for (const line of describeParsedFile(readRefdataFile(kind, file, options))) console.log(line);
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  }
}
