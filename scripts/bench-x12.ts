import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { type Remittance835, build835, parse835, stream835 } from '../domain/x12';

/**
 * `npm run bench:x12`: 835 parse throughput of our parser against node-x12 and x12-parser on the
 * same generated file in the same run, and heap growth as the file grows. Figures, not assertions.
 * Each contender runs in its own fresh process (warm-up, then its rounds), the processes taking
 * turns, so no contender pays for another's garbage and drift in the machine's load reaches all.
 * Usage: node --expose-gc dist/scripts/bench-x12.js [claims=20000] [rounds=5] [processes=3]
 */
const claims = Number(process.argv[2] ?? 20000);
const rounds = Number(process.argv[3] ?? 5);
const processes = Number(process.argv[4] ?? 3);
/** Child mode: `--contender <index> <file> <rounds>` times one contender and prints JSON. */
const CHILD_FLAG = '--contender';

function remittance(claimCount: number, offset = 0): Remittance835 {
  return {
    controlNumber: '0001',
    payment: { handlingCode: 'I', amountCents: claimCount * 16000, creditDebit: 'C', method: 'ACH', format: 'CCP', date: '2026-11-20' },
    trace: { number: `TRC${offset}`, payerId: '1512345678' },
    payer: { name: 'SANDBOX PAYER', references: [] },
    payee: { name: 'MAIN IMAGING', idQualifier: 'XX', id: '1234567893', references: [] },
    providerAdjustments: [],
    claims: Array.from({ length: claimCount }, (_, i) => ({
      claimId: `CLM${offset + i}`,
      status: '1',
      chargeCents: 45000,
      paidCents: 16000,
      patientResponsibilityCents: 4000,
      filingIndicator: 'MB',
      payerClaimControlNumber: `PCN${offset + i}`,
      adjustments: [],
      references: [],
      amounts: [],
      lines: [
        {
          procedure: { qualifier: 'HC', code: '72148', modifiers: [] },
          chargeCents: 30000,
          paidCents: 12000,
          units: 1,
          serviceDate: '2026-11-02',
          adjustments: [
            { group: 'CO', reason: '45', amountCents: 15000 },
            { group: 'PR', reason: '2', amountCents: 3000 },
          ],
          lineControlNumber: `L${i}-1`,
          references: [],
          allowedCents: 15000,
          remarkCodes: [],
        },
        {
          procedure: { qualifier: 'HC', code: '72148', modifiers: ['26'] },
          chargeCents: 15000,
          paidCents: 4000,
          units: 1,
          serviceDate: '2026-11-02',
          adjustments: [
            { group: 'CO', reason: '45', amountCents: 10000 },
            { group: 'PR', reason: '2', amountCents: 1000 },
          ],
          lineControlNumber: `L${i}-2`,
          references: [],
          allowedCents: 5000,
          remarkCodes: ['N130'],
        },
      ],
    })),
  };
}

function file(claimCount: number): string {
  return build835(
    {
      senderQualifier: 'ZZ',
      senderId: 'SANDBOXPAYER',
      receiverQualifier: 'ZZ',
      receiverId: 'IMAGINGRCM',
      interchangeControlNumber: 1,
      groupControlNumber: 1,
      date: '2026-11-20',
      time: '1200',
      usage: 'T',
      lineBreaks: false,
    },
    [remittance(claimCount)],
  );
}

interface Contender {
  label: string;
  parse: (t: string) => Promise<number> | number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function mbPerSec(text: string, ms: number): number {
  return Buffer.byteLength(text) / 1e6 / (ms / 1000);
}

const CHUNK = 64 * 1024;

/** The text as 64 KiB UTF-8 byte chunks, made one at a time (as a file or socket would hand them out). */
function* byteChunks(text: string): Generator<Uint8Array> {
  const encoder = new TextEncoder();
  for (let i = 0; i < text.length; i += CHUNK) yield encoder.encode(text.slice(i, i + CHUNK));
}

function streamClaims(text: string, onClaim?: () => void): number {
  let count = 0;
  for (const event of stream835(byteChunks(text))) {
    if (event.kind === 'claim') {
      count += 1;
      if (onClaim && count % 2000 === 0) onClaim();
    }
  }
  return count;
}

/**
 * Peak live heap above the baseline while streaming: every 2000 claims a full collection, then
 * heapUsed (what the reader keeps, not garbage waiting for the collector). Needs --expose-gc.
 */
function streamPeakHeapMb(text: string): number {
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  streamClaims(text, () => {
    global.gc?.();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  });
  return (peak - before) / 1e6;
}

function heapGrowthMb(text: string, parse: (t: string) => unknown): number {
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  const result = parse(text);
  const after = process.memoryUsage().heapUsed;
  void result;
  return (after - before) / 1e6;
}

function contenders(): Contender[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { X12Parser } = require('node-x12') as { X12Parser: new (strict?: boolean) => { parse(t: string): unknown } };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { X12parser } = require('x12-parser') as { X12parser: new () => NodeJS.ReadWriteStream };
  return [
    { label: 'imaging-rcm parse835 (typed model + balancing)', parse: (t) => parse835(t).transactions[0]!.claims.length },
    { label: 'imaging-rcm stream835 (64 KiB byte chunks)', parse: (t) => streamClaims(t) },
    {
      label: 'node-x12 X12Parser (generic segments)',
      parse: (t) => {
        const interchange = new X12Parser(true).parse(t) as { functionalGroups: { transactions: { segments: unknown[] }[] }[] };
        // The body segments of the one transaction (node-x12 keeps ST/SE apart), plus ISA, GS, ST, SE, GE, IEA.
        return interchange.functionalGroups[0]!.transactions[0]!.segments.length + 6;
      },
    },
    {
      label: 'x12-parser stream (generic segments)',
      parse: (t) =>
        new Promise<number>((resolve, reject) => {
          let count = 0;
          const parser = new X12parser();
          parser.on('data', () => (count += 1));
          parser.on('end', () => resolve(count));
          parser.on('error', reject);
          Readable.from([t]).pipe(parser);
        }),
    },
  ];
}

/** Child: one warm-up, then `n` timed rounds of one contender on the file; prints {items, ms}. */
async function child(index: number, file: string, n: number): Promise<void> {
  const text = fs.readFileSync(file, 'latin1');
  const contender = contenders()[index]!;
  let items = await contender.parse(text);
  const ms: number[] = [];
  for (let r = 0; r < n; r += 1) {
    const t0 = performance.now();
    items = await contender.parse(text);
    ms.push(performance.now() - t0);
  }
  process.stdout.write(`${JSON.stringify({ items, ms })}\n`);
}

async function main(): Promise<void> {
  const text = file(claims);
  const segments = text.split('~').filter((x) => x !== '').length;
  const list = contenders();
  process.stdout.write(`835 file: ${claims} claims, ${segments} segments, ${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB; `
    + `${processes} processes per contender taking turns, ${rounds} rounds each after a warm-up; median (best) of all rounds\n`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-x12-'));
  const input = path.join(dir, 'remittance.835');
  fs.writeFileSync(input, text, 'latin1');
  const expected = [claims, claims, segments, segments];
  const ms: number[][] = list.map(() => []);
  try {
    for (let p = 0; p < processes; p += 1) {
      for (let k = 0; k < list.length; k += 1) {
        const i = (p + k) % list.length;
        const run = spawnSync(process.execPath, [__filename, CHILD_FLAG, String(i), input, String(rounds)], { encoding: 'utf8', maxBuffer: 1 << 20 });
        if (run.status !== 0) throw new Error(`${list[i]!.label}: ${run.stderr || `exit ${run.status}`}`);
        const result = JSON.parse(run.stdout) as { items: number; ms: number[] };
        if (result.items !== expected[i]) throw new Error(`${list[i]!.label} read ${result.items} items, expected ${expected[i]}`);
        ms[i]!.push(...result.ms);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  list.forEach((c, i) => {
    const med = mbPerSec(text, median(ms[i]!));
    const best = mbPerSec(text, Math.min(...ms[i]!));
    process.stdout.write(`  ${c.label.padEnd(50)} ${med.toFixed(1).padStart(7)} MB/s (${best.toFixed(1)})\n`);
  });
  const [ours, streamed, nodeX12, x12parser] = ms.map((m) => mbPerSec(text, median(m))) as [number, number, number, number];
  const fastest = Math.max(nodeX12, x12parser);
  process.stdout.write(`  parse835 against the faster of the two (medians): ${(ours / fastest).toFixed(2)}x\n`);
  process.stdout.write(`  stream835 against the faster of the two (medians): ${(streamed / fastest).toFixed(2)}x\n`);

  const big = file(claims * 4);
  const g1 = heapGrowthMb(text, (t) => parse835(t));
  const g4 = heapGrowthMb(big, (t) => parse835(t));
  process.stdout.write(`heap growth holding the parse835 model: ${g1.toFixed(1)} MB at 1x (${claims} claims), ${g4.toFixed(1)} MB at 4x (${claims * 4} claims)\n`);
  const s1 = streamPeakHeapMb(text);
  const s4 = streamPeakHeapMb(big);
  process.stdout.write(`peak live heap growth while streaming (stream835, full GC every 2000 claims): ${s1.toFixed(1)} MB at 1x, ${s4.toFixed(1)} MB at 4x\n`);
}

const childAt = process.argv.indexOf(CHILD_FLAG);
(childAt > 0 ? child(Number(process.argv[childAt + 1]), process.argv[childAt + 2]!, Number(process.argv[childAt + 3])) : main()).catch((err: Error) => {
  process.stderr.write(`bench failed: ${err.message}\n`);
  process.exit(1);
});
