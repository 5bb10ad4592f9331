import { proxyActivities } from '@temporalio/workflow';

const { noop } = proxyActivities<{ noop(i: number): Promise<number> }>({ startToCloseTimeout: '30 seconds' });

/** The bench's yardstick: a bare workflow running `activities` no-op activities one after another. */
export async function benchNoopWorkflow(activities: number): Promise<number> {
  let sum = 0;
  for (let i = 0; i < activities; i += 1) sum += await noop(i);
  return sum;
}
