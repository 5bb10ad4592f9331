import { sql } from 'kysely';
import type { Db } from '../database';
import {
  type BillingEntity, BillingEntitySchema, type Facility, FacilitySchema, type Provider, ProviderSchema,
} from '../../domain/organisations/organisations';

/**
 * Billing entities, facilities and providers in PostgreSQL. Reads validate the stored body again, so a
 * record that no longer parses is treated as absent (and the caller falls back or raises a finding)
 * rather than breaking the activity that reads it.
 */

export interface Versioned<T> { record: T; version: number; updatedAt: Date; updatedBy: string }

function parsedOr<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, body: unknown): T | undefined {
  const parsed = schema.safeParse(typeof body === 'string' ? JSON.parse(body) : body);
  return parsed.success ? parsed.data : undefined;
}

export async function getBillingEntity(db: Db, id: string): Promise<BillingEntity | undefined> {
  const row = await db.selectFrom('billing_entities').select('body').where('id', '=', id).executeTakeFirst();
  return row ? parsedOr(BillingEntitySchema, row.body) : undefined;
}

export async function getFacility(db: Db, id: string): Promise<Facility | undefined> {
  const row = await db.selectFrom('facilities').select('body').where('id', '=', id).executeTakeFirst();
  return row ? parsedOr(FacilitySchema, row.body) : undefined;
}

export async function getProvider(db: Db, npi: string): Promise<Provider | undefined> {
  const row = await db.selectFrom('providers').select('body').where('npi', '=', npi).executeTakeFirst();
  return row ? parsedOr(ProviderSchema, row.body) : undefined;
}

type OrgTableName = 'billing_entities' | 'facilities' | 'providers';

/** Creates or replaces one record (its validated body), the version going up on each replace. */
async function putRecord(db: Db, table: OrgTableName, key: { column: 'id' | 'npi'; value: string }, record: { active: boolean }, by: string): Promise<{ version: number; created: boolean }> {
  const body = JSON.stringify(record);
  const row = await db
    .insertInto(table)
    .values({ [key.column]: key.value, body, active: record.active, updated_by: by } as never)
    .onConflict((oc) => oc.column(key.column as never).doUpdateSet({ body, active: record.active, updated_by: by, updated_at: sql`now()`, version: sql`${sql.ref(`${table}.version`)} + 1` } as never))
    .returning(['version'])
    .executeTakeFirstOrThrow();
  return { version: row.version, created: row.version === 1 };
}

export const putBillingEntity = (db: Db, entity: BillingEntity, by: string) => putRecord(db, 'billing_entities', { column: 'id', value: entity.id }, entity, by);
export const putFacility = (db: Db, facility: Facility, by: string) => putRecord(db, 'facilities', { column: 'id', value: facility.id }, facility, by);
export const putProvider = (db: Db, provider: Provider, by: string) => putRecord(db, 'providers', { column: 'npi', value: provider.npi }, provider, by);
