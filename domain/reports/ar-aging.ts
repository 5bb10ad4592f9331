import { daysBetween, type CalendarDate } from '../ledger/calendar-date';
import { rate, type Rate } from './rate';

/**
 * Aging buckets of accounts receivable, in days from the aging start date to the as-of date.
 * A balance dated after the as-of date (negative age) counts as current (0-30).
 */
export const AGING_BUCKETS = [
  { key: '0-30', minDays: 0, maxDays: 30 },
  { key: '31-60', minDays: 31, maxDays: 60 },
  { key: '61-90', minDays: 61, maxDays: 90 },
  { key: '91-120', minDays: 91, maxDays: 120 },
  { key: '120+', minDays: 121, maxDays: null },
] as const;

export type AgingBucketKey = (typeof AGING_BUCKETS)[number]['key'];
export const AGING_BUCKET_KEYS: readonly AgingBucketKey[] = AGING_BUCKETS.map((b) => b.key);

/** Aged from the date of service, or from the claim's first submission to a payer. */
export const AGED_FROM = ['service', 'submission'] as const;
export type AgedFrom = (typeof AGED_FROM)[number];

/** Who owes the balance. */
export type Responsibility = 'insurance' | 'patient';

/** Index into AGING_BUCKETS for an age in days. */
function agingBucketIndex(ageDays: number): number {
  for (let i = 0; i < AGING_BUCKETS.length - 1; i += 1) {
    if (ageDays <= AGING_BUCKETS[i]!.maxDays!) return i;
  }
  return AGING_BUCKETS.length - 1;
}

export function agingBucketOf(ageDays: number): AgingBucketKey {
  return AGING_BUCKETS[agingBucketIndex(ageDays)]!.key;
}

/** Whole days from the aging start date to the as-of date. */
export function ageInDays(start: CalendarDate, asOf: CalendarDate): number {
  return daysBetween(start, asOf);
}

/**
 * One group of open receivables as the database sums them: a responsibility, a payer (insurance
 * only), and either an aging bucket (debit balances) or null (credit balances: overpayments and
 * unapplied credits the center owes back, kept out of the buckets).
 */
export interface AgingGroup {
  readonly responsibility: Responsibility;
  readonly payerId: string | null;
  readonly bucket: number | null;
  readonly cents: number;
  /** open items summed: a claim's balance with one payer, or a patient's balance on one exam */
  readonly items: number;
}

export interface AgingLine {
  readonly bucketsCents: Record<AgingBucketKey, number>;
  /** Debit balances: the sum of the buckets. */
  readonly openCents: number;
  /** Credit balances (negative or 0). */
  readonly creditBalanceCents: number;
  /** Net receivable: openCents + creditBalanceCents; equals the ledger's receivable balance. */
  readonly totalCents: number;
  readonly openItems: number;
  readonly creditItems: number;
  /** Share of the debit balances older than 90 days. */
  readonly over90: Rate;
}

export interface PayerAgingLine extends AgingLine {
  readonly responsibility: Responsibility;
  /** null for patient balances */
  readonly payerId: string | null;
}

export interface ArAgingReport {
  readonly asOf: CalendarDate;
  readonly agedFrom: AgedFrom;
  readonly buckets: AgingBucketKey[];
  readonly total: AgingLine;
  readonly insurance: AgingLine;
  readonly patient: AgingLine;
  /** One line per payer (insurance) and one for patients, largest balance first. */
  readonly byPayer: PayerAgingLine[];
}

const OVER_90_FROM = AGING_BUCKETS.findIndex((b) => b.minDays > 90);

class LineBuilder {
  private readonly buckets = AGING_BUCKETS.map(() => 0);
  private credit = 0;
  private openItems = 0;
  private creditItems = 0;

  add(group: AgingGroup): void {
    if (group.bucket === null) {
      this.credit += group.cents;
      this.creditItems += group.items;
    } else {
      const index = Math.min(Math.max(0, group.bucket), AGING_BUCKETS.length - 1);
      this.buckets[index]! += group.cents;
      this.openItems += group.items;
    }
  }

  build(): AgingLine {
    const open = this.buckets.reduce((t, c) => t + c, 0);
    const over90 = this.buckets.slice(OVER_90_FROM).reduce((t, c) => t + c, 0);
    return {
      bucketsCents: Object.fromEntries(AGING_BUCKETS.map((b, i) => [b.key, this.buckets[i]!])) as Record<AgingBucketKey, number>,
      openCents: open,
      creditBalanceCents: this.credit,
      totalCents: open + this.credit,
      openItems: this.openItems,
      creditItems: this.creditItems,
      over90: rate(over90, open),
    };
  }
}

/** Totals by payer, by responsibility and overall from the grouped open receivables. */
export function summarizeAging(asOf: CalendarDate, agedFrom: AgedFrom, groups: readonly AgingGroup[]): ArAgingReport {
  const total = new LineBuilder();
  const byResponsibility = { insurance: new LineBuilder(), patient: new LineBuilder() };
  const byPayer = new Map<string, { responsibility: Responsibility; payerId: string | null; line: LineBuilder }>();
  for (const group of groups) {
    total.add(group);
    byResponsibility[group.responsibility].add(group);
    const payerId = group.responsibility === 'insurance' ? group.payerId : null;
    const key = `${group.responsibility}\u0000${payerId ?? ''}`;
    let entry = byPayer.get(key);
    if (!entry) {
      entry = { responsibility: group.responsibility, payerId, line: new LineBuilder() };
      byPayer.set(key, entry);
    }
    entry.line.add(group);
  }
  const payerLines = [...byPayer.values()]
    .map((e) => ({ responsibility: e.responsibility, payerId: e.payerId, ...e.line.build() }))
    .sort((a, b) => b.totalCents - a.totalCents || (a.payerId ?? '').localeCompare(b.payerId ?? ''));
  return {
    asOf,
    agedFrom,
    buckets: [...AGING_BUCKET_KEYS],
    total: total.build(),
    insurance: byResponsibility.insurance.build(),
    patient: byResponsibility.patient.build(),
    byPayer: payerLines,
  };
}
