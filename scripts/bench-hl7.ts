import { performance } from 'node:perf_hooks';
import { Hl7Message } from '@medplum/core';
import { Hl7Client } from '@medplum/hl7';
import { percentile } from './percentile';

/**
 * `npm run bench:hl7 -- [count] [host:port]`: new orders (ORM^O01 NW, invented patients) through MLLP to intake
 * against a running engine (npm start), one connection, one message at a time: messages per second and ACK
 * latency p50/p99. Every ACK must be AA.
 */
/** A segment from its fields by HL7 number (1-based). */
function segment(name: string, fields: Record<number, string>): string {
  const n = Math.max(...Object.keys(fields).map(Number));
  return [name, ...Array.from({ length: n }, (_, i) => fields[i + 1] ?? '')].join('|');
}

function order(i: number, run: string): string {
  const acc = `BENCH-${run}-${i}`;
  const when = '20261125140000';
  return [
    `MSH|^~\\&|BENCHRIS|BENCH|IMAGING-RCM|RCM|20261124090000||ORM^O01|${acc}|P|2.5.1`,
    `PID|1||MRN-B${i}^^^BENCH^MR||TESTER^PAT${i}||19600101|F|||1 Bench St^^Springfield^IL^62701`,
    segment('IN1', { 1: '1', 2: 'MCRB', 3: 'medicare-b', 4: 'Medicare Part B', 16: 'TESTER^PAT', 17: 'SEL', 18: '19600101', 36: '1EG4TE5MK73' }),
    `ORC|NW|P${acc}|${acc}||SC||^^^${when}^^R||20261124090000|||1234567893^HOUSE^GREGORY`,
    segment('OBR', { 1: '1', 2: `P${acc}`, 3: acc, 4: '72148^MRI lumbar spine without contrast^CPT4', 24: 'MR', 27: `^^^${when}^^R` }),
    'DG1|1||M54.16^Radiculopathy, lumbar region^I10',
  ].join('\r');
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 200);
  const [host, port] = (process.argv[3] ?? `${process.env.HL7_HOST ?? '127.0.0.1'}:${process.env.HL7_PORT ?? '2575'}`).split(':');
  const run = Date.now().toString(36);
  const client = new Hl7Client({ host: host!, port: Number(port) });
  const latencies: number[] = [];
  const started = performance.now();
  try {
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      const ack = await client.sendAndWait(Hl7Message.parse(order(i, run)), { returnAck: 'first' });
      latencies.push(performance.now() - t0);
      const code = ack.getSegment('MSA')?.getField(1)?.toString();
      if (code !== 'AA') throw new Error(`message ${i} answered ${code}: ${ack.getSegment('ERR')?.toString() ?? ''}`);
    }
  } finally {
    await client.close();
  }
  const seconds = (performance.now() - started) / 1000;
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  process.stdout.write(`${count} orders over MLLP to intake in ${seconds.toFixed(1)} s: ${(count / seconds).toFixed(1)} messages/s; ACK latency p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}\n`);
  process.exit(0);
}

main().catch((err: Error) => {
  process.stderr.write(`bench:hl7: ${err.message}\n`);
  process.exit(1);
});
