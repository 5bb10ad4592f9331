import { type ApiHarness, bearer, startApiHarness } from '../support/api-harness';
import { givenEntity } from '../support/money-setup';

let h: ApiHarness;

beforeAll(async () => {
  h = await startApiHarness();
  await givenEntity(h.database.db, 'cm-center');
}, 120_000);
afterAll(async () => h?.close());

const call = (method: 'GET' | 'PUT' | 'POST', url: string, role: keyof ApiHarness['tokens'], payload?: unknown, contentType?: string) =>
  h.app.inject({
    method, url,
    headers: { ...bearer(h.tokens[role]), ...(contentType ? { 'content-type': contentType } : {}) },
    ...(payload === undefined ? {} : { payload: payload as string }),
  });

const CSV = [
  'code,modifier,price_cents,revenue_code,effective_from,effective_to,description',
  '72148,,180000,0612,2025-01-01,2025-12-31,MR lumbar spine without contrast',
  '72148,,195000,0612,2026-01-01,,MR lumbar spine without contrast',
  '72148,26,32000,,2025-01-01,,MR lumbar spine reading',
  'A9552,,45000,0343,2025-01-01,,FDG dose',
].join('\n');

describe('chargemaster API', () => {
  it('an admin imports a CSV; supervisors read the items in effect on a date; others are refused', async () => {
    const imported = await call('POST', '/v1/chargemaster/cm-center/import', 'admin', CSV, 'text/csv');
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({ entityId: 'cm-center', stored: 4 });
    const onDate = await call('GET', '/v1/chargemaster/cm-center?date=2026-03-01&code=72148', 'supervisor');
    expect(onDate.statusCode).toBe(200);
    expect(onDate.json().items.map((i: { modifier: string; priceCents: number }) => [i.modifier, i.priceCents])).toEqual([['', 195_000], ['26', 32_000]]);
    expect((await call('GET', '/v1/chargemaster/cm-center', 'biller')).statusCode).toBe(403);
    expect((await call('POST', '/v1/chargemaster/cm-center/import', 'supervisor', CSV, 'text/csv')).statusCode).toBe(403);
  });

  it('a bad CSV is refused whole with 422 naming each row and column; what was stored stays', async () => {
    const bad = await call('POST', '/v1/chargemaster/cm-center/import', 'admin', `${CSV}\n7014,,12.50,0350,2025-01-01,,\n70450,,100,350X,2025-13-01,,`, 'text/csv');
    expect(bad.statusCode).toBe(422);
    const details = bad.json().error.details as { row: number; column: string }[];
    expect(details).toEqual(expect.arrayContaining([
      expect.objectContaining({ row: 6, column: 'price_cents' }),
      expect.objectContaining({ row: 7, column: 'revenue_code' }),
      expect.objectContaining({ row: 7, column: 'effective_from' }),
    ]));
    const all = await call('GET', '/v1/chargemaster/cm-center', 'admin');
    expect(all.json().items).toHaveLength(4);
  });

  it('PUT replaces the chargemaster with JSON items (overlaps refused), audited', async () => {
    const overlap = await call('PUT', '/v1/chargemaster/cm-center', 'admin', { items: [
      { code: '70450', priceCents: 90_000, effectiveFrom: '2025-01-01' },
      { code: '70450', priceCents: 95_000, effectiveFrom: '2025-06-01' },
    ] });
    expect(overlap.statusCode).toBe(422);
    expect(overlap.json().error.details).toEqual([expect.objectContaining({ path: 'items.1.effectiveFrom' })]);
    const put = await call('PUT', '/v1/chargemaster/cm-center', 'admin', { items: [
      { code: '70450', priceCents: 90_000, revenueCode: '0351', effectiveFrom: '2025-01-01', description: 'CT head' },
    ] });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ removed: 4, stored: 1 });
    const audit = await h.database.db.selectFrom('audit_log').select(['action', 'object_type', 'object_id', 'actor_sub']).where('object_type', '=', 'chargemaster').execute();
    expect(audit).toEqual(expect.arrayContaining([expect.objectContaining({ object_id: 'cm-center', actor_sub: 'user-admin' })]));
  });

  it('unknown entity 404, wrong media type 415, malformed body 4xx', async () => {
    expect((await call('GET', '/v1/chargemaster/nobody', 'admin')).statusCode).toBe(404);
    expect((await call('POST', '/v1/chargemaster/nobody/import', 'admin', CSV, 'text/csv')).statusCode).toBe(404);
    expect((await call('POST', '/v1/chargemaster/cm-center/import', 'admin', { a: 1 })).statusCode).toBe(415);
    expect((await call('PUT', '/v1/chargemaster/cm-center', 'admin', { items: 'x' })).statusCode).toBe(422);
    expect((await call('GET', '/v1/chargemaster/BAD%20ID', 'admin')).statusCode).toBe(400);
  });
});

describe('payer contracts API', () => {
  const contract = {
    medicareLocality: '06102-16',
    terms: [
      { effectiveFrom: '2025-01-01', effectiveTo: '2025-12-31', rate: { kind: 'percent-of-fee-schedule', percent: 70 }, tolerance: { cents: 100, percent: 1 } },
      { effectiveFrom: '2026-01-01', rate: { kind: 'per-code', rates: [{ code: '72148', cents: 25_000 }], otherwisePercentOfFeeSchedule: 72 } },
    ],
  };

  it('an admin puts a contract (201, then 200 with a new version); supervisors read it; audited', async () => {
    const created = await call('PUT', '/v1/payers/medicaid/contracts/cm-center', 'admin', contract);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ payerId: 'medicaid', entityId: 'cm-center', version: 1 });
    const again = await call('PUT', '/v1/payers/medicaid/contracts/cm-center', 'admin', contract);
    expect(again.statusCode).toBe(200);
    expect(again.json().version).toBe(2);
    const read = await call('GET', '/v1/payers/medicaid/contracts/cm-center', 'supervisor');
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ version: 2, contract: { medicareLocality: '06102-16', terms: [expect.objectContaining({ tolerance: { cents: 100, percent: 1 } }), expect.anything()] } });
    expect((await call('GET', '/v1/payers/medicaid/contracts', 'supervisor')).json().contracts).toEqual([expect.objectContaining({ entityId: 'cm-center', version: 2 })]);
    const audit = await h.database.db.selectFrom('audit_log').select(['object_id']).where('object_type', '=', 'payer-contract').execute();
    expect(audit.map((a) => a.object_id)).toContain('medicaid/cm-center');
  });

  it('invalid contracts get 422 with the path; unknown payer or entity 404; roles enforced', async () => {
    const overlap = await call('PUT', '/v1/payers/medicaid/contracts/cm-center', 'admin', { terms: [contract.terms[0], { ...contract.terms[1], effectiveFrom: '2025-06-01' }] });
    expect(overlap.statusCode).toBe(422);
    expect(overlap.json().error.details).toEqual([expect.objectContaining({ path: 'terms.1.effectiveFrom' })]);
    const badLocality = await call('PUT', '/v1/payers/medicaid/contracts/cm-center', 'admin', { ...contract, medicareLocality: 'Chicago' });
    expect(badLocality.statusCode).toBe(422);
    expect((await call('PUT', '/v1/payers/nobody/contracts/cm-center', 'admin', contract)).statusCode).toBe(404);
    expect((await call('PUT', '/v1/payers/medicaid/contracts/nobody', 'admin', contract)).statusCode).toBe(404);
    expect((await call('GET', '/v1/payers/medicaid/contracts/nobody', 'admin')).statusCode).toBe(404);
    expect((await call('PUT', '/v1/payers/medicaid/contracts/cm-center', 'supervisor', contract)).statusCode).toBe(403);
    expect((await call('GET', '/v1/payers/medicaid/contracts/cm-center', 'biller')).statusCode).toBe(403);
  });
});
