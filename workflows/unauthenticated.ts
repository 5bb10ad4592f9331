import { ApplicationFailure, log } from '@temporalio/workflow';

/**
 * What the worker's payload codec hands the workflows in place of a payload that was not encrypted with
 * the payload key: anything sent straight to Temporal in clear (a forged update, signal or start) is
 * nobody's. AES-GCM authenticates, so only holders of the key can speak to an exam.
 */
export const UNAUTHENTICATED_PAYLOAD_KEY = '$rcmUnauthenticatedPayload';

export function isUnauthenticated(value: unknown): boolean {
  return typeof value === 'object' && value !== null && UNAUTHENTICATED_PAYLOAD_KEY in value;
}

/** A signal handler that ignores (and logs, without content) a signal whose payload was not encrypted. */
export function authenticatedSignal<A extends unknown[]>(name: string, handler: (...args: A) => void): (...args: A) => void {
  return (...args: A) => {
    if (args.some(isUnauthenticated)) {
      log.warn('unauthenticated signal ignored', { signal: name });
      return;
    }
    handler(...args);
  };
}

/** A workflow started with an input that was not encrypted fails at once, having done nothing. */
export function refuseUnauthenticatedStart(input: unknown): void {
  if (isUnauthenticated(input)) throw ApplicationFailure.create({ type: 'UnauthenticatedPayload', message: 'the workflow input was not encrypted with the payload key', nonRetryable: true });
}
