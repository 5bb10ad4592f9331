import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/app';
import { signToken } from '../../api/tokens';
import type { Config } from '../../platform/config';
import { ROLES, type Role } from '../../platform/roles';
import { withPhiEncryption } from '../../db/phi-encryption';
import { phiCipherOf } from '../../platform/phi-cipher';
import { type TestDatabase, type TestEdge, createTestDatabase, createTestWorker, createTimeSkippingEnv, terminateExams, testConfig } from './test-env';

export interface ApiHarness {
  app: FastifyInstance;
  config: Config;
  env: TestWorkflowEnvironment;
  database: TestDatabase;
  tokens: Record<Role, string>;
  close(): Promise<void>;
}

/** The real API on a real migrated PostgreSQL, with a real worker on the time-skipping Temporal server. */
export async function startApiHarness(overrides: Partial<NodeJS.ProcessEnv> = {}, edge: TestEdge = {}): Promise<ApiHarness> {
  const config = testConfig(overrides);
  const [env, database] = await Promise.all([createTimeSkippingEnv(config), createTestDatabase()]);
  // PHI encrypted at rest, as in production (the test database's handle reads it back in clear).
  database.db = withPhiEncryption(database.db, phiCipherOf(config));
  // The worker and the API connect as the application's role, which may not alter the audit trail.
  database.appDb = withPhiEncryption(database.appDb, phiCipherOf(config));
  const worker: Worker = await createTestWorker(env, config, database.appDb, edge);
  const running = worker.run();
  let app: FastifyInstance;
  try {
    app = await buildApp({ config, db: database.appDb, temporal: env.client, logger: false });
    await app.ready();
  } catch (err) {
    worker.shutdown();
    await running;
    await env.teardown();
    await database.drop();
    throw err;
  }
  const tokens = {} as Record<Role, string>;
  for (const role of ROLES) tokens[role] = await signToken(config.auth.secret!, { sub: `user-${role}`, roles: [role] });
  return {
    app,
    config,
    env,
    database,
    tokens,
    async close() {
      await app.close();
      // Exams still working (an activity or a workflow task in flight) settle first: ended in the
      // middle of one, an exam can leave the shared time-skipping clock held for the next file.
      await terminateExams(env, database.db, { settleFirst: true }).catch(() => undefined);
      worker.shutdown();
      await running;
      await env.teardown();
      await database.drop();
    },
  };
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
