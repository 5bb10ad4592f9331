import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Db } from '../../db/database';
import { type RefdataRelease, findRefdataRelease, storeRefdataRelease } from '../../db/repositories/refdata';
import { type ParsedRefdataFile, type RefdataFileKind, type RefdataFileOptions, parseRefdataFile } from '../../domain/refdata/parse-refdata-file';
import { versionHintsFromFileName } from './read-refdata-file';

export interface LoadRefdataFileResult {
  parsed: ParsedRefdataFile;
  sha256: string;
  /** 'dry-run': parsed and checked, nothing written. */
  outcome: 'loaded' | 'present' | 'dry-run';
  release?: RefdataRelease;
  /** Wall time of the database write (0 when nothing was written). */
  writeMs: number;
}

/** A reference file that cannot be loaded: the message names the file and the reason, on one line. */
export class RefdataFileError extends Error {
  override readonly name = 'RefdataFileError';
}

/** sha256 of the file's bytes as stored (a .gz file hashes its compressed bytes). */
export function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Parse the file; any parser error, or a file with no rows of the kind, becomes one RefdataFileError. */
export function parseRefdataBytes(kind: RefdataFileKind, path: string, bytes: Buffer, options: RefdataFileOptions = {}): ParsedRefdataFile {
  const name = basename(path);
  let parsed: ParsedRefdataFile;
  try {
    const text = (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
    parsed = parseRefdataFile(kind, text, { ...versionHintsFromFileName(kind, path), ...options });
  } catch (err) {
    throw new RefdataFileError(`${name}: not a valid ${kind} file: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (parsed.rows.length === 0) throw new RefdataFileError(`${name}: no ${kind} rows found (is this the right kind of file?)`);
  return parsed;
}

/**
 * Parse a CMS/CDC reference file and store it as a release (one transaction; nothing is written when the file
 * does not parse). Loading the same bytes again adds nothing.
 */
export async function loadRefdataFile(
  db: Db | undefined,
  input: { kind: RefdataFileKind; path: string; options?: RefdataFileOptions; dryRun?: boolean },
): Promise<LoadRefdataFileResult> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(input.path);
  } catch (err) {
    throw new RefdataFileError(`${basename(input.path)}: cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const sha256 = sha256Of(bytes);
  const parsed = parseRefdataBytes(input.kind, input.path, bytes, input.options);
  if (input.dryRun || !db) return { parsed, sha256, outcome: 'dry-run', writeMs: 0 };
  const started = process.hrtime.bigint();
  const stored = await storeRefdataRelease(db, { parsed, sourceFile: basename(input.path), sha256 });
  const writeMs = Number(process.hrtime.bigint() - started) / 1e6;
  return { parsed, sha256, outcome: stored.outcome, release: stored.release, writeMs: stored.outcome === 'loaded' ? writeMs : 0 };
}

/** The release already holding these bytes, checked before parsing (cheap on every start). */
export async function findLoadedFile(db: Db, kind: RefdataFileKind, path: string): Promise<{ sha256: string; release?: RefdataRelease }> {
  const sha256 = sha256Of(readFileSync(path));
  const release = await findRefdataRelease(db, kind, sha256);
  return release ? { sha256, release } : { sha256 };
}
