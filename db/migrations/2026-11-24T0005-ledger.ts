import { type Kysely, sql } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.

export async function up(db: Kysely<unknown>): Promise<void> {
  // One immutable journal entry per posted document (charge, 835 claim payment, patient payment,
  // write-off, refund, reversal). The idempotency key makes a replayed posting a no-op.
  await db.schema
    .createTable('ledger_entries')
    .addColumn('entry_id', 'text', (c) => c.primaryKey())
    .addColumn('exam_id', 'text', (c) => c.notNull())
    .addColumn('claim_id', 'text')
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('effective_date', 'date', (c) => c.notNull())
    .addColumn('reverses_entry_id', 'text', (c) => c.references('ledger_entries.entry_id'))
    .addColumn('posted_by', 'text')
    .addColumn('posted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('ledger_entries_exam_idx').on('ledger_entries').columns(['exam_id', 'posted_at']).execute();
  await db.schema.createIndex('ledger_entries_claim_idx').on('ledger_entries').columns(['claim_id']).execute();

  // The lines of each entry; every entry's debits equal its credits (checked by the writer and by
  // a deferred constraint trigger).
  await db.schema
    .createTable('ledger_lines')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('entry_id', 'text', (c) => c.notNull().references('ledger_entries.entry_id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('exam_id', 'text', (c) => c.notNull())
    .addColumn('claim_id', 'text')
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('account_class', 'text', (c) => c.notNull())
    .addColumn('payer_id', 'text')
    .addColumn('debit_cents', 'bigint', (c) => c.notNull().check(sql`debit_cents >= 0`))
    .addColumn('credit_cents', 'bigint', (c) => c.notNull().check(sql`credit_cents >= 0`))
    .addColumn('memo', 'jsonb')
    .addColumn('effective_date', 'date', (c) => c.notNull())
    .addUniqueConstraint('ledger_lines_entry_line_uq', ['entry_id', 'line_no'])
    .execute();
  await db.schema.createIndex('ledger_lines_exam_idx').on('ledger_lines').columns(['exam_id', 'account']).execute();
  await db.schema.createIndex('ledger_lines_account_idx').on('ledger_lines').columns(['account_class', 'effective_date']).execute();

  // Balances by exam, claim and account (debit-positive), kept in the same transaction as each
  // entry: the work queue, the exam view and the A/R reports read these instead of summing lines.
  // claim_key is '' for lines that belong to no claim (patient payments, unapplied cash).
  await db.schema
    .createTable('ledger_balances')
    .addColumn('exam_id', 'text', (c) => c.notNull())
    .addColumn('claim_key', 'text', (c) => c.notNull())
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('account_class', 'text', (c) => c.notNull())
    .addColumn('payer_id', 'text')
    .addColumn('balance_cents', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('ledger_balances_pk', ['exam_id', 'claim_key', 'account'])
    .execute();
  await db.schema.createIndex('ledger_balances_class_idx').on('ledger_balances').columns(['account_class', 'payer_id']).execute();

  // Entries and lines are append-only: corrections are reversal entries.
  await sql`
    CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'the ledger is append-only: post a reversal instead of %', TG_OP;
    END $$`.execute(db);
  await sql`CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries FOR EACH ROW EXECUTE FUNCTION ledger_append_only()`.execute(db);
  await sql`CREATE TRIGGER ledger_lines_append_only BEFORE UPDATE OR DELETE ON ledger_lines FOR EACH ROW EXECUTE FUNCTION ledger_append_only()`.execute(db);

  // Every entry balances, checked at commit.
  await sql`
    CREATE FUNCTION ledger_entry_balances() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE d bigint; c bigint;
    BEGIN
      SELECT coalesce(sum(debit_cents), 0), coalesce(sum(credit_cents), 0) INTO d, c FROM ledger_lines WHERE entry_id = NEW.entry_id;
      IF d <> c THEN
        RAISE EXCEPTION 'ledger entry % does not balance: debits % credits %', NEW.entry_id, d, c;
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE CONSTRAINT TRIGGER ledger_lines_balance AFTER INSERT ON ledger_lines
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_entry_balances()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('ledger_balances').execute();
  await db.schema.dropTable('ledger_lines').execute();
  await db.schema.dropTable('ledger_entries').execute();
  await sql`DROP FUNCTION IF EXISTS ledger_entry_balances()`.execute(db);
  await sql`DROP FUNCTION IF EXISTS ledger_append_only()`.execute(db);
}
