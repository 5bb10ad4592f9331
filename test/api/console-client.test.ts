import { type ApiHarness, startApiHarness } from '../support/api-harness';

/** What this test uses of console/src/api/client.ts (the console's code is type-checked by console/tsconfig.json). */
interface ConsoleClient {
  ApiRequestError: new (...args: never[]) => Error & { status: number; code: string; requestId?: string };
  createApiClient(
    baseUrl: string,
    getToken: () => string | undefined,
    fetchImpl?: typeof fetch,
  ): {
    GET(path: string, init: Record<string, unknown>): Promise<{ data?: Record<string, unknown>; response: Response }>;
    POST(path: string, init: Record<string, unknown>): Promise<{ data?: Record<string, unknown>; response: Response }>;
  };
  resendingUntakenEvents(fetchImpl: typeof fetch, wait?: (ms: number) => Promise<void>): typeof fetch;
  UNTAKEN_EVENT_RESENDS: number;
}
// Loaded at run time only: an import would make the server's build compile (and emit) the console's module.
const { ApiRequestError, createApiClient, resendingUntakenEvents, UNTAKEN_EVENT_RESENDS } = jest.requireActual<ConsoleClient>('../../console/src/api/client');
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

describe('an event the exam has not taken yet (202 with Retry-After)', () => {
  const pending = (accepted: boolean) =>
    new Response(JSON.stringify({ status: 'pending', accepted, examId: 'ex_1', location: '/v1/exams/ex_1', updateId: 'resolveTask:t1', message: 'm' }), {
      status: 202,
      headers: { 'content-type': 'application/json', location: '/v1/exams/ex_1', ...(accepted ? {} : { 'retry-after': '1' }) },
    });
  const resolved = () => new Response(JSON.stringify({ task: { taskId: 't1', status: 'resolved' } }), { status: 200, headers: { 'content-type': 'application/json' } });

  it('is sent again, the same request each time, until the exam answers', async () => {
    const sent: { method: string; url: string; body: string }[] = [];
    const answers = [pending(false), pending(false), resolved()];
    const server = async (request: Request) => {
      sent.push({ method: request.method, url: request.url, body: await request.text() });
      return answers.shift()!;
    };
    const waits: number[] = [];
    const resending = resendingUntakenEvents(server as typeof fetch, async (ms) => void waits.push(ms));
    const res = await resending(new Request('http://console.test/v1/tasks/t1/resolve', { method: 'POST', body: JSON.stringify({ action: 'accept' }) }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ task: { status: 'resolved' } });
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((s) => JSON.stringify(s)))).toEqual(new Set([JSON.stringify({ method: 'POST', url: 'http://console.test/v1/tasks/t1/resolve', body: '{"action":"accept"}' })]));
    expect(waits).toEqual([1000, 1000]);
  });

  it('is not sent again once the exam took it (202 without Retry-After), nor past the limit', async () => {
    let calls = 0;
    const taken = resendingUntakenEvents((async () => ((calls += 1), pending(true))) as typeof fetch, async () => undefined);
    expect((await taken('http://console.test/v1/exams/ex_1/payments', { method: 'POST', body: '{}' })).status).toBe(202);
    expect(calls).toBe(1);

    calls = 0;
    const never = resendingUntakenEvents((async () => ((calls += 1), pending(false))) as typeof fetch, async () => undefined);
    const last = await never('http://console.test/v1/exams/ex_1/payments', { method: 'POST', body: '{}' });
    expect(last.status).toBe(202);
    expect(await last.json()).toMatchObject({ accepted: false });
    expect(calls).toBe(UNTAKEN_EVENT_RESENDS + 1);
  });

  it('through the typed client, the answer is the exam\'s', async () => {
    token = h.tokens.supervisor;
    const answers = [pending(false), resolved()];
    const client = createApiClient('http://console.test', () => token, (async () => answers.shift()!) as typeof fetch);
    const { data, response } = await client.POST('/v1/tasks/{taskId}/resolve', { params: { path: { taskId: 't1' } }, body: { action: 'accept' } });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ task: { taskId: 't1' } });
    expect(answers).toHaveLength(0);
  });
});
