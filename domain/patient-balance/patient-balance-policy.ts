import { PatientBalanceError } from './patient-balance-errors';

/** Patient-balance rules of one facility, from its configuration. */
export interface PatientBalancePolicy {
  /** Days between statements (e.g. 30). */
  readonly statementCycleDays: number;
  /** Statements sent before the account goes to collections review (e.g. 3). */
  readonly statementsBeforeReview: number;
  /** Days from the first statement to the collections review (e.g. 90). */
  readonly collectionsReviewDays: number;
  /** Balances strictly below this are written off as small balances (e.g. 500 = $5.00). */
  readonly smallBalanceThresholdCents: number;
  /** Smallest installment a payment plan may have. */
  readonly minimumInstallmentCents: number;
  /** Days after the statement date that payment is due. */
  readonly paymentDueDays: number;
}

/** Configuration defaults; facilities override them in their policy. */
export const DEFAULT_PATIENT_BALANCE_POLICY: PatientBalancePolicy = Object.freeze({
  statementCycleDays: 30,
  statementsBeforeReview: 3,
  collectionsReviewDays: 90,
  smallBalanceThresholdCents: 500,
  minimumInstallmentCents: 2_500,
  paymentDueDays: 25,
});

export function validatePatientBalancePolicy(policy: PatientBalancePolicy): PatientBalancePolicy {
  const positive = (value: number, field: string) => {
    if (!Number.isSafeInteger(value) || value < 1) throw new PatientBalanceError('invalid-policy', `${field} must be a positive whole number`, { field });
  };
  positive(policy.statementCycleDays, 'statementCycleDays');
  positive(policy.statementsBeforeReview, 'statementsBeforeReview');
  positive(policy.collectionsReviewDays, 'collectionsReviewDays');
  positive(policy.paymentDueDays, 'paymentDueDays');
  if (!Number.isSafeInteger(policy.smallBalanceThresholdCents) || policy.smallBalanceThresholdCents < 0) {
    throw new PatientBalanceError('invalid-policy', 'smallBalanceThresholdCents must be whole cents', { field: 'smallBalanceThresholdCents' });
  }
  if (!Number.isSafeInteger(policy.minimumInstallmentCents) || policy.minimumInstallmentCents < 1) {
    throw new PatientBalanceError('invalid-policy', 'minimumInstallmentCents must be positive whole cents', { field: 'minimumInstallmentCents' });
  }
  if (policy.collectionsReviewDays < (policy.statementsBeforeReview - 1) * policy.statementCycleDays) {
    throw new PatientBalanceError('invalid-policy', 'collections review comes before the last statement', { field: 'collectionsReviewDays' });
  }
  return policy;
}
