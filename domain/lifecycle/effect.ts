import type { AppealVehicle } from '../policy';
import type { Authorization } from '../prior-auth';
import type { ClaimComponent, TaskRecord, TimerRecord } from './exam-state';
import type { Phase } from './phase';
import type { CoverageUpdate, TaskResolution } from './task-resolution';
import type { TaskPriority } from './task-type';

/** Work the workflow carries out after a transition, in order. */
export type Effect =
  | { type: 'phase-changed'; from: Phase; to: Phase }
  | { type: 'open-task'; task: TaskRecord }
  | { type: 'close-task'; taskId: string; status: 'resolved' | 'cancelled' | 'superseded' }
  | { type: 'escalate-task'; taskId: string; priority: TaskPriority }
  | { type: 'start-timer'; timer: TimerRecord }
  | { type: 'cancel-timer'; timerId: string }
  | { type: 'validate-intake' }
  /** the order is written to the exam records (again, after a person fixed why it could not be) */
  | { type: 'record-intake' }
  | { type: 'request-eligibility' }
  | { type: 'update-coverage'; coverage: CoverageUpdate }
  /** the order an `order-changed` event brought (procedures, ordering provider) is written to the exam's records */
  | { type: 'record-order'; eventId: string }
  /** the registration a `registration-changed` event brought (patient, coverages) is written to the exam's records */
  | { type: 'record-registration'; eventId: string }
  | { type: 'switch-to-self-pay' }
  | { type: 'evaluate-prior-auth' }
  | { type: 'request-prior-auth'; urgent: boolean }
  | { type: 'record-authorization'; authorization: Authorization }
  | { type: 'remind-radiologist'; reminder: number }
  | { type: 'code-exam' }
  | { type: 'apply-coding-correction'; correction: Extract<TaskResolution<'coding-review'>, { action: 'correct' }> }
  | { type: 'build-claim'; claimId: string; version: number; component: ClaimComponent; frequency: '1' | '7' }
  /** `frequency`: sent as this (absent: a replacement once the payer has adjudicated a version, else an original) */
  | { type: 'submit-claim'; claimId: string; version: number; idempotencyKey: string; frequency?: '1' | '7' }
  /**
   * The claim is withdrawn under `version` (the void's own): to the payer by its vehicle when `toPayer`, and its
   * receivable reversed. Exams from before recorded the void only (no reason).
   */
  | { type: 'void-claim'; claimId: string; version: number; reason?: 'exam-cancelled' | 'primary-reversed'; toPayer?: boolean; payerId?: string }
  /** A corrected claim the payer takes as a reopening request (no replacement claims), once per claim version. */
  | { type: 'request-reopening'; claimId: string; version: number; payerId: string }
  | { type: 'status-inquiry'; claimId: string }
  | { type: 'post-remittance'; claimId: string; remittanceId: string; late: boolean }
  /** `claimId` the primary's claim; the secondary claim goes out under `secondaryClaimId` (nothing is sent on a crossover). */
  | { type: 'bill-secondary'; claimId: string; payerId: string; secondaryClaimId: string; version: number; crossover: boolean }
  | {
      type: 'submit-appeal';
      claimId: string;
      level: number;
      levelName: string;
      /** how it is filed (absent: exams from before, the claim sent again as frequency 7) */
      vehicle?: AppealVehicle;
      form?: string | null;
      /** the id the written request's PDF is stored under */
      documentId?: string;
      /** last day to file (YYYY-MM-DD) and the 835 date it counts from */
      deadline?: string;
      remittanceDate?: string;
    }
  | { type: 'write-off'; scope: 'claim' | 'patient-balance'; claimId: string | null; reason: string }
  | { type: 'send-statement'; sequence: number }
  | { type: 'refer-to-collections' }
  | { type: 'record-late-event'; eventId: string; eventType: string };

export type EffectType = Effect['type'];
