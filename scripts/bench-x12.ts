import { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { type Remittance835, build835, parse835, stream835 } from '../domain/x12';

/**
 * `npm run bench:x12`: 835 parse throughput of our parser against node-x12 and x12-parser on the
 * same generated file in the same run, and heap growth as the file grows. Figures, not assertions.
 * Usage: node dist/scripts/bench-x12.js [claims=20000] [rounds=5]
 */
const claims = Number(process.argv[2] ?? 20000);
const rounds = Number(process.argv[3] ?? 5);

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

async function time(label: string, text: string, parse: (t: string) => Promise<number> | number): Promise<{ label: string; mbPerSec: number; items: number }> {
  await parse(text); // warm-up
  let best = Infinity;
  let items = 0;
  for (let r = 0; r < rounds; r += 1) {
    const t0 = performance.now();
    items = await parse(text);
    best = Math.min(best, performance.now() - t0);
  }
  return { label, mbPerSec: Buffer.byteLength(text) / 1e6 / (best / 1000), items };
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

async function main(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { X12Parser } = require('node-x12') as { X12Parser: new (strict?: boolean) => { parse(t: string): unknown } };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { X12parser } = require('x12-parser') as { X12parser: new () => NodeJS.ReadWriteStream };

  const text = file(claims);
  process.stdout.write(`835 file: ${claims} claims, ${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB; best of ${rounds} rounds each\n`);

  const ours = await time('imaging-rcm parse835 (typed model + balancing)', text, (t) => parse835(t).transactions[0]!.claims.length);
  const nodeX12 = await time('node-x12 X12Parser (generic segments)', text, (t) => {
    new X12Parser(true).parse(t);
    return claims;
  });
  const x12parser = await time('x12-parser stream (generic segments)', text, (t) =>
    new Promise<number>((resolve, reject) => {
      let segments = 0;
      const parser = new X12parser();
      parser.on('data', () => (segments += 1));
      parser.on('end', () => resolve(segments));
      parser.on('error', reject);
      Readable.from([t]).pipe(parser);
    }),
  );
  const streamed = await time('imaging-rcm stream835 (64 KiB byte chunks)', text, (t) => streamClaims(t));
  for (const r of [ours, streamed, nodeX12, x12parser]) process.stdout.write(`  ${r.label.padEnd(50)} ${r.mbPerSec.toFixed(1).padStart(7)} MB/s\n`);
  const fastest = Math.max(nodeX12.mbPerSec, x12parser.mbPerSec);
  process.stdout.write(`  ratio to the faster of the two: ${(ours.mbPerSec / fastest).toFixed(2)}x\n`);

  process.stdout.write(`  stream835 against the faster of the two: ${(streamed.mbPerSec / fastest).toFixed(2)}x\n`);

  const big = file(claims * 4);
  const g1 = heapGrowthMb(text, (t) => parse835(t));
  const g4 = heapGrowthMb(big, (t) => parse835(t));
  process.stdout.write(`heap growth holding the parse835 model: ${g1.toFixed(1)} MB at 1x (${claims} claims), ${g4.toFixed(1)} MB at 4x (${claims * 4} claims)\n`);
  const s1 = streamPeakHeapMb(text);
  const s4 = streamPeakHeapMb(big);
  process.stdout.write(`peak live heap growth while streaming (stream835, full GC every 2000 claims): ${s1.toFixed(1)} MB at 1x, ${s4.toFixed(1)} MB at 4x\n`);
}

main().catch((err: Error) => {
  process.stderr.write(`bench failed: ${err.message}\n`);
  process.exit(1);
});
