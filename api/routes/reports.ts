import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { compactReportFacts } from '../../db/repositories/reports/aggregates';
import { AGGREGATES, buildArAging, buildDenials, buildKpis } from '../../db/repositories/reports/report-builders';
import { isCalendarDate } from '../../domain/ledger/calendar-date';
import {
  AGED_FROM,
  AGING_BUCKET_KEYS,
  AR_AGING_DEFINITIONS,
  DENIAL_DEFINITIONS,
  KPI_DEFINITIONS,
  MAX_PERIOD_DAYS,
  periodEndingOn,
  periodProblem,
  type ReportPeriod,
} from '../../domain/reports';
import { ApiError } from '../errors';
import { errorResponses } from '../schemas/common';

const access = { roles: ['supervisor'] as const };

const CalendarDateParam = z.string().refine(isCalendarDate, 'must be a calendar date YYYY-MM-DD');

const PERIOD_MESSAGES = {
  'invalid-from': 'from must be a calendar date YYYY-MM-DD',
  'invalid-to': 'to must be a calendar date YYYY-MM-DD',
  'from-after-to': 'from must not be after to',
  'period-too-long': `the period may cover at most ${MAX_PERIOD_DAYS} days`,
} as const;

/** from/to, inclusive; both default to the 30 days ending today (UTC). */
const PeriodQuery = z
  .strictObject({ from: CalendarDateParam.optional(), to: CalendarDateParam.optional() })
  .superRefine((q, ctx) => {
    if (q.from === undefined || q.to === undefined) return;
    const problem = periodProblem({ from: q.from, to: q.to });
    if (problem) ctx.addIssue({ code: 'custom', path: problem === 'invalid-to' ? ['to'] : ['from'], message: PERIOD_MESSAGES[problem] });
  });

const AgingQuery = z.strictObject({
  asOf: CalendarDateParam.optional(),
  agedFrom: z.enum(AGED_FROM).default('service'),
});

const Cents = z.number().int();
const RateSchema = z.object({ numerator: z.number(), denominator: z.number(), percent: z.number().nullable() });
const Definitions = z.record(z.string(), z.string());

const AgingLineSchema = z.object({
  bucketsCents: z.object(Object.fromEntries(AGING_BUCKET_KEYS.map((k) => [k, Cents])) as Record<(typeof AGING_BUCKET_KEYS)[number], typeof Cents>),
  openCents: Cents,
  creditBalanceCents: Cents,
  totalCents: Cents,
  openItems: z.number().int(),
  creditItems: z.number().int(),
  over90: RateSchema,
});

const ArAgingResponse = z.object({
  asOf: z.string(),
  agedFrom: z.enum(AGED_FROM),
  buckets: z.array(z.string()),
  total: AgingLineSchema,
  insurance: AgingLineSchema,
  patient: AgingLineSchema,
  byPayer: z.array(AgingLineSchema.extend({ responsibility: z.enum(['insurance', 'patient']), payerId: z.string().nullable() })),
  definitions: Definitions,
});

const DenialRateSchema = RateSchema.extend({ deniedCents: Cents });

const KpiResponse = z.object({
  from: z.string(),
  to: z.string(),
  days: z.number().int(),
  cleanClaimRate: RateSchema,
  firstPassAcceptanceRate: RateSchema,
  denialRate: z.object({
    overall: DenialRateSchema,
    byPayer: z.array(DenialRateSchema.extend({ payerId: z.string() })),
    byCategory: z.array(DenialRateSchema.extend({ category: z.string() })),
  }),
  daysInAR: z.object({
    days: z.number().nullable(),
    arCents: Cents,
    insuranceArCents: Cents,
    patientArCents: Cents,
    chargesCents: Cents,
    averageDailyChargesCents: Cents,
  }),
  arOver90: RateSchema,
  netCollectionRate: RateSchema.extend({ paymentsCents: Cents, chargesCents: Cents, contractualAdjustmentsCents: Cents }),
  byPayer: z.array(z.object({ payerId: z.string(), cleanClaimRate: RateSchema, firstPassAcceptanceRate: RateSchema, denialRate: DenialRateSchema })),
  definitions: Definitions,
});

const DenialTotalsSchema = z.object({ deniedClaims: z.number().int(), denials: z.number().int(), deniedCents: Cents });

const DenialsResponse = z.object({
  from: z.string(),
  to: z.string(),
  total: DenialTotalsSchema.extend({ adjudicatedClaims: z.number().int(), denialRate: RateSchema }),
  byPayer: z.array(DenialTotalsSchema.extend({ payerId: z.string(), adjudicatedClaims: z.number().int(), denialRate: RateSchema })),
  byCategory: z.array(DenialTotalsSchema.extend({ category: z.string(), shareOfDeniedCents: RateSchema })),
  byCarc: z.array(DenialTotalsSchema.extend({
    carc: z.string(), group: z.string(), description: z.string(), category: z.string(), rootCause: z.string(), recommendedAction: z.string().nullable(),
  })),
  byRootCause: z.array(DenialTotalsSchema.extend({ rootCause: z.string(), category: z.string() })),
  definitions: Definitions,
});

const today = () => new Date().toISOString().slice(0, 10);

/** The period asked for; a `from` alone runs to today, which it must not be after. */
function periodOf(q: { from?: string; to?: string }): ReportPeriod {
  const to = q.to ?? today();
  const from = q.from ?? periodEndingOn(to, 30).from;
  const problem = periodProblem({ from, to });
  if (problem) throw new ApiError(400, 'invalid_request', PERIOD_MESSAGES[problem]);
  return { from, to };
}

/**
 * Supervisor reports on the PostgreSQL projections and the ledger (DESIGN §3, §5): A/R aging, the
 * HFMA MAP KPIs of a period, and denials. Every figure is summed in SQL from the report aggregates
 * the database keeps with every posting (report_facts), all queries of a report in one snapshot;
 * each response carries the definitions of its figures.
 */
export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app;
  // After a report is answered, the rows postings added to the aggregates since are folded (never
  // awaited by the request; one at a time).
  let compacting: Promise<unknown> | null = null;
  const compactLater = () => {
    if (compacting) return;
    compacting = new Promise((resolve) => setImmediate(resolve))
      .then(() => compactReportFacts(db))
      .catch((err: unknown) => app.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'report aggregates: compaction failed'))
      .finally(() => { compacting = null; });
  };
  app.addHook('onClose', async () => { await compacting; });
  app.addHook('onResponse', async (request) => {
    if (request.routeOptions.url?.startsWith('/v1/reports/')) compactLater();
  });

  app.get(
    '/v1/reports/ar-aging',
    {
      config: { access },
      schema: {
        tags: ['reports'],
        summary: 'A/R aging: buckets 0-30, 31-60, 61-90, 91-120, 120+ by payer, insurance vs patient, as of a date (default today), aged from service or first submission',
        querystring: AgingQuery,
        response: { 200: ArAgingResponse, ...errorResponses() },
      },
    },
    async (request) => {
      const asOf = request.query.asOf ?? today();
      const { agedFrom } = request.query;
      return { ...(await buildArAging(db, AGGREGATES, asOf, agedFrom)), definitions: AR_AGING_DEFINITIONS };
    },
  );

  app.get(
    '/v1/reports/kpis',
    {
      config: { access },
      schema: {
        tags: ['reports'],
        summary: 'KPIs over a period (from/to inclusive, default the last 30 days): clean claim, first-pass acceptance and denial rates, days in A/R, % A/R over 90 days, net collection rate',
        querystring: PeriodQuery,
        response: { 200: KpiResponse, ...errorResponses() },
      },
    },
    async (request) => {
      const report = await buildKpis(db, AGGREGATES, periodOf(request.query));
      return { ...report, definitions: KPI_DEFINITIONS };
    },
  );

  app.get(
    '/v1/reports/denials',
    {
      config: { access },
      schema: {
        tags: ['reports'],
        summary: 'Denials on 835s received in a period (from/to inclusive, default the last 30 days) by payer, category, CARC and root cause',
        querystring: PeriodQuery,
        response: { 200: DenialsResponse, ...errorResponses() },
      },
    },
    async (request) => {
      return { ...(await buildDenials(db, AGGREGATES, periodOf(request.query))), definitions: DENIAL_DEFINITIONS };
    },
  );
};
