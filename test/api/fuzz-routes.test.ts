import fc from 'fast-check';
import type { Role } from '../../platform/roles';
import { ROLES } from '../../platform/roles';
import { type ApiHarness, bearer, startApiHarness } from '../support/api-harness';

/**
 * Every operation of the API's own OpenAPI document, driven with generated path parameters, query
 * strings, headers and bodies, by every role and by nobody: no answer is a server error. The few 5xx the
 * engine may legitimately give (501 for what is not built) are named.
 */
let h: ApiHarness;
interface Operation { method: string; path: string; params: string[] }
let operations: Operation[];

beforeAll(async () => {
  h = await startApiHarness({ API_RATE_LIMIT_PER_MINUTE: '1000000', API_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '1000000' });
  const doc = (await h.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
  operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods)
      .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map((method) => ({ method: method.toUpperCase(), path, params: [...path.matchAll(/\{(\w+)\}/g)].map((x) => x[1]!) })),
  );
});
afterAll(async () => h?.close());

const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u0000', '%00', '..%2F..%2Fetc%2Fpasswd', '9999999999999999999', '-1', '1e308', 'null', '[]', '{}', 'ex_00000000000000000000', 'A'.repeat(5000), '%E0%A4%A', "' OR 1=1 --", '<script>'),
);
const jsonish = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.record({ action: fc.constantFrom('appeal', 'accept', 'correct', 'self-pay', 'cancel'), reason: nasty, note: nasty }),
  fc.dictionary(fc.constantFrom('accessionNumber', 'facility', 'patient', 'coverages', 'order', 'performedAt', 'procedures', 'status', 'amountCents', 'reference', 'method', 'cursor', 'limit'), fc.anything({ maxDepth: 2 })),
);
const contentType = fc.constantFrom('application/json', 'text/plain', 'application/x12', 'multipart/form-data', 'multipart/form-data; boundary=x', 'application/octet-stream', 'text/csv', undefined);
const who = fc.constantFrom<Role | 'nobody' | 'garbage'>(...ROLES, 'nobody', 'garbage');

function fill(path: string, values: string[]): string {
  let i = 0;
  return path.replace(/\{\w+\}/g, () => encodeURIComponent(values[i++] ?? 'x'));
}

test('no generated request to any operation, by any role or none, gets a 5xx (501 aside for what is not built)', async () => {
  expect(operations.length).toBeGreaterThan(30);
  const serverErrors: string[] = [];
  await fc.assert(
    fc.asyncProperty(
      fc.nat({ max: operations.length - 1 }),
      fc.array(nasty, { minLength: 3, maxLength: 3 }),
      fc.dictionary(fc.constantFrom('cursor', 'limit', 'status', 'queue', 'from', 'to', 'payerId', 'examId', 'type', 'overdue', 'assignee', 'appealLevel', 'documentId'), nasty, { maxKeys: 3 }),
      fc.oneof(jsonish.map((v) => JSON.stringify(v)), nasty),
      contentType,
      who,
      fc.dictionary(fc.constantFrom('idempotency-key', 'x-request-id', 'cookie', 'x-forwarded-for', 'accept'), nasty, { maxKeys: 2 }),
      async (index, values, query, body, type, role, extraHeaders) => {
        const op = operations[index]!;
        const url = `${fill(op.path, values)}?${new URLSearchParams(query).toString()}`;
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(extraHeaders)) if (/^[\t\x20-\x7e]*$/.test(v)) headers[k] = v;
        if (role === 'garbage') headers.authorization = 'Bearer not.a.token';
        else if (role !== 'nobody') Object.assign(headers, bearer(h.tokens[role]));
        if (type) headers['content-type'] = type;
        const res = await h.app.inject({ method: op.method as 'GET', url, headers, ...(op.method === 'GET' || op.method === 'DELETE' ? {} : { payload: body }) });
        if (res.statusCode >= 500 && res.statusCode !== 501) serverErrors.push(`${op.method} ${op.path} as ${role}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        return true;
      },
    ),
    { numRuns: Number(process.env.RCM_FUZZ_RUNS ?? 1500), seed: Number(process.env.RCM_FUZZ_SEED ?? 20261206) },
  );
  expect(serverErrors).toEqual([]);
});

/** DESIGN §1 and §5, as the routes declare them: who may call what (a supervisor does everything staff do). */
const EXPECTED_ROLES: Record<string, readonly string[] | 'public'> = {
  'POST /v1/exams': ['integration', 'front_desk', 'supervisor'],
  'GET /v1/exams/{examId}/history': ['supervisor'],
  'POST /v1/exams/{examId}/performed': ['integration'],
  'POST /v1/exams/{examId}/report': ['integration'],
  'POST /v1/exams/{examId}/cancel': ['front_desk', 'supervisor'],
  'GET /v1/exams/{examId}/ledger': ['biller', 'supervisor'],
  'POST /v1/exams/{examId}/payments': ['front_desk', 'biller', 'supervisor'],
  'GET /v1/claims/{claimId}/x12': ['biller', 'coder', 'supervisor'],
  'GET /v1/reports/ar-aging': ['supervisor'],
  'GET /v1/reports/kpis': ['supervisor'],
  'GET /v1/reports/denials': ['supervisor'],
  'GET /v1/payers/{payerId}': ['admin'],
  'PUT /v1/payers/{payerId}': ['admin'],
  'GET /v1/audit': ['supervisor', 'admin'],
  'POST /v1/remittances': ['integration', 'biller', 'supervisor'],
  'POST /v1/acknowledgments': ['integration', 'biller', 'supervisor'],
};

test('the role x route matrix: each route admits exactly the roles DESIGN gives it, and refuses the others with 403', async () => {
  const mismatches: string[] = [];
  for (const [key, expected] of Object.entries(EXPECTED_ROLES)) {
    const [method, path] = key.split(' ') as [string, string];
    expect(operations.some((o) => o.method === method && o.path === path)).toBe(true);
    for (const role of ROLES) {
      const url = path.replace(/\{\w+\}/g, 'zz_unknown_0000000000');
      const res = await h.app.inject({ method: method as 'GET', url, headers: { ...bearer(h.tokens[role]), 'content-type': 'application/json' }, ...(method === 'GET' ? {} : { payload: '{}' }) });
      const admitted = res.statusCode !== 403;
      if (admitted !== (expected as readonly string[]).includes(role)) mismatches.push(`${key} as ${role}: ${res.statusCode}`);
    }
  }
  expect(mismatches).toEqual([]);
});
