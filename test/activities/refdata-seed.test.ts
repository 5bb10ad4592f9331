import { sql } from 'kysely';
import { bundledRefData } from '../../activities/refdata/bundled-refdata';
import { createPostgresRefData } from '../../activities/refdata/postgres-refdata';
import { seedBundledRefdata } from '../../activities/refdata/seed-bundled-refdata';
import { listRefdataReleases } from '../../db/repositories/refdata';
import type { RefData } from '../../domain/refdata/ref-data';
import { type TestDatabase, createTestDatabase } from '../support/test-env';

describe('bundled reference data seeded into PostgreSQL', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('answers from the fallback while no release is loaded', async () => {
    const fallback = { marker: true } as unknown as RefData;
    expect(await createPostgresRefData(database.db, { checkIntervalMs: 0, fallback: () => fallback }).get()).toBe(fallback);
  });

  it('loads every bundled file once; a second start adds nothing', async () => {
    const first = await seedBundledRefdata(database.db);
    expect(first.length).toBeGreaterThanOrEqual(10);
    expect(first.every((o) => o.outcome === 'loaded' && o.rows > 0)).toBe(true);
    const releases = await listRefdataReleases(database.db);
    const icd = await database.db.selectFrom('refdata_icd10cm').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();

    const second = await seedBundledRefdata(database.db);
    expect(second.map((o) => o.outcome)).toEqual(first.map(() => 'present'));
    expect(await listRefdataReleases(database.db)).toEqual(releases);
    expect((await database.db.selectFrom('refdata_icd10cm').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n).toBe(icd.n);
    expect(releases.find((r) => r.kind === 'ncci-ptp')).toMatchObject({ origin: 'curated', effectiveTo: null });
  });

  it('builds a RefData that answers like the bundled one', async () => {
    const fromDb = await createPostgresRefData(database.db, { checkIntervalMs: 0, fallback: () => { throw new Error('tables are seeded'); } }).get();
    const bundled = bundledRefData();
    const dates = ['2025-03-01', '2026-03-01'];
    expect(fromDb.versions()).toEqual(expect.arrayContaining(bundled.versions()));
    expect(fromDb.versions()).toHaveLength(bundled.versions().length);
    for (const dos of dates) {
      for (const code of ['M54.16', 'M54.1', 'R51.9', 'Z12.31', 'S83.511A', 'ZZZ']) expect(fromDb.icd10(code, dos)).toEqual(bundled.icd10(code, dos));
      expect(fromDb.icd10Children('M54.1', dos, 10)).toEqual(bundled.icd10Children('M54.1', dos, 10));
      for (const [c1, c2] of [['70470', '70450'], ['70470', '70460'], ['74177', '74176'], ['72148', '72149']] as const) expect(fromDb.ncciPtp(c1, c2, dos)).toEqual(bundled.ncciPtp(c1, c2, dos));
      for (const code of ['70460', '72148', '77067', '99999']) expect(fromDb.mue(code, dos)).toEqual(bundled.mue(code, dos));
      expect(fromDb.currency(dos)).toEqual(bundled.currency(dos));
    }
    for (const [code, mod] of [['72148', ''], ['72148', '26'], ['72148', 'TC'], ['G0279', ''], ['77067', '']] as const) expect(fromDb.pfs(code, mod, 2025)).toEqual(bundled.pfs(code, mod, 2025));
    for (const code of ['11', '22', '19', '99']) expect(fromDb.pos(code)).toEqual(bundled.pos(code));
    for (const code of ['72148', '70450', '77067', '78815']) {
      expect(fromDb.cpt(code)).toEqual(bundled.cpt(code));
      expect(fromDb.coveragePolicy(code)).toEqual(bundled.coveragePolicy(code));
    }
    expect(fromDb.hcpcs('Q9967')).toEqual(bundled.hcpcs('Q9967'));
    expect(fromDb.gpci('10112-00')).toEqual(bundled.gpci('10112-00'));
    expect(fromDb.gpci('10112-00')).toBeDefined();
    expect(fromDb.oppsCap('0633T', 'TC', '01112-05', 2025)).toEqual(bundled.oppsCap('0633T', 'TC', '01112-05', 2025));
    expect(fromDb.oppsCap('0633T', 'TC', '01112-05', 2025)).toBeDefined();
  });
});
