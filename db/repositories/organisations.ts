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

export async function putBillingEntity(db: Db, entity: BillingEntity, by: string): Promise<{ version: number; created: boolean }> {
  const row = await db
    .insertInto('billing_entities')
    .values({ id: entity.id, body: JSON.stringify(entity), active: entity.active, updated_by: by })
    .onConflict((oc) => oc.column('id').doUpdateSet({ body: JSON.stringify(entity), active: entity.active, updated_by: by, updated_at: sql`now()`, version: sql`billing_entities.version + 1` }))
    .returning(['version'])
    .executeTakeFirstOrThrow();
  return { version: row.version, created: row.version === 1 };
}

export async function putFacility(db: Db, facility: Facility, by: string): Promise<{ version: number; created: boolean }> {
  const row = await db
    .insertInto('facilities')
    .values({ id: facility.id, body: JSON.stringify(facility), active: facility.active, updated_by: by })
    .onConflict((oc) => oc.column('id').doUpdateSet({ body: JSON.stringify(facility), active: facility.active, updated_by: by, updated_at: sql`now()`, version: sql`facilities.version + 1` }))
    .returning(['version'])
    .executeTakeFirstOrThrow();
  return { version: row.version, created: row.version === 1 };
}

export async function putProvider(db: Db, provider: Provider, by: string): Promise<{ version: number; created: boolean }> {
  const row = await db
    .insertInto('providers')
    .values({ npi: provider.npi, body: JSON.stringify(provider), active: provider.active, updated_by: by })
    .onConflict((oc) => oc.column('npi').doUpdateSet({ body: JSON.stringify(provider), active: provider.active, updated_by: by, updated_at: sql`now()`, version: sql`providers.version + 1` }))
    .returning(['version'])
    .executeTakeFirstOrThrow();
  return { version: row.version, created: row.version === 1 };
}
