import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { type EmbeddedPostgresHandle, startEmbeddedPostgres } from '../../platform/embedded-postgres';
import { freePort } from '../../platform/free-port';

// The bench starts its PostgreSQL with pg_stat_statements loaded (BENCH_PG_STATEMENTS) through these settings.
describe('embedded PostgreSQL server settings', () => {
  let dir: string;
  let pg: EmbeddedPostgresHandle;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcm-pg-settings-'));
    fs.chmodSync(dir, 0o755);
    pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await freePort(), database: 'settings_check', settings: { work_mem: '7MB', shared_preload_libraries: 'pg_stat_statements' } });
  });
  afterAll(async () => {
    await pg?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts the server with the settings given, so a preloaded library can be used', async () => {
    const client = new Client({ connectionString: pg.url });
    await client.connect();
    try {
      expect((await client.query<{ work_mem: string }>('show work_mem')).rows[0]!.work_mem).toBe('7MB');
      await client.query('create extension if not exists pg_stat_statements');
      await client.query('select 42 as answer');
      const seen = await client.query<{ calls: string }>("select calls from pg_stat_statements where query like 'select $1 as answer%'");
      expect(seen.rows.map((r) => Number(r.calls))).toEqual([1]);
    } finally {
      await client.end();
    }
  });
});
