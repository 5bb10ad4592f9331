import type { ApiClient } from './api-client';
import type { ExamSpec } from './scenarios';

/**
 * The RIS and the front desk of the chaos run: each exam is ordered, performed and reported through the
 * API, and its patient balance paid, while the scripted staff (staff-desk.ts) work the queues. A driver
 * lets go of its exam once the exam is at rest:
 *  - `closed` / `cancelled`;
 *  - `waiting-on-timer`: no open task, nothing for the RIS or the patient to do, and the exam's next
 *    timer at least an hour away (NORESP's status inquiry after 30 days, say), unchanged over several
 *    looks at least 10 s apart;
 *  - `waiting-on-staff`: its only open tasks are ones the scripted staff could not resolve.
 * Anything else when time runs out is `not-at-rest`.
 */
export type RestState = 'closed' | 'cancelled' | 'waiting-on-timer' | 'waiting-on-staff' | 'not-at-rest' | 'intake-refused';

export interface ExamView {
  examId: string;
  phase: string;
  status: string;
  openTasks: { taskId: string; type: string; claimId?: string | null }[];
  nextTimers: { kind: string; dueAt: string }[];
  claims: { claimId: string; version: number; status: string }[];
  balances: Record<string, number>;
  live: boolean;
}

export interface ExamOutcome {
  spec: ExamSpec;
  examId?: string;
  intakeStatus?: number;
  rest: RestState;
  phase?: string;
  /** ms from intake to rest */
  elapsedMs?: number;
  restAt?: number;
  notes: string[];
}

export interface DriverContext {
  api: ApiClient;
  deadline: number;
  stopping: () => boolean;
  /** open tasks the staff gave up on (a resolution the API refused every time) */
  unresolvable: Set<string>;
  onAccepted: (spec: ExamSpec, examId: string) => void;
  onRest: (outcome: ExamOutcome) => void;
  pollMs: number;
}

const HOUR = 3_600_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function fingerprint(e: ExamView): string {
  return JSON.stringify([e.phase, e.openTasks.map((t) => t.taskId).sort(), e.claims.map((c) => `${c.claimId}:${c.version}:${c.status}`), e.balances]);
}

export async function driveExam(ctx: DriverContext, spec: ExamSpec): Promise<ExamOutcome> {
  const { api } = ctx;
  const outcome: ExamOutcome = { spec, rest: 'not-at-rest', notes: [] };
  const key = (what: string) => `${spec.accessionNumber}:${what}`;
  const created = await api.call('POST', '/v1/exams', 'integration', spec.intake, { idempotencyKey: key('intake') });
  outcome.intakeStatus = created.status;
  if (created.status !== 201 && created.status !== 200) {
    outcome.rest = 'intake-refused';
    outcome.notes.push(`intake ${created.status} ${JSON.stringify(created.body).slice(0, 200)}`);
    ctx.onRest(outcome);
    return outcome;
  }
  const examId = created.body.examId as string;
  outcome.examId = examId;
  ctx.onAccepted(spec, examId);
  const t0 = Date.now();
  let performedSent = false;
  let reportSent = false;
  const paid = new Map<number, string>();
  let lastPrint = '';
  let sameSince = 0;
  let sameLooks = 0;

  while (Date.now() < ctx.deadline && !ctx.stopping()) {
    const res = await api.call('GET', `/v1/exams/${examId}`, 'front_desk', undefined, { maxAttempts: 8, budgetMs: 60_000 });
    if (res.status !== 200) {
      outcome.notes.push(`GET exam ${res.status}`);
      await sleep(ctx.pollMs * 2);
      continue;
    }
    const exam = res.body as unknown as ExamView;
    outcome.phase = exam.phase;
    if (exam.phase === 'closed' || exam.phase === 'cancelled') {
      outcome.rest = exam.phase;
      break;
    }
    let acted = false;
    if (exam.phase === 'awaiting_exam' && !performedSent) {
      const r = await api.call('POST', `/v1/exams/${examId}/performed`, 'integration', {
        eventId: `RIS-P-${spec.index}`, performedAt: new Date().toISOString(), placeOfService: '11', contrast: false, procedures: spec.procedures,
      }, { idempotencyKey: key('performed') });
      if (r.status === 200 || r.status === 202) performedSent = true;
      else outcome.notes.push(`performed ${r.status} ${String((r.body.error as { code?: string } | undefined)?.code ?? '')}`);
      acted = true;
    }
    if ((exam.phase === 'awaiting_report' || (exam.phase === 'awaiting_exam' && performedSent)) && !reportSent) {
      const r = await api.call('POST', `/v1/exams/${examId}/report`, 'integration', {
        eventId: `RIS-R-${spec.index}`, status: 'final', signedAt: new Date().toISOString(), radiologistNpi: '1234567893', diagnoses: ['M54.16'],
      }, { idempotencyKey: key('report') });
      if (r.status === 200 || r.status === 202) reportSent = true;
      else outcome.notes.push(`report ${r.status} ${String((r.body.error as { code?: string } | undefined)?.code ?? '')}`);
      acted = true;
    }
    const owed = exam.balances.patientCents ?? 0;
    if (exam.phase === 'patient_balance' && owed > 0 && !paid.has(owed)) {
      const reference = `CHAOS-PAY-${spec.index}-${paid.size + 1}`;
      const r = await api.call('POST', `/v1/exams/${examId}/payments`, 'front_desk', { amountCents: owed, method: 'card', reference }, { idempotencyKey: key(`pay-${paid.size + 1}`) });
      if (r.status === 200 || r.status === 202) paid.set(owed, reference);
      else outcome.notes.push(`payment ${r.status} ${String((r.body.error as { code?: string } | undefined)?.code ?? '')}`);
      acted = true;
    }
    if (!acted) {
      // At rest? Nothing for the RIS or the patient, no task the staff will still work, no timer soon.
      const now = Date.now();
      const staffWork = exam.openTasks.filter((t) => !ctx.unresolvable.has(t.taskId));
      const nextTimer = Math.min(...exam.nextTimers.map((t) => Date.parse(t.dueAt)).filter((n) => Number.isFinite(n)), Number.POSITIVE_INFINITY);
      const ourMove = (exam.phase === 'awaiting_exam' && !performedSent) || (exam.phase === 'awaiting_report' && !reportSent) || (exam.phase === 'patient_balance' && owed > 0);
      const candidate = exam.live && !ourMove && ((exam.openTasks.length > 0 && staffWork.length === 0) || (exam.openTasks.length === 0 && nextTimer !== Number.POSITIVE_INFINITY && nextTimer - now > HOUR));
      const print = fingerprint(exam);
      if (candidate && print === lastPrint) {
        sameLooks += 1;
        if (sameLooks >= 3 && now - sameSince >= 10_000) {
          outcome.rest = staffWork.length === 0 && exam.openTasks.length > 0 ? 'waiting-on-staff' : 'waiting-on-timer';
          break;
        }
      } else {
        lastPrint = print;
        sameSince = now;
        sameLooks = candidate ? 1 : 0;
      }
    }
    await sleep(ctx.pollMs * (0.75 + Math.random() * 0.5));
  }
  outcome.elapsedMs = Date.now() - t0;
  outcome.restAt = Date.now();
  ctx.onRest(outcome);
  return outcome;
}

/** Runs `n` exam drivers with at most `concurrency` at a time. */
export async function runDrivers(ctx: DriverContext, specs: ExamSpec[], concurrency: number): Promise<ExamOutcome[]> {
  const outcomes: ExamOutcome[] = new Array(specs.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, specs.length) }, async () => {
    for (;;) {
      const i = next;
      next += 1;
      if (i >= specs.length) return;
      const spec = specs[i]!;
      if (Date.now() >= ctx.deadline || ctx.stopping()) {
        outcomes[i] = { spec, rest: 'not-at-rest', notes: ['never started: out of time'] };
        continue;
      }
      outcomes[i] = await driveExam(ctx, spec);
    }
  });
  await Promise.all(lanes);
  return outcomes;
}
