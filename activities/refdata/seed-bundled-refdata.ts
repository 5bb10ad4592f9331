import { join } from 'node:path';
import type { Db } from '../../db/database';
import type { RefdataFileOptions } from '../../domain/refdata/parse-refdata-file';
import { BundleManifestSchema } from './bundle-manifest';
import { bundledRefdataDir } from './bundled-refdata';
import { findLoadedFile, loadRefdataFile } from './load-refdata-file';
import { readTextFile } from './read-refdata-file';

export interface SeedOutcome {
  file: string;
  label: string;
  outcome: 'loaded' | 'present';
  rows: number;
}

/**
 * Load the bundled imaging subset (data/refdata/manifest.json) into PostgreSQL. Idempotent: a file already loaded
 * (same bytes) is skipped without parsing, so calling this on every start costs one query per bundled file.
 * Releases loaded from full CMS files are left alone; lookups choose among all releases by date of service.
 */
export async function seedBundledRefdata(db: Db, dir: string = bundledRefdataDir()): Promise<SeedOutcome[]> {
  const manifest = BundleManifestSchema.parse(JSON.parse(readTextFile(join(dir, 'manifest.json'))) as unknown);
  const outcomes: SeedOutcome[] = [];
  for (const d of manifest.datasets) {
    const { kind, file, ...options } = d;
    const path = join(dir, file);
    const existing = await findLoadedFile(db, kind, path);
    if (existing.release) {
      outcomes.push({ file, label: existing.release.label, outcome: 'present', rows: existing.release.rowCount });
      continue;
    }
    const result = await loadRefdataFile(db, { kind, path, options: options as RefdataFileOptions });
    outcomes.push({ file, label: result.parsed.version.label, outcome: result.outcome === 'loaded' ? 'loaded' : 'present', rows: result.parsed.rows.length });
  }
  return outcomes;
}
