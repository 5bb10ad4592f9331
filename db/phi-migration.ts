import { sql } from 'kysely';
import type { PhiCipher } from '../platform/phi-cipher';
import type { Db } from './database';
import { PHI_COLUMNS, type PhiColumnKind } from './phi-encryption';

/** The key each PHI table's rows are walked by. */
const PRIMARY_KEYS: Record<string, string> = {
  exams: 'exam_id',
  x12_documents: 'id',
  documents: 'id',
  claim_submissions: 'id',
  real_time_requests: 'request_key',
  sandbox_received_files: 'file_name',
};

export interface PhiMigrationCount {
  /** rows read */
  rows: number;
  /** rows written (a value in clear, or under a key other than the current one) */
  encrypted: number;
}

/**
 * Encrypts the PHI columns of every row stored in clear, and re-encrypts under the current key every
 * value encrypted under a previous one (the second half of a key rotation). In batches, keyset-paged;
 * idempotent: a value already under the current key is left alone, so it can be run again at any time,
 * also while the engine runs (a row changed since it was read is left to the writer, who encrypts it).
 * `db` must be the plain handle (no PHI plugin): it reads and writes the stored form.
 */
export async function encryptPhiAtRest(
  db: Db,
  cipher: PhiCipher,
  options: { batchSize?: number; onBatch?: (table: string, count: PhiMigrationCount) => void } = {},
): Promise<Record<string, PhiMigrationCount>> {
  const batchSize = options.batchSize ?? 500;
  const counts: Record<string, PhiMigrationCount> = {};
  for (const [table, columns] of Object.entries(PHI_COLUMNS)) {
    const pk = PRIMARY_KEYS[table]!;
    const names = Object.keys(columns);
    const count: PhiMigrationCount = { rows: 0, encrypted: 0 };
    counts[table] = count;
    let after: unknown;
    for (;;) {
      const page = await sql<Record<string, unknown>>`
        SELECT ${sql.ref(pk)} AS "$pk", ${sql.join(names.map((c) => sql.ref(c)))}
        FROM ${sql.table(table)}
        WHERE ${after === undefined ? sql`true` : sql`${sql.ref(pk)} > ${after}`}
        ORDER BY ${sql.ref(pk)}
        LIMIT ${batchSize}`.execute(db);
      if (page.rows.length === 0) break;
      for (const row of page.rows) {
        count.rows += 1;
        const sets = [];
        const guards = [];
        for (const column of names) {
          const kind = columns[column]!;
          const value = row[column];
          if (value === null || value === undefined || cipher.keyIdOf(value) === cipher.currentKeyId) continue;
          sets.push(sql`${sql.ref(column)} = ${storedForm(kind, reencrypt(cipher, kind, value))}`);
          guards.push(kind === 'json' ? sql`${sql.ref(column)} = ${JSON.stringify(value)}::jsonb` : sql`${sql.ref(column)} = ${value}`);
        }
        if (sets.length === 0) continue;
        const done = await sql`UPDATE ${sql.table(table)} SET ${sql.join(sets)} WHERE ${sql.ref(pk)} = ${row.$pk} AND ${sql.join(guards, sql` AND `)}`.execute(db);
        if (Number(done.numAffectedRows ?? 0) > 0) count.encrypted += 1;
      }
      after = page.rows.at(-1)!.$pk;
      options.onBatch?.(table, count);
      if (page.rows.length < batchSize) break;
    }
  }
  return counts;
}

function reencrypt(cipher: PhiCipher, kind: PhiColumnKind, value: unknown): unknown {
  if (kind === 'text') return cipher.encryptText(cipher.decryptText(value as string));
  if (kind === 'bytes') return cipher.encryptBytes(cipher.decryptBytes(value as Buffer));
  return cipher.encryptJson(cipher.decryptJson(value));
}

function storedForm(kind: PhiColumnKind, value: unknown) {
  return kind === 'json' ? sql`${JSON.stringify(value)}::jsonb` : sql`${value}`;
}
