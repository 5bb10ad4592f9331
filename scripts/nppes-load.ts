/**
 * Loads provider names from the CMS NPPES data dissemination file (https://download.cms.gov/nppes/NPI_Files.html,
 * npidata_pfile_YYYYMMDD-YYYYMMDD.csv, ~9 GB) into the provider registry, streaming: individuals only (entity type
 * 1), deactivated NPIs left out. A provider already on file keeps its roles, reassignments and active flag; its
 * names, credential and taxonomy are refreshed. Running the same file again changes nothing.
 *
 *   DATABASE_URL=postgres://... npm run nppes:load -- data/nppes-sample.csv [--dry-run]
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createDb, type Db } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { ProviderSchema, type Provider } from '../domain/organisations/organisations';
import { CsvRecordReader } from '../domain/organisations/csv';
import { type NppesLayout, type NppesProvider, mergeNppesProvider, nppesLayout, nppesRow } from '../domain/organisations/nppes';

export interface NppesLoadSummary {
  rows: number;
  individuals: number;
  inserted: number;
  updated: number;
  unchanged: number;
  skippedOrganisations: number;
  skippedDeactivated: number;
  invalid: number;
  /** the first problems, by line of the file (the header is line 1) */
  problems: string[];
}

const BATCH = 1000;
const LOADED_BY = 'nppes-load';

/** Streams the file into the registry (or only reads it when `db` is undefined). */
export async function loadNppes(db: Db | undefined, input: Readable, opts: { by?: string } = {}): Promise<NppesLoadSummary> {
  const summary: NppesLoadSummary = { rows: 0, individuals: 0, inserted: 0, updated: 0, unchanged: 0, skippedOrganisations: 0, skippedDeactivated: 0, invalid: 0, problems: [] };
  const reader = new CsvRecordReader();
  let layout: NppesLayout | undefined;
  let batch: NppesProvider[] = [];
  let line = 0;

  const take = async (records: string[][]) => {
    for (const record of records) {
      line++;
      if (!layout) {
        layout = nppesLayout(record);
        continue;
      }
      summary.rows++;
      const r = nppesRow(layout, record);
      if (r.kind === 'skipped') {
        if (r.reason === 'organisation') summary.skippedOrganisations++;
        else summary.skippedDeactivated++;
      } else if (r.kind === 'invalid') {
        summary.invalid++;
        if (summary.problems.length < 20) summary.problems.push(`line ${line}: ${r.message}`);
      } else {
        summary.individuals++;
        batch.push(r.provider);
        if (batch.length >= BATCH) {
          await write(batch);
          batch = [];
        }
      }
    }
  };

  const write = async (providers: NppesProvider[]) => {
    if (!db) return;
    // One NPI twice in a batch: the later row wins.
    const latest = new Map(providers.map((p) => [p.npi, p]));
    await db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('providers').select(['npi', 'body']).where('npi', 'in', [...latest.keys()]).forUpdate().execute();
      const onFile = new Map<string, Provider | undefined>(existing.map((e) => {
        const parsed = ProviderSchema.safeParse(typeof e.body === 'string' ? JSON.parse(e.body) : e.body);
        return [e.npi, parsed.success ? parsed.data : undefined];
      }));
      const rows: { npi: string; body: string; active: boolean; updated_by: string }[] = [];
      for (const p of latest.values()) {
        const before = onFile.get(p.npi);
        const merged = mergeNppesProvider(before, p);
        if (before && JSON.stringify(before) === JSON.stringify(merged)) {
          summary.unchanged++;
          continue;
        }
        if (onFile.has(p.npi)) summary.updated++;
        else summary.inserted++;
        rows.push({ npi: p.npi, body: JSON.stringify(merged), active: merged.active, updated_by: opts.by ?? LOADED_BY });
      }
      if (rows.length === 0) return;
      await trx.insertInto('providers').values(rows)
        .onConflict((oc) => oc.column('npi').doUpdateSet((eb) => ({
          body: eb.ref('excluded.body'), active: eb.ref('excluded.active'), updated_by: eb.ref('excluded.updated_by'),
          updated_at: new Date(), version: eb('providers.version', '+', 1),
        })))
        .execute();
    });
  };

  input.setEncoding('utf8');
  let first = true;
  for await (const chunk of input as AsyncIterable<string>) {
    await take(reader.push(first && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk));
    first = false;
  }
  await take(reader.end());
  if (!layout) throw new Error('the file is empty');
  if (batch.length > 0) await write(batch);
  return summary;
}

export async function runNppesLoad(argv: string[], env: NodeJS.ProcessEnv, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const dryRun = argv.includes('--dry-run');
  const files = argv.filter((a) => !a.startsWith('--'));
  if (files.length !== 1 || argv.some((a) => a.startsWith('--') && a !== '--dry-run')) {
    err('usage: nppes:load <npidata_pfile.csv> [--dry-run]');
    return 2;
  }
  let db: Db | undefined;
  try {
    if (!dryRun) {
      if (!env.DATABASE_URL) throw new Error('DATABASE_URL is not set (or pass --dry-run to read the file only)');
      db = createDb(env.DATABASE_URL, 2);
      await migrateToLatest(db);
    }
    const started = Date.now();
    const s = await loadNppes(db, createReadStream(files[0]!));
    out(`rows: ${s.rows}; individuals: ${s.individuals}; organisations skipped: ${s.skippedOrganisations}; deactivated skipped: ${s.skippedDeactivated}; invalid: ${s.invalid}`);
    for (const p of s.problems) out(`  ${p}`);
    out(dryRun ? 'dry run: nothing loaded' : `providers inserted: ${s.inserted}; updated: ${s.updated}; unchanged: ${s.unchanged} (${Date.now() - started} ms)`);
    return 0;
  } catch (e) {
    err(e instanceof Error ? e.message.split('\n')[0] ?? e.message : String(e));
    return 1;
  } finally {
    await db?.destroy();
  }
}

if (require.main === module) {
  void runNppesLoad(process.argv.slice(2), process.env, (line) => console.log(line), (line) => console.error(line)).then((code) => {
    process.exitCode = code;
  });
}
