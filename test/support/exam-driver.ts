import fs from 'node:fs';
import path from 'node:path';
import type { Duration } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { Role } from '../../platform/roles';
import { examWorkflowId } from '../../workflows/names';
import { type ApiHarness, bearer } from './api-harness';
import { sampleIntake } from './intake-fixture';
import { settled } from './test-env';

export interface ExamJson {
  examId: string;
  phase: string;
  status: string;
  escalated: boolean;
  openTasks: { taskId: string; type: string; queue: string; priority?: string; dueAt: string | null; escalated?: boolean; claimId?: string | null }[];
  nextTimers: { kind: string; dueAt: string }[];
  claims: { claimId: string; version: number; status: string; patientResponsibilityCents: number }[];
  balances: Record<string, number>;
}

export interface TaskJson {
  taskId: string;
  examId: string;
  type: string;
  queue: string;
  priority: string;
  status: string;
  escalated: boolean;
  dueAt: string;
  overdue: boolean;
  assignee: string | null;
  resolvedBy: string | null;
  resolutionAction: string | null;
  context: Record<string, unknown>;
}

const DAY = 86_400_000;

/** Drives exams through the HTTP API the way RIS, staff and supervisors do, on the harness's clock. */
export class ExamDriver {
  constructor(readonly h: ApiHarness) {}

  async now(): Promise<number> {
    return this.h.env.currentTimeMs();
  }

  async call(method: 'GET' | 'POST' | 'PUT', url: string, role: Role, payload?: unknown) {
    const res = await this.h.app.inject({ method, url, headers: bearer(this.h.tokens[role]), ...(payload === undefined ? {} : { payload: payload as object }) });
    return { status: res.statusCode, body: res.body ? (JSON.parse(res.body) as Record<string, unknown>) : {} };
  }

  /** A new exam scheduled two days from now (test-server time) for the given payer and member. */
  async intake(opts: { payerId?: string; memberId?: string; cpt?: string; modality?: 'MR' | 'CT' | 'DX'; diagnoses?: string[] } = {}): Promise<string> {
    const scheduledAt = new Date((await this.now()) + 2 * DAY).toISOString();
    const base = sampleIntake();
    const body = sampleIntake({
      coverages: [{ payerId: opts.payerId ?? 'medicare-b', memberId: opts.memberId ?? '1EG4TE5MK73', relationship: 'self', order: 'primary' }],
      order: { ...base.order, modality: opts.modality ?? 'MR', procedures: [{ cpt: opts.cpt ?? '72148' }], diagnoses: opts.diagnoses ?? ['M54.16'], scheduledAt },
    });
    const res = await this.call('POST', '/v1/exams', 'integration', body);
    if (res.status !== 201) throw new Error(`intake failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.examId as string;
  }

  async exam(examId: string): Promise<ExamJson> {
    const res = await this.call('GET', `/v1/exams/${examId}`, 'supervisor');
    if (res.status !== 200) throw new Error(`exam ${res.status}`);
    return res.body as unknown as ExamJson;
  }

  /**
   * Waits until the exam shows what `pred` asks, then until the work that state caused has drained (the exam's
   * activities done: its ledger, claims and timeline written). Updates answer as soon as their event is applied,
   * so a test that reads the effects of a phase waits for them here.
   */
  async waitFor(examId: string, pred: (e: ExamJson) => boolean, what: string, timeoutMs = 30_000): Promise<ExamJson> {
    const deadline = Date.now() + timeoutMs;
    let last: ExamJson | undefined;
    for (;;) {
      try {
        last = await this.exam(examId);
        if (pred(last)) {
          await settled(this.h.env.client.workflow.getHandle(examWorkflowId(examId)));
          const after = await this.exam(examId);
          return pred(after) ? after : last;
        }
      } catch {
        // not recorded yet
      }
      if (Date.now() > deadline) throw new Error(`exam never reached: ${what}; last phase ${last?.phase}, tasks ${last?.openTasks.map((t) => t.type).join(',')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  waitPhase(examId: string, phase: string): Promise<ExamJson> {
    return this.waitFor(examId, (e) => e.phase === phase, `phase ${phase}`);
  }

  /** Waits until the work queue shows an open task of this type for the exam, and returns it. */
  async openTask(examId: string, type: string): Promise<TaskJson> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const res = await this.call('GET', `/v1/tasks?examId=${examId}&type=${type}`, 'supervisor');
      const tasks = (res.body.tasks ?? []) as TaskJson[];
      if (tasks[0]) return tasks[0];
      if (Date.now() > deadline) throw new Error(`no open ${type} task`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /**
   * The claim's 837 as sent to the clearinghouse, once it has been (one segment after another, without the line
   * breaks the file is written with). Fails with the claim id when it is not sent within the time.
   */
  async sentX12(claimId: string, timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await this.h.app.inject({ method: 'GET', url: `/v1/claims/${claimId}/x12`, headers: bearer(this.h.tokens.biller) });
      if (res.statusCode === 200) return res.body.replace(/~\s*/g, '~');
      if (Date.now() > deadline) throw new Error(`claim ${claimId} was never sent (${res.statusCode})`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** The exam's claim of one component (G, T or P), as sent. */
  async sentComponentX12(examId: string, suffix: 'G' | 'T' | 'P'): Promise<string> {
    const exam = await this.waitFor(examId, (e) => e.claims.some((c) => c.claimId.endsWith(`-${suffix}`)), `a -${suffix} claim`);
    return this.sentX12(exam.claims.find((c) => c.claimId.endsWith(`-${suffix}`))!.claimId);
  }

  async tasks(examId: string, status = 'all'): Promise<TaskJson[]> {
    const res = await this.call('GET', `/v1/tasks?examId=${examId}&status=${status}`, 'supervisor');
    return res.body.tasks as TaskJson[];
  }

  performed(examId: string, body: Record<string, unknown> = {}) {
    return this.now().then((now) =>
      this.call('POST', `/v1/exams/${examId}/performed`, 'integration', {
        performedAt: new Date(now).toISOString(),
        placeOfService: '11',
        contrast: false,
        procedures: [{ cpt: '72148', units: 1 }],
        ...body,
      }),
    );
  }

  report(examId: string, body: Record<string, unknown> = {}) {
    return this.now().then((now) =>
      this.call('POST', `/v1/exams/${examId}/report`, 'integration', {
        status: 'final',
        signedAt: new Date(now).toISOString(),
        radiologistNpi: '1234567893',
        diagnoses: ['M54.16'],
        ...body,
      }),
    );
  }

  resolve(taskId: string, role: Role, resolution: Record<string, unknown>) {
    return this.call('POST', `/v1/tasks/${taskId}/resolve`, role, resolution);
  }

  pay(examId: string, amountCents: number, reference: string) {
    return this.call('POST', `/v1/exams/${examId}/payments`, 'front_desk', { amountCents, method: 'card', reference });
  }

  /** Time passes on the test server (the exam's timers fire), then the exam settles. */
  async sleep(duration: Duration): Promise<void> {
    await this.h.env.sleep(duration);
  }

  /** With RCM_RECORD_HISTORIES=1, keeps the exam's latest run for the replay test. */
  async record(examId: string, name: string): Promise<void> {
    if (process.env.RCM_RECORD_HISTORIES !== '1') return;
    await this.saveHistory(examId, name);
  }

  /** Writes the history of the exam's latest run (running or not) to test/replay/histories/<name>.json. */
  async saveHistory(examId: string, name: string): Promise<void> {
    const history = await this.h.env.client.workflow.getHandle(examWorkflowId(examId)).fetchHistory();
    const encoded = Buffer.from(temporal.api.history.v1.History.encode(history).finish()).toString('base64');
    fs.writeFileSync(path.join(__dirname, '..', 'replay', 'histories', `${name}.json`), `${JSON.stringify({ workflowType: 'examWorkflow', encoding: 'proto-base64', history: encoded }, null, 0)}\n`);
  }
}
