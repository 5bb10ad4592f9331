import { type Kysely, sql } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.

/**
 * Report aggregates kept with every posting.
 *
 * `report_exam_facts_v` states, for each exam, what its rows contribute to the supervisor reports
 * (one row per fact and key, with up to three sums). `report_facts` holds the sum of those
 * contributions over all exams. Any statement that changes an exam's rows (ledger lines, claims,
 * their status history, denials, coding-review tasks, the patient balance) takes the exam's facts
 * before its first change in the transaction; when the transaction commits, a deferred trigger adds
 * the difference between the exam's facts then and now. So the aggregates move in the same
 * transaction as the posting, exactly, wherever the posting is written.
 *
 * Facts (key columns day, day2, day3, k1, k2, k3; '-infinity' and '' stand for none):
 * - ledger: per effective date, gross charges (v1), cash (v2), contractual adjustments (v3).
 * - submission: per claim first submitted, its UTC day, the last UTC day of a version-1 rejection
 *   capped at the submission day (day2), payer (k1), coding review before submission (k2 't'/'f'),
 *   answered (k3 't'/'f'); v1 = claims.
 * - remit: per claim and UTC day of an 835 status, the claim's previous such day (day2), the claim's
 *   payer (k1); v1 = 1. Distinct claims of a period = rows in it whose previous day is before it.
 * - denial: per claim, dimension (k1: total, payer, category, carc, root, claim-payer) and UTC day of
 *   receipt, the previous day of the same claim in the same group (day2); v1 = 1, v2 = denials,
 *   v3 = denied cents.
 * - orphan: a claim's denials received on a UTC day without an 835 status that day (k1 = claim): the
 *   rare claims whose denial-rate figures are checked against the rows.
 * - ar (aged from service) and ar-sub (aged from first submission): each open receivable item as it
 *   stands (its start day, k1 account class, k2 payer, k3 credit 't'/'f'); v1 = items, v2 = cents.
 * - ar-move and ar-move-sub: the change of those items on each effective date (day3), so that the
 *   aging as of a past date is the current one less the moves after it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Lookups by claim and exam when one exam's facts are taken.
  await sql`CREATE INDEX IF NOT EXISTS claim_denials_claim_idx ON claim_denials (claim_id, received_at)`.execute(db);
  await sql`CREATE INDEX IF NOT EXISTS claim_denials_exam_idx ON claim_denials (exam_id)`.execute(db);

  await sql`
    CREATE FUNCTION report_text_date(t text) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT CASE WHEN t ~ '^\\d{4}-\\d{2}-\\d{2}$' THEN t::date END
    $$`.execute(db);

  await sql`
    CREATE VIEW report_exam_facts_v AS
    SELECT l.exam_id, 'ledger'::text AS fact, l.effective_date AS day, '-infinity'::date AS day2, '-infinity'::date AS day3,
           ''::text AS k1, ''::text AS k2, ''::text AS k3,
           coalesce(sum(l.credit_cents - l.debit_cents) FILTER (WHERE l.account = 'gross_charges'), 0)::bigint AS v1,
           coalesce(sum(l.debit_cents - l.credit_cents) FILTER (WHERE l.account_class = 'cash'), 0)::bigint AS v2,
           coalesce(sum(l.debit_cents - l.credit_cents) FILTER (WHERE l.account = 'contractual_adjustment'), 0)::bigint AS v3
      FROM ledger_lines l
     WHERE l.account_class IN ('revenue', 'cash', 'adjustment')
     GROUP BY l.exam_id, l.effective_date
    UNION ALL
    SELECT c.exam_id, 'submission', (c.first_submitted_at AT TIME ZONE 'UTC')::date,
           CASE WHEN r.day IS NULL THEN '-infinity'::date ELSE least(r.day, (c.first_submitted_at AT TIME ZONE 'UTC')::date) END, '-infinity'::date,
           c.payer_id,
           CASE WHEN coalesce(v.first_review <= c.first_submitted_at, false) THEN 't' ELSE 'f' END,
           CASE WHEN c.version > 1 OR c.status NOT IN ('submitted', 'acknowledged') THEN 't' ELSE 'f' END,
           1, 0, 0
      FROM claims c
      LEFT JOIN LATERAL (SELECT max((h.at AT TIME ZONE 'UTC')::date) AS day FROM claim_status_history h
                          WHERE h.claim_id = c.claim_id AND h.status = 'rejected' AND h.version = 1) r ON true
      LEFT JOIN LATERAL (SELECT min(t.opened_at) AS first_review FROM tasks t
                          WHERE t.exam_id = c.exam_id AND t.type = 'coding-review') v ON true
     WHERE c.first_submitted_at IS NOT NULL
    UNION ALL
    SELECT c.exam_id, 'remit', x.day,
           coalesce(lag(x.day) OVER (PARTITION BY c.exam_id, c.claim_id ORDER BY x.day), '-infinity'::date), '-infinity'::date,
           c.payer_id, '', '', 1, 0, 0
      FROM claims c
     CROSS JOIN LATERAL (SELECT DISTINCT (h.at AT TIME ZONE 'UTC')::date AS day FROM claim_status_history h
                          WHERE h.claim_id = c.claim_id AND h.source = '835') x
    UNION ALL
    SELECT g.exam_id, 'denial', g.day,
           coalesce(lag(g.day) OVER (PARTITION BY g.exam_id, g.claim_id, g.k1, g.k2, g.k3 ORDER BY g.day), '-infinity'::date), '-infinity'::date,
           g.k1, g.k2, g.k3, 1, g.denials, g.cents
      FROM (SELECT d.exam_id, d.claim_id, (d.received_at AT TIME ZONE 'UTC')::date AS day, x.k1, x.k2, x.k3,
                   count(*)::bigint AS denials, sum(d.amount_cents)::bigint AS cents
              FROM claim_denials d
              JOIN claims c ON c.claim_id = d.claim_id
             CROSS JOIN LATERAL (VALUES ('total', '', ''), ('payer', d.payer_id, ''), ('category', d.category, ''),
                                        ('carc', d.group_code, d.reason_code), ('root', d.category, d.root_cause),
                                        ('claim-payer', c.payer_id, '')) AS x(k1, k2, k3)
             GROUP BY d.exam_id, d.claim_id, 3, x.k1, x.k2, x.k3) g
    UNION ALL
    SELECT d.exam_id, 'orphan', (d.received_at AT TIME ZONE 'UTC')::date, '-infinity'::date, '-infinity'::date, d.claim_id, '', '', 1, 0, 0
      FROM claim_denials d
     WHERE NOT EXISTS (SELECT 1 FROM claim_status_history h
                        WHERE h.claim_id = d.claim_id AND h.source = '835'
                          AND (h.at AT TIME ZONE 'UTC')::date = (d.received_at AT TIME ZONE 'UTC')::date)
     GROUP BY d.exam_id, d.claim_id, 3
    UNION ALL
    SELECT m.exam_id, f.fact, f.start, '-infinity'::date, f.day3, m.cls, coalesce(m.payer, ''), f.credit, f.items, f.cents, 0
      FROM (
        SELECT s.*, lag(s.bal, 1, 0::numeric) OVER w AS prev_bal, lag(s.start_s) OVER w AS prev_s, lag(s.start_sub) OVER w AS prev_sub
          FROM (
            SELECT k.*,
                   coalesce(report_text_date(c.date_of_service), ex.svc, fl.first_line, '-infinity'::date) AS start_s,
                   coalesce((c.first_submitted_at AT TIME ZONE 'UTC')::date, report_text_date(c.date_of_service), ex.sub, fl.first_line, '-infinity'::date) AS start_sub
              FROM (
                SELECT i.exam_id, i.cls, i.claim_key, i.account, i.day, i.bal, i.is_last,
                       CASE WHEN i.cls = 'insurance-receivable' THEN i.item_payer END AS payer,
                       CASE WHEN i.cls = 'insurance-receivable' THEN i.claim_key
                            ELSE coalesce(nullif(CASE WHEN p.balance_cents <> 0 THEN p.claim_key END, ''), i.later_claim, '') END AS start_claim
                  FROM (
                    SELECT l.*,
                           sum(l.delta) OVER w AS bal,
                           min(l.payer) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS item_payer,
                           min(l.min_claim) OVER (w ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS later_claim,
                           lead(l.day) OVER w IS NULL AS is_last
                      FROM (
                        SELECT exam_id, account_class AS cls,
                               CASE WHEN account_class = 'insurance-receivable' THEN coalesce(claim_id, '') ELSE '' END AS claim_key,
                               CASE WHEN account_class = 'insurance-receivable' THEN account ELSE '' END AS account,
                               effective_date AS day, sum(debit_cents - credit_cents) AS delta, min(payer_id) AS payer, min(claim_id) AS min_claim
                          FROM ledger_lines
                         WHERE account_class IN ('insurance-receivable', 'patient-receivable')
                         GROUP BY 1, 2, 3, 4, 5
                      ) l
                    WINDOW w AS (PARTITION BY l.exam_id, l.cls COLLATE "C", l.claim_key COLLATE "C", l.account COLLATE "C" ORDER BY l.day)
                  ) i
                  LEFT JOIN report_patient_balances p ON p.exam_id = i.exam_id AND i.cls = 'patient-receivable'
              ) k
              LEFT JOIN claims c ON c.claim_id = k.start_claim
              LEFT JOIN (SELECT e.exam_id, report_text_date(min(e.date_of_service)) AS svc,
                                min(coalesce((e.first_submitted_at AT TIME ZONE 'UTC')::date, report_text_date(e.date_of_service))) AS sub
                           FROM claims e GROUP BY e.exam_id) ex ON ex.exam_id = k.exam_id
              LEFT JOIN (SELECT x.exam_id, min(x.effective_date) AS first_line FROM ledger_lines x GROUP BY x.exam_id) fl ON fl.exam_id = k.exam_id
          ) s
        WINDOW w AS (PARTITION BY s.exam_id, s.cls COLLATE "C", s.claim_key COLLATE "C", s.account COLLATE "C" ORDER BY s.day)
      ) m
     CROSS JOIN LATERAL (VALUES
       ('ar-move', m.prev_s, m.day, CASE WHEN m.prev_bal < 0 THEN 't' ELSE 'f' END, -1, (-m.prev_bal)::bigint, m.prev_bal <> 0),
       ('ar-move', m.start_s, m.day, CASE WHEN m.bal < 0 THEN 't' ELSE 'f' END, 1, m.bal::bigint, m.bal <> 0),
       ('ar', m.start_s, '-infinity'::date, CASE WHEN m.bal < 0 THEN 't' ELSE 'f' END, 1, m.bal::bigint, m.is_last AND m.bal <> 0),
       ('ar-move-sub', m.prev_sub, m.day, CASE WHEN m.prev_bal < 0 THEN 't' ELSE 'f' END, -1, (-m.prev_bal)::bigint, m.prev_bal <> 0),
       ('ar-move-sub', m.start_sub, m.day, CASE WHEN m.bal < 0 THEN 't' ELSE 'f' END, 1, m.bal::bigint, m.bal <> 0),
       ('ar-sub', m.start_sub, '-infinity'::date, CASE WHEN m.bal < 0 THEN 't' ELSE 'f' END, 1, m.bal::bigint, m.is_last AND m.bal <> 0)
     ) AS f(fact, start, day3, credit, items, cents, applies)
     WHERE f.applies`.execute(db);

  // The sums over all exams. Rows are only ever added (a posting adds its difference); compaction
  // folds the rows of one key into one (id 0) without changing any sum, so readers never wait.
  await sql`CREATE SEQUENCE report_facts_id_seq`.execute(db);
  await sql`
    CREATE TABLE report_facts (
      id bigint NOT NULL DEFAULT nextval('report_facts_id_seq'),
      fact text NOT NULL,
      day date NOT NULL,
      day2 date NOT NULL,
      day3 date NOT NULL,
      k1 text NOT NULL,
      k2 text NOT NULL,
      k3 text NOT NULL,
      v1 bigint NOT NULL,
      v2 bigint NOT NULL,
      v3 bigint NOT NULL
    )`.execute(db);
  await sql`ALTER SEQUENCE report_facts_id_seq OWNED BY report_facts.id`.execute(db);
  // Compaction replaces rows all day: vacuumed early, so the reports' index-only scans stay index-only.
  await sql`ALTER TABLE report_facts SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.05)`.execute(db);
  await sql`CREATE INDEX report_facts_key_idx ON report_facts (fact, day, day2, day3, k1, k2, k3) INCLUDE (v1, v2, v3)`.execute(db);
  await sql`CREATE INDEX report_facts_moves_idx ON report_facts (fact, day3) INCLUDE (day, k1, k2, k3, v1, v2) WHERE fact IN ('ar-move', 'ar-move-sub')`.execute(db);
  await sql`CREATE INDEX report_facts_fresh_idx ON report_facts (id) WHERE id > 0`.execute(db);

  // One transaction's exams and their facts before its first change (rows live until its commit).
  await sql`CREATE UNLOGGED TABLE report_pending_exams (txid bigint NOT NULL, exam_id text NOT NULL, PRIMARY KEY (txid, exam_id))`.execute(db);
  await sql`
    CREATE UNLOGGED TABLE report_pending_facts (
      txid bigint NOT NULL, exam_id text NOT NULL, fact text NOT NULL, day date NOT NULL, day2 date NOT NULL, day3 date NOT NULL,
      k1 text NOT NULL, k2 text NOT NULL, k3 text NOT NULL, v1 bigint NOT NULL, v2 bigint NOT NULL, v3 bigint NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX report_pending_facts_idx ON report_pending_facts (txid, exam_id)`.execute(db);

  // First change of an exam in a transaction: wait for any other transaction changing it, then take
  // its facts as they stand (negated).
  await sql`
    CREATE FUNCTION report_mark_exam(e text) RETURNS void LANGUAGE plpgsql AS $$
    DECLARE tx bigint := txid_current();
    BEGIN
      IF e IS NULL OR EXISTS (SELECT 1 FROM report_pending_exams WHERE txid = tx AND exam_id = e) THEN
        RETURN;
      END IF;
      PERFORM pg_advisory_xact_lock(20261207, hashtext(e));
      INSERT INTO report_pending_facts (txid, exam_id, fact, day, day2, day3, k1, k2, k3, v1, v2, v3)
      SELECT tx, exam_id, fact, day, day2, day3, k1, k2, k3, -v1, -v2, -v3 FROM report_exam_facts_v WHERE exam_id = e;
      INSERT INTO report_pending_exams (txid, exam_id) VALUES (tx, e);
    END $$`.execute(db);

  // At commit: add the exam's facts now less its facts before.
  await sql`
    CREATE FUNCTION report_settle_exam() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO report_facts (fact, day, day2, day3, k1, k2, k3, v1, v2, v3)
      SELECT fact, day, day2, day3, k1, k2, k3, sum(v1), sum(v2), sum(v3)
        FROM (SELECT fact, day, day2, day3, k1, k2, k3, v1, v2, v3 FROM report_pending_facts WHERE txid = NEW.txid AND exam_id = NEW.exam_id
              UNION ALL
              SELECT fact, day, day2, day3, k1, k2, k3, v1, v2, v3 FROM report_exam_facts_v WHERE exam_id = NEW.exam_id) s
       GROUP BY fact, day, day2, day3, k1, k2, k3
      HAVING sum(v1) <> 0 OR sum(v2) <> 0 OR sum(v3) <> 0;
      DELETE FROM report_pending_facts WHERE txid = NEW.txid AND exam_id = NEW.exam_id;
      DELETE FROM report_pending_exams WHERE txid = NEW.txid AND exam_id = NEW.exam_id;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE CONSTRAINT TRIGGER report_pending_exams_settle AFTER INSERT ON report_pending_exams
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION report_settle_exam()`.execute(db);

  // What marks an exam.
  await sql`
    CREATE FUNCTION report_mark_row() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_TABLE_NAME = 'claim_status_history' THEN
        IF TG_OP <> 'INSERT' THEN PERFORM report_mark_exam((SELECT exam_id FROM claims WHERE claim_id = OLD.claim_id)); END IF;
        IF TG_OP <> 'DELETE' THEN PERFORM report_mark_exam((SELECT exam_id FROM claims WHERE claim_id = NEW.claim_id)); END IF;
      ELSE
        IF TG_OP <> 'INSERT' THEN PERFORM report_mark_exam(OLD.exam_id); END IF;
        IF TG_OP <> 'DELETE' THEN PERFORM report_mark_exam(NEW.exam_id); END IF;
      END IF;
      IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`CREATE TRIGGER ledger_lines_report_mark BEFORE INSERT ON ledger_lines FOR EACH ROW EXECUTE FUNCTION report_mark_row()`.execute(db);
  await sql`CREATE TRIGGER report_patient_balances_report_mark BEFORE INSERT OR UPDATE OR DELETE ON report_patient_balances FOR EACH ROW EXECUTE FUNCTION report_mark_row()`.execute(db);
  await sql`CREATE TRIGGER claims_report_mark_insert BEFORE INSERT OR DELETE ON claims FOR EACH ROW EXECUTE FUNCTION report_mark_row()`.execute(db);
  await sql`CREATE TRIGGER claims_report_mark_update BEFORE UPDATE ON claims FOR EACH ROW
    WHEN (OLD.exam_id IS DISTINCT FROM NEW.exam_id OR OLD.claim_id IS DISTINCT FROM NEW.claim_id OR OLD.payer_id IS DISTINCT FROM NEW.payer_id
          OR OLD.status IS DISTINCT FROM NEW.status OR OLD.version IS DISTINCT FROM NEW.version
          OR OLD.first_submitted_at IS DISTINCT FROM NEW.first_submitted_at OR OLD.date_of_service IS DISTINCT FROM NEW.date_of_service)
    EXECUTE FUNCTION report_mark_row()`.execute(db);
  await sql`CREATE TRIGGER claim_denials_report_mark BEFORE INSERT OR UPDATE OR DELETE ON claim_denials FOR EACH ROW EXECUTE FUNCTION report_mark_row()`.execute(db);
  await sql`CREATE TRIGGER claim_status_history_report_mark_insert BEFORE INSERT ON claim_status_history FOR EACH ROW
    WHEN (NEW.source = '835' OR NEW.status = 'rejected') EXECUTE FUNCTION report_mark_row()`.execute(db);
  await sql`CREATE TRIGGER claim_status_history_report_mark_change BEFORE UPDATE OR DELETE ON claim_status_history FOR EACH ROW
    EXECUTE FUNCTION report_mark_row()`.execute(db);
  await sql`CREATE TRIGGER tasks_report_mark_insert BEFORE INSERT ON tasks FOR EACH ROW
    WHEN (NEW.type = 'coding-review') EXECUTE FUNCTION report_mark_row()`.execute(db);
  await sql`CREATE TRIGGER tasks_report_mark_update BEFORE UPDATE ON tasks FOR EACH ROW
    WHEN ((OLD.type = 'coding-review' OR NEW.type = 'coding-review')
          AND (OLD.type IS DISTINCT FROM NEW.type OR OLD.exam_id IS DISTINCT FROM NEW.exam_id OR OLD.opened_at IS DISTINCT FROM NEW.opened_at))
    EXECUTE FUNCTION report_mark_row()`.execute(db);
  await sql`CREATE TRIGGER tasks_report_mark_delete BEFORE DELETE ON tasks FOR EACH ROW
    WHEN (OLD.type = 'coding-review') EXECUTE FUNCTION report_mark_row()`.execute(db);

  // Folds the rows added since the last compaction into one row per key; sums do not change.
  await sql`
    CREATE FUNCTION report_facts_compact() RETURNS bigint LANGUAGE plpgsql AS $$
    DECLARE n bigint;
    BEGIN
      IF NOT pg_try_advisory_xact_lock(20261207, 0) THEN RETURN 0; END IF;
      WITH fresh AS (SELECT DISTINCT fact, day, day2, day3, k1, k2, k3 FROM report_facts WHERE id > 0),
      gone AS (DELETE FROM report_facts f USING fresh k
                WHERE f.fact = k.fact AND f.day = k.day AND f.day2 = k.day2 AND f.day3 = k.day3 AND f.k1 = k.k1 AND f.k2 = k.k2 AND f.k3 = k.k3
               RETURNING f.*),
      merged AS (INSERT INTO report_facts (id, fact, day, day2, day3, k1, k2, k3, v1, v2, v3)
                 SELECT 0, fact, day, day2, day3, k1, k2, k3, sum(v1), sum(v2), sum(v3) FROM gone
                  GROUP BY fact, day, day2, day3, k1, k2, k3
                 HAVING sum(v1) <> 0 OR sum(v2) <> 0 OR sum(v3) <> 0
                 RETURNING 1)
      SELECT count(*) INTO n FROM gone;
      RETURN n;
    END $$`.execute(db);

  // Recomputes every sum from the rows (the backfill; also after a bulk load with triggers off).
  await sql`
    CREATE FUNCTION report_facts_rebuild() RETURNS bigint LANGUAGE plpgsql AS $$
    DECLARE n bigint;
    BEGIN
      PERFORM pg_advisory_xact_lock(20261207, 0);
      DELETE FROM report_facts;
      INSERT INTO report_facts (id, fact, day, day2, day3, k1, k2, k3, v1, v2, v3)
      SELECT 0, fact, day, day2, day3, k1, k2, k3, sum(v1), sum(v2), sum(v3) FROM report_exam_facts_v
       GROUP BY fact, day, day2, day3, k1, k2, k3
      HAVING sum(v1) <> 0 OR sum(v2) <> 0 OR sum(v3) <> 0;
      GET DIAGNOSTICS n = ROW_COUNT;
      RETURN n;
    END $$`.execute(db);
  await sql`SELECT report_facts_rebuild()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [trigger, table] of [
    ['ledger_lines_report_mark', 'ledger_lines'], ['report_patient_balances_report_mark', 'report_patient_balances'],
    ['claims_report_mark_insert', 'claims'], ['claims_report_mark_update', 'claims'], ['claim_denials_report_mark', 'claim_denials'],
    ['claim_status_history_report_mark_insert', 'claim_status_history'], ['claim_status_history_report_mark_change', 'claim_status_history'],
    ['tasks_report_mark_insert', 'tasks'], ['tasks_report_mark_update', 'tasks'], ['tasks_report_mark_delete', 'tasks'],
  ] as const) {
    await sql`DROP TRIGGER IF EXISTS ${sql.id(trigger)} ON ${sql.id(table)}`.execute(db);
  }
  await sql`DROP FUNCTION IF EXISTS report_mark_row()`.execute(db);
  await sql`DROP TABLE IF EXISTS report_pending_exams`.execute(db);
  await sql`DROP TABLE IF EXISTS report_pending_facts`.execute(db);
  await sql`DROP FUNCTION IF EXISTS report_settle_exam()`.execute(db);
  await sql`DROP FUNCTION IF EXISTS report_mark_exam(text)`.execute(db);
  await sql`DROP FUNCTION IF EXISTS report_facts_compact()`.execute(db);
  await sql`DROP FUNCTION IF EXISTS report_facts_rebuild()`.execute(db);
  await sql`DROP TABLE IF EXISTS report_facts`.execute(db);
  await sql`DROP VIEW IF EXISTS report_exam_facts_v`.execute(db);
  await sql`DROP FUNCTION IF EXISTS report_text_date(text)`.execute(db);
  await sql`DROP INDEX IF EXISTS claim_denials_exam_idx`.execute(db);
  await sql`DROP INDEX IF EXISTS claim_denials_claim_idx`.execute(db);
}
