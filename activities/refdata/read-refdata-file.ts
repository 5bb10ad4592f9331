import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseRefdataFile, type ParsedRefdataFile, type RefdataFileKind, type RefdataFileOptions } from '../../domain/refdata/parse-refdata-file';

/** Read a file as text, gunzipping when it ends in .gz. */
export function readTextFile(path: string): string {
  const bytes = readFileSync(path);
  return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

/** Version hints a CMS file name carries: "icd10cm-order-2025.txt" (FY2025), "PPRRVU2025_Oct.csv" (2025). */
export function versionHintsFromFileName(kind: RefdataFileKind, path: string): RefdataFileOptions {
  const name = basename(path);
  if (kind === 'icd10cm-order' || kind === 'icd10cm-codes') {
    const m = /(20\d{2})/.exec(name);
    return m ? { fiscalYear: Number(m[1]) } : {};
  }
  if (kind === 'pfs' || kind === 'gpci' || kind === 'oppscap') {
    const m = /(20\d{2})/.exec(name);
    return m ? { year: Number(m[1]) } : {};
  }
  return {};
}

/**
 * Parse a real reference file from disk: returns its rows and data version. Used by the CLI loader and by
 * whatever uploads reference data to the database. Explicit options win over hints from the file name.
 */
export function readRefdataFile(kind: RefdataFileKind, path: string, options: RefdataFileOptions = {}): ParsedRefdataFile {
  return parseRefdataFile(kind, readTextFile(path), { ...versionHintsFromFileName(kind, path), ...options });
}
