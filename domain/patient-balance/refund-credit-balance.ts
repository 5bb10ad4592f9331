import {
  PATIENT_RECEIVABLE,
  PAYMENTS,
  REFUNDS_PAYABLE,
  UNAPPLIED_CASH,
  assertCalendarDate,
  describeAccount,
  movement,
  netOf,
  type AccountId,
  type CalendarDate,
  type LedgerEntry,
  type LedgerState,
} from '../ledger';
import { PatientBalanceError } from './patient-balance-errors';

/**
 * Moves a credit balance to refunds payable: the receivable's credit (patient or payer) and, for
 * the patient, unapplied cash beyond what the patient still owes. Null when there is nothing to refund.
 */
export function refundCreditBalanceEntry(
  state: LedgerState,
  input: {
    readonly account?: AccountId;
    readonly effectiveDate: CalendarDate;
    readonly documentId: string;
    readonly idempotencyKey: string;
  },
): LedgerEntry | null {
  assertCalendarDate(input.effectiveDate, 'effectiveDate');
  const account = input.account ?? PATIENT_RECEIVABLE;
  const info = describeAccount(account);
  if (info?.class !== 'patient-receivable' && info?.class !== 'insurance-receivable') {
    throw new PatientBalanceError('invalid-reference', 'refunds come from a receivable account');
  }
  const net = netOf(state, account);
  const credit = Math.max(0, -net);
  const unapplied = account === PATIENT_RECEIVABLE ? Math.max(0, -netOf(state, UNAPPLIED_CASH)) : 0;
  const unappliedRefund = Math.max(0, unapplied - Math.max(0, net));
  if (credit + unappliedRefund === 0) return null;
  return {
    entryId: input.idempotencyKey,
    examId: state.examId,
    lines: [...movement(account, REFUNDS_PAYABLE, credit, { note: 'credit balance' }), ...movement(UNAPPLIED_CASH, REFUNDS_PAYABLE, unappliedRefund, { note: 'unapplied cash' })],
    source: { kind: 'refund', documentId: input.documentId },
    effectiveDate: input.effectiveDate,
    idempotencyKey: input.idempotencyKey,
  };
}

/** The refund was paid out (check sent, card credited): refunds payable and cash go down. */
export function refundIssuedEntry(
  state: LedgerState,
  input: { readonly amountCents: number; readonly effectiveDate: CalendarDate; readonly documentId: string; readonly idempotencyKey: string },
): LedgerEntry {
  assertCalendarDate(input.effectiveDate, 'effectiveDate');
  const payable = Math.max(0, -netOf(state, REFUNDS_PAYABLE));
  if (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0 || input.amountCents > payable) {
    throw new PatientBalanceError('invalid-amount', 'refund amount must be positive and not above refunds payable', { payableCents: payable });
  }
  return {
    entryId: input.idempotencyKey,
    examId: state.examId,
    lines: movement(REFUNDS_PAYABLE, PAYMENTS, input.amountCents, { note: 'refund issued' }),
    source: { kind: 'refund', documentId: input.documentId },
    effectiveDate: input.effectiveDate,
    idempotencyKey: input.idempotencyKey,
  };
}
