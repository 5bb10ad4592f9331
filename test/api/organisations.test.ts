import { REPLAY_CONFIG } from '../replay/replay-key';
import { type ApiHarness, bearer, startApiHarness } from '../support/api-harness';
import {
  IMAGING_CENTER_NPI, ORDERING_NPI, RADIOLOGIST_NPI, facility, imagingCenter, orderingPhysician, radiologist, readingGroup,
} from '../support/organisation-fixture';
import type { Role } from '../../platform/roles';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness(REPLAY_CONFIG);
});
afterAll(async () => h?.close());

async function call(method: 'GET' | 'PUT' | 'POST', url: string, role: Role, payload?: unknown, contentType?: string) {
  const res = await h.app.inject({
    method, url, headers: { ...bearer(h.tokens[role]), ...(contentType ? { 'content-type': contentType } : {}) },
    ...(payload === undefined ? {} : { payload: payload as string }),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answers are read field by field
  return { status: res.statusCode, body: res.body ? (JSON.parse(res.body) as Record<string, any>) : {} };
}

const csv = (url: string, text: string, role: Role = 'admin') => call('POST', url, role, text, 'text/csv');

async function auditRows(objectType: string, objectId?: string) {
  const q = `objectType=${objectType}${objectId ? `&objectId=${objectId}` : ''}`;
  const res = await call('GET', `/v1/audit?${q}`, 'supervisor');
  expect(res.status).toBe(200);
  return res.body.items as { actorSub: string; action: string; objectId: string | null; statusCode: number }[];
}

describe('billing entities', () => {
  test('an admin creates a billing entity (201), replaces it (200, version 2), and a supervisor reads it', async () => {
    const created = await call('PUT', '/v1/billing-entities/springfield-imaging', 'admin', imagingCenter());
    expect(created.status).toBe(201);
    expect(created.body.version).toBe(1);
    const replaced = await call('PUT', '/v1/billing-entities/springfield-imaging', 'admin', imagingCenter({ name: 'Springfield Imaging Center' }));
    expect(replaced.status).toBe(200);
    expect(replaced.body.version).toBe(2);
    const read = await call('GET', '/v1/billing-entities/springfield-imaging', 'supervisor');
    expect(read.status).toBe(200);
    expect(read.body.billingEntity.name).toBe('Springfield Imaging Center');
    expect(read.body.billingEntity.npi).toBe(IMAGING_CENTER_NPI);
    expect(read.body.updatedBy).toBe('user-admin');
    const list = await call('GET', '/v1/billing-entities', 'admin');
    expect(list.body.billingEntities.map((e: { id: string }) => e.id)).toContain('springfield-imaging');
  });

  test('a billing entity that fails its schema is refused with 422 and the issues, naming each field', async () => {
    const res = await call('PUT', '/v1/billing-entities/bad-entity', 'admin', imagingCenter({ id: 'bad-entity', npi: '1234567890', tin: '37-1234567', address: { line1: '1 Main St', city: 'Springfield', state: 'IL', postalCode: '62701' } }));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid_billing_entity');
    const paths = (res.body.error.details as { path: string }[]).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['npi', 'tin', 'address.postalCode']));
    expect((await call('GET', '/v1/billing-entities/bad-entity', 'admin')).status).toBe(404);
  });

  test('the id in the body must be the id in the path', async () => {
    const res = await call('PUT', '/v1/billing-entities/other-id', 'admin', imagingCenter());
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([{ path: 'id', message: 'does not match the id in the path' }]);
  });

  test('roles: only an admin writes; a supervisor reads; a biller does neither', async () => {
    expect((await call('PUT', '/v1/billing-entities/springfield-imaging', 'supervisor', imagingCenter())).status).toBe(403);
    expect((await call('PUT', '/v1/billing-entities/springfield-imaging', 'biller', imagingCenter())).status).toBe(403);
    expect((await call('GET', '/v1/billing-entities', 'biller')).status).toBe(403);
    expect((await call('GET', '/v1/facilities', 'coder')).status).toBe(403);
    expect((await call('GET', '/v1/providers', 'front_desk')).status).toBe(403);
    expect((await csv('/v1/providers/import', 'npi,lastName\n', 'supervisor')).status).toBe(403);
    expect((await call('GET', '/v1/billing-entities', 'supervisor')).status).toBe(200);
  });

  test('every change is in the audit trail with who made it and which record', async () => {
    await call('PUT', '/v1/billing-entities/north-radiology', 'admin', readingGroup());
    const rows = await auditRows('billing-entity', 'north-radiology');
    expect(rows[0]).toMatchObject({ actorSub: 'user-admin', action: 'PUT /v1/billing-entities/:id', objectId: 'north-radiology', statusCode: 201 });
    await call('PUT', '/v1/billing-entities/north-radiology', 'admin', { ...readingGroup(), npi: 'nope' });
    const after = await auditRows('billing-entity', 'north-radiology');
    expect(after[0]).toMatchObject({ statusCode: 422 });
  });
});

describe('facilities', () => {
  beforeAll(async () => {
    await call('PUT', '/v1/billing-entities/springfield-imaging', 'admin', imagingCenter());
    await call('PUT', '/v1/billing-entities/north-radiology', 'admin', readingGroup());
  });

  test('a facility names which entity bills each component; reading it back shows the setup', async () => {
    const res = await call('PUT', '/v1/facilities/main', 'admin', facility());
    expect(res.status).toBe(201);
    const read = await call('GET', '/v1/facilities/main', 'supervisor');
    expect(read.body.facility.billing.split).toEqual({ technical: 'springfield-imaging', professional: 'north-radiology' });
    expect(read.body.facility.timeZone).toBe('America/Chicago');
    expect((await auditRows('facility', 'main'))[0]).toMatchObject({ statusCode: 201 });
  });

  test('a facility that names a billing entity not on file is refused with the path of the reference', async () => {
    const res = await call('PUT', '/v1/facilities/west', 'admin', facility({ id: 'west', billing: { split: { technical: 'springfield-imaging', professional: 'ghost-group' } } }));
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([{ path: 'billing.split.professional', message: 'billing entity ghost-group is not on file' }]);
  });

  test('a facility with an unknown time zone or place of service is refused', async () => {
    const res = await call('PUT', '/v1/facilities/east', 'admin', facility({ id: 'east', timeZone: 'Mars/Olympus', placeOfService: '1' }));
    expect(res.status).toBe(422);
    expect((res.body.error.details as { path: string }[]).map((d) => d.path).sort()).toEqual(['placeOfService', 'timeZone']);
  });
});

describe('providers', () => {
  beforeAll(async () => {
    await call('PUT', '/v1/billing-entities/springfield-imaging', 'admin', imagingCenter());
    await call('PUT', '/v1/billing-entities/north-radiology', 'admin', readingGroup());
  });

  test('a provider is stored under its NPI and read back; a reassignment to an entity not on file is refused', async () => {
    expect((await call('PUT', `/v1/providers/${RADIOLOGIST_NPI}`, 'admin', radiologist())).status).toBe(201);
    const read = await call('GET', `/v1/providers/${RADIOLOGIST_NPI}`, 'supervisor');
    expect(read.body.provider).toMatchObject({ lastName: 'Wren', reassignedTo: ['north-radiology', 'springfield-imaging'] });
    const bad = await call('PUT', `/v1/providers/${RADIOLOGIST_NPI}`, 'admin', radiologist({ reassignedTo: ['nobody'] }));
    expect(bad.status).toBe(422);
    expect(bad.body.error.details).toEqual([{ path: 'reassignedTo.0', message: 'billing entity nobody is not on file' }]);
    expect((await call('PUT', `/v1/providers/${ORDERING_NPI}`, 'admin', radiologist())).status).toBe(422);
    expect((await call('GET', '/v1/providers/1234567890', 'admin')).status).toBe(400);
    expect((await auditRows('provider', RADIOLOGIST_NPI))[0]).toMatchObject({ statusCode: 422 });
  });

  test('providers are listed by NPI a page at a time and filtered by the start of a name', async () => {
    await call('PUT', `/v1/providers/${ORDERING_NPI}`, 'admin', orderingPhysician());
    await call('PUT', `/v1/providers/${RADIOLOGIST_NPI}`, 'admin', radiologist());
    const first = await call('GET', '/v1/providers?limit=1', 'supervisor');
    expect(first.body.providers).toHaveLength(1);
    expect(first.body.nextCursor).toBe(first.body.providers[0].npi);
    const second = await call('GET', `/v1/providers?limit=1&cursor=${first.body.nextCursor}`, 'supervisor');
    expect(second.body.providers[0].npi > first.body.providers[0].npi).toBe(true);
    const byName = await call('GET', '/v1/providers?name=mar', 'admin');
    expect(byName.body.providers.map((p: { npi: string }) => p.npi)).toEqual([ORDERING_NPI]);
  });
});

describe('CSV import', () => {
  const ENTITY_HEADER = 'id,name,npi,tin,taxonomy,kind,address.line1,address.city,address.state,address.postalCode,payTo.line1,payTo.city,payTo.state,payTo.postalCode';

  test('billing entities, facilities and providers load from CSV files (quoted fields, lists, defaults)', async () => {
    const entities = await csv('/v1/billing-entities/import', [
      ENTITY_HEADER,
      'csv-center,"Lakeside Imaging, Inc.",1000000079,371234001,261QR0200X,imaging-center,1 Lake Rd,Peoria,IL,616021234,,,,',
      'csv-group,Lakeside Readers,1000000087,371234002,2085R0202X,reading-group,2 Lake Rd,Peoria,IL,616021234,PO Box 9,Peoria,IL,616020009',
    ].join('\r\n'));
    expect(entities.status).toBe(200);
    expect(entities.body).toMatchObject({ imported: 2, created: 2, replaced: 0 });
    expect((await call('GET', '/v1/billing-entities/csv-center', 'admin')).body.billingEntity.name).toBe('Lakeside Imaging, Inc.');

    const facilities = await csv('/v1/facilities/import', [
      'id,name,address.line1,address.city,address.state,address.postalCode,placeOfService,timeZone,billing.split.technical,billing.split.professional,defaultArrangement',
      'lakeside,Lakeside Imaging,1 Lake Rd,Peoria,IL,61602,11,America/Chicago,csv-center,csv-group,split',
    ].join('\n'));
    expect(facilities.status).toBe(200);
    const f = (await call('GET', '/v1/facilities/lakeside', 'admin')).body.facility;
    expect(f.billing).toEqual({ split: { technical: 'csv-center', professional: 'csv-group' } });
    expect(f.active).toBe(true);

    const providers = await csv('/v1/providers/import', [
      'npi,lastName,firstName,taxonomy,roles,reassignedTo',
      '1000000095,Reyes,Nina,2085R0202X,radiologist,csv-group;csv-center',
      '1000000103,Okafor,Ben,,ordering,',
    ].join('\n'));
    expect(providers.status).toBe(200);
    expect((await call('GET', '/v1/providers/1000000095', 'admin')).body.provider.reassignedTo).toEqual(['csv-group', 'csv-center']);
    expect((await call('GET', '/v1/providers/1000000103', 'admin')).body.provider.roles).toEqual(['ordering']);
    expect((await auditRows('provider-import'))[0]).toMatchObject({ actorSub: 'user-admin', statusCode: 200 });
  });

  test('a file with one bad row changes nothing: 422 naming the row and the column of each problem', async () => {
    const res = await csv('/v1/billing-entities/import', [
      ENTITY_HEADER,
      'csv-ok,Fine Entity,1000000111,371234003,261QR0200X,imaging-center,3 Lake Rd,Peoria,IL,616021234,,,,',
      'csv-bad,Bad Entity,1000000112,37123400,261QR0200X,clinic,3 Lake Rd,Peoria,IL,61602,,,,',
    ].join('\n'));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid_csv');
    const problems = res.body.error.details as { row: number; column?: string }[];
    expect(problems.map((p) => `${p.row}:${p.column}`).sort()).toEqual(['3:address.postalCode', '3:kind', '3:npi', '3:tin']);
    expect((await call('GET', '/v1/billing-entities/csv-ok', 'admin')).status).toBe(404);
  });

  test('unknown columns, ragged rows, duplicate keys and references to entities not on file are named', async () => {
    const unknown = await csv('/v1/providers/import', 'npi,lastName,nickname\n1000000129,Stone,Rocky\n');
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details[0]).toMatchObject({ row: 1, column: 'nickname' });

    const ragged = await csv('/v1/providers/import', 'npi,lastName\n1000000129,Stone,extra\n');
    expect(ragged.body.error.details[0]).toMatchObject({ row: 2, message: 'has 3 fields, the header 2' });

    const twice = await csv('/v1/providers/import', 'npi,lastName\n1000000129,Stone\n1000000129,Stone\n');
    expect(twice.body.error.details[0]).toMatchObject({ row: 3, column: 'npi' });

    const ghost = await csv('/v1/providers/import', 'npi,lastName,reassignedTo\n1000000129,Stone,ghost-group\n');
    expect(ghost.body.error.details[0]).toMatchObject({ row: 2, column: 'reassignedTo', message: 'billing entity ghost-group is not on file' });

    const facilityGhost = await csv('/v1/facilities/import', 'id,name,address.line1,address.city,address.state,address.postalCode,placeOfService,timeZone,billing.global.technical\nfar,Far Site,1 Far Rd,Peoria,IL,61602,11,America/Chicago,ghost-center\n');
    expect(facilityGhost.body.error.details[0]).toMatchObject({ row: 2, column: 'billing.global.technical' });

    const badBool = await csv('/v1/providers/import', 'npi,lastName,active\n1000000129,Stone,yes\n');
    expect(badBool.body.error.details[0]).toMatchObject({ row: 2, column: 'active', message: 'must be true or false' });

    expect((await call('GET', '/v1/providers/1000000129', 'admin')).status).toBe(404);
  });

  test('an empty file, an unterminated quote or a body that is not CSV is a 4xx, never a 500', async () => {
    expect((await csv('/v1/providers/import', '')).status).toBe(422);
    expect((await csv('/v1/providers/import', 'npi,lastName\n')).status).toBe(422);
    const open = await csv('/v1/providers/import', 'npi,lastName\n"1000000129,Stone\n');
    expect(open.status).toBe(422);
    expect(open.body.error.details[0].message).toMatch(/quoted field/);
    const json = await call('POST', '/v1/providers/import', 'admin', JSON.stringify({ npi: '1' }), 'application/json');
    expect(json.status).toBe(400);
  });
});
