import fc from 'fast-check';
import { type ApiHarness, bearer, startApiHarness } from '../support/api-harness';
import { readSample } from '../domain/x12/support/samples';

/**
 * Mutated payer files posted to the ingestion routes as a clearinghouse or a biller would: each gets a 2xx
 * (stored and delivered, or recognised as a file already received) or a 4xx naming what is wrong, never a
 * server error. The slowest answer is printed as a figure (not asserted: speed belongs to the benchmark).
 */
let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness({ API_RATE_LIMIT_PER_MINUTE: '1000000', API_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '1000000' });
});
afterAll(async () => h?.close());

const seeds = [
  { route: '/v1/remittances', bytes: readSample('835', 'tasty__profee.edi') },
  { route: '/v1/remittances', bytes: readSample('835', 'lfh__managed-care.835') },
  { route: '/v1/remittances', bytes: readSample('835', 'pyx12__835_mult_loops.txt') },
  { route: '/v1/acknowledgments', bytes: readSample('999', 'imsweb__x12_999_rejected.txt') },
  { route: '/v1/acknowledgments', bytes: readSample('277ca', 'imsweb__x12_277CA_rejected.txt') },
];

const mutation = fc.record({
  seed: fc.nat({ max: seeds.length - 1 }),
  edits: fc.array(
    fc.record({
      kind: fc.constantFrom('flip', 'truncate', 'delete', 'duplicate', 'insert', 'nul', 'delimiter', 'swap-route'),
      at: fc.nat(),
      length: fc.integer({ min: 1, max: 64 }),
      byte: fc.integer({ min: 0, max: 255 }),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  type: fc.constantFrom('application/edi-x12', 'text/plain', 'multipart'),
});

function mutate(input: Uint8Array, edits: { kind: string; at: number; length: number; byte: number }[]): { bytes: Buffer; swap: boolean } {
  let bytes = Buffer.from(input);
  let swap = false;
  for (const e of edits) {
    const at = bytes.length === 0 ? 0 : e.at % bytes.length;
    if (e.kind === 'flip') bytes[at] = e.byte;
    else if (e.kind === 'truncate') bytes = bytes.subarray(0, at);
    else if (e.kind === 'delete') bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + e.length)]);
    else if (e.kind === 'duplicate') bytes = Buffer.concat([bytes.subarray(0, at + e.length), bytes.subarray(at)]);
    else if (e.kind === 'insert') bytes = Buffer.concat([bytes.subarray(0, at), Buffer.alloc(e.length, e.byte), bytes.subarray(at)]);
    else if (e.kind === 'nul') bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([0]), bytes.subarray(at)]);
    else if (e.kind === 'delimiter') bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from('~*:^'.charAt(e.byte % 4)), bytes.subarray(at)]);
    else swap = true;
  }
  return { bytes, swap };
}

function multipart(bytes: Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = 'rcmfuzzboundary';
  const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="payer.x12"\r\nContent-Type: application/edi-x12\r\n\r\n`), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

test('mutated 835, 999 and 277CA files posted to the ingestion routes: never a 5xx, every refusal says what is wrong', async () => {
  const serverErrors: string[] = [];
  const statuses = new Map<number, number>();
  let slowestMs = 0;
  await fc.assert(
    fc.asyncProperty(mutation, async ({ seed, edits, type }) => {
      const base = seeds[seed]!;
      const { bytes, swap } = mutate(base.bytes, edits);
      const route = swap ? (base.route === '/v1/remittances' ? '/v1/acknowledgments' : '/v1/remittances') : base.route;
      const body = type === 'multipart' ? multipart(bytes) : { payload: bytes, headers: { 'content-type': type } };
      const started = performance.now();
      const res = await h.app.inject({ method: 'POST', url: route, headers: { ...bearer(h.tokens.integration), ...body.headers }, payload: body.payload });
      slowestMs = Math.max(slowestMs, performance.now() - started);
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      if (res.statusCode >= 500) serverErrors.push(`${route} ${type}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      else if (res.statusCode >= 400) {
        const error = res.json().error as { code: string; message: string };
        expect(error.code).toMatch(/\w/);
        expect(error.message.length).toBeGreaterThan(5);
      }
      return true;
    }),
    { numRuns: Number(process.env.RCM_FUZZ_X12_RUNS ?? 400), seed: Number(process.env.RCM_FUZZ_SEED ?? 20261206) },
  );
  process.stdout.write(`x12 ingestion fuzz: statuses ${JSON.stringify(Object.fromEntries(statuses))}, slowest answer ${slowestMs.toFixed(0)} ms\n`);
  expect(serverErrors).toEqual([]);
});
