import { type RawBuilder, sql } from 'kysely';
import { AGING_BUCKETS, type AgedFrom, type AgingGroup } from '../../../domain/reports/ar-aging';
import type { CalendarDate } from '../../../domain/ledger/calendar-date';
import type { Db } from '../../database';

/** CASE expression giving the index of the aging bucket of an age in days (buckets of domain/reports). */
export function bucketOf(age: RawBuilder<number>): RawBuilder<number> {
  const whens = AGING_BUCKETS.slice(0, -1).map((b, i) => sql`WHEN ${age} <= ${sql.lit(b.maxDays ?? 0)} THEN ${sql.lit(i)}`);
  return sql<number>`CASE ${sql.join(whens, sql` `)} ELSE ${sql.lit(AGING_BUCKETS.length - 1)} END`;
}

/** A text date column as a date, null when it is not YYYY-MM-DD (never an error). */
const textDate = (column: RawBuilder<string>) => sql<string>`CASE WHEN ${column} ~ '^\\d{4}-\\d{2}-\\d{2}$' THEN ${column}::date END`;

/**
 * Open receivables as of `asOf`, summed in SQL by responsibility, payer and aging bucket (debit
 * balances) or credit balance (bucket null). A balance as of a date is the current balance minus
 * the receivable movements dated after it (ledger_lines; none when asOf is today). Insurance items
 * are a claim's balance with one payer (ledger_balances, through the partial index of open ones);
 * patient items are the patient's net balance per exam (report_patient_balances). Items age from
 * their claim (patient: the first claim that billed the patient), else from the exam's earliest
 * claim, else from the exam's first ledger date.
 */
export async function queryArAging(db: Db, options: { asOf: CalendarDate; agedFrom: AgedFrom }): Promise<AgingGroup[]> {
  const { asOf } = options;
  const claimStart = options.agedFrom === 'submission'
    ? sql`coalesce((c.first_submitted_at AT TIME ZONE 'UTC')::date, ${textDate(sql`c.date_of_service`)})`
    : textDate(sql`c.date_of_service`);
  const examStart = options.agedFrom === 'submission'
    ? sql`(SELECT min(coalesce((e.first_submitted_at AT TIME ZONE 'UTC')::date, ${textDate(sql`e.date_of_service`)})) FROM claims e WHERE e.exam_id = i.exam_id)`
    : sql`(SELECT ${textDate(sql`min(e.date_of_service)`)} FROM claims e WHERE e.exam_id = i.exam_id)`;
  const age = sql<number>`(${asOf}::date - d.start_date)`;

  const result = await sql<{ account_class: string; payer_id: string | null; bucket: number | null; cents: number; items: number }>`
    WITH insurance_after AS (
      SELECT l.exam_id, coalesce(l.claim_id, '') AS claim_key, l.account, min(l.payer_id) AS payer_id, sum(l.debit_cents - l.credit_cents) AS cents
        FROM ledger_lines l
       WHERE l.account_class = 'insurance-receivable' AND l.effective_date > ${asOf}::date
       GROUP BY 1, 2, 3
    ),
    patient_after AS (
      SELECT l.exam_id, min(l.claim_id) AS claim_key, sum(l.debit_cents - l.credit_cents) AS cents
        FROM ledger_lines l
       WHERE l.account_class = 'patient-receivable' AND l.effective_date > ${asOf}::date
       GROUP BY 1
    ),
    items AS (
      SELECT 'insurance-receivable' AS account_class, coalesce(b.payer_id, a.payer_id) AS payer_id, coalesce(b.exam_id, a.exam_id) AS exam_id,
             coalesce(b.claim_key, a.claim_key) AS claim_key, coalesce(b.balance_cents, 0) - coalesce(a.cents, 0) AS cents
        FROM (SELECT exam_id, claim_key, account, payer_id, balance_cents
                FROM ledger_balances
               WHERE account_class = 'insurance-receivable' AND balance_cents <> 0) b
        FULL JOIN insurance_after a ON a.exam_id = b.exam_id AND a.claim_key = b.claim_key AND a.account = b.account
       WHERE coalesce(b.balance_cents, 0) - coalesce(a.cents, 0) <> 0
      UNION ALL
      SELECT 'patient-receivable', NULL, coalesce(p.exam_id, a.exam_id), coalesce(nullif(p.claim_key, ''), a.claim_key, ''),
             coalesce(p.balance_cents, 0) - coalesce(a.cents, 0)
        FROM (SELECT exam_id, claim_key, balance_cents FROM report_patient_balances WHERE balance_cents <> 0) p
        FULL JOIN patient_after a ON a.exam_id = p.exam_id
       WHERE coalesce(p.balance_cents, 0) - coalesce(a.cents, 0) <> 0
    ),
    dated AS MATERIALIZED (
      SELECT i.account_class, i.payer_id, i.cents,
             coalesce(${claimStart}, ${examStart},
                      (SELECT min(x.effective_date) FROM ledger_lines x WHERE x.exam_id = i.exam_id),
                      ${asOf}::date) AS start_date
        FROM items i
        LEFT JOIN claims c ON c.claim_id = i.claim_key
    )
    SELECT d.account_class, d.payer_id,
           CASE WHEN d.cents < 0 THEN NULL ELSE ${bucketOf(age)} END AS bucket,
           sum(d.cents)::bigint AS cents, count(*)::int AS items
      FROM dated d
     GROUP BY 1, 2, 3`.execute(db);

  return result.rows.map(agingGroupOf);
}

/** One row of an aging query (account class, payer, bucket index or null for credits, sums) as the report's group. */
export function agingGroupOf(r: { account_class: string; payer_id: string | null; bucket: number | null; cents: string | number; items: number }): AgingGroup {
  return {
    responsibility: r.account_class === 'insurance-receivable' ? 'insurance' : 'patient',
    payerId: r.payer_id,
    bucket: r.bucket === null ? null : Number(r.bucket),
    cents: Number(r.cents),
    items: r.items,
  };
}
