import { sql } from 'kysely';
import type { DenialGroup } from '../../../domain/reports/denials-report';
import { periodInstants, type ReportPeriod } from '../../../domain/reports/report-period';
import type { Db } from '../../database';

type Row = {
  payer_id: string | null; category: string | null; group_code: string | null; reason_code: string | null; root_cause: string | null;
  g_payer: number; g_reason: number; g_root: number; g_category: number;
  denied_claims: number; denials: number; denied_cents: number;
};

/**
 * Denied amounts on 835s received in the period, grouped in one pass (GROUPING SETS): overall, by
 * payer, by category, by CARC (with its group code) and by root cause (with its category).
 */
export async function queryDenialGroups(db: Db, period: ReportPeriod): Promise<DenialGroup[]> {
  const { start, end } = periodInstants(period);
  const result = await sql<Row>`
    SELECT payer_id, category, group_code, reason_code, root_cause,
           GROUPING(payer_id) AS g_payer, GROUPING(reason_code) AS g_reason, GROUPING(root_cause) AS g_root, GROUPING(category) AS g_category,
           count(DISTINCT claim_id)::int AS denied_claims, count(*)::int AS denials, sum(amount_cents)::bigint AS denied_cents
      FROM claim_denials
     WHERE received_at >= ${start}::timestamptz AND received_at < ${end}::timestamptz
     GROUP BY GROUPING SETS ((), (payer_id), (category), (group_code, reason_code), (category, root_cause))`.execute(db);
  return result.rows.map((r): DenialGroup => {
    const totals = { deniedClaims: r.denied_claims, denials: r.denials, deniedCents: Number(r.denied_cents) };
    if (r.g_payer === 0) return { dimension: 'payer', payerId: r.payer_id ?? '', ...totals };
    if (r.g_reason === 0) return { dimension: 'carc', group: r.group_code ?? '', carc: r.reason_code ?? '', ...totals };
    if (r.g_root === 0) return { dimension: 'root-cause', category: r.category ?? '', rootCause: r.root_cause ?? '', ...totals };
    if (r.g_category === 0) return { dimension: 'category', category: r.category ?? '', ...totals };
    return { dimension: 'total', ...totals };
  });
}
