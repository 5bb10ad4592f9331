import fs from 'node:fs';
import path from 'node:path';
import { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import openapiTS, { astToString } from 'openapi-typescript';
import { buildApp } from '../api/app';
import { createDb } from '../db/database';
import { parseConfig } from '../platform/config';

/**
 * `npm run console:client`: the OpenAPI document of the API (docs/openapi.json) and the TypeScript
 * types of the console's client generated from it (console/src/api/schema.d.ts).
 *
 * The app is built in-process and never listens: the database pool and the Temporal client are
 * created unconnected (neither connects before a query), and the document depends on neither.
 * The configuration is fixed here, so the output is the same on every machine: a payload key is set
 * because the codec routes exist only with one.
 */
export const OPENAPI_JSON = 'docs/openapi.json';
export const CLIENT_SCHEMA = 'console/src/api/schema.d.ts';

const FIXED_ENV: NodeJS.ProcessEnv = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  JWT_SECRET: 'openapi-document-only-never-a-real-secret-0000',
  PAYLOAD_KEY: Buffer.alloc(32, 1).toString('base64'),
  PAYLOAD_KEY_ID: 'openapi-document',
  DATABASE_URL: 'postgres://openapi@127.0.0.1:1/openapi',
  TEMPORAL_ADDRESS: '127.0.0.1:1',
  TEMPORAL_UI_URL: 'http://localhost:8233',
};

/** The app as the API serves it, built against unconnected clients (nothing listens, nothing connects). */
export async function buildDocumentApp(): Promise<FastifyInstance> {
  const config = parseConfig(FIXED_ENV);
  const db = createDb(config.database.url!, 1);
  // Without a connection the client creates a lazy one: it dials only on the first call, which never comes.
  const temporal = new Client({ namespace: config.temporal.namespace });
  const app = await buildApp({ config, db, temporal, logger: false });
  app.addHook('onClose', async () => {
    await db.destroy();
  });
  await app.ready();
  return app;
}

/** A value whose object keys are sorted at every depth (arrays keep their order). */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export interface GeneratedClient {
  /** docs/openapi.json, as written */
  openapiJson: string;
  /** console/src/api/schema.d.ts, as written */
  schemaTs: string;
}

/** The OpenAPI document and the client types, as the files hold them (deterministic: keys sorted). */
export async function generateClient(): Promise<GeneratedClient> {
  const app = await buildDocumentApp();
  let document: unknown;
  try {
    document = sortKeys(JSON.parse(JSON.stringify(app.swagger())));
  } finally {
    await app.close();
  }
  const openapiJson = `${JSON.stringify(document, null, 2)}\n`;
  const ast = await openapiTS(JSON.parse(openapiJson) as Parameters<typeof openapiTS>[0], { alphabetize: true });
  const header = '/**\n * Generated from docs/openapi.json by `npm run console:client`. Do not edit by hand.\n */\n\n';
  const schemaTs = `${header}${astToString(ast)}`;
  return { openapiJson, schemaTs };
}

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..');
  const rootDir = fs.existsSync(path.join(root, 'package.json')) ? root : process.cwd();
  const { openapiJson, schemaTs } = await generateClient();
  for (const [file, text] of [
    [OPENAPI_JSON, openapiJson],
    [CLIENT_SCHEMA, schemaTs],
  ] as const) {
    const target = path.join(rootDir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
    process.stdout.write(`wrote ${file} (${text.length} bytes)\n`);
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`console:client failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
