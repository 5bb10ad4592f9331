import fc from 'fast-check';
import { X12ParseError, build278Response, parse270, parse271, parse276, parse277, parse278Request, parse837I, parse278Response, parse835, parse837P, readEnvelopes, toEligibilityResponse } from '../../../domain/x12';
import { envelope } from './support/claims';
import { approvedResponse } from './support/review';
import { readSample, sampleFiles } from './support/samples';

function onlyParseErrors(run: () => unknown): void {
  try {
    run();
  } catch (e) {
    if (!(e instanceof X12ParseError)) throw e;
    expect(e.message).not.toMatch(/LOVELACE|SUBMITTED LAST/);
  }
}

const readers: ((input: Uint8Array) => unknown)[] = [
  readEnvelopes, parse835, parse837P, parse270,
  (input) => parse271(input).transactions.map((tx) => toEligibilityResponse(tx)),
  parse278Request, parse278Response, parse276, parse277, parse837I,
];

const built: Uint8Array[] = [new TextEncoder().encode(build278Response(envelope, [approvedResponse()]))];

const seeds: Uint8Array[] = [...built,
  readSample('835', 'tasty__profee.edi'), readSample('835', 'lfh__managed-care.835'), readSample('837p', 'lfh__demo.cob.example3.B.837'), readSample('837p', 'imsweb__x12_valid.txt'),
  readSample('270_271', 'lfh__dependent-health-benefit-check.270'), readSample('270_271', 'nodex12__271.edi'), readSample('270_271', 'rcm__imaging-benefits.271'),
  readSample('276_277', 'lfh__claim-level-status.276'), readSample('276_277', 'lfh__claim-level-status.277'),
  readSample('837i', 'lfh__institutional-claim.837i')];

describe('robustness', () => {
  const negative = sampleFiles('negative');
  it.each(negative)('negative sample %s fails only with X12ParseError', (file) => {
    const bytes = readSample('negative', file);
    for (const read of readers) onlyParseErrors(() => read(bytes));
  });

  const mutation = fc.record({
    seed: fc.integer({ min: 0, max: seeds.length - 1 }),
    kind: fc.constantFrom('flip', 'truncate', 'delete', 'duplicate', 'insert'),
    at: fc.nat(),
    byte: fc.integer({ min: 0, max: 255 }),
    count: fc.integer({ min: 1, max: 8 }),
  });

  function mutate(m: { seed: number; kind: string; at: number; byte: number; count: number }): Uint8Array {
    const src = seeds[m.seed]!;
    const at = m.at % src.length;
    if (m.kind === 'flip') {
      const out = src.slice();
      for (let i = 0; i < m.count; i++) out[(at + i * 37) % out.length] = (m.byte + i) & 0xff;
      return out;
    }
    if (m.kind === 'truncate') return src.slice(0, at);
    if (m.kind === 'insert') return new Uint8Array([...src.slice(0, at), ...new Uint8Array(m.count).fill(m.byte), ...src.slice(at)]);
    const text = new TextDecoder().decode(src);
    const segments = text.split('~');
    const i = at % segments.length;
    if (m.kind === 'delete') segments.splice(i, Math.min(m.count, 3));
    else segments.splice(i, 0, ...Array<string>(m.count).fill(segments[i] ?? ''));
    return new TextEncoder().encode(segments.join('~'));
  }

  it('random mutations of real files never throw anything but X12ParseError', () => {
    fc.assert(fc.property(mutation, (m) => {
      const input = mutate(m);
      for (const read of readers) onlyParseErrors(() => read(input));
    }), { numRuns: 300, seed: 999 });
  });

  it('arbitrary bytes never throw anything but X12ParseError', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), fc.constantFrom('', 'ISA*', 'ST*835*1~', 'GS*'), (bytes, prefix) => {
      const input = new Uint8Array([...new TextEncoder().encode(prefix), ...bytes]);
      for (const read of readers) onlyParseErrors(() => read(input));
    }), { numRuns: 300, seed: 7 });
  });

  it('enforces the size limit before reading', () => {
    expect(() => parse835(seeds[1]!, { maxBytes: 100 })).toThrow(expect.objectContaining({ code: 'INPUT_TOO_LARGE' }));
  });
});
