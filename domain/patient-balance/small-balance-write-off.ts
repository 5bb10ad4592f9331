import { PATIENT_RECEIVABLE, UNAPPLIED_CASH, netOf, writeOffEntry, type CalendarDate, type LedgerEntry, type LedgerState } from '../ledger';
import { PatientBalanceError } from './patient-balance-errors';

/** Writes off a patient balance that is above zero and strictly below the threshold; null otherwise. */
export function smallBalanceWriteOffEntry(
  state: LedgerState,
  input: { readonly thresholdCents: number; readonly effectiveDate: CalendarDate; readonly documentId: string; readonly idempotencyKey: string },
): LedgerEntry | null {
  if (!Number.isSafeInteger(input.thresholdCents) || input.thresholdCents < 0) {
    throw new PatientBalanceError('invalid-amount', 'threshold must be whole cents');
  }
  const owed = netOf(state, PATIENT_RECEIVABLE);
  const unapplied = Math.max(0, -netOf(state, UNAPPLIED_CASH));
  if (owed <= 0 || unapplied > 0 || owed >= input.thresholdCents) return null;
  return writeOffEntry({
    examId: state.examId,
    from: PATIENT_RECEIVABLE,
    kind: 'small-balance',
    amountCents: owed,
    documentId: input.documentId,
    effectiveDate: input.effectiveDate,
    idempotencyKey: input.idempotencyKey,
  });
}
