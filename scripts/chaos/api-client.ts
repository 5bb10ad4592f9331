import { signToken } from '../../api/tokens';
import { CHAOS_JWT } from './stack';
import type { Role } from '../../platform/roles';
import { percentile } from '../percentile';

/**
 * The chaos run's HTTP client: what a RIS interface or a staff console does against the API, to
 * 127.0.0.1 only. It retries what the API says to retry (503, 429, 202 with Retry-After), and what a
 * dead or restarting API looks like (connection refused or reset, a request that never answers),
 * within a bounded number of attempts and a bounded time. Every POST carries an Idempotency-Key, so a
 * retry is the same request. Each answer is counted by status.
 */
export interface ApiAnswer {
  status: number;
  body: Record<string, unknown>;
  attempts: number;
}

export interface CallOptions {
  idempotencyKey?: string;
  /** attempts before the last answer is returned as it is (default 40) */
  maxAttempts?: number;
  /** the whole call, retries included (default 5 minutes) */
  budgetMs?: number;
  /** one attempt (default 60 s: an event call may wait while the exam works) */
  attemptTimeoutMs?: number;
}

const RETRY_STATUS = new Set([429, 502, 503, 504]);

export class ApiClient {
  private tokens = new Map<Role, string>();
  readonly statusCounts: Record<string, number> = {};
  readonly latencies: number[] = [];
  /** requests answered 500 (never retried blindly: counted, then retried like an outage) */
  readonly serverErrors: { at: number; method: string; route: string; status: number; code?: string }[] = [];
  retries = 0;
  timeouts = 0;
  connectionErrors = 0;
  givenUp = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly secret: string,
    private readonly stopping: () => boolean,
  ) {}

  private async token(role: Role): Promise<string> {
    let t = this.tokens.get(role);
    if (!t) {
      t = await signToken(this.secret, { sub: `chaos-${role.replace('_', '-')}`, roles: [role] }, '12h', CHAOS_JWT);
      this.tokens.set(role, t);
    }
    return t;
  }

  private count(key: string): void {
    this.statusCounts[key] = (this.statusCounts[key] ?? 0) + 1;
  }

  async call(method: 'GET' | 'POST', url: string, role: Role, body?: unknown, opts: CallOptions = {}): Promise<ApiAnswer> {
    const maxAttempts = opts.maxAttempts ?? 40;
    const deadline = Date.now() + (opts.budgetMs ?? 300_000);
    const headers: Record<string, string> = { authorization: `Bearer ${await this.token(role)}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
    let last: ApiAnswer = { status: 0, body: {}, attempts: 0 };
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      let waitMs = Math.min(500 * 2 ** Math.min(attempt - 1, 4), 8000) * (0.75 + Math.random() * 0.5);
      const t0 = performance.now();
      try {
        const res = await fetch(this.baseUrl + url, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(opts.attemptTimeoutMs ?? 60_000),
        });
        const text = await res.text();
        this.latencies.push(performance.now() - t0);
        this.count(String(res.status));
        let parsed: Record<string, unknown> = {};
        try {
          parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
        } catch {
          parsed = { raw: text.slice(0, 200) };
        }
        last = { status: res.status, body: parsed, attempts: attempt };
        const retryAfter = Number(res.headers.get('retry-after'));
        if (Number.isFinite(retryAfter) && retryAfter > 0) waitMs = Math.min(retryAfter * 1000, 30_000);
        if (res.status >= 500 && !RETRY_STATUS.has(res.status)) {
          const code = (parsed.error as { code?: string } | undefined)?.code;
          this.serverErrors.push({ at: Date.now(), method, route: url.replace(/ex_[0-9a-z]{20}/g, ':examId').replace(/\/tasks\/[^/?]+/, '/tasks/:taskId').split('?')[0]!, status: res.status, ...(code ? { code } : {}) });
        } else if (!(RETRY_STATUS.has(res.status) || (res.status === 202 && res.headers.has('retry-after')))) {
          return last;
        }
      } catch (err) {
        const name = (err as Error).name;
        if (name === 'TimeoutError' || name === 'AbortError') {
          this.timeouts += 1;
          this.count('timeout');
        } else {
          this.connectionErrors += 1;
          this.count('connection-error');
        }
        last = { status: 0, body: { error: { code: name } }, attempts: attempt };
      }
      if (attempt === maxAttempts || Date.now() + waitMs > deadline || this.stopping()) break;
      this.retries += 1;
      await new Promise((r) => setTimeout(r, waitMs));
    }
    this.givenUp += 1;
    return last;
  }

  summary() {
    return {
      requests: this.latencies.length,
      byStatus: this.statusCounts,
      retries: this.retries,
      timeouts: this.timeouts,
      connectionErrors: this.connectionErrors,
      callsGivenUp: this.givenUp,
      status500: this.serverErrors.length,
      serverErrorsByRoute: this.serverErrors.reduce<Record<string, number>>((acc, e) => {
        const key = `${e.status} ${e.method} ${e.route}${e.code ? ` (${e.code})` : ''}`;
        acc[key] = (acc[key] ?? 0) + 1;
        return acc;
      }, {}),
      latencyMs: { p50: Math.round(percentile(this.latencies, 50)), p99: Math.round(percentile(this.latencies, 99)), max: Math.round(this.latencies.reduce((m, v) => Math.max(m, v), 0)) },
    };
  }
}
