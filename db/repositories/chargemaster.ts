import { withTransaction } from './audit-log';
import { sql } from 'kysely';
import type { Db } from '../database';
import type { ChargemasterItem } from '../../domain/coding/chargemaster';
import type { ChargemasterEntry } from '../../domain/contracts/chargemaster-item';

/** A stored chargemaster item, as the admin API shows it. */
export interface StoredChargemasterItem extends ChargemasterItem {
  id: number;
  description: string;
  revenueCode: string | null;
  effectiveTo: string | null;
  updatedBy: string;
  updatedAt: string;
}

const columns = [
  'id', 'code', 'modifier', 'price_cents', 'revenue_code', 'description', 'updated_by', 'updated_at',
  sql<string>`to_char(effective_from, 'YYYY-MM-DD')`.as('effective_from'),
  sql<string | null>`to_char(effective_to, 'YYYY-MM-DD')`.as('effective_to'),
] as const;

type Row = { id: number; code: string; modifier: string; price_cents: number; revenue_code: string | null; description: string; updated_by: string; updated_at: Date; effective_from: string; effective_to: string | null };

const toItem = (r: Row): StoredChargemasterItem => ({
  id: Number(r.id), code: r.code, modifier: r.modifier, priceCents: r.price_cents, revenueCode: r.revenue_code, description: r.description,
  effectiveFrom: r.effective_from, effectiveTo: r.effective_to, updatedBy: r.updated_by, updatedAt: r.updated_at.toISOString(),
});

/** Every item of an entity's chargemaster (all dates), by code, modifier and start date; optionally those in effect on a date. */
export async function listChargemasterItems(db: Db, entityId: string, opts: { onDate?: string; code?: string } = {}): Promise<StoredChargemasterItem[]> {
  let q = db.selectFrom('chargemaster_items').select(columns).where('entity_id', '=', entityId);
  if (opts.onDate) q = q.where(sql<boolean>`effective_from <= ${opts.onDate}::date AND (effective_to IS NULL OR effective_to >= ${opts.onDate}::date)`);
  if (opts.code) q = q.where('code', '=', opts.code);
  const rows = await q.orderBy('code').orderBy('modifier').orderBy('effective_from').execute();
  return (rows as unknown as Row[]).map(toItem);
}

/**
 * The items of an entity that may price a date of service: those in effect within a day of it (the exact date is
 * chosen by the pricing, which knows the date of service as coding settles it).
 */
export async function chargemasterItemsAround(db: Db, entityId: string, dateOfService: string): Promise<ChargemasterItem[]> {
  const rows = await db.selectFrom('chargemaster_items').select(columns).where('entity_id', '=', entityId)
    .where(sql<boolean>`effective_from <= ${dateOfService}::date + 1 AND (effective_to IS NULL OR effective_to >= ${dateOfService}::date - 1)`)
    .execute();
  return (rows as unknown as Row[]).map((r) => {
    const { id: _id, updatedBy: _by, updatedAt: _at, ...item } = toItem(r);
    return item;
  });
}

/**
 * Replaces an entity's whole chargemaster with `items`, in one transaction (all or nothing). Returns how many items
 * were removed and stored.
 */
export async function replaceChargemaster(db: Db, entityId: string, items: readonly ChargemasterEntry[], by: string): Promise<{ removed: number; stored: number }> {
  return withTransaction(db, async (trx) => {
    const removed = await trx.deleteFrom('chargemaster_items').where('entity_id', '=', entityId).executeTakeFirst();
    for (let i = 0; i < items.length; i += 1000) {
      const batch = items.slice(i, i + 1000).map((it) => ({
        entity_id: entityId, code: it.code, modifier: it.modifier, price_cents: it.priceCents, revenue_code: it.revenueCode ?? null,
        effective_from: it.effectiveFrom, effective_to: it.effectiveTo ?? null, description: it.description ?? '', updated_by: by,
      }));
      if (batch.length > 0) await trx.insertInto('chargemaster_items').values(batch).execute();
    }
    return { removed: Number(removed.numDeletedRows), stored: items.length };
  });
}
