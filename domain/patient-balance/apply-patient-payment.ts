import {
  PATIENT_RECEIVABLE,
  PAYMENTS,
  UNAPPLIED_CASH,
  applyEntry,
  assertCalendarDate,
  findEntryByKey,
  movement,
  netOf,
  type CalendarDate,
  type LedgerEntry,
  type LedgerState,
} from '../ledger';
import { PatientBalanceError } from './patient-balance-errors';

export type PaymentMethod = 'cash' | 'check' | 'card' | 'ach' | 'other';

export interface PatientPayment {
  readonly amountCents: number;
  readonly method: PaymentMethod;
  /** The payment's own reference (receipt, card authorization); the idempotency key. */
  readonly reference: string;
  readonly receivedDate: CalendarDate;
  readonly documentId: string;
  readonly claimId?: string;
}

export interface PatientPaymentResult {
  readonly state: LedgerState;
  readonly entry: LedgerEntry;
  /** The same reference was already recorded: nothing changed. */
  readonly duplicate: boolean;
  readonly appliedCents: number;
  /** Part of the payment above what the patient owes, held as unapplied cash. */
  readonly unappliedCents: number;
}

const REFERENCE = /^[\x21-\x7e]{1,100}$/;

export function patientPaymentKey(reference: string): string {
  return `patient-payment:${reference}`;
}

function cashOf(entry: LedgerEntry, account: string): number {
  return entry.lines.reduce((t, l) => (l.account === account ? t + l.creditCents - l.debitCents : t), 0);
}

/**
 * Records a patient payment: it pays the patient's open balance first; the rest is held as
 * unapplied cash (a prepayment or an overpayment to refund). Idempotent on the reference.
 */
export function applyPatientPayment(state: LedgerState, payment: PatientPayment): PatientPaymentResult {
  if (!Number.isSafeInteger(payment.amountCents) || payment.amountCents <= 0) {
    throw new PatientBalanceError('invalid-amount', 'payment amount must be positive whole cents');
  }
  if (typeof payment.reference !== 'string' || !REFERENCE.test(payment.reference)) {
    throw new PatientBalanceError('invalid-reference', 'payment reference must be printable and at most 100 characters');
  }
  assertCalendarDate(payment.receivedDate, 'receivedDate');
  const key = patientPaymentKey(payment.reference);
  const existing = findEntryByKey(state, key);
  if (existing) {
    const recorded = existing.lines.reduce((t, l) => (l.account === PAYMENTS ? t + l.debitCents : t), 0);
    if (recorded !== payment.amountCents) {
      throw new PatientBalanceError('payment-reference-conflict', 'payment reference already used for a different amount', { recordedCents: recorded });
    }
    return {
      state,
      entry: existing,
      duplicate: true,
      appliedCents: cashOf(existing, PATIENT_RECEIVABLE),
      unappliedCents: cashOf(existing, UNAPPLIED_CASH),
    };
  }
  const owed = Math.max(0, netOf(state, PATIENT_RECEIVABLE));
  const appliedCents = Math.min(owed, payment.amountCents);
  const unappliedCents = payment.amountCents - appliedCents;
  const entry: LedgerEntry = {
    entryId: key,
    examId: state.examId,
    ...(payment.claimId !== undefined ? { claimId: payment.claimId } : {}),
    lines: [
      ...movement(PAYMENTS, PATIENT_RECEIVABLE, appliedCents, { note: payment.method }),
      ...movement(PAYMENTS, UNAPPLIED_CASH, unappliedCents, { note: payment.method }),
    ],
    source: { kind: 'patient-payment', documentId: payment.documentId, reference: payment.reference },
    effectiveDate: payment.receivedDate,
    idempotencyKey: key,
  };
  const result = applyEntry(state, entry);
  if (!result.ok) throw new PatientBalanceError('ledger-rejected', `ledger refused the payment: ${result.rejection.code}`);
  return { state: result.state, entry, duplicate: false, appliedCents, unappliedCents };
}

/** Applies unapplied cash to the patient's open balance (after patient responsibility posts). Null when nothing to apply. */
export function applyUnappliedCashEntry(
  state: LedgerState,
  input: { readonly effectiveDate: CalendarDate; readonly documentId: string; readonly idempotencyKey: string },
): LedgerEntry | null {
  assertCalendarDate(input.effectiveDate, 'effectiveDate');
  const unapplied = Math.max(0, -netOf(state, UNAPPLIED_CASH));
  const owed = Math.max(0, netOf(state, PATIENT_RECEIVABLE));
  const amount = Math.min(unapplied, owed);
  if (amount === 0) return null;
  return {
    entryId: input.idempotencyKey,
    examId: state.examId,
    lines: movement(UNAPPLIED_CASH, PATIENT_RECEIVABLE, amount),
    source: { kind: 'unapplied-application', documentId: input.documentId },
    effectiveDate: input.effectiveDate,
    idempotencyKey: input.idempotencyKey,
  };
}
