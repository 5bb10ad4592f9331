import { ApplicationFailure } from '@temporalio/activity';
import { LedgerPostingError } from '../../db/repositories/ledger';
import { LedgerError, InvalidCentsError, InvalidDateError } from '../../domain/ledger';
import { PatientBalanceError } from '../../domain/patient-balance';
import { PostingError } from '../../domain/posting';

/** Failure types of the ledger activities the workflow can tell apart (all non-retryable). */
export const LedgerFailure = {
  /** the ledger refused the entry (unbalanced, below zero without a credit flag, key reused...) */
  refused: 'LedgerPostingRefused',
  /** the 835 claim payment does not validate or does not belong to the billed claim */
  invalidRemittance: 'RemittancePostingInvalid',
  /** the stored 835 behind a remittance id cannot be found */
  remittanceNotFound: 'RemittanceNotFound',
  /** a patient payment, write-off or refund the patient-balance rules refuse */
  patientBalance: 'PatientBalanceRefused',
} as const;

function failure(type: string, message: string, details: Record<string, unknown>): never {
  throw ApplicationFailure.create({ type, message, details: [details], nonRetryable: true });
}

/** Turns the typed errors of the ledger, posting and patient-balance rules into non-retryable failures; rethrows the rest (retried). */
function asLedgerFailure(err: unknown): never {
  if (err instanceof LedgerPostingError || err instanceof LedgerError) failure(LedgerFailure.refused, err.message, { code: err.code });
  if (err instanceof PostingError) failure(LedgerFailure.invalidRemittance, err.message, { code: err.code });
  if (err instanceof PatientBalanceError) failure(LedgerFailure.patientBalance, err.message, { code: err.code, ...err.details });
  if (err instanceof InvalidCentsError || err instanceof InvalidDateError) failure(LedgerFailure.refused, err.message, { code: err.code });
  throw err;
}

/** Runs a ledger activity's work with its typed refusals turned into non-retryable failures (see asLedgerFailure). */
export async function withLedgerFailures<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    return asLedgerFailure(err);
  }
}

export function remittanceNotFound(message: string): never {
  failure(LedgerFailure.remittanceNotFound, message, {});
}
