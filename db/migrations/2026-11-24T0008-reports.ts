import { type Kysely, sql } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Every denied amount of every 835 taken, classified (category, root cause) when it was taken.
  await db.schema
    .createTable('claim_denials')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('claim_id', 'text', (c) => c.notNull().references('claims.claim_id'))
    .addColumn('claim_version', 'integer', (c) => c.notNull())
    .addColumn('exam_id', 'text', (c) => c.notNull())
    .addColumn('payer_id', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addColumn('trace_number', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('line_control_number', 'text')
    .addColumn('procedure_code', 'text')
    .addColumn('group_code', 'text', (c) => c.notNull())
    .addColumn('reason_code', 'text', (c) => c.notNull())
    .addColumn('remark_codes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('root_cause', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull().check(sql`amount_cents > 0`))
    .addColumn('payment_date', 'text')
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('claim_denials_document_claim_seq_key', ['document_id', 'claim_id', 'seq'])
    .execute();
  // The denials report groups a period's rows by payer, category, CARC and root cause: an index-only
  // range scan over the receipt time.
  await sql`CREATE INDEX claim_denials_received_idx ON claim_denials (received_at)
    INCLUDE (payer_id, claim_id, category, root_cause, group_code, reason_code, amount_cents)`.execute(db);

  // A/R aging, insurance: only the claim balances that are open. Most claims are settled, so this
  // index holds a small part of the balances and the report never reads the settled ones.
  await sql`CREATE INDEX ledger_balances_open_insurance_idx ON ledger_balances (exam_id, claim_key, account)
    INCLUDE (payer_id, balance_cents)
    WHERE account_class = 'insurance-receivable' AND balance_cents <> 0`.execute(db);

  // A/R aging, patient: the patient's balance per exam, kept by the database with every change of a
  // patient-receivable balance. The ledger keeps the patient's share under its claim and a payment
  // taken without a claim under none, so an exam whose patient has paid keeps two balances that
  // cancel out; this projection nets them, so the report reads only the exams where the patient
  // still owes (or is owed) something. claim_key: the first claim that billed the patient.
  await db.schema
    .createTable('report_patient_balances')
    .addColumn('exam_id', 'text', (c) => c.primaryKey())
    .addColumn('claim_key', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('balance_cents', 'bigint', (c) => c.notNull())
    .execute();
  await sql`CREATE INDEX report_patient_balances_open_idx ON report_patient_balances (exam_id) INCLUDE (claim_key, balance_cents)
    WHERE balance_cents <> 0`.execute(db);
  await sql`
    CREATE FUNCTION report_patient_balance_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.account_class = 'patient-receivable' THEN
        UPDATE report_patient_balances SET balance_cents = balance_cents - OLD.balance_cents WHERE exam_id = OLD.exam_id;
      END IF;
      IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.account_class = 'patient-receivable' THEN
        INSERT INTO report_patient_balances AS r (exam_id, claim_key, balance_cents) VALUES (NEW.exam_id, NEW.claim_key, NEW.balance_cents)
        ON CONFLICT (exam_id) DO UPDATE SET balance_cents = r.balance_cents + EXCLUDED.balance_cents,
          claim_key = CASE WHEN r.claim_key = '' THEN EXCLUDED.claim_key ELSE r.claim_key END;
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER ledger_balances_report_patient AFTER INSERT OR UPDATE OR DELETE ON ledger_balances
    FOR EACH ROW EXECUTE FUNCTION report_patient_balance_sync()`.execute(db);
  await sql`INSERT INTO report_patient_balances (exam_id, claim_key, balance_cents)
    SELECT exam_id, coalesce(min(nullif(claim_key, '')), ''), sum(balance_cents) FROM ledger_balances
     WHERE account_class = 'patient-receivable' GROUP BY exam_id`.execute(db);
  // Per-claim lookups of the reports (aging start dates, payer of a remitted claim), index-only.
  await sql`CREATE INDEX claims_aging_dates_idx ON claims (claim_id) INCLUDE (payer_id, date_of_service, first_submitted_at)`.execute(db);

  // Charges, payments and adjustments of a period (days in A/R, net collection rate): index-only.
  await sql`CREATE INDEX ledger_lines_period_idx ON ledger_lines (account_class, effective_date)
    INCLUDE (account, debit_cents, credit_cents)`.execute(db);

  // Claims first submitted in a period (clean claim and first-pass acceptance rates).
  await sql`CREATE INDEX claims_first_submitted_idx ON claims (first_submitted_at) INCLUDE (claim_id, exam_id, payer_id, version, status)`.execute(db);
  // Claims remitted in a period (denial rate), and the front-end rejections of a claim version.
  await sql`CREATE INDEX claim_status_history_remitted_idx ON claim_status_history (at) INCLUDE (claim_id) WHERE source = '835'`.execute(db);
  await sql`CREATE INDEX claim_status_history_rejected_idx ON claim_status_history (at) INCLUDE (claim_id, version) WHERE status = 'rejected'`.execute(db);
  // Coding reviews before a claim's first submission (clean claim rate).
  await sql`CREATE INDEX tasks_coding_review_idx ON tasks (opened_at) INCLUDE (exam_id) WHERE type = 'coding-review'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS ledger_balances_report_patient ON ledger_balances`.execute(db);
  await sql`DROP FUNCTION IF EXISTS report_patient_balance_sync()`.execute(db);
  await db.schema.dropTable('report_patient_balances').ifExists().execute();
  for (const index of ['tasks_coding_review_idx', 'claim_status_history_rejected_idx', 'claim_status_history_remitted_idx', 'claims_first_submitted_idx', 'claims_aging_dates_idx', 'ledger_lines_period_idx', 'ledger_balances_open_insurance_idx']) {
    await db.schema.dropIndex(index).ifExists().execute();
  }
  await db.schema.dropTable('claim_denials').ifExists().execute();
}
