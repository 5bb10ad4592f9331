export const DENIAL_CATEGORIES = [
  'eligibility',
  'authorization',
  'medical-necessity',
  'coding',
  'bundling',
  'timely-filing',
  'duplicate',
  'cob',
  'missing-information',
  'other',
] as const;
export type DenialCategory = (typeof DENIAL_CATEGORIES)[number];

export const RECOMMENDED_ACTIONS = [
  'appeal',
  'corrected-claim',
  'resubmit-with-info',
  'bill-patient',
  'bill-secondary',
  'write-off-request',
] as const;
export type RecommendedAction = (typeof RECOMMENDED_ACTIONS)[number];

export type AdjustmentGroup = 'CO' | 'PR' | 'OA' | 'PI';

/** What an adjustment does to the money, decided by group + reason code. */
export type AdjustmentEffect =
  /** PR deductible / coinsurance / copay: the patient's (or next payer's) share. */
  | 'patient-cost-share'
  /** PR with another reason: the payer says the patient owes it (non-covered with notice, benefit limit). */
  | 'patient-liable'
  /** Fee-schedule, contract or regulatory reduction: adjusted off. */
  | 'contractual-reduction'
  /** The amount the prior payer already settled; reported by a secondary payer, never posted again. */
  | 'prior-payer'
  /** A denial: the amount stays open in insurance A/R until it is worked (appeal, correction, write-off). */
  | 'denial';

/** Root-cause tags, used to report where denials come from (front desk, coding, provider enrollment...). */
export type RootCause =
  | 'patient-cost-share'
  | 'fee-schedule'
  | 'multiple-procedure-reduction'
  | 'sequestration'
  | 'regulatory-reduction'
  | 'capitation'
  | 'prior-payer-adjudication'
  | 'modifier-error'
  | 'place-of-service-error'
  | 'age-or-sex-mismatch'
  | 'diagnosis-procedure-mismatch'
  | 'missing-claim-data'
  | 'repeat-procedure-or-duplicate'
  | 'other-payer-primary'
  | 'coverage-not-active'
  | 'late-submission'
  | 'member-not-found'
  | 'not-medically-necessary'
  | 'experimental-service'
  | 'non-covered-service'
  | 'bundled-service'
  | 'wrong-payer'
  | 'benefit-limit-reached'
  | 'prior-payer-data-error'
  | 'invalid-diagnosis-code'
  | 'frequency-limit'
  | 'non-covered-diagnosis'
  | 'provider-type-not-eligible'
  | 'invalid-procedure-code'
  | 'invalid-modifier'
  | 'referring-provider-not-eligible'
  | 'ordering-provider-not-eligible'
  | 'rendering-provider-not-eligible'
  | 'unlisted-code'
  | 'prior-auth-missing'
  | 'prior-auth-exceeded'
  | 'revenue-code-mismatch'
  | 'non-covered-benefit'
  | 'documentation-not-received'
  | 'patient-information-outstanding'
  | 'not-separately-payable'
  | 'ncci-edit'
  | 'out-of-network'
  | 'attachment-required'
  | 'provider-certification'
  | 'hospice-enrollment'
  | 'qualifying-service-missing'
  | 'new-patient-criteria'
  | 'prior-payer-eob-missing'
  | 'lcd-not-met'
  | 'ncd-not-met'
  | 'benefit-exclusion'
  | 'rendering-provider-id'
  | 'units-exceed-limit'
  | 'invalid-hcpcs'
  | 'unprocessable-claim'
  | 'crossover-notice'
  | 'unclassified-code';

export interface CarcDefinition {
  readonly code: string;
  /** Short description in the project's own words. */
  readonly description: string;
  readonly category: DenialCategory;
  readonly rootCause: RootCause;
  /** What staff should do; null when the amount needs no work (contractual or prior-payer amounts). */
  readonly action: RecommendedAction | null;
  /** The engine can prepare a corrected claim (frequency 7) for a person to confirm. */
  readonly autoCorrectable: boolean;
  /** Which money effect the code has when it is not under group PR. */
  readonly effect: 'patient-cost-share' | 'contractual-reduction' | 'prior-payer' | 'denial';
  /** The code is generic; the remark codes carry the real reason. */
  readonly refinedByRemarks?: boolean;
  /** Extra advice shown with the denial. */
  readonly guidance?: string;
}

export interface RarcDefinition {
  readonly code: string;
  readonly description: string;
  readonly category?: DenialCategory;
  readonly rootCause?: RootCause;
  readonly action?: RecommendedAction;
  readonly autoCorrectable?: boolean;
  /** The claim was forwarded by this payer to the next payer (crossover). */
  readonly crossover?: boolean;
  /** The payer gives no appeal rights; a new claim is needed. */
  readonly notAppealable?: boolean;
}
