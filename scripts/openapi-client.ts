import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
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

/** The repository root (this file runs from scripts/ under jest and from dist/scripts/ once built). */
const ROOT = [path.resolve(__dirname, '..'), path.resolve(__dirname, '..', '..')].find((dir) => fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'api'))) ?? process.cwd();

/**
 * openapi-typescript, run by Node in a process of its own: its dependencies are ES modules, which Node loads and
 * jest's CommonJS runtime does not, and the staleness test must generate exactly what the script writes.
 */
const TO_TYPESCRIPT = `
const { default: openapiTS, astToString } = require('openapi-typescript');
let input = '';
process.stdin.setEncoding('utf8').on('data', (c) => { input += c; }).on('end', () => {
  openapiTS(JSON.parse(input), { alphabetize: true }).then((ast) => process.stdout.write(astToString(ast)), (err) => { process.stderr.write(String(err && err.stack || err)); process.exit(1); });
});`;

function typescriptOf(openapiJson: string): string {
  return execFileSync(process.execPath, ['-e', TO_TYPESCRIPT], { cwd: ROOT, input: openapiJson, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

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
  const header = '/**\n * Generated from docs/openapi.json by `npm run console:client`. Do not edit by hand.\n */\n\n';
  const schemaTs = `${header}${typescriptOf(openapiJson)}`;
  return { openapiJson, schemaTs };
}

async function main(): Promise<void> {
  const { openapiJson, schemaTs } = await generateClient();
  for (const [file, text] of [
    [OPENAPI_JSON, openapiJson],
    [CLIENT_SCHEMA, schemaTs],
  ] as const) {
    const target = path.join(ROOT, file);
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
