import { Context } from '@temporalio/activity';

/** Tell Temporal this activity is alive; a no-op outside an activity (a direct call from a test or another activity). */
export function heartbeat(details?: unknown): void {
  let context: Context;
  try {
    context = Context.current();
  } catch {
    return;
  }
  context.heartbeat(details);
}

/**
 * Runs work that may take long (a file sent, a payer waited on) while heartbeating, so that a worker
 * that dies mid-way is noticed within the heartbeat timeout instead of the start-to-close limit.
 */
export async function whileHeartbeating<T>(work: () => Promise<T>, everyMs = 2000): Promise<T> {
  heartbeat();
  const timer = setInterval(() => heartbeat(), everyMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
