import { type ApiHarness, startApiHarness } from '../support/api-harness';

/** What this test uses of console/src/api/client.ts (the console's code is type-checked by console/tsconfig.json). */
interface ConsoleClient {
  ApiRequestError: new (...args: never[]) => Error & { status: number; code: string; requestId?: string };
  createApiClient(
    baseUrl: string,
    getToken: () => string | undefined,
    fetchImpl?: typeof fetch,
  ): { GET(path: string, init: Record<string, unknown>): Promise<{ data?: Record<string, unknown>; response: Response }> };
}
// Loaded at run time only: an import would make the server's build compile (and emit) the console's module.
const { ApiRequestError, createApiClient } = jest.requireActual<ConsoleClient>('../../console/src/api/client');
type ApiRequestError = InstanceType<ConsoleClient['ApiRequestError']>;

/**
 * The console's typed client against the real API: the bearer token on every request, answers as data, and
 * every refusal as an ApiRequestError with the server's status, code and message (what the console shows).
 */
let h: ApiHarness;
let token: string | undefined;

/** fetch, answered by the app in-process (no port). */
const viaInject = async (input: Request): Promise<Response> => {
  const res = await h.app.inject({
    method: input.method as 'GET',
    url: new URL(input.url).pathname + new URL(input.url).search,
    headers: Object.fromEntries(input.headers.entries()),
    ...(input.body ? { payload: Buffer.from(await input.arrayBuffer()) } : {}),
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) headers.set(name, String(value));
  return new Response(res.statusCode === 204 ? null : res.rawPayload, { status: res.statusCode, headers });
};

beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('createApiClient', () => {
  const api = () => createApiClient('http://console.test', () => token, viaInject as typeof fetch);

  it('sends the token and resolves with the typed body', async () => {
    token = h.tokens.supervisor;
    const { data, response } = await api().GET('/v1/tasks', { params: { query: { status: 'all', limit: 5 } } });
    expect(response.status).toBe(200);
    expect(Array.isArray(data?.tasks)).toBe(true);
    expect(data?.nextCursor === null || typeof data?.nextCursor === 'string').toBe(true);
  });

  it('throws the API error with its status, code and message', async () => {
    token = h.tokens.supervisor;
    const missing = api().GET('/v1/tasks/{taskId}', { params: { path: { taskId: 'no-such-task' } } });
    await expect(missing).rejects.toBeInstanceOf(ApiRequestError);
    await expect(missing).rejects.toMatchObject({ status: 404, code: 'not_found', message: 'task not found' });

    token = h.tokens.coder;
    const refused = await api().GET('/v1/reports/ar-aging', {}).catch((err: unknown) => err);
    expect(refused).toMatchObject({ status: 403, code: 'forbidden' });
    expect((refused as ApiRequestError).requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends no Authorization header without a token: 401', async () => {
    token = undefined;
    const err = await api().GET('/v1/claims', {}).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 401, code: 'unauthenticated' });
  });

  it('names a body that is not the API error shape by its status', async () => {
    token = h.tokens.supervisor;
    const proxy = async () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway', headers: { 'content-type': 'text/html' } });
    const err = await createApiClient('http://console.test', () => token, proxy as typeof fetch).GET('/v1/claims', {}).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 502, code: 'http_error', message: 'the server answered 502 Bad Gateway' });
  });
});
