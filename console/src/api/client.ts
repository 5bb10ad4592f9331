import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

/** The API's error body (every 4xx/5xx): `{ error: { code, message, details? } }`. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** A response that is not 2xx: its status and the server's code and message, ready to show to a person. */
export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** the X-Request-Id of the response: the server's logs know the request by it */
    readonly requestId?: string,
  ) {
    super(message);
  }
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  const error = (value as { error?: unknown } | null)?.error as { code?: unknown; message?: unknown } | undefined;
  return typeof error === 'object' && error !== null && typeof error.code === 'string' && typeof error.message === 'string';
}

/** What a non-2xx response says, also when its body is not the API's JSON (a proxy's page, a cut connection). */
export async function toApiRequestError(response: Response): Promise<ApiRequestError> {
  const requestId = response.headers.get('x-request-id') ?? undefined;
  let body: unknown;
  try {
    body = await response.clone().json();
  } catch {
    body = undefined;
  }
  if (isErrorBody(body)) return new ApiRequestError(response.status, body.error.code, body.error.message, body.error.details, requestId);
  return new ApiRequestError(response.status, 'http_error', `the server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`, undefined, requestId);
}

export type ApiClient = Client<paths>;

/** How many times an event the exam has not taken yet (202 with Retry-After) is sent again before that 202 is the answer. */
export const UNTAKEN_EVENT_RESENDS = 10;

/**
 * fetch that sends an event again while the API answers 202 with Retry-After: no worker took it within the deadline,
 * and Temporal may drop it. The same request (its task id or Idempotency-Key) is applied once however often it is
 * sent. A 202 without Retry-After (the exam took the event) is the answer.
 */
export function resendingUntakenEvents(fetchImpl: typeof fetch, wait: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms))): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    for (let sent = 0; ; sent += 1) {
      const response = await fetchImpl(request.clone());
      const after = Number(response.headers.get('retry-after'));
      if (response.status !== 202 || request.method === 'GET' || !(after > 0) || sent >= UNTAKEN_EVENT_RESENDS) return response;
      await wait(Math.min(after, 10) * 1000);
    }
  };
}

/**
 * The typed client of the API. Every request carries `Authorization: Bearer <getToken()>` (none when
 * it returns undefined); every non-2xx response is thrown as an ApiRequestError, so a call resolves
 * only with data (which suits TanStack Query's queryFn/mutationFn). An event the exam has not taken yet is sent
 * again as the API asks (`resendingUntakenEvents`).
 */
export function createApiClient(baseUrl: string, getToken: () => string | undefined, fetchImpl?: typeof fetch): ApiClient {
  const client = createClient<paths>({ baseUrl, fetch: resendingUntakenEvents(fetchImpl ?? ((request) => fetch(request))) });
  const middleware: Middleware = {
    onRequest({ request }) {
      const token = getToken();
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      return request;
    },
    async onResponse({ response }) {
      if (!response.ok) throw await toApiRequestError(response);
      return response;
    },
  };
  client.use(middleware);
  return client;
}
