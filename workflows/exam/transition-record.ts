import type { Effect, PerformedTechnologist, TaskRecord } from '../../domain/lifecycle';
import type { ExamStatusView } from './messages';
import type { Actor, AppliedTransition, ExamState } from './state';

/** A task as the `tasks` projection stores it. */
export interface TaskSnapshot extends TaskRecord {
  examId: string;
  resolvedBy: string | null;
}

/** One line of the exam's timeline: what changed, in codes and ids (no patient data). */
export type TimelineEffect =
  | { type: 'phase-changed'; from: string; to: string }
  | { type: 'task-opened'; taskId: string; taskType: string; queue: string; priority: string; dueAt: string; claimId: string | null }
  | { type: 'task-closed'; taskId: string; status: string }
  | { type: 'task-escalated'; taskId: string; priority: string }
  | { type: 'timer-set'; timerId: string; kind: string; dueAt: string; claimId: string | null }
  | { type: 'timer-cancelled'; timerId: string }
  | { type: 'work'; what: string; claimId?: string | null; version?: number; detail?: string };

/**
 * What `recordTransition` writes for one applied event: the exam's phase and flags, every task the
 * event touched, and the readable effects (the supervisor timeline reads these from history).
 */
export interface TransitionRecord {
  examId: string;
  seq: number;
  at: string;
  run: number;
  cause: { eventType: string; eventId: string; actor: Actor | null; taskId?: string; technologist?: PerformedTechnologist };
  phase: string;
  status: 'open' | 'closed' | 'cancelled';
  escalated: boolean;
  tasks: TaskSnapshot[];
  effects: TimelineEffect[];
  /** what the exam read shows beside phase and tasks, as of this record (exams from before did not send it) */
  view?: ExamViewProjection;
  /** the run that recorded it: its timeline line is kept in `exam_transitions` (exams from before did not send it) */
  runId?: string;
}

/** What the supervisor's timeline reads of a transition: cause, phase, tasks (without their context) and effects. */
export type TimelineRecord = Pick<TransitionRecord, 'seq' | 'at' | 'run' | 'cause' | 'phase' | 'status' | 'escalated' | 'effects'> & {
  tasks: Pick<TaskSnapshot, 'taskId' | 'type' | 'queue' | 'priority' | 'status' | 'resolutionAction' | 'claimId'>[];
};

export function timelineRecord(r: TransitionRecord): TimelineRecord {
  return {
    seq: r.seq,
    at: r.at,
    run: r.run,
    cause: r.cause,
    phase: r.phase,
    status: r.status,
    escalated: r.escalated,
    tasks: r.tasks.map((t) => ({ taskId: t.taskId, type: t.type, queue: t.queue, priority: t.priority, status: t.status, resolutionAction: t.resolutionAction, claimId: t.claimId })),
    effects: r.effects,
  };
}

/** The part of the exam's status the exam read takes from the exam's row: what no other table holds as the exam sees it. */
export type ExamViewProjection = Pick<ExamStatusView, 'nextTimers' | 'claims' | 'balances' | 'report' | 'cancellation'>;

export function examViewProjection(view: ExamStatusView): ExamViewProjection {
  const { nextTimers, claims, balances, report, cancellation } = view;
  return { nextTimers, claims, balances, report, ...(cancellation ? { cancellation } : {}) };
}

function summarize(e: Effect): TimelineEffect {
  switch (e.type) {
    case 'phase-changed':
      return { type: 'phase-changed', from: e.from, to: e.to };
    case 'open-task':
      return { type: 'task-opened', taskId: e.task.taskId, taskType: e.task.type, queue: e.task.queue, priority: e.task.priority, dueAt: e.task.dueAt, claimId: e.task.claimId };
    case 'close-task':
      return { type: 'task-closed', taskId: e.taskId, status: e.status };
    case 'escalate-task':
      return { type: 'task-escalated', taskId: e.taskId, priority: e.priority };
    case 'start-timer':
      return { type: 'timer-set', timerId: e.timer.timerId, kind: e.timer.kind, dueAt: e.timer.dueAt, claimId: e.timer.claimId };
    case 'cancel-timer':
      return { type: 'timer-cancelled', timerId: e.timerId };
    case 'submit-claim':
    case 'build-claim':
    case 'void-claim':
    case 'request-reopening':
      return { type: 'work', what: e.type, claimId: e.claimId, version: e.version };
    case 'status-inquiry':
      return { type: 'work', what: e.type, claimId: e.claimId };
    case 'post-remittance':
      return { type: 'work', what: e.type, claimId: e.claimId, detail: e.remittanceId };
    case 'bill-secondary':
      return { type: 'work', what: e.type, claimId: e.secondaryClaimId, version: e.version, detail: `${e.payerId}${e.crossover ? ' (crossover: forwarded by the primary)' : ''}, for ${e.claimId}` };
    case 'submit-appeal':
      return { type: 'work', what: e.type, claimId: e.claimId, detail: `level ${e.level} (${e.levelName})` };
    case 'write-off':
      return { type: 'work', what: e.type, claimId: e.claimId, detail: `${e.scope}: ${e.reason}` };
    case 'send-statement':
      return { type: 'work', what: e.type, detail: `statement ${e.sequence}` };
    case 'remind-radiologist':
      return { type: 'work', what: e.type, detail: `reminder ${e.reminder}` };
    case 'record-authorization':
      return { type: 'work', what: e.type, detail: e.authorization.authNumber };
    case 'record-late-event':
      return { type: 'work', what: e.type, detail: e.eventType };
    case 'request-prior-auth':
      return { type: 'work', what: e.type, detail: e.urgent ? 'urgent' : 'standard' };
    default:
      return { type: 'work', what: e.type };
  }
}

/**
 * A coding-review task the scrubber opened shows every finding in full: what is wrong, where, how to fix it; and the
 * performed facts a coder weighs that the findings do not repeat (who performed the exam, the charges' diagnoses).
 */
function taskContext(exam: ExamState, task: TaskRecord): TaskRecord['context'] {
  if (task.type !== 'coding-review' || !Array.isArray(task.context.findings) || !exam.coding) return task.context;
  const scrubFindings = exam.coding.findings.map((f) => ({ code: f.code, severity: f.severity, field: f.field, message: f.message, fix: f.fix, autoFixed: f.autoFixable, ...(f.claim ? { claim: f.claim } : {}) }));
  const performed = exam.lifecycle.performed;
  const charged = performed?.procedures.filter((p) => p.diagnoses && p.diagnoses.length > 0) ?? [];
  const facts = {
    ...(performed?.technologist ? { technologist: { ...performed.technologist } } : {}),
    ...(charged.length > 0 ? { chargeDiagnoses: charged.map((p) => ({ cpt: p.cpt, diagnoses: [...p.diagnoses!] })) } : {}),
  };
  return { ...task.context, scrubFindings, ...(Object.keys(facts).length > 0 ? { performed: facts } : {}) };
}

/** The record of a transition; `view` is the exam's status after it (computed once by a caller that also needs it). */
export function transitionRecord(exam: ExamState, t: AppliedTransition, at: string, view: ExamStatusView = exam.view()): TransitionRecord {
  return {
    examId: exam.input.examId,
    seq: t.seq,
    at,
    run: exam.runs,
    cause: {
      eventType: t.event.type,
      eventId: t.event.eventId,
      actor: t.actor,
      ...(t.event.type === 'task-resolved' ? { taskId: t.event.taskId } : {}),
      ...(t.event.type === 'performed' && t.event.technologist ? { technologist: { ...t.event.technologist } } : {}),
    },
    phase: view.phase,
    status: view.status,
    escalated: view.escalated,
    tasks: t.changedTasks.map((task) => ({ ...task, context: taskContext(exam, task), examId: exam.input.examId, resolvedBy: exam.resolvers[task.taskId]?.sub ?? null })),
    effects: t.effects.map(summarize),
  };
}
