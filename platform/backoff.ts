/** Retry pacing for a process waiting on PostgreSQL or Temporal: 0.5 s doubling to `maxMs` (default 15 s). */
export class Backoff {
  private delay: number;

  constructor(
    private readonly initialMs = 500,
    private readonly maxMs = 15_000,
  ) {
    this.delay = initialMs;
  }

  /** Waits the current delay, then doubles it (up to the maximum). Returns the time waited. */
  async wait(): Promise<number> {
    const waited = this.delay;
    await new Promise((resolve) => setTimeout(resolve, waited));
    this.delay = Math.min(this.delay * 2, this.maxMs);
    return waited;
  }

  reset(): void {
    this.delay = this.initialMs;
  }
}

/**
 * Runs `attempt` until it succeeds, waiting with backoff after each failure the caller calls transient
 * (`retryable`); `stopped()` ends the wait early (the process is shutting down) by rethrowing the last error.
 */
export async function untilItWorks<T>(attempt: () => Promise<T>, opts: { retryable: (err: unknown) => boolean; onRetry: (err: unknown, waitMs: number) => void; stopped?: () => boolean }): Promise<T> {
  const backoff = new Backoff();
  for (;;) {
    try {
      return await attempt();
    } catch (err) {
      if (!opts.retryable(err) || opts.stopped?.()) throw err;
      opts.onRetry(err, await backoff.wait());
    }
  }
}
