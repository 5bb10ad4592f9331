import { type Kysely, sql } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.

/** Billing entities, facilities and providers: each record is its validated JSON body, versioned. */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [table, key] of [['billing_entities', 'id'], ['facilities', 'id'], ['providers', 'npi']] as const) {
    await db.schema
      .createTable(table)
      .ifNotExists()
      .addColumn(key, 'text', (c) => c.primaryKey())
      .addColumn('body', 'jsonb', (c) => c.notNull())
      .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['providers', 'facilities', 'billing_entities']) await db.schema.dropTable(table).ifExists().execute();
}
