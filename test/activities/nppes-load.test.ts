import path from 'node:path';
import { Readable } from 'node:stream';
import { createReadStream } from 'node:fs';
import { getProvider, putBillingEntity, putProvider } from '../../db/repositories/organisations';
import { BillingEntitySchema, ProviderSchema } from '../../domain/organisations/organisations';
import { loadNppes, runNppesLoad } from '../../scripts/nppes-load';
import { type TestDatabase, createTestDatabase } from '../support/test-env';
import { readingGroup } from '../support/organisation-fixture';

const SAMPLE = path.resolve(__dirname, '../../data/nppes-sample.csv');

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

/** The sample cut into small chunks: quoted fields and line ends fall across chunk boundaries. */
function chunked(text: string, size: number): Readable {
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += size) parts.push(text.slice(i, i + size));
  return Readable.from(parts.map((p) => Buffer.from(p, 'utf8')));
}

test('the NPPES sample loads its individual providers with names, credential and primary taxonomy; organisations and deactivated NPIs are left out', async () => {
  const { db } = database;
  const s = await loadNppes(db, createReadStream(SAMPLE));
  expect(s).toMatchObject({ rows: 10, individuals: 8, inserted: 8, updated: 0, skippedOrganisations: 1, skippedDeactivated: 1, invalid: 0 });
  expect(await getProvider(db, '2900000011')).toEqual({
    npi: '2900000011', lastName: 'Quillfeather', firstName: 'Margot', middleName: 'E', credential: 'MD', taxonomy: '2085R0202X',
    roles: ['ordering'], reassignedTo: [], active: true,
  });
  // the primary taxonomy is the one flagged Y, here the second
  expect((await getProvider(db, '2900000029'))?.taxonomy).toBe('2085R0202X');
  expect((await getProvider(db, '2900000029'))?.lastName).toBe('Abernathy-Voss');
  expect(await getProvider(db, '2900000094')).toBeUndefined();
  expect(await getProvider(db, '2900000102')).toBeUndefined();
});

test('loading again keeps the roles and reassignments an administrator set, changes nothing unchanged, and refreshes a name', async () => {
  const { db } = database;
  await putBillingEntity(db, BillingEntitySchema.parse(readingGroup()), 'admin');
  const before = (await getProvider(db, '2900000011'))!;
  await putProvider(db, { ...before, roles: ['radiologist'], reassignedTo: ['north-radiology'], lastName: 'Old Name' }, 'admin');
  const text = (await import('node:fs')).readFileSync(SAMPLE, 'utf8');
  const s = await loadNppes(db, chunked(text, 37));
  expect(s).toMatchObject({ individuals: 8, inserted: 0, updated: 1, unchanged: 7 });
  expect(await getProvider(db, '2900000011')).toMatchObject({ lastName: 'Quillfeather', roles: ['radiologist'], reassignedTo: ['north-radiology'] });
  const row = await db.selectFrom('providers').select(['version', 'updated_by']).where('npi', '=', '2900000011').executeTakeFirstOrThrow();
  expect(row).toEqual({ version: 3, updated_by: 'nppes-load' });
});

test('a row that is not a valid provider is counted and named by line, the others load', async () => {
  const { db } = database;
  const file = [
    '"NPI","Entity Type Code","Provider Last Name (Legal Name)","Provider First Name","Healthcare Provider Taxonomy Code_1"',
    '"2900000111","1","NOCHECK","ANA","2085R0202X"',
    '"2900000128","1","","BO","2085R0202X"',
    `"${'2900000136'}","1","O""BRIEN","CARA","bad"`,
  ].join('\n');
  const s = await loadNppes(db, Readable.from([file]));
  expect(s.invalid).toBe(2);
  expect(s.problems[0]).toMatch(/^line 2: npi: /);
  expect(s.problems[1]).toMatch(/^line 3: lastName: /);
  const cara = await getProvider(db, '2900000136');
  expect(cara && ProviderSchema.parse(cara)).toMatchObject({ lastName: 'O"brien', firstName: 'Cara' });
  expect(cara?.taxonomy).toBeUndefined();
});

test('the command refuses a file that is not an NPPES file and says which columns are missing', async () => {
  const lines: string[] = [];
  const errors: string[] = [];
  const code = await runNppesLoad([path.resolve(__dirname, '../../package.json'), '--dry-run'], {}, (l) => lines.push(l), (l) => errors.push(l));
  expect(code).toBe(1);
  expect(errors[0]).toMatch(/not an NPPES data dissemination file/);
  const ok = await runNppesLoad([SAMPLE, '--dry-run'], {}, (l) => lines.push(l), (l) => errors.push(l));
  expect(ok).toBe(0);
  expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^rows: 10; individuals: 8;/), 'dry run: nothing loaded']));
});
