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

/**
 * The typed client of the API. Every request carries `Authorization: Bearer <getToken()>` (none when
 * it returns undefined); every non-2xx response is thrown as an ApiRequestError, so a call resolves
 * only with data (which suits TanStack Query's queryFn/mutationFn).
 */
export function createApiClient(baseUrl: string, getToken: () => string | undefined, fetchImpl?: typeof fetch): ApiClient {
  const client = createClient<paths>({ baseUrl, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
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
