import { join } from 'node:path';
import { buildRefData, emptyRefDataInput, type RefDataInput } from '../../domain/refdata/build-ref-data';
import type { DataVersion } from '../../domain/refdata/data-version';
import type { ParsedRefdataFile } from '../../domain/refdata/parse-refdata-file';
import type { RefData } from '../../domain/refdata/ref-data';
import { BundleManifestSchema } from './bundle-manifest';
import { readRefdataFile, readTextFile } from './read-refdata-file';
import { findRepoRoot } from './repo-root';

/** Directory of the bundled reference files (data/refdata under the repository root). */
export function bundledRefdataDir(): string {
  return join(findRepoRoot(__dirname), 'data', 'refdata');
}

/** Parse every data set listed in a manifest directory. */
export function readBundle(dir: string = bundledRefdataDir()): ParsedRefdataFile[] {
  const manifest = BundleManifestSchema.parse(JSON.parse(readTextFile(join(dir, 'manifest.json'))) as unknown);
  return manifest.datasets.map((d) => {
    const { kind, file, ...options } = d;
    return readRefdataFile(kind, join(dir, file), options as { version?: DataVersion });
  });
}

/** Turn parsed files into the input of buildRefData (several sets of a kind are kept side by side). */
export function toRefDataInput(files: ParsedRefdataFile[]): RefDataInput {
  const input = emptyRefDataInput();
  for (const f of files) {
    switch (f.kind) {
      case 'icd10cm-order':
      case 'icd10cm-codes':
        input.icd10cm.push({ fiscalYear: f.fiscalYear, rows: f.rows });
        break;
      case 'pfs':
        input.pfs.push({ year: f.year, ...(f.release ? { release: f.release } : {}), rows: f.rows });
        break;
      case 'ncci-ptp':
        input.ptp.push({ version: f.version, edits: f.rows });
        break;
      case 'mue':
        input.mue.push({ version: f.version, rows: f.rows });
        break;
      case 'pos':
        input.pos.push(...f.rows);
        break;
      case 'hcpcs':
        input.hcpcs.push(...f.rows);
        break;
      case 'gpci':
        input.gpci.push(...f.rows);
        break;
      case 'cpt-descriptors':
        input.cpt.push(...f.rows);
        break;
      case 'coverage-policies':
        input.coveragePolicies = { version: f.version, policies: f.rows };
        break;
      case 'oppscap':
        (input.oppsCap ??= []).push({ year: f.year, rows: f.rows });
        break;
    }
  }
  return input;
}

let cached: RefData | undefined;

/**
 * The bundled reference data as an in-memory RefData, built once per process (about 100k ICD-10-CM rows,
 * the imaging PFS rows, curated NCCI/MUE edits, POS, HCPCS II, coverage policies).
 */
export function bundledRefData(): RefData {
  if (!cached) cached = buildRefData(toRefDataInput(readBundle()));
  return cached;
}

/** Build RefData from the bundle plus extra parsed files (e.g. a real quarterly NCCI file), uncached. */
export function refDataWith(extra: ParsedRefdataFile[]): RefData {
  return buildRefData(toRefDataInput([...readBundle(), ...extra]));
}
