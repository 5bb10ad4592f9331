import { sql } from 'kysely';
import type { DenialCategory } from '../../../domain/denials/denial-types';
import type { CalendarDate } from '../../../domain/ledger/calendar-date';
import type { AgedFrom, AgingGroup } from '../../../domain/reports/ar-aging';
import type { DenialGroup } from '../../../domain/reports/denials-report';
import type { AdjudicationCounts, CategoryDenialCounts, LedgerActivity, SubmissionCounts } from '../../../domain/reports/kpis';
import { periodInstants, type ReportPeriod } from '../../../domain/reports/report-period';
import type { Db } from '../../database';
import { agingGroupOf, bucketOf } from './ar-aging';

/**
 * The supervisor reports read from `report_facts`, the sums the database keeps with every posting
 * (migration 2026-12-07T0023-report-aggregates). Each function answers exactly what its namesake in
 * ar-aging.ts, kpis.ts and denials.ts computes from the rows, reading a few thousand summed rows
 * instead of every claim and ledger line of the period.
 */

/**
 * Open receivables as of `asOf`: the items as they stand, less their moves dated after `asOf`, by
 * responsibility, payer and start day; then bucketed by age (debit balances) or credit (bucket null).
 */
export async function aggregateArAging(db: Db, options: { asOf: CalendarDate; agedFrom: AgedFrom }): Promise<AgingGroup[]> {
  const { asOf } = options;
  const [current, moves] = options.agedFrom === 'submission' ? ['ar-sub', 'ar-move-sub'] : ['ar', 'ar-move'];
  const result = await sql<{ account_class: string; payer_id: string | null; bucket: number | null; cents: string; items: number }>`
    WITH items AS (
      SELECT k1 AS cls, k2 AS payer, k3 AS credit, day AS start, v1 AS items, v2 AS cents FROM report_facts WHERE fact = ${current}
      UNION ALL
      SELECT k1, k2, k3, day, -v1, -v2 FROM report_facts WHERE fact = ${moves} AND day3 > ${asOf}::date
    ),
    dated AS (
      SELECT cls, payer, credit, CASE WHEN start = '-infinity'::date THEN ${asOf}::date ELSE start END AS start,
             sum(items) AS items, sum(cents) AS cents
        FROM items GROUP BY 1, 2, 3, 4
    )
    SELECT cls AS account_class, nullif(payer, '') AS payer_id,
           CASE WHEN credit = 't' THEN NULL ELSE ${bucketOf(sql<number>`(${asOf}::date - start)`)} END AS bucket,
           sum(cents)::bigint AS cents, sum(items)::int AS items
      FROM dated
     GROUP BY 1, 2, 3
    HAVING sum(items) <> 0`.execute(db);
  return result.rows.map(agingGroupOf);
}

/** Claims first submitted in the period, by payer (see querySubmissionCounts). */
export async function aggregateSubmissionCounts(db: Db, period: ReportPeriod): Promise<SubmissionCounts[]> {
  const from = sql`${period.from}::date`;
  const result = await sql<{ payer_id: string; first_submitted: number; clean: number; decided: number; accepted: number }>`
    SELECT k1 AS payer_id,
           sum(v1)::int AS first_submitted,
           coalesce(sum(v1) FILTER (WHERE day2 < ${from} AND k2 = 'f'), 0)::int AS clean,
           coalesce(sum(v1) FILTER (WHERE day2 >= ${from} OR k3 = 't'), 0)::int AS decided,
           coalesce(sum(v1) FILTER (WHERE k3 = 't' AND day2 < ${from}), 0)::int AS accepted
      FROM report_facts
     WHERE fact = 'submission' AND day >= ${from} AND day <= ${period.to}::date
     GROUP BY k1
    HAVING sum(v1) <> 0`.execute(db);
  return result.rows.map((r) => ({
    payerId: r.payer_id, firstSubmitted: r.first_submitted, clean: r.clean, frontEndDecided: r.decided, frontEndAccepted: r.accepted,
  }));
}

/**
 * Claims with an 835 received in the period by the claim's payer, and those of them with a denial
 * in it (see queryAdjudicationCounts). Denials received on a day without an 835 status of their
 * claim (none in the engine's own postings) are checked against the rows, claim by claim.
 */
export async function aggregateAdjudicationCounts(db: Db, period: ReportPeriod): Promise<AdjudicationCounts[]> {
  const from = sql`${period.from}::date`;
  const to = sql`${period.to}::date`;
  const { start, end } = periodInstants(period);
  const result = await sql<{ payer_id: string; adjudicated: number; denied: number; denied_cents: string }>`
    WITH remitted AS (
      SELECT k1 AS payer_id, coalesce(sum(v1) FILTER (WHERE day2 < ${from}), 0) AS n
        FROM report_facts WHERE fact = 'remit' AND day >= ${from} AND day <= ${to} GROUP BY k1
    ),
    denied AS (
      SELECT k2 AS payer_id, coalesce(sum(v1) FILTER (WHERE day2 < ${from}), 0) AS n, sum(v3) AS cents
        FROM report_facts WHERE fact = 'denial' AND k1 = 'claim-payer' AND day >= ${from} AND day <= ${to} GROUP BY k2
    ),
    orphans AS (
      SELECT k1 AS claim_id FROM report_facts WHERE fact = 'orphan' AND day >= ${from} AND day <= ${to} GROUP BY k1 HAVING sum(v1) > 0
    ),
    unremitted AS (
      SELECT c.payer_id, count(*) AS n, sum(x.cents) AS cents
        FROM orphans o
        JOIN claims c ON c.claim_id = o.claim_id
       CROSS JOIN LATERAL (SELECT sum(d.amount_cents) AS cents FROM claim_denials d
                            WHERE d.claim_id = o.claim_id AND d.received_at >= ${start}::timestamptz AND d.received_at < ${end}::timestamptz) x
       WHERE NOT EXISTS (SELECT 1 FROM claim_status_history h
                          WHERE h.claim_id = o.claim_id AND h.source = '835' AND h.at >= ${start}::timestamptz AND h.at < ${end}::timestamptz)
       GROUP BY c.payer_id
    )
    SELECT r.payer_id, r.n::int AS adjudicated,
           (coalesce(d.n, 0) - coalesce(u.n, 0))::int AS denied,
           (coalesce(d.cents, 0) - coalesce(u.cents, 0))::bigint AS denied_cents
      FROM remitted r
      LEFT JOIN denied d ON d.payer_id = r.payer_id
      LEFT JOIN unremitted u ON u.payer_id = r.payer_id
     WHERE r.n > 0`.execute(db);
  return result.rows.map((r) => ({ payerId: r.payer_id, adjudicated: r.adjudicated, denied: r.denied, deniedCents: Number(r.denied_cents) }));
}

/** Claims with a denial of each category in the period (see queryCategoryDenials). */
export async function aggregateCategoryDenials(db: Db, period: ReportPeriod): Promise<CategoryDenialCounts[]> {
  const from = sql`${period.from}::date`;
  const result = await sql<{ category: string; denied_claims: number; denied_cents: string }>`
    SELECT k2 AS category, coalesce(sum(v1) FILTER (WHERE day2 < ${from}), 0)::int AS denied_claims, sum(v3)::bigint AS denied_cents
      FROM report_facts
     WHERE fact = 'denial' AND k1 = 'category' AND day >= ${from} AND day <= ${period.to}::date
     GROUP BY k2
    HAVING sum(v2) > 0`.execute(db);
  return result.rows.map((r) => ({ category: r.category as DenialCategory, deniedClaims: r.denied_claims, deniedCents: Number(r.denied_cents) }));
}

/** Gross charges, cash and contractual adjustments with an effective date in the period. */
export async function aggregateLedgerActivity(db: Db, period: ReportPeriod): Promise<LedgerActivity> {
  const result = await sql<{ charges: string; payments: string; contractual: string }>`
    SELECT coalesce(sum(v1), 0)::bigint AS charges, coalesce(sum(v2), 0)::bigint AS payments, coalesce(sum(v3), 0)::bigint AS contractual
      FROM report_facts
     WHERE fact = 'ledger' AND day >= ${period.from}::date AND day <= ${period.to}::date`.execute(db);
  const row = result.rows[0];
  return { chargesCents: Number(row?.charges ?? 0), paymentsCents: Number(row?.payments ?? 0), contractualAdjustmentsCents: Number(row?.contractual ?? 0) };
}

/** Denied amounts of the period: overall, by payer, category, CARC and root cause (see queryDenialGroups). */
export async function aggregateDenialGroups(db: Db, period: ReportPeriod): Promise<DenialGroup[]> {
  const from = sql`${period.from}::date`;
  const result = await sql<{ k1: string; k2: string; k3: string; denied_claims: number; denials: number; denied_cents: string }>`
    SELECT k1, k2, k3, coalesce(sum(v1) FILTER (WHERE day2 < ${from}), 0)::int AS denied_claims, sum(v2)::int AS denials, sum(v3)::bigint AS denied_cents
      FROM report_facts
     WHERE fact = 'denial' AND k1 IN ('total', 'payer', 'category', 'carc', 'root') AND day >= ${from} AND day <= ${period.to}::date
     GROUP BY k1, k2, k3
    HAVING sum(v2) > 0`.execute(db);
  return result.rows.map((r): DenialGroup => {
    const totals = { deniedClaims: r.denied_claims, denials: r.denials, deniedCents: Number(r.denied_cents) };
    switch (r.k1) {
      case 'payer': return { dimension: 'payer', payerId: r.k2, ...totals };
      case 'category': return { dimension: 'category', category: r.k2, ...totals };
      case 'carc': return { dimension: 'carc', group: r.k2, carc: r.k3, ...totals };
      case 'root': return { dimension: 'root-cause', category: r.k2, rootCause: r.k3, ...totals };
      default: return { dimension: 'total', ...totals };
    }
  });
}

/**
 * Folds the rows added by postings since the last compaction into one row per key. The sums do not
 * change, so it may run at any time; a compaction already running makes this one a no-op.
 */
export async function compactReportFacts(db: Db): Promise<number> {
  const result = await sql<{ n: string }>`SELECT report_facts_compact() AS n`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

/** Recomputes every sum from the rows: after a bulk load made with triggers off. */
export async function rebuildReportFacts(db: Db): Promise<number> {
  const result = await sql<{ n: string }>`SELECT report_facts_rebuild() AS n`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}
