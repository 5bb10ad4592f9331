import type { CalendarDate } from '../../../domain/ledger/calendar-date';
import {
  computeKpis,
  summarizeAging,
  summarizeDenials,
  type AgedFrom,
  type AgingGroup,
  type DenialGroup,
  type ReportPeriod,
} from '../../../domain/reports';
import type { AdjudicationCounts, CategoryDenialCounts, LedgerActivity, SubmissionCounts } from '../../../domain/reports/kpis';
import type { Db } from '../../database';
import {
  aggregateAdjudicationCounts,
  aggregateArAging,
  aggregateCategoryDenials,
  aggregateDenialGroups,
  aggregateLedgerActivity,
  aggregateSubmissionCounts,
} from './aggregates';
import { queryArAging } from './ar-aging';
import { queryDenialGroups } from './denials';
import { queryAdjudicationCounts, queryCategoryDenials, queryLedgerActivity, querySubmissionCounts } from './kpis';

/** Where the figures of the reports come from: the rows themselves, or the sums kept with every posting. */
export interface ReportSource {
  arAging(db: Db, options: { asOf: CalendarDate; agedFrom: AgedFrom }): Promise<AgingGroup[]>;
  submissions(db: Db, period: ReportPeriod): Promise<SubmissionCounts[]>;
  adjudications(db: Db, period: ReportPeriod): Promise<AdjudicationCounts[]>;
  categories(db: Db, period: ReportPeriod): Promise<CategoryDenialCounts[]>;
  ledger(db: Db, period: ReportPeriod): Promise<LedgerActivity>;
  denialGroups(db: Db, period: ReportPeriod): Promise<DenialGroup[]>;
}

/** Grouped from the claims, status history, denials, tasks and ledger lines of the period. */
export const ROWS: ReportSource = {
  arAging: queryArAging,
  submissions: querySubmissionCounts,
  adjudications: queryAdjudicationCounts,
  categories: queryCategoryDenials,
  ledger: queryLedgerActivity,
  denialGroups: queryDenialGroups,
};

/** Summed from report_facts (what the API serves). */
export const AGGREGATES: ReportSource = {
  arAging: aggregateArAging,
  submissions: aggregateSubmissionCounts,
  adjudications: aggregateAdjudicationCounts,
  categories: aggregateCategoryDenials,
  ledger: aggregateLedgerActivity,
  denialGroups: aggregateDenialGroups,
};

/** Runs every query of one report in one REPEATABLE READ, read-only transaction: one consistent snapshot. */
export function inSnapshot<T>(db: Db, run: (snapshot: Db) => Promise<T>): Promise<T> {
  return db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute((trx) => run(trx));
}

export function buildArAging(db: Db, source: ReportSource, asOf: CalendarDate, agedFrom: AgedFrom) {
  return inSnapshot(db, async (s) => summarizeAging(asOf, agedFrom, await source.arAging(s, { asOf, agedFrom })));
}

export function buildKpis(db: Db, source: ReportSource, period: ReportPeriod) {
  return inSnapshot(db, async (s) => {
    const submissions = await source.submissions(s, period);
    const adjudications = await source.adjudications(s, period);
    const categories = await source.categories(s, period);
    const ledger = await source.ledger(s, period);
    const ar = summarizeAging(period.to, 'service', await source.arAging(s, { asOf: period.to, agedFrom: 'service' }));
    return computeKpis({
      period,
      submissions,
      adjudications,
      categories,
      ledger,
      ar: { totalCents: ar.total.totalCents, insuranceCents: ar.insurance.totalCents, patientCents: ar.patient.totalCents, openCents: ar.total.openCents, over90Cents: ar.total.over90.numerator },
    });
  });
}

export function buildDenials(db: Db, source: ReportSource, period: ReportPeriod) {
  return inSnapshot(db, async (s) => {
    const groups = await source.denialGroups(s, period);
    const adjudications = await source.adjudications(s, period);
    return summarizeDenials(period, groups, new Map(adjudications.map((a) => [a.payerId, a.adjudicated])));
  });
}
