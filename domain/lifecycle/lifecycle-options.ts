/**
 * Behaviours of the lifecycle introduced while exams were running. The exam workflow answers each with
 * `patched(<id>)` (asked only at the point the behaviour would differ), so that histories written before
 * replay as they ran; everywhere else (tests, validators) every behaviour applies.
 */
export const LIFECYCLE_PATCHES = {
  /** a missed exam date opens `no-show-review` (measured from the later of the scheduled date and the intake) instead of cancelling */
  noShowReview: 'exam-no-show-review',
  /** an open exam left with nothing pending opens `stalled-exam` for the supervisor */
  stalledExamCheck: 'exam-stalled-check',
  /**
   * a secondary claim's timers follow the primary's policy until the secondary payer's own policy is loaded (by the
   * workflow's activity), instead of the seed policies read in the lifecycle
   */
  secondaryPolicyLoaded: 'exam-secondary-policy-loaded',
  /**
   * claims change the way payers take it: a cancelled exam's claims are voided at the payer (frequency 8 or a
   * cancel request) and their receivable reversed, a reversed primary voids its secondary, a corrected claim goes
   * back to coding and out by the payer's correction vehicle, an unprocessable claim (MA130) goes again as a new
   * claim, and the 90-day A/R escalation keeps running from the first submission until the claim is paid or closed
   */
  claimChanges: 'exam-claim-changes',
  /** the filing deadline of a payer whose limit is one calendar year counts that way (not in days) */
  calendarYearFiling: 'exam-calendar-year-filing',
  /**
   * appeals by the payer's vehicle per level (written requests rendered as documents, reopenings for clerical
   * errors, amount-in-controversy checks, no appeal for a claim without appeal rights), their deadlines counted
   * from the 835's date instead of the day it was posted
   */
  appealVehicles: 'exam-appeal-vehicles',
} as const;

export type LifecyclePatch = (typeof LIFECYCLE_PATCHES)[keyof typeof LIFECYCLE_PATCHES];

export interface LifecycleOptions {
  /** whether a behaviour introduced under a patch applies to this exam (absent: every behaviour applies) */
  isPatched?: (patchId: LifecyclePatch) => boolean;
}
