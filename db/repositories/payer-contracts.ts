import { sql } from 'kysely';
import type { Db } from '../database';
import { type PayerContract, PayerContractSchema } from '../../domain/contracts/payer-contract';

export interface StoredContract { payerId: string; entityId: string; contract: PayerContract; version: number; updatedBy: string; updatedAt: string }

/** A payer's contract with a billing entity; undefined when there is none (or the stored body no longer parses). */
export async function getPayerContract(db: Db, payerId: string, entityId: string): Promise<StoredContract | undefined> {
  const row = await db.selectFrom('payer_contracts').selectAll().where('payer_id', '=', payerId).where('entity_id', '=', entityId).executeTakeFirst();
  if (!row) return undefined;
  const parsed = PayerContractSchema.safeParse(typeof row.body === 'string' ? JSON.parse(row.body) : row.body);
  if (!parsed.success) return undefined;
  return { payerId: row.payer_id, entityId: row.entity_id, contract: parsed.data, version: row.version, updatedBy: row.updated_by, updatedAt: row.updated_at.toISOString() };
}

/** Every contract of a payer (entity id and version). */
export async function listPayerContracts(db: Db, payerId: string): Promise<{ entityId: string; version: number; updatedAt: string }[]> {
  const rows = await db.selectFrom('payer_contracts').select(['entity_id', 'version', 'updated_at']).where('payer_id', '=', payerId).orderBy('entity_id').execute();
  return rows.map((r) => ({ entityId: r.entity_id, version: r.version, updatedAt: r.updated_at.toISOString() }));
}

export async function putPayerContract(db: Db, payerId: string, entityId: string, contract: PayerContract, by: string): Promise<{ version: number; created: boolean }> {
  const body = JSON.stringify(contract);
  const row = await db
    .insertInto('payer_contracts')
    .values({ payer_id: payerId, entity_id: entityId, body, updated_by: by })
    .onConflict((oc) => oc.columns(['payer_id', 'entity_id']).doUpdateSet({ body, updated_by: by, updated_at: sql`now()`, version: sql`payer_contracts.version + 1` }))
    .returning(['version'])
    .executeTakeFirstOrThrow();
  return { version: row.version, created: row.version === 1 };
}
