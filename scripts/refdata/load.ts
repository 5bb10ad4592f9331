/**
 * Parse a real CMS/CDC reference file, print its row counts and data version, and load it into PostgreSQL
 * (DATABASE_URL) as a release with its effective window:
 *   node dist/scripts/refdata/load.js <kind> <file> [--quarter 2026Q1|--fiscal-year 2026|--year 2026] [--release RVU26A] [--dry-run]
 * kinds: icd10cm-order, icd10cm-codes, pfs, ncci-ptp, mue, pos, hcpcs, gpci, oppscap, cpt-descriptors, coverage-policies.
 * Files ending in .gz are gunzipped. One transaction per file; loading the same file again adds nothing;
 * a file that does not parse loads nothing and exits 1 with one line saying why. --dry-run parses only.
 */
import { createDb } from '../../db/database';
import { migrateToLatest } from '../../db/migrate';
import { RefdataFileError, loadRefdataFile } from '../../activities/refdata/load-refdata-file';
import { REFDATA_FILE_KINDS, type ParsedRefdataFile, type RefdataFileKind, type RefdataFileOptions } from '../../domain/refdata/parse-refdata-file';

export interface LoadArgs {
  kind: RefdataFileKind;
  file: string;
  options: RefdataFileOptions;
  dryRun?: true;
}

export function parseLoadArgs(argv: string[]): LoadArgs {
  const positional: string[] = [];
  const options: RefdataFileOptions = {};
  let dryRun = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--dry-run') {
      dryRun = true;
      continue;
    }
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
    throw new Error(`usage: load <${REFDATA_FILE_KINDS.join('|')}> <file> [--quarter YYYYQn] [--fiscal-year YYYY] [--year YYYY] [--release NAME] [--dry-run]`);
  }
  return { kind: kind as RefdataFileKind, file, options, ...(dryRun ? { dryRun: true as const } : {}) };
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

/**
 * The CLI: parse, describe, load. Returns the exit code; every line goes to `out`, errors as one line to `err`.
 * Without --dry-run it needs a database URL (the schema is brought up to date first).
 */
export async function runLoad(argv: string[], env: NodeJS.ProcessEnv, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  let db: ReturnType<typeof createDb> | undefined;
  try {
    const args = parseLoadArgs(argv);
    if (!args.dryRun) {
      const url = env.DATABASE_URL;
      if (!url) throw new RefdataFileError('DATABASE_URL is not set (or pass --dry-run to parse only)');
      db = createDb(url, 2);
      await migrateToLatest(db);
    }
    const result = await loadRefdataFile(db, { kind: args.kind, path: args.file, options: args.options, dryRun: args.dryRun === true });
    for (const line of describeParsedFile(result.parsed)) out(line);
    out(`sha256: ${result.sha256}`);
    if (result.outcome === 'dry-run') out('dry run: nothing loaded');
    else if (result.outcome === 'present') out(`already loaded as release ${result.release?.id} (${result.release?.label}, ${result.release?.sourceFile}): nothing added`);
    else {
      const rate = result.writeMs > 0 ? Math.round((result.parsed.rows.length / result.writeMs) * 1000) : 0;
      out(`loaded: release ${result.release?.id}, ${result.parsed.rows.length} rows in ${Math.round(result.writeMs)} ms (${rate} rows/s)`);
    }
    return 0;
  } catch (e) {
    err(e instanceof Error ? e.message.split('\n')[0] ?? e.message : String(e));
    return 1;
  } finally {
    await db?.destroy();
  }
}

if (require.main === module) {
  void runLoad(process.argv.slice(2), process.env, (line) => console.log(line), (line) => console.error(line)).then((code) => {
    process.exitCode = code;
  });
}
