import { sql } from 'kysely';
import type { DenialCategory } from '../../../domain/denials/denial-types';
import type { AdjudicationCounts, CategoryDenialCounts, LedgerActivity, SubmissionCounts } from '../../../domain/reports/kpis';
import { periodInstants, type ReportPeriod } from '../../../domain/reports/report-period';
import type { Db } from '../../database';

/**
 * Claims first submitted in the period, by payer: how many; how many clean (no coding-review task
 * opened on the exam before the first submission and the first version not rejected); how many
 * first versions were answered (rejected, moved past submitted/acknowledged, or replaced by a later
 * version) and how many of those were not rejected. Claims start at version 1. The rejections
 * (999/277CA `rejected` rows, after the period's start) and the coding reviews are small sets read
 * once through partial indexes and hash-joined, not probed claim by claim.
 */
export async function querySubmissionCounts(db: Db, period: ReportPeriod): Promise<SubmissionCounts[]> {
  const { start, end } = periodInstants(period);
  const result = await sql<{ payer_id: string; first_submitted: number; clean: number; decided: number; accepted: number }>`
    WITH rejected AS (
      SELECT DISTINCT h.claim_id
        FROM claim_status_history h
       WHERE h.status = 'rejected' AND h.version = 1 AND h.at >= ${start}::timestamptz
    ),
    reviews AS (
      SELECT t.exam_id, min(t.opened_at) AS first_review
        FROM tasks t
       WHERE t.type = 'coding-review' AND t.opened_at < ${end}::timestamptz
       GROUP BY t.exam_id
    ),
    flagged AS (
      SELECT c.payer_id,
             r.claim_id IS NOT NULL AS rejected,
             (c.version > 1 OR c.status NOT IN ('submitted', 'acknowledged')) AS answered,
             coalesce(v.first_review <= c.first_submitted_at, false) AS reviewed
        FROM claims c
        LEFT JOIN rejected r ON r.claim_id = c.claim_id
        LEFT JOIN reviews v ON v.exam_id = c.exam_id
       WHERE c.first_submitted_at >= ${start}::timestamptz AND c.first_submitted_at < ${end}::timestamptz
    )
    SELECT payer_id,
           count(*)::int AS first_submitted,
           count(*) FILTER (WHERE NOT rejected AND NOT reviewed)::int AS clean,
           count(*) FILTER (WHERE rejected OR answered)::int AS decided,
           count(*) FILTER (WHERE answered AND NOT rejected)::int AS accepted
      FROM flagged
     GROUP BY payer_id`.execute(db);
  return result.rows.map((r) => ({
    payerId: r.payer_id, firstSubmitted: r.first_submitted, clean: r.clean, frontEndDecided: r.decided, frontEndAccepted: r.accepted,
  }));
}

/** Claims with an 835 received in the period, by the claim's payer, and how many of them had a denial in it. */
export async function queryAdjudicationCounts(db: Db, period: ReportPeriod): Promise<AdjudicationCounts[]> {
  const { start, end } = periodInstants(period);
  const result = await sql<{ payer_id: string; adjudicated: number; denied: number; denied_cents: number }>`
    WITH remitted AS (
      SELECT DISTINCT h.claim_id
        FROM claim_status_history h
       WHERE h.source = '835' AND h.at >= ${start}::timestamptz AND h.at < ${end}::timestamptz
    ),
    denied AS (
      SELECT x.claim_id, sum(x.amount_cents) AS cents
        FROM claim_denials x
       WHERE x.received_at >= ${start}::timestamptz AND x.received_at < ${end}::timestamptz
       GROUP BY x.claim_id
    )
    SELECT c.payer_id,
           count(*)::int AS adjudicated,
           count(d.cents)::int AS denied,
           coalesce(sum(d.cents), 0)::bigint AS denied_cents
      FROM remitted r
      JOIN claims c ON c.claim_id = r.claim_id
      LEFT JOIN denied d ON d.claim_id = r.claim_id
     GROUP BY c.payer_id`.execute(db);
  return result.rows.map((r) => ({ payerId: r.payer_id, adjudicated: r.adjudicated, denied: r.denied, deniedCents: Number(r.denied_cents) }));
}

/** Claims with a denial of each category on an 835 received in the period. */
export async function queryCategoryDenials(db: Db, period: ReportPeriod): Promise<CategoryDenialCounts[]> {
  const { start, end } = periodInstants(period);
  const result = await sql<{ category: string; denied_claims: number; denied_cents: number }>`
    SELECT category, count(DISTINCT claim_id)::int AS denied_claims, sum(amount_cents)::bigint AS denied_cents
      FROM claim_denials
     WHERE received_at >= ${start}::timestamptz AND received_at < ${end}::timestamptz
     GROUP BY category`.execute(db);
  return result.rows.map((r) => ({ category: r.category as DenialCategory, deniedClaims: r.denied_claims, deniedCents: Number(r.denied_cents) }));
}

/** Gross charges, cash and contractual adjustments with an effective date in the period. */
export async function queryLedgerActivity(db: Db, period: ReportPeriod): Promise<LedgerActivity> {
  const result = await sql<{ charges: number; payments: number; contractual: number }>`
    SELECT coalesce(sum(credit_cents - debit_cents) FILTER (WHERE account = 'gross_charges'), 0)::bigint AS charges,
           coalesce(sum(debit_cents - credit_cents) FILTER (WHERE account_class = 'cash'), 0)::bigint AS payments,
           coalesce(sum(debit_cents - credit_cents) FILTER (WHERE account = 'contractual_adjustment'), 0)::bigint AS contractual
      FROM ledger_lines
     WHERE account_class IN ('revenue', 'cash', 'adjustment')
       AND effective_date >= ${period.from}::date AND effective_date <= ${period.to}::date`.execute(db);
  const row = result.rows[0];
  return { chargesCents: Number(row?.charges ?? 0), paymentsCents: Number(row?.payments ?? 0), contractualAdjustmentsCents: Number(row?.contractual ?? 0) };
}
