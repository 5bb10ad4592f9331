import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { freePort } from '../../platform/free-port';
import { BIRTH_DATE, MEMBER_ID, PATIENT_NAME, sampleIntake } from '../support/intake-fixture';

/**
 * The engine as a newcomer runs it: `npm start` (the compiled start script) with no DATABASE_URL and
 * no TEMPORAL_ADDRESS, so it starts its embedded PostgreSQL and Temporal dev server.
 */
const START_SCRIPT = path.resolve(__dirname, '../../dist/scripts/start.js');

interface Running {
  child: ChildProcess;
  output: () => string;
  tokens: Record<string, string>;
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcm-e2e-'));
fs.chmodSync(dataDir, 0o755);
let ports: { api: number; temporal: number; ui: number; pg: number };
let running: Running | undefined;

beforeAll(async () => {
  if (!fs.existsSync(START_SCRIPT)) throw new Error(`${START_SCRIPT} is missing: the test command builds it (npm test)`);
  ports = { api: await freePort(), temporal: await freePort(), ui: await freePort(), pg: await freePort() };
});

afterAll(async () => {
  if (running?.child.exitCode === null) running.child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function start(): Promise<Running> {
  const child = spawn(process.execPath, [START_SCRIPT], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      RCM_DATA_DIR: dataDir,
      API_PORT: String(ports.api),
      TEMPORAL_PORT: String(ports.temporal),
      TEMPORAL_UI_PORT: String(ports.ui),
      EMBEDDED_PG_PORT: String(ports.pg),
      DATABASE_URL: '',
      TEMPORAL_ADDRESS: '',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + 90_000;
  while (!out.includes('Press Ctrl-C to stop.')) {
    if (child.exitCode !== null) throw new Error(`start exited with ${child.exitCode}:\n${out}`);
    if (Date.now() > deadline) throw new Error(`start did not get ready:\n${out}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const tokens: Record<string, string> = {};
  for (const m of out.matchAll(/^ {2}(front_desk|coder|biller|supervisor|admin|integration) +(\S+)$/gm)) tokens[m[1]!] = m[2]!;
  return { child, output: () => out, tokens };
}

async function stop(r: Running): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => r.child.once('exit', (code) => resolve(code)));
  r.child.kill('SIGINT');
  return exited;
}

function processesUsing(dir: string): string[] {
  const ps = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return ps.split('\n').filter((line) => line.includes(dir) && !line.includes('ps -eo'));
}

const api = (p: string) => `http://127.0.0.1:${ports.api}${p}`;

test('npm start: create an exam with a printed token, read it back, no plaintext PHI in Temporal, survives a restart', async () => {
  running = await start();
  const out = running.output();
  expect(out).toContain(`API          http://localhost:${ports.api}`);
  expect(out).toContain(`API docs     http://localhost:${ports.api}/docs`);
  expect(out).toContain(`Temporal UI  http://localhost:${ports.ui}`);
  expect(Object.keys(running.tokens).sort()).toEqual(['admin', 'biller', 'coder', 'front_desk', 'integration', 'supervisor']);

  const intake = sampleIntake();
  const created = await fetch(api('/v1/exams'), {
    method: 'POST',
    headers: { authorization: `Bearer ${running.tokens.integration}`, 'content-type': 'application/json' },
    body: JSON.stringify(intake),
  });
  expect(created.status).toBe(201);
  const { examId } = (await created.json()) as { examId: string };
  expect(created.headers.get('location')).toBe(`/v1/exams/${examId}`);

  const read = await fetch(api(`/v1/exams/${examId}`), { headers: { authorization: `Bearer ${running.tokens.front_desk}` } });
  expect(read.status).toBe(200);
  expect(await read.json()).toMatchObject({ examId, accessionNumber: intake.accessionNumber, status: 'open' });

  // The raw history, read WITHOUT the codec: no patient name, member id or date of birth in clear.
  const connection = await Connection.connect({ address: `127.0.0.1:${ports.temporal}` });
  try {
    const raw = new Client({ connection });
    // The exam's read comes from PostgreSQL: the worker may not have taken the exam's first workflow task yet.
    const historyNow = async () => (await raw.workflowService.getWorkflowExecutionHistory({ namespace: 'default', execution: { workflowId: `exam:${examId}` } })).history;
    let history = await historyNow();
    for (let waited = 0; (history?.events?.length ?? 0) <= 2 && waited < 30_000; waited += 250) {
      await new Promise((r) => setTimeout(r, 250));
      history = await historyNow();
    }
    const bytes = Buffer.from(temporal.api.history.v1.History.encode(history!).finish());
    expect(history!.events!.length).toBeGreaterThan(2);
    expect(bytes.includes('binary/encrypted')).toBe(true);
    for (const phi of [PATIENT_NAME, MEMBER_ID, BIRTH_DATE]) expect(bytes.includes(phi)).toBe(false);

    // A supervisor reads it in clear through the codec endpoint (what the Temporal Web UI calls).
    const input = history!.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
    const wire = {
      metadata: Object.fromEntries(Object.entries(input.metadata!).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
      data: Buffer.from(input.data!).toString('base64'),
    };
    const decoded = await fetch(api('/codec/decode'), {
      method: 'POST',
      headers: { authorization: `Bearer ${running.tokens.supervisor}`, 'content-type': 'application/json', 'x-namespace': 'default' },
      body: JSON.stringify({ payloads: [wire] }),
    });
    expect(decoded.status).toBe(200);
    const clear = Buffer.from(((await decoded.json()) as { payloads: { data: string }[] }).payloads[0]!.data, 'base64').toString();
    expect(clear).toContain(PATIENT_NAME);
  } finally {
    await connection.close();
  }

  // Ctrl-C stops everything: exit 0, no postgres or temporal process left on the data directory.
  expect(await stop(running)).toBe(0);
  expect(processesUsing(dataDir)).toEqual([]);

  // A second start finds the exam again.
  running = await start();
  const again = await fetch(api(`/v1/exams/${examId}`), { headers: { authorization: `Bearer ${running.tokens.supervisor}` } });
  expect(again.status).toBe(200);
  expect(await again.json()).toMatchObject({ examId, accessionNumber: intake.accessionNumber });
  expect(await stop(running)).toBe(0);
  expect(processesUsing(dataDir)).toEqual([]);
});
