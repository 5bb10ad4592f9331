import { sql } from 'kysely';
import { createDb } from '../../db/database';
import { type TestDatabase, createTestDatabase } from '../support/test-env';

/** What a DBA sees in pg_stat_activity: which service holds a connection (each service names its pool). */
describe("a service's connections to PostgreSQL", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  const applicationNameOf = async (url: string, applicationName?: string): Promise<string> => {
    const db = createDb(url, 1, applicationName ? { applicationName } : {});
    try {
      const { rows } = await sql<{ name: string }>`select application_name as name from pg_stat_activity where pid = pg_backend_pid()`.execute(db);
      return rows[0]!.name;
    } finally {
      await db.destroy();
    }
  };

  it('carry the name the service gives its pool', async () => {
    expect(await applicationNameOf(database.url, 'imaging-rcm-worker')).toBe('imaging-rcm-worker');
  });

  it('carry the engine name when a pool is given none', async () => {
    expect(await applicationNameOf(database.url)).toBe('imaging-rcm');
  });

  it('carry the name in DATABASE_URL when the operator sets one', async () => {
    const url = new URL(database.url);
    url.searchParams.set('application_name', 'billing-floor-api');
    expect(await applicationNameOf(url.toString(), 'imaging-rcm-api')).toBe('billing-floor-api');
  });
});
