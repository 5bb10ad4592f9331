import { type Kysely, sql } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.

/**
 * Chargemaster items (a billing entity's price and revenue code of a code and modifier over a range of dates of
 * service) and payer contracts (per payer and billing entity: the validated JSON body, versioned). Medicare's
 * seed payer learns where its institutional claims go (the Part A side) when its stored policy has no say yet.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('chargemaster_items')
    .ifNotExists()
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('modifier', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('price_cents', 'integer', (c) => c.notNull().check(sql`price_cents > 0`))
    .addColumn('revenue_code', 'text')
    .addColumn('effective_from', 'date', (c) => c.notNull())
    .addColumn('effective_to', 'date')
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('chargemaster_items_entity_code_modifier_from', ['entity_id', 'code', 'modifier', 'effective_from'])
    .addCheckConstraint('chargemaster_items_dates', sql`effective_to IS NULL OR effective_to >= effective_from`)
    .execute();
  await db.schema.createIndex('chargemaster_items_entity_code').ifNotExists().on('chargemaster_items').columns(['entity_id', 'code']).execute();

  await db.schema
    .createTable('payer_contracts')
    .ifNotExists()
    .addColumn('payer_id', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('body', 'jsonb', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('payer_contracts_pk', ['payer_id', 'entity_id'])
    .execute();

  await sql`
    UPDATE payers
       SET policy = policy || '{"institutional":{"x12PayerId":"06001","claimFilingIndicatorCode":"MA","name":"Medicare Part A"}}'::jsonb
     WHERE payer_id = 'medicare-b' AND payer_type = 'medicare' AND NOT (policy ? 'institutional') AND policy->>'x12PayerId' = '06102'
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('payer_contracts').ifExists().execute();
  await db.schema.dropTable('chargemaster_items').ifExists().execute();
}
