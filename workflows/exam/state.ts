import {
  applyEvent,
  createExamState,
  openTasks,
  patientBalanceCents,
  startExam,
  type Effect,
  type ExamEvent,
  type ExamState as LifecycleState,
  type LifecycleOptions,
  type LifecycleRejection,
  type TaskRecord,
  type Transition,
} from '../../domain/lifecycle';
import type { PayerPolicy } from '../../domain/policy';
import { policyModality } from './order-modality';
import type { ExamIntake } from './intake';
import type { CarriedExam, CodingSnapshot, ExamStatusView, ExamTaskView, ExamWorkflowInput, Registration } from './messages';

export const TERMINAL_PHASES = ['closed', 'cancelled'] as const;

/** Who caused a transition: a person (resolving, cancelling) or a system (RIS, payer, timer). */
export interface Actor {
  sub: string;
  role: string;
}

export interface AppliedTransition {
  event: ExamEvent;
  actor: Actor | null;
  effects: Effect[];
  /** the tasks this transition opened, closed or escalated, as they are now */
  changedTasks: TaskRecord[];
  seq: number;
}

/**
 * The exam inside its workflow: the pure lifecycle state (domain/lifecycle) plus what the workflow
 * keeps beside it (the coded claims, who resolved each task). Plain data, no I/O: every change goes
 * through `apply`, which returns the effects for the workflow to carry out.
 */
export class ExamState {
  lifecycle: LifecycleState;
  coding: CodingSnapshot | null;
  /** who resolved each task, and the resolution as sent (JSON), so that a client's retry is told it took effect */
  resolvers: Record<string, Actor & { resolution?: string }>;
  transitions: number;
  runs: number;
  cancelledAt: string | null;
  /** the coverage a person corrected (eligibility-review `update-coverage`), else the intake's primary */
  coverage: { payerId: string; memberId: string } | null;
  /** the radiologist who signed the latest report (rendering provider on the claim) */
  radiologistNpi: string | null;
  /** the registration the source sent since intake (patient, coverages); null: the intake's */
  registration: Registration | null;
  /** the order as the source changed it since intake; null: the intake's */
  order: ExamIntake['order'] | null;
  /** events handled by this run (the continue-as-new threshold counts these) */
  eventsThisRun = 0;

  /**
   * @param options the lifecycle's patched behaviours (the workflow answers them with `patched`); validators
   * (`tryEvent`) use every behaviour: none of them changes whether an event is refused.
   */
  constructor(readonly input: ExamWorkflowInput, policy: PayerPolicy, private readonly options: LifecycleOptions = {}) {
    const carried = input.carried;
    if (carried) {
      this.lifecycle = carried.lifecycle;
      this.coding = carried.coding;
      this.resolvers = carried.resolvers;
      this.transitions = carried.transitions;
      this.runs = carried.runs + 1;
      this.cancelledAt = carried.cancelledAt;
      this.coverage = carried.coverage;
      this.radiologistNpi = carried.radiologistNpi;
      this.registration = carried.registration ?? null;
      this.order = carried.order ?? null;
    } else {
      const { order, facility } = input.intake;
      this.lifecycle = createExamState({
        examId: input.examId,
        policy,
        modality: policyModality(order.modality),
        procedures: order.procedures.map((p) => ({ cpt: p.cpt })),
        priority: order.priority,
        scheduledAt: order.scheduledAt,
        billingArrangement: facility.billingArrangement,
        receivedAt: input.receivedAt,
      });
      this.coding = null;
      this.resolvers = {};
      this.transitions = 0;
      this.runs = 1;
      this.cancelledAt = null;
      this.coverage = null;
      this.radiologistNpi = null;
      this.registration = null;
      this.order = null;
    }
  }

  /** Before the first transition: the payer's policy as loaded from the payers table. */
  adoptPolicy(policy: PayerPolicy): void {
    if (this.lifecycle.processedEventIds.length > 0 || this.lifecycle.phase !== 'intake') return;
    this.lifecycle = { ...this.lifecycle, policy, flags: { ...this.lifecycle.flags, selfPay: policy.payerType === 'self-pay' } };
  }

  get phase(): string {
    return this.lifecycle.phase;
  }

  get isTerminal(): boolean {
    return (TERMINAL_PHASES as readonly string[]).includes(this.lifecycle.phase);
  }

  /** The first transition of a new exam. */
  start(): AppliedTransition {
    const t = startExam(this.lifecycle);
    this.lifecycle = t.state;
    return this.commit({ type: 'intake-validated', eventId: 'start', problems: [] }, null, t.effects);
  }

  /** What the event would do, without doing it (update validators). */
  tryEvent(event: ExamEvent, now: string): Transition {
    return applyEvent(this.lifecycle, event, now);
  }

  /** Applies an event; `ignored` for duplicates and stale timers, the rejection when refused. */
  apply(event: ExamEvent, now: string, actor: Actor | null = null): AppliedTransition | { ignored: string } | { rejected: LifecycleRejection } {
    const t = applyEvent(this.lifecycle, event, now, this.options);
    this.eventsThisRun += 1;
    if (t.outcome === 'ignored') return { ignored: t.reason };
    if (t.outcome === 'rejected') return { rejected: t.rejection };
    const before = this.lifecycle.tasks;
    this.lifecycle = t.state;
    if (t.state.phase === 'cancelled' && this.cancelledAt === null) this.cancelledAt = now;
    if (event.type === 'report' && event.status !== 'preliminary') this.radiologistNpi = event.radiologistNpi;
    if (actor && event.type === 'task-resolved') this.resolvers[event.taskId] = { ...actor, resolution: JSON.stringify(event.resolution) };
    return this.commit(event, actor, t.effects, before);
  }

  /**
   * The transition and the tasks it changed: opened, closed, escalated, or an open task whose
   * context the event added to (a 278 denial on the prior-auth task), so the work queue shows it.
   */
  private commit(event: ExamEvent, actor: Actor | null, effects: Effect[], before: readonly TaskRecord[] = []): AppliedTransition {
    this.transitions += 1;
    const touched = new Set<string>();
    for (const e of effects) {
      if (e.type === 'open-task') touched.add(e.task.taskId);
      if (e.type === 'close-task' || e.type === 'escalate-task') touched.add(e.taskId);
    }
    const contextBefore = new Map(before.map((t) => [t.taskId, JSON.stringify(t.context)]));
    for (const t of this.lifecycle.tasks) {
      const was = contextBefore.get(t.taskId);
      if (t.status === 'open' && was !== undefined && was !== JSON.stringify(t.context)) touched.add(t.taskId);
    }
    const changedTasks = this.lifecycle.tasks.filter((t) => touched.has(t.taskId));
    return { event, actor, effects, changedTasks, seq: this.transitions };
  }

  carry(): CarriedExam {
    return { lifecycle: this.lifecycle, coding: this.coding, resolvers: this.resolvers, transitions: this.transitions, runs: this.runs, cancelledAt: this.cancelledAt, coverage: this.coverage, radiologistNpi: this.radiologistNpi, ...(this.registration ? { registration: this.registration } : {}), ...(this.order ? { order: this.order } : {}) };
  }

  task(taskId: string): TaskRecord | undefined {
    return this.lifecycle.tasks.find((t) => t.taskId === taskId);
  }

  taskView(t: TaskRecord): ExamTaskView {
    return {
      taskId: t.taskId,
      type: t.type,
      queue: t.queue,
      priority: t.priority,
      claimId: t.claimId,
      status: t.status,
      dueAt: t.dueAt,
      openedAt: t.openedAt,
      closedAt: t.closedAt,
      escalated: t.escalated,
      resolutionAction: t.resolutionAction,
      resolvedBy: this.resolvers[t.taskId]?.sub ?? null,
      context: t.context,
    };
  }

  nextTimerDueMs(): number | undefined {
    const due = this.lifecycle.timers.map((t) => Date.parse(t.dueAt));
    return due.length > 0 ? Math.min(...due) : undefined;
  }

  view(): ExamStatusView {
    const { intake } = this.input;
    const s = this.lifecycle;
    const primary = intake.coverages.find((c) => c.order === 'primary');
    return {
      examId: this.input.examId,
      accessionNumber: intake.accessionNumber,
      facilityId: intake.facility.id,
      order: { modality: intake.order.modality, procedures: s.order.procedures, scheduledAt: s.order.scheduledAt },
      coverages: (this.registration?.coverages ?? intake.coverages).map((c) => ({ payerId: c.payerId, order: c.order })),
      payerId: s.policy.id ?? primary?.payerId ?? '',
      phase: s.phase,
      status: s.phase === 'cancelled' ? 'cancelled' : s.phase === 'closed' ? 'closed' : 'open',
      escalated: s.flags.escalated,
      selfPay: s.flags.selfPay,
      cancellation: s.cancelReason !== null ? { reason: s.cancelReason, at: this.cancelledAt ?? '' } : undefined,
      openTasks: openTasks(s).map((t) => this.taskView(t)),
      nextTimers: [...s.timers].sort((a, b) => a.dueAt.localeCompare(b.dueAt)).map((t) => ({ kind: t.kind, dueAt: t.dueAt, claimId: t.claimId })),
      claims: s.claims.map((c) => ({
        claimId: c.claimId,
        component: c.component,
        version: c.version,
        status: c.status,
        firstSubmittedAt: c.firstSubmittedAt,
        appealLevel: c.appealLevel,
        patientResponsibilityCents: c.patientResponsibilityCents,
      })),
      balances: {
        chargeCents: s.coding.totalChargeCents,
        patientCents: patientBalanceCents(s),
        patientPaidCents: s.patient.paidCents,
        patientWrittenOffCents: s.patient.writtenOffCents,
      },
      report: { status: s.report.status, addenda: s.report.addenda },
      performed: s.performed !== null,
      run: this.runs,
      seq: this.transitions,
    };
  }
}
