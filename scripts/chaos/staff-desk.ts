import type { Role } from '../../platform/roles';
import type { ApiClient } from './api-client';
import type { ExamSpec } from './scenarios';

/**
 * The scripted staff of the chaos run: one client per queue (front desk, coder, biller, supervisor)
 * lists its open tasks through the API and resolves each as a billing team would: self-pay (or cancel)
 * an inactive coverage, approve a prior authorization, accept coding, resubmit a rejection, appeal a
 * denial (or write off / correct a line denial), approve write-offs, refund credits. A resolution the
 * API refuses three times is given up and the task counted as unresolvable.
 */
interface TaskJson {
  taskId: string;
  examId: string | null;
  type: string;
  queue: string;
  claimId: string | null;
  context: Record<string, unknown>;
}

export interface StaffFigures {
  resolved: Record<string, number>;
  refused: Record<string, number>;
  unresolvable: { type: string; status: number; code?: string }[];
  /** tasks seen by type (opened by the engine during the run) */
  seen: Record<string, number>;
}

const QUEUES: Role[] = ['front_desk', 'coder', 'biller', 'supervisor'];
const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export class StaffDesk {
  readonly unresolvable = new Set<string>();
  readonly figures: StaffFigures = { resolved: {}, refused: {}, unresolvable: [], seen: {} };
  private readonly attempts = new Map<string, number>();
  private readonly seen = new Set<string>();
  private readonly done = new Set<string>();

  constructor(
    private readonly api: ApiClient,
    private readonly specOf: (examId: string) => ExamSpec | undefined,
  ) {}

  /** What the person at the queue decides for this task (undefined: leave it open). */
  resolutionFor(task: TaskJson): Record<string, unknown> | undefined {
    const spec = task.examId ? this.specOf(task.examId) : undefined;
    const ctx = task.context ?? {};
    const now = Date.now();
    const note = 'chaos run';
    switch (task.type) {
      case 'eligibility-review':
        return spec?.scenario === 'inactive-cancel' ? { action: 'cancel', reason: 'no active coverage, patient declined', note } : { action: 'self-pay', note };
      case 'prior-auth-obtain':
        return { action: 'approved', authNumber: `AUTH${(spec?.index ?? 0).toString().padStart(6, '0')}`, validFrom: isoDay(now - DAY), validTo: isoDay(now + 90 * DAY), cpts: (spec?.procedures ?? [{ cpt: '72148' }]).map((p) => p.cpt), units: 1, note };
      case 'prior-auth-mismatch':
        return { action: 'not-required', reference: 'CHAOS-NR', note };
      case 'registration-fix':
        return { action: 'corrected', note };
      case 'report-signature-overdue':
        return { action: 'followed-up', note };
      case 'coding-review':
        return { action: 'accept', note };
      case 'claim-rejected':
        return { action: 'resubmit', corrections: ['subscriber id'], note };
      case 'claim-follow-up':
        return { action: 'awaiting-payment', note };
      case 'timely-filing-risk':
      case 'ar-escalation':
        return { action: 'acknowledge', plan: 'working it', note };
      case 'denial-work':
        if (spec?.scenario === 'partial') return spec.partialAction === 'corrected-claim' ? { action: 'corrected-claim', note } : { action: 'write-off-request', reason: 'denial', note };
        if (ctx.nextAppealLevel === null) return { action: 'write-off-request', reason: 'denial', note };
        return { action: 'appeal', note };
      case 'write-off-approval':
        return { action: 'approve', note };
      case 'patient-balance-review':
        return { action: 'continue-statements', note };
      case 'credit-balance-refund': {
        const cents = Number(ctx.creditCents ?? ctx.paidCents);
        return Number.isInteger(cents) && cents > 0 ? { action: 'refunded', reference: `CHAOS-REFUND-${task.taskId.slice(-8)}`, amountCents: cents, note } : undefined;
      }
      case 'underpayment-review':
        return { action: 'accept', reason: 'contract', note };
      case 'no-show-review':
        return { action: 'performed', note };
      case 'claim-build-error':
        return { action: 'write-off-request', reason: 'claim cannot be built', note };
      case 'interface-error':
        return { action: 'cancel', reason: 'interface data unusable', note };
      case 'stalled-exam':
        return { action: 'acknowledge', plan: 'looked at by the supervisor', note };
      case 'remittance-unmatched':
        return { action: 'not-ours', reference: 'CHAOS-NOT-OURS', note };
      default:
        return undefined;
    }
  }

  /** One pass over one queue: each open task gets a decision, a few at a time. */
  async pass(role: Role): Promise<number> {
    const res = await this.api.call('GET', `/v1/tasks?queue=${role}&status=open&limit=100`, role, undefined, { maxAttempts: 4, budgetMs: 30_000 });
    if (res.status !== 200) return 0;
    const waiting: TaskJson[] = [];
    for (const task of (res.body.tasks ?? []) as TaskJson[]) {
      if (!this.seen.has(task.taskId)) {
        this.seen.add(task.taskId);
        this.figures.seen[task.type] = (this.figures.seen[task.type] ?? 0) + 1;
      }
      if (!this.unresolvable.has(task.taskId) && !this.done.has(task.taskId)) waiting.push(task);
    }
    for (let i = 0; i < waiting.length; i += 4) await Promise.all(waiting.slice(i, i + 4).map((task) => this.resolve(role, task)));
    return waiting.length;
  }

  private async resolve(role: Role, task: TaskJson): Promise<void> {
    const resolution = this.resolutionFor(task);
    if (!resolution) return this.giveUp(task, 0, 'no scripted decision');
    const r = await this.api.call('POST', `/v1/tasks/${task.taskId}/resolve`, role, resolution, { idempotencyKey: `resolve:${task.taskId}` });
    const action = String(resolution.action);
    const code = (r.body.error as { code?: string } | undefined)?.code;
    if (r.status === 200 || r.status === 202) {
      this.done.add(task.taskId);
      this.figures.resolved[`${task.type}:${action}`] = (this.figures.resolved[`${task.type}:${action}`] ?? 0) + 1;
    } else if (r.status === 409 && code === 'task_not_open') {
      this.done.add(task.taskId);
    } else {
      const key = `${task.type}:${r.status}${code ? `:${code}` : ''}`;
      this.figures.refused[key] = (this.figures.refused[key] ?? 0) + 1;
      const n = (this.attempts.get(task.taskId) ?? 0) + 1;
      this.attempts.set(task.taskId, n);
      if (n >= 3) this.giveUp(task, r.status, code);
    }
  }

  private giveUp(task: TaskJson, status: number, code?: string): void {
    this.unresolvable.add(task.taskId);
    this.figures.unresolvable.push({ type: task.type, status, ...(code ? { code } : {}) });
  }

  /** Works every queue, each on its own, until `until()` says stop; a pass every `everyMs`. */
  async run(until: () => boolean, everyMs: number): Promise<void> {
    await Promise.all(
      QUEUES.map(async (role) => {
        while (!until()) {
          const worked = await this.pass(role).catch(() => 0);
          if (!until()) await new Promise((r) => setTimeout(r, worked > 0 ? everyMs / 2 : everyMs));
        }
      }),
    );
  }
}
