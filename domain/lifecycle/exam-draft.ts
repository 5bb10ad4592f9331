import { fromEpochMs, toEpochMs } from '../policy';
import type { Effect } from './effect';
import { claimPolicy, type ExamState, type JsonValue, type TaskRecord, type TaskStatus, type TimerKind, type TimerRecord } from './exam-state';
import { isTerminal, type Phase } from './phase';
import type { LifecycleOptions, LifecyclePatch } from './lifecycle-options';
import { taskDueAt } from './task-due';
import { PRIORITY_RANK, TASK_DEFINITIONS, type TaskPriority, type TaskType } from './task-type';

/** Effects whose activity answers with an event of the lifecycle, or with `work-failed` when it cannot. */
export const AWAITED_WORK = ['validate-intake', 'request-eligibility', 'evaluate-prior-auth', 'code-exam'] as const;

/** Normalizes an ISO instant or date to the canonical `toISOString()` form. */
export function canonicalInstant(iso: string): string {
  return fromEpochMs(toEpochMs(iso));
}

/**
 * A working copy of an exam's state for one transition. Every change goes through it so that the
 * effects list describes exactly what changed, and the invariants (one open task per type and
 * claim, one timer per kind, claim and ordinal) hold by construction.
 */
export class ExamDraft {
  readonly effects: Effect[] = [];
  readonly state: ExamState;

  constructor(original: ExamState, readonly now: string, private readonly options: LifecycleOptions = {}) {
    this.state = JSON.parse(JSON.stringify(original)) as ExamState;
  }

  /** Whether a behaviour introduced under a patch applies (see lifecycle-options.ts). */
  uses(patch: LifecyclePatch): boolean {
    return this.options.isPatched?.(patch) ?? true;
  }

  get policy() {
    return this.state.policy;
  }

  get dateOfService(): string {
    return this.state.performed?.performedAt ?? this.state.order.scheduledAt;
  }

  emit(effect: Effect): void {
    this.effects.push(effect);
    // Work whose outcome comes back as an event is awaited until it does (or its failure does).
    if ((AWAITED_WORK as readonly string[]).includes(effect.type)) {
      const awaiting = (this.state.awaiting ??= []);
      if (!awaiting.includes(effect.type)) awaiting.push(effect.type);
    }
  }

  /** The outcome of awaited work arrived (its answer, or its failure). */
  answered(...work: string[]): void {
    if (this.state.awaiting) this.state.awaiting = this.state.awaiting.filter((w) => !work.includes(w));
  }

  private nextId(prefix: string): string {
    this.state.seq += 1;
    return `${this.state.examId}:${prefix}:${this.state.seq}`;
  }

  setPhase(to: Phase): void {
    const from = this.state.phase;
    if (from === to || isTerminal(from)) return;
    this.state.phase = to;
    this.emit({ type: 'phase-changed', from, to });
  }

  findOpenTask(type: TaskType, claimId: string | null = null): TaskRecord | undefined {
    return this.state.tasks.find((t) => t.status === 'open' && t.type === type && t.claimId === claimId);
  }

  /** Opens a task unless one of the same type is already open for the same claim (then returns it, updated context). */
  openTask(
    type: TaskType,
    claimId: string | null,
    context: { [key: string]: JsonValue },
    opts: { appealDeadline?: string; priority?: TaskPriority } = {},
  ): TaskRecord {
    const existing = this.findOpenTask(type, claimId);
    if (existing) {
      existing.context = { ...existing.context, ...context };
      return existing;
    }
    const def = TASK_DEFINITIONS[type];
    const urgentOrder = this.state.order.priority !== 'routine' && def.queue === 'front_desk';
    const priority = opts.priority ?? (urgentOrder && PRIORITY_RANK[def.priority] > PRIORITY_RANK.urgent ? 'urgent' : def.priority);
    const task: TaskRecord = {
      taskId: this.nextId('task'),
      type,
      queue: def.queue,
      priority,
      claimId,
      status: 'open',
      openedAt: canonicalInstant(this.now),
      dueAt: canonicalInstant(
        taskDueAt(type, claimPolicy(this.state, this.state.claims.find((c) => c.claimId === claimId)), {
          now: this.now,
          orderPriority: this.state.order.priority,
          scheduledAt: this.state.order.scheduledAt,
          dateOfService: this.dateOfService,
          appealDeadline: opts.appealDeadline,
        }),
      ),
      escalated: false,
      context,
      closedAt: null,
      resolutionAction: null,
    };
    this.state.tasks.push(task);
    this.emit({ type: 'open-task', task: JSON.parse(JSON.stringify(task)) as TaskRecord });
    return task;
  }

  closeTask(task: TaskRecord, status: Exclude<TaskStatus, 'open'>, action: string | null = null): void {
    if (task.status !== 'open') return;
    task.status = status;
    task.closedAt = canonicalInstant(this.now);
    task.resolutionAction = action;
    this.emit({ type: 'close-task', taskId: task.taskId, status });
  }

  closeTasks(pred: (t: TaskRecord) => boolean, status: Exclude<TaskStatus, 'open'>): void {
    for (const t of this.state.tasks) if (t.status === 'open' && pred(t)) this.closeTask(t, status);
  }

  escalateTask(task: TaskRecord, priority: TaskPriority = 'urgent'): void {
    this.state.flags.escalated = true;
    if (task.escalated && PRIORITY_RANK[task.priority] <= PRIORITY_RANK[priority]) return;
    task.escalated = true;
    if (PRIORITY_RANK[priority] < PRIORITY_RANK[task.priority]) task.priority = priority;
    this.emit({ type: 'escalate-task', taskId: task.taskId, priority: task.priority });
  }

  findTimer(kind: TimerKind, claimId: string | null = null, ordinal = 0): TimerRecord | undefined {
    return this.state.timers.find((t) => t.kind === kind && t.claimId === claimId && t.ordinal === ordinal);
  }

  /** Starts (or restarts) the timer of this kind, claim and ordinal. */
  startTimer(kind: TimerKind, claimId: string | null, dueAt: string, ordinal = 0): void {
    const existing = this.findTimer(kind, claimId, ordinal);
    if (existing) this.removeTimer(existing);
    const timer: TimerRecord = { timerId: this.nextId(`timer-${kind}`), kind, claimId, ordinal, dueAt: canonicalInstant(dueAt) };
    this.state.timers.push(timer);
    this.emit({ type: 'start-timer', timer: { ...timer } });
  }

  removeTimer(timer: TimerRecord): void {
    this.state.timers = this.state.timers.filter((t) => t.timerId !== timer.timerId);
    this.emit({ type: 'cancel-timer', timerId: timer.timerId });
  }

  /** Forgets a timer that has just fired (no cancel effect: it is already gone). */
  consumeTimer(timer: TimerRecord): void {
    this.state.timers = this.state.timers.filter((t) => t.timerId !== timer.timerId);
  }

  cancelTimers(pred: (t: TimerRecord) => boolean): void {
    for (const t of [...this.state.timers]) if (pred(t)) this.removeTimer(t);
  }
}
