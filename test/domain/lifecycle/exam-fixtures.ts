import { applyEvent, createExamState, type ExamEvent, type ExamState, type Transition } from '../../../domain/lifecycle';
import { seedPayerPolicy } from '../../../domain/policy';

export const T0 = '2026-11-20T09:00:00.000Z';

export function newExam(payerId = 'commercial-a', over: Partial<Parameters<typeof createExamState>[0]> = {}): ExamState {
  return createExamState({
    examId: 'ex1',
    policy: seedPayerPolicy(payerId),
    modality: 'MR',
    procedures: [{ cpt: '72148' }],
    priority: 'routine',
    scheduledAt: '2026-11-25T14:00:00.000Z',
    ...over,
  });
}

let counter = 0;
type EventInput = ExamEvent extends infer E ? (E extends ExamEvent ? Omit<E, 'eventId'> & { eventId?: string } : never) : never;

export function ev(e: EventInput): ExamEvent {
  counter += 1;
  return { eventId: `e${counter}`, ...e } as ExamEvent;
}

/** Applies events in order, failing loudly on anything but `applied`. */
export class Run {
  state: ExamState;
  last!: Transition;
  constructor(state: ExamState) {
    this.state = state;
  }
  apply(e: ExamEvent, now = T0): Transition {
    this.last = applyEvent(this.state, e, now);
    if (this.last.outcome !== 'applied') throw new Error(`not applied: ${JSON.stringify(this.last.outcome === 'rejected' ? this.last.rejection : this.last.reason)}`);
    this.state = this.last.state;
    return this.last;
  }
  try(e: ExamEvent, now = T0): Transition {
    this.last = applyEvent(this.state, e, now);
    this.state = this.last.state;
    return this.last;
  }
  openTask(type: string) {
    const t = this.state.tasks.find((x) => x.status === 'open' && x.type === type);
    if (!t) throw new Error(`no open ${type}`);
    return t;
  }
  resolve(type: string, resolution: unknown, now = T0): Transition {
    return this.apply(ev({ type: 'task-resolved', taskId: this.openTask(type).taskId, resolution }), now);
  }
  timer(kind: string, claimId: string | null = null) {
    const t = this.state.timers.find((x) => x.kind === kind && x.claimId === claimId);
    if (!t) throw new Error(`no ${kind} timer`);
    return t;
  }
  fire(kind: string, claimId: string | null = null): Transition {
    const t = this.timer(kind, claimId);
    return this.apply(ev({ type: 'timer-fired', timerId: t.timerId }), t.dueAt);
  }
  effects(type: string) {
    return this.last.effects.filter((e) => e.type === type);
  }
}

export const performed = (cpt = '72148', units = 1) =>
  ev({ type: 'performed', performedAt: '2026-11-25T14:30:00.000Z', placeOfService: '11', contrast: false, procedures: [{ cpt, units, modifiers: [], laterality: null }] });
export const finalReport = (diagnoses = ['M54.16']) =>
  ev({ type: 'report', status: 'final', signedAt: '2026-11-26T10:00:00.000Z', radiologistNpi: '1234567893', diagnoses });
export const auth72148 = {
  authNumber: 'AUTH1',
  payerId: 'commercial-a',
  cpts: ['72148'],
  unitsAuthorized: 1,
  unitsUsed: 0,
  validFrom: '2026-11-01',
  validTo: '2026-12-31',
  status: 'approved' as const,
};

/** Intake through an authorization on file to awaiting_exam. */
export function toAwaitingExam(run: Run): Run {
  run.apply(ev({ type: 'intake-validated', problems: [] }));
  run.apply(ev({ type: 'eligibility-result', outcome: 'active', reasons: [], checkedForDate: '2026-11-25' }));
  run.apply(ev({ type: 'prior-auth-decision', decision: 'on-file', authorization: auth72148 }));
  return run;
}

/** ... through performed, final report and clean coding to a submitted claim. */
export function toSubmission(run: Run): Run {
  toAwaitingExam(run);
  run.apply(performed(), '2026-11-25T15:00:00.000Z');
  run.apply(finalReport(), '2026-11-26T10:00:00.000Z');
  run.apply(ev({ type: 'coding-completed', findings: [], totalChargeCents: 120_000 }), '2026-11-26T11:00:00.000Z');
  return run;
}

export function toAdjudication(run: Run, claimId = 'ex1-G'): Run {
  toSubmission(run);
  run.apply(ev({ type: 'acknowledgment', kind: '999', claimId, claimVersion: 1, accepted: true }), '2026-11-26T12:00:00.000Z');
  run.apply(ev({ type: 'acknowledgment', kind: '277CA', claimId, claimVersion: 1, accepted: true }), '2026-11-27T12:00:00.000Z');
  return run;
}
