import type { AppealVehicle, BillingArrangement, Modality, PayerPolicy } from '../policy';
import type { Authorization, OrderPriority } from '../prior-auth';
import type { Effect } from './effect';
import type { PerformedProcedure, PerformedTechnologist } from './exam-event';
import { isTerminal, type Phase } from './phase';
import type { QueueRole, TaskPriority, TaskType } from './task-type';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type TaskStatus = 'open' | 'resolved' | 'cancelled' | 'superseded';

export interface TaskRecord {
  taskId: string;
  type: TaskType;
  queue: QueueRole;
  priority: TaskPriority;
  claimId: string | null;
  status: TaskStatus;
  openedAt: string;
  dueAt: string;
  escalated: boolean;
  /** Why the task exists (codes and references only, no PHI). */
  context: { [key: string]: JsonValue };
  closedAt: string | null;
  resolutionAction: string | null;
}

export type TimerKind =
  | 'no-show'
  | 'prior-auth-response'
  | 'auth-expiry'
  | 'report-reminder'
  | 'report-escalation'
  | 'timely-filing-risk'
  | 'ack-999'
  | 'ack-277ca'
  | 'status-inquiry'
  | 'ar-escalation'
  | 'ar-escalation-second'
  | 'appeal-deadline'
  | 'statement-cycle'
  | 'collections-review'
  /** a supervisor acknowledged a stalled exam: it is checked again when this fires */
  | 'stalled-recheck';

export interface TimerRecord {
  timerId: string;
  kind: TimerKind;
  claimId: string | null;
  /** Distinguishes timers of the same kind (the 1st and 2nd report reminder). */
  ordinal: number;
  dueAt: string;
}

export type ClaimComponent = 'global' | 'technical' | 'professional';

export type ClaimStatus = 'submitted' | 'accepted' | 'rejected' | 'denied' | 'appealed' | 'paid' | 'written-off' | 'voided';

export const FINAL_CLAIM_STATUSES: readonly ClaimStatus[] = ['paid', 'written-off', 'voided'];

export interface ClaimRecord {
  claimId: string;
  component: ClaimComponent;
  version: number;
  status: ClaimStatus;
  firstSubmittedAt: string;
  lastSubmittedAt: string;
  /** True once the payer accepted a version into adjudication (a correction then replaces it, frequency 7). */
  everAccepted: boolean;
  appealLevel: number;
  autoCorrections: number;
  remittanceIds: string[];
  patientResponsibilityCents: number;
  /** The payer billed, when it is not the exam's primary payer (a secondary claim). */
  payerId?: string;
  /** Coordination of benefits: this claim bills the secondary payer for the primary's claim of this id. */
  primaryClaimId?: string;
  /** The primary forwarded the claim to the secondary itself (crossover): nothing was sent by us. */
  crossover?: boolean;
  /** What the latest 835 of the claim decided (its date, codes, amounts): the appeal rules read it. */
  remittance?: ClaimRemittanceFacts;
  /** The appeal requests and reopenings filed for the claim, oldest first. */
  appeals?: ClaimAppealRecord[];
}

export interface ClaimRemittanceFacts {
  remittanceDate: string;
  carc: string | null;
  remarkCodes: string[];
  appealable: boolean;
  chargeCents: number | null;
  paidCents: number;
  patientResponsibilityCents: number;
  /** lines denied on a claim otherwise paid: what they were refused (null: the whole claim was decided) */
  deniedCents: number | null;
}

export interface ClaimAppealRecord {
  /** 0: a reopening */
  level: number;
  levelName: string;
  vehicle: AppealVehicle;
  /** the PDF of a written request (null: the claim went again as an 837) */
  documentId: string | null;
  deadline: string;
  filedAt: string;
  /** the claim version appealed */
  version: number;
}

export interface ExamState {
  examId: string;
  policy: PayerPolicy;
  /** The secondary payer's policy once the exam bills one (its claims' timers and tasks follow it). */
  secondaryPolicy?: PayerPolicy | null;
  phase: Phase;
  order: {
    modality: Modality;
    procedures: { cpt: string }[];
    priority: OrderPriority;
    scheduledAt: string;
    billingArrangement: BillingArrangement;
    /** When the order was received (intake): a missed exam is measured from the later of this and `scheduledAt`. */
    receivedAt?: string;
  };
  flags: {
    selfPay: boolean;
    escalated: boolean;
    arEscalationLevel: number;
    timelyFilingRisk: boolean;
    priorAuthRequired: boolean | null;
  };
  eligibility: { verifiedForDate: string | null; lastOutcome: string | null };
  authorization: Authorization | null;
  performed: {
    eventId: string;
    performedAt: string;
    placeOfService: string;
    contrast: boolean;
    procedures: PerformedProcedure[];
    technologist?: PerformedTechnologist;
  } | null;
  report: {
    status: 'none' | 'preliminary' | 'final';
    signedAt: string | null;
    diagnoses: string[];
    addenda: number;
  };
  coding: {
    status: 'pending' | 'review' | 'ready';
    totalChargeCents: number;
    /** The components coding found something billable in (absent: every component of the arrangement). */
    billable?: ClaimComponent[];
    /** The claims billed are exactly the coded ones (`billable`), each under its own claim id. */
    fromCoding?: boolean;
  };
  claims: ClaimRecord[];
  patient: { paidCents: number; refundedCents: number; writtenOffCents: number; statementsSent: number; firstStatementAt: string | null };
  tasks: TaskRecord[];
  timers: TimerRecord[];
  processedEventIds: string[];
  lateEvents: { eventId: string; type: string; receivedAt: string }[];
  cancelReason: string | null;
  closedAt: string | null;
  /** Counter for deterministic task and timer ids. */
  seq: number;
  /** Work sent out whose answer the exam awaits (effect types, see AWAITED_WORK). */
  awaiting?: string[];
  /** Work that failed for good, kept with the task that asks a person to fix it: `retry` runs it again. */
  failedWork?: { taskId: string; effect: Effect }[];
}

export interface NewExamInput {
  examId: string;
  policy: PayerPolicy;
  modality: Modality;
  procedures: { cpt: string }[];
  priority: OrderPriority;
  scheduledAt: string;
  billingArrangement?: BillingArrangement;
  receivedAt?: string;
}

export function createExamState(input: NewExamInput): ExamState {
  return {
    examId: input.examId,
    policy: input.policy,
    phase: 'intake',
    order: {
      modality: input.modality,
      procedures: input.procedures.map((p) => ({ cpt: p.cpt })),
      priority: input.priority,
      scheduledAt: input.scheduledAt,
      billingArrangement: input.billingArrangement ?? input.policy.defaultBillingArrangement,
      ...(input.receivedAt !== undefined ? { receivedAt: input.receivedAt } : {}),
    },
    flags: { selfPay: input.policy.payerType === 'self-pay', escalated: false, arEscalationLevel: 0, timelyFilingRisk: false, priorAuthRequired: null },
    eligibility: { verifiedForDate: null, lastOutcome: null },
    authorization: null,
    performed: null,
    report: { status: 'none', signedAt: null, diagnoses: [], addenda: 0 },
    coding: { status: 'pending', totalChargeCents: 0 },
    claims: [],
    patient: { paidCents: 0, refundedCents: 0, writtenOffCents: 0, statementsSent: 0, firstStatementAt: null },
    tasks: [],
    timers: [],
    processedEventIds: [],
    lateEvents: [],
    cancelReason: null,
    closedAt: null,
    seq: 0,
  };
}

/** What the patient owes now: their share of every claim (or the self-pay charge), less payments and write-offs, plus refunds. Negative is a credit. */
export function patientBalanceCents(state: ExamState): number {
  const owed = state.flags.selfPay && state.claims.length === 0
    ? state.coding.totalChargeCents
    : state.claims.filter((c) => c.status !== 'voided').reduce((sum, c) => sum + c.patientResponsibilityCents, 0);
  return owed - state.patient.paidCents - state.patient.writtenOffCents + state.patient.refundedCents;
}

/** The policy that governs a claim: the secondary payer's for a secondary claim, else the exam's. */
export function claimPolicy(state: ExamState, claim: Pick<ClaimRecord, 'primaryClaimId'> | undefined): PayerPolicy {
  return claim?.primaryClaimId !== undefined && state.secondaryPolicy ? state.secondaryPolicy : state.policy;
}

export function openTasks(state: ExamState): TaskRecord[] {
  return state.tasks.filter((t) => t.status === 'open');
}

/** What an exam is waiting on: open human tasks, timers that will fire, work whose answer is awaited. */
export interface PendingWork {
  openTasks: number;
  timers: number;
  awaiting: string[];
}

export function pendingWork(state: ExamState): PendingWork {
  return { openTasks: openTasks(state).length, timers: state.timers.length, awaiting: [...(state.awaiting ?? [])] };
}

/**
 * The invariant of an exam (DESIGN §2): an open exam always has work in flight, a timer that will fire or an
 * open task. True when it is broken: the exam is open and waits on nothing.
 */
export function isStalled(state: ExamState): boolean {
  if (isTerminal(state.phase)) return false;
  const p = pendingWork(state);
  return p.openTasks === 0 && p.timers === 0 && p.awaiting.length === 0;
}

/**
 * The exam's work is over: it is closed or cancelled and none of its tasks is open. A closed exam may still
 * have work (the refund of a credit after a late 835 or a payment after close): it is over once that is resolved.
 */
export function isFinished(state: ExamState): boolean {
  return isTerminal(state.phase) && openTasks(state).length === 0;
}
