import { z } from 'zod';

/**
 * What one inbound payer file may hold, checked before anything is stored (413 / 422 on upload, quarantine
 * for the filedrop inbox), and how many of its claims one delivery activity takes.
 */
export interface IngestionLimits {
  /** bytes of one file (INGEST_MAX_FILE_BYTES, default 10 MiB) */
  maxFileBytes: number;
  /** X12 segments of one file (INGEST_MAX_SEGMENTS, default 100,000) */
  maxSegments: number;
  /** claim payments or acknowledged claims of one file (INGEST_MAX_CLAIMS, default 5,000) */
  maxClaims: number;
  /** claims delivered per activity (INGEST_BATCH_SIZE, default 50) */
  batchSize: number;
}

const count = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const LimitsSchema = z.object({
  INGEST_MAX_FILE_BYTES: count(10 * 1024 * 1024),
  INGEST_MAX_SEGMENTS: count(100_000),
  INGEST_MAX_CLAIMS: count(5_000),
  INGEST_BATCH_SIZE: count(50),
});

/** The ingestion limits from the environment; a bad value throws (the process does not start). */
export function ingestionLimits(env: NodeJS.ProcessEnv = process.env): IngestionLimits {
  const parsed = LimitsSchema.safeParse(env);
  if (!parsed.success) throw new Error(`invalid ingestion limit: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  const e = parsed.data;
  return { maxFileBytes: e.INGEST_MAX_FILE_BYTES, maxSegments: e.INGEST_MAX_SEGMENTS, maxClaims: e.INGEST_MAX_CLAIMS, batchSize: e.INGEST_BATCH_SIZE };
}
