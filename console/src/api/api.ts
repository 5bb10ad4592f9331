import { getToken, signOut } from '../auth';
import { ApiRequestError, createApiClient } from './client';

/** The one client of the console: same origin as the page, the session's bearer token on every request. */
export const api = createApiClient(window.location.origin, getToken);

/** The body of a typed call's answer (the client throws on any non-2xx, so there is one). */
export async function body<T>(call: Promise<{ data?: T }>): Promise<NonNullable<T>> {
  const { data } = await call;
  return data as NonNullable<T>;
}

api.use({
  onError({ error }) {
    // an expired or revoked token: back to the sign-in, with nothing kept
    if (error instanceof ApiRequestError && error.status === 401) signOut();
  },
  onResponse({ response }) {
    if (response.status === 401) signOut();
    return undefined;
  },
});

const PLAIN: Record<string, string> = {
  task_assigned: 'Someone else is working on this task. Ask them, or a supervisor, to release it first.',
  task_not_open: 'This task is already closed (someone resolved it, or the exam moved on). The queue has been refreshed.',
  forbidden: 'Your role may not do this.',
  not_found: 'It no longer exists, or your role may not see it.',
  unauthenticated: 'Your session has ended. Sign in again.',
  token_expired: 'Your session has expired. Sign in again.',
  invalid_token: 'Your token is not accepted. Sign in again.',
  rate_limited: 'Too many requests just now. Wait a moment and try again.',
  temporarily_unavailable: 'The engine cannot be reached right now. Try again in a few seconds; nothing was lost.',
  exam_not_ready: 'The exam is still being recorded. Try again in a few seconds.',
  conflict: 'This conflicts with what was already recorded.',
};

/** What went wrong, in plain words, with what to do; the server's own message and field issues follow. */
export function plainWords(err: unknown): string {
  if (err instanceof ApiRequestError) {
    const issues = issuesOf(err);
    const lead = PLAIN[err.code] ?? (err.status === 422 ? 'The engine did not accept this:' : err.status >= 500 ? 'The engine could not do this now. Try again; if it repeats, give the request id to IT.' : '');
    const detail = issues.length > 0 ? issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ') : err.message;
    const id = err.status >= 500 && err.requestId ? ` (request ${err.requestId})` : '';
    return `${lead ? `${lead} ` : ''}${lead.endsWith(':') || !PLAIN[err.code] ? detail : `(${detail})`}${id}`.trim();
  }
  if (err instanceof TypeError) return 'The engine cannot be reached. Check your network connection and try again.';
  return err instanceof Error ? err.message : 'Something went wrong.';
}

export function issuesOf(err: unknown): { path: string; message: string }[] {
  if (!(err instanceof ApiRequestError)) return [];
  const d = err.details as unknown;
  const list = Array.isArray(d) ? d : Array.isArray((d as { issues?: unknown })?.issues) ? (d as { issues: unknown[] }).issues : [];
  return list
    .filter((i): i is { path?: unknown; message: string } => typeof (i as { message?: unknown })?.message === 'string')
    .map((i) => ({ path: typeof i.path === 'string' ? i.path : Array.isArray(i.path) ? i.path.join('.') : '', message: i.message }));
}

export { ApiRequestError };
