import type { DenialCategory } from '../denials/denial-types';
import type { CalendarDate } from '../ledger/calendar-date';
import { rate, roundTo, type Rate } from './rate';
import { periodDays, type ReportPeriod } from './report-period';

/** Claims first submitted in the period, by payer (front-end KPIs). */
export interface SubmissionCounts {
  readonly payerId: string;
  readonly firstSubmitted: number;
  readonly clean: number;
  /** first version accepted or rejected */
  readonly frontEndDecided: number;
  readonly frontEndAccepted: number;
}

/** Claims with an 835 received in the period, by payer. */
export interface AdjudicationCounts {
  readonly payerId: string;
  readonly adjudicated: number;
  readonly denied: number;
  readonly deniedCents: number;
}

/** Claims with a denial of one category in the period. */
export interface CategoryDenialCounts {
  readonly category: DenialCategory;
  readonly deniedClaims: number;
  readonly deniedCents: number;
}

/** Ledger movements with an effective date in the period, in cents. */
export interface LedgerActivity {
  /** gross charges posted, net of reversals */
  readonly chargesCents: number;
  /** cash received (payer and patient payments), net of refunds */
  readonly paymentsCents: number;
  readonly contractualAdjustmentsCents: number;
}

/** The receivables at the end of the period (from the aging report as of `to`, aged from service). */
export interface ArPosition {
  /** net receivable (insurance + patient, credit balances included) */
  readonly totalCents: number;
  readonly insuranceCents: number;
  readonly patientCents: number;
  /** debit balances */
  readonly openCents: number;
  /** debit balances more than 90 days from the date of service */
  readonly over90Cents: number;
}

export interface KpiInputs {
  readonly period: ReportPeriod;
  readonly submissions: readonly SubmissionCounts[];
  readonly adjudications: readonly AdjudicationCounts[];
  readonly categories: readonly CategoryDenialCounts[];
  readonly ledger: LedgerActivity;
  readonly ar: ArPosition;
}

export interface DenialRate extends Rate {
  readonly deniedCents: number;
}

export interface PayerKpis {
  readonly payerId: string;
  readonly cleanClaimRate: Rate;
  readonly firstPassAcceptanceRate: Rate;
  readonly denialRate: DenialRate;
}

export interface KpiReport {
  readonly from: CalendarDate;
  readonly to: CalendarDate;
  readonly days: number;
  readonly cleanClaimRate: Rate;
  readonly firstPassAcceptanceRate: Rate;
  readonly denialRate: {
    readonly overall: DenialRate;
    readonly byPayer: (DenialRate & { readonly payerId: string })[];
    readonly byCategory: (DenialRate & { readonly category: DenialCategory })[];
  };
  readonly daysInAR: {
    /** one decimal; null when no charges were posted in the period */
    readonly days: number | null;
    readonly arCents: number;
    readonly insuranceArCents: number;
    readonly patientArCents: number;
    readonly chargesCents: number;
    /** rounded to whole cents for display; days are computed from the exact figures */
    readonly averageDailyChargesCents: number;
  };
  readonly arOver90: Rate;
  readonly netCollectionRate: Rate & {
    readonly paymentsCents: number;
    readonly chargesCents: number;
    readonly contractualAdjustmentsCents: number;
  };
  readonly byPayer: PayerKpis[];
}

/** Gross days in A/R: receivable / (charges / days). Null when no charges were posted. */
export function daysInAr(arCents: number, chargesCents: number, days: number): number | null {
  if (chargesCents <= 0 || days <= 0) return null;
  return roundTo((arCents * days) / chargesCents, 1);
}

/** Payments / (charges - contractual adjustments); percent null when the denominator is not positive. */
export function netCollectionRate(paymentsCents: number, chargesCents: number, contractualCents: number): Rate {
  const denominator = chargesCents - contractualCents;
  const r = rate(paymentsCents, denominator);
  return denominator > 0 ? r : { ...r, percent: null };
}

function denialRate(denied: number, adjudicated: number, deniedCents: number): DenialRate {
  return { ...rate(denied, adjudicated), deniedCents };
}

/** Every KPI of the period from the counts and sums the database grouped. */
export function computeKpis(inputs: KpiInputs): KpiReport {
  const days = periodDays(inputs.period);
  const sub = { firstSubmitted: 0, clean: 0, decided: 0, accepted: 0 };
  for (const s of inputs.submissions) {
    sub.firstSubmitted += s.firstSubmitted;
    sub.clean += s.clean;
    sub.decided += s.frontEndDecided;
    sub.accepted += s.frontEndAccepted;
  }
  const adj = { adjudicated: 0, denied: 0, deniedCents: 0 };
  for (const a of inputs.adjudications) {
    adj.adjudicated += a.adjudicated;
    adj.denied += a.denied;
    adj.deniedCents += a.deniedCents;
  }

  const payerIds = [...new Set([...inputs.submissions.map((s) => s.payerId), ...inputs.adjudications.map((a) => a.payerId)])].sort();
  const byPayer: PayerKpis[] = payerIds.map((payerId) => {
    const s = inputs.submissions.find((x) => x.payerId === payerId);
    const a = inputs.adjudications.find((x) => x.payerId === payerId);
    return {
      payerId,
      cleanClaimRate: rate(s?.clean ?? 0, s?.firstSubmitted ?? 0),
      firstPassAcceptanceRate: rate(s?.frontEndAccepted ?? 0, s?.frontEndDecided ?? 0),
      denialRate: denialRate(a?.denied ?? 0, a?.adjudicated ?? 0, a?.deniedCents ?? 0),
    };
  });

  const { ledger, ar } = inputs;
  return {
    from: inputs.period.from,
    to: inputs.period.to,
    days,
    cleanClaimRate: rate(sub.clean, sub.firstSubmitted),
    firstPassAcceptanceRate: rate(sub.accepted, sub.decided),
    denialRate: {
      overall: denialRate(adj.denied, adj.adjudicated, adj.deniedCents),
      byPayer: byPayer.filter((p) => p.denialRate.denominator > 0).map((p) => ({ payerId: p.payerId, ...p.denialRate })),
      byCategory: [...inputs.categories]
        .sort((a, b) => b.deniedClaims - a.deniedClaims || a.category.localeCompare(b.category))
        .map((c) => ({ category: c.category, ...denialRate(c.deniedClaims, adj.adjudicated, c.deniedCents) })),
    },
    daysInAR: {
      days: daysInAr(ar.totalCents, ledger.chargesCents, days),
      arCents: ar.totalCents,
      insuranceArCents: ar.insuranceCents,
      patientArCents: ar.patientCents,
      chargesCents: ledger.chargesCents,
      averageDailyChargesCents: Math.round(ledger.chargesCents / days),
    },
    arOver90: rate(ar.over90Cents, ar.openCents),
    netCollectionRate: {
      ...netCollectionRate(ledger.paymentsCents, ledger.chargesCents, ledger.contractualAdjustmentsCents),
      paymentsCents: ledger.paymentsCents,
      chargesCents: ledger.chargesCents,
      contractualAdjustmentsCents: ledger.contractualAdjustmentsCents,
    },
    byPayer,
  };
}
