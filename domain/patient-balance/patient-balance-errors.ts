export type PatientBalanceErrorCode =
  | 'invalid-amount'
  | 'invalid-reference'
  | 'invalid-policy'
  | 'invalid-plan'
  | 'installment-below-minimum'
  | 'payment-reference-conflict'
  | 'ledger-rejected';

/** Typed failure of patient-balance rules. Messages hold codes and amounts, never patient data. */
export class PatientBalanceError extends Error {
  constructor(
    readonly code: PatientBalanceErrorCode,
    message: string,
    readonly details: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
    this.name = 'PatientBalanceError';
  }
}
