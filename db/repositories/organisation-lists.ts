import { sql } from 'kysely';
import type { Db } from '../database';
import {
  type BillingEntity, BillingEntitySchema, type Facility, FacilitySchema, type Provider, ProviderSchema,
} from '../../domain/organisations/organisations';
import type { Versioned } from './organisations';

/**
 * Organisation records with their version, for the admin API: one record, a list, a page of providers. A stored
 * body that no longer parses is listed with `record: null` so that an administrator sees it and replaces it.
 */

type Row = { body: unknown; version: number; updated_at: Date; updated_by: string };
type Schema<T> = { safeParse(v: unknown): { success: true; data: T } | { success: false } };

function versioned<T>(schema: Schema<T>, row: Row): Versioned<T | null> {
  const parsed = schema.safeParse(typeof row.body === 'string' ? JSON.parse(row.body) : row.body);
  return { record: parsed.success ? parsed.data : null, version: row.version, updatedAt: row.updated_at, updatedBy: row.updated_by };
}

const COLUMNS = ['body', 'version', 'updated_at', 'updated_by'] as const;

export async function readBillingEntity(db: Db, id: string): Promise<Versioned<BillingEntity | null> | undefined> {
  const row = await db.selectFrom('billing_entities').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? versioned(BillingEntitySchema, row) : undefined;
}

export async function listBillingEntities(db: Db): Promise<(Versioned<BillingEntity | null> & { id: string })[]> {
  const rows = await db.selectFrom('billing_entities').select(['id', ...COLUMNS]).orderBy('id').limit(10_000).execute();
  return rows.map((r) => ({ id: r.id, ...versioned(BillingEntitySchema, r) }));
}

export async function readFacility(db: Db, id: string): Promise<Versioned<Facility | null> | undefined> {
  const row = await db.selectFrom('facilities').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? versioned(FacilitySchema, row) : undefined;
}

export async function listFacilities(db: Db): Promise<(Versioned<Facility | null> & { id: string })[]> {
  const rows = await db.selectFrom('facilities').select(['id', ...COLUMNS]).orderBy('id').limit(10_000).execute();
  return rows.map((r) => ({ id: r.id, ...versioned(FacilitySchema, r) }));
}

export async function readProvider(db: Db, npi: string): Promise<Versioned<Provider | null> | undefined> {
  const row = await db.selectFrom('providers').select(COLUMNS).where('npi', '=', npi).executeTakeFirst();
  return row ? versioned(ProviderSchema, row) : undefined;
}

/** A page of providers by NPI after `after`; `name` matches the start of the last or first name, any case. */
export async function listProviders(db: Db, opts: { after?: string; limit: number; name?: string }): Promise<(Versioned<Provider | null> & { npi: string })[]> {
  let q = db.selectFrom('providers').select(['npi', ...COLUMNS]).orderBy('npi').limit(opts.limit);
  if (opts.after) q = q.where('npi', '>', opts.after);
  if (opts.name) {
    const pattern = `${opts.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([
      eb(sql<string>`body->>'lastName'`, 'ilike', pattern),
      eb(sql<string>`body->>'firstName'`, 'ilike', pattern),
    ]));
  }
  const rows = await q.execute();
  return rows.map((r) => ({ npi: r.npi, ...versioned(ProviderSchema, r) }));
}

/** Which of these billing entity ids are on file. */
export async function existingBillingEntityIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('billing_entities').select('id').where('id', 'in', [...new Set(ids)]).execute();
  return new Set(rows.map((r) => r.id));
}
