import { ApplicationFailure } from '@temporalio/activity';

/**
 * Why a claim, a secondary claim or an appeal cannot be built or sent: the type of a non-retryable
 * ApplicationFailure (retrying changes nothing; the biller fixes the data and the claim is sent
 * again). Messages name no patient; details carry codes and the paths of the data to fix.
 */
export enum ClaimFailureType {
  /** the 837 failed the outbound validator or a value cannot be written (details: findings) */
  invalid = 'ClaimValidationFailed',
  /** the claim form is neither 837P nor 837I */
  unsupportedForm = 'ClaimFormNotSupported',
  /** the exam's row is not in the read model */
  examNotRecorded = 'ClaimExamNotRecorded',
  /** the payer is not configured, or inactive */
  payerUnknown = 'ClaimPayerUnknown',
  /** the payer has no X12 payer id (self-pay, or a payer configured without one) */
  payerWithoutX12Id = 'ClaimPayerWithoutX12Id',
  /** the exam has no coverage for the payer */
  coverageMissing = 'ClaimCoverageMissing',
  /** a replacement, void or appeal must name the payer's claim number (REF*F8) and none is on file */
  payerClaimNumberMissing = 'ClaimPayerClaimNumberMissing',
  /** the claim version an appeal or a secondary claim builds on was never submitted */
  versionNotSubmitted = 'ClaimVersionNotSubmitted',
  /** the primary payer has not adjudicated the claim yet (secondary billing) */
  notAdjudicated = 'ClaimNotAdjudicated',
  /** the exam's facility is set up but names no active billing entity on file for the claim's component and arrangement */
  billingEntityNotSetUp = 'ClaimBillingEntityNotSetUp',
  /** the reading radiologist has not reassigned benefits to the entity that would bill the professional service */
  reassignmentViolation = 'ClaimReassignmentViolation',
}

/** Details of a claim failure: a code, the paths of the data to fix, and what else helps (never PHI). */
export interface ClaimFailureDetails {
  code: string;
  paths?: string[];
  [key: string]: unknown;
}

export function claimFailure(type: ClaimFailureType, message: string, details: ClaimFailureDetails): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: true, details: [details] });
}

export function fail(type: ClaimFailureType, message: string, details: ClaimFailureDetails): never {
  throw claimFailure(type, message, details);
}
