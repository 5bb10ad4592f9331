/** The sandbox payer: deterministic payer behaviour by scenario, reading and writing real X12. Pure. */
export { sandboxScenario, isAdvancedImagingCpt, DEFAULT_DENIAL_CARC, type SandboxScenario } from './scenario';
export { planShareFor, percentOfCents, type PlanShare } from './plan-share';
export { adjudicateSandboxClaim, isAppealOrCorrection, type SandboxClaimDecision } from './adjudicate-claim';
export { respondToClaimFile, type SandboxResponseFile, type SandboxClock } from './respond-to-claims';
export { answerEligibility } from './answer-eligibility';
export { answerPriorAuthorization } from './answer-prior-auth';
export { answerClaimStatus, sandboxClaimStatus, SANDBOX_CLAIM_NOT_FOUND } from './answer-claim-status';
export { answerEnvelope, SANDBOX_SENDER_ID } from './sandbox-envelope';
