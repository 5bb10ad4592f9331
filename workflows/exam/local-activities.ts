import { ActivityFailure, type ActivityInterfaceFor, CancelledFailure, type LocalActivityOptions, TemporalFailure, proxyLocalActivities } from '@temporalio/workflow';

/**
 * Local activities whose failures reach the exam as a scheduled activity's do: an `ActivityFailure` whose cause is
 * the activity's own failure (the failure the exam turns into work for a person, see work-failure.ts). A local
 * activity's failure otherwise arrives as that cause alone, and the exam's handlers, written for activities on the
 * server, would let it fail the whole exam. Cancellation passes as it is.
 */
export function proxyLocalActivitiesAsScheduled<A extends object>(options: LocalActivityOptions): ActivityInterfaceFor<A> {
  const local = proxyLocalActivities<A>(options) as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  return new Proxy({} as ActivityInterfaceFor<A>, {
    get(_target, name) {
      if (typeof name !== 'string') return undefined;
      return async (...args: unknown[]) => {
        try {
          return await local[name]!(...args);
        } catch (err) {
          if (err instanceof ActivityFailure || err instanceof CancelledFailure || !(err instanceof TemporalFailure)) throw err;
          throw new ActivityFailure(`local activity ${name} failed`, name, undefined, 'NON_RETRYABLE_FAILURE', undefined, err);
        }
      };
    },
  });
}
