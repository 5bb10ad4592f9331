import {
  PAYMENTS,
  addDays,
  assertCalendarDate,
  balances,
  describeAccount,
  findEntry,
  type CalendarDate,
  type EntrySourceKind,
  type LedgerEntry,
  type LedgerState,
} from '../ledger';

export interface StatementParty {
  readonly name: string;
  readonly addressLines: readonly string[];
}

export interface StatementActivity {
  readonly date: CalendarDate;
  readonly description: string;
  /** Positive: adds to the total; negative: reduces it. */
  readonly amountCents: number;
}

/** Everything a patient statement shows; rendered by activities/documents. */
export interface StatementContent {
  readonly statementId: string;
  readonly statementDate: CalendarDate;
  readonly paymentDueDate: CalendarDate;
  readonly accountNumber: string;
  readonly practice: StatementParty & { readonly phone: string };
  readonly guarantor: StatementParty;
  readonly activity: readonly StatementActivity[];
  readonly summary: {
    readonly chargesCents: number;
    readonly insurancePaymentsCents: number;
    readonly adjustmentsCents: number;
    readonly patientPaymentsCents: number;
    readonly pendingInsuranceCents: number;
    /** What the patient owes now (negative: a credit in the patient's favour). */
    readonly amountDueCents: number;
  };
  readonly installmentDue?: { readonly dueDate: CalendarDate; readonly amountCents: number };
  readonly messages: readonly string[];
}

function originKind(state: LedgerState, entry: LedgerEntry): EntrySourceKind {
  if (entry.source.kind !== 'reversal' || entry.reversesEntryId === undefined) return entry.source.kind;
  return findEntry(state, entry.reversesEntryId)?.source.kind ?? 'reversal';
}

function sumLines(entry: LedgerEntry, pick: (account: string) => boolean): number {
  return entry.lines.reduce((t, l) => (pick(l.account) ? t + l.debitCents - l.creditCents : t), 0);
}

/**
 * Builds a statement from the exam ledger. Identity shown to the patient:
 * charges - insurance payments - adjustments - patient payments - pending insurance = amount due.
 */
export function buildStatementContent(input: {
  readonly ledger: LedgerState;
  readonly statementId: string;
  readonly statementDate: CalendarDate;
  readonly paymentDueDays: number;
  readonly accountNumber: string;
  readonly practice: StatementParty & { readonly phone: string };
  readonly guarantor: StatementParty;
  readonly installmentDue?: { readonly dueDate: CalendarDate; readonly amountCents: number };
  readonly messages?: readonly string[];
}): StatementContent {
  assertCalendarDate(input.statementDate, 'statementDate');
  const { ledger } = input;
  const activity: StatementActivity[] = [];
  let insurancePaymentsCents = 0;
  for (const entry of ledger.entries) {
    const kind = originKind(ledger, entry);
    const cash = sumLines(entry, (a) => a === PAYMENTS);
    const adjustments = sumLines(entry, (a) => describeAccount(a)?.class === 'adjustment');
    const charges = -sumLines(entry, (a) => describeAccount(a)?.class === 'revenue');
    if (charges !== 0) activity.push({ date: entry.effectiveDate, description: charges > 0 ? 'Charges for services' : 'Charges reversed', amountCents: charges });
    if (kind === '835') {
      insurancePaymentsCents += cash;
      if (cash !== 0) activity.push({ date: entry.effectiveDate, description: cash > 0 ? 'Insurance payment' : 'Insurance payment taken back', amountCents: -cash });
    } else if (kind === 'patient-payment' && cash !== 0) {
      activity.push({ date: entry.effectiveDate, description: 'Your payment - thank you', amountCents: -cash });
    } else if (kind === 'refund' && cash !== 0) {
      activity.push({ date: entry.effectiveDate, description: 'Refund sent to you', amountCents: -cash });
    }
    if (adjustments !== 0) {
      activity.push({ date: entry.effectiveDate, description: kind === 'write-off' ? 'Balance adjustment' : 'Insurance adjustment', amountCents: -adjustments });
    }
  }
  activity.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const summary = balances(ledger).summary;
  return {
    statementId: input.statementId,
    statementDate: input.statementDate,
    paymentDueDate: addDays(input.statementDate, input.paymentDueDays),
    accountNumber: input.accountNumber,
    practice: input.practice,
    guarantor: input.guarantor,
    activity,
    summary: {
      chargesCents: summary.chargesCents,
      insurancePaymentsCents,
      adjustmentsCents: summary.adjustmentsCents,
      patientPaymentsCents: summary.paymentsCents - insurancePaymentsCents,
      pendingInsuranceCents: summary.insuranceOpenCents,
      amountDueCents: summary.patientOpenCents,
    },
    ...(input.installmentDue ? { installmentDue: input.installmentDue } : {}),
    messages: input.messages ?? [],
  };
}
