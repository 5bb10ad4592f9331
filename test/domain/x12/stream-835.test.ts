import fc from 'fast-check';
import { X12ParseError, build835, parse835, stream835, stream835Async, type ClaimPayment835, type Remittance835, type Remittance835Event } from '../../../domain/x12';
import { envelope } from './support/claims';
import { readSample } from './support/samples';

const amount = fc.integer({ min: -2_000_000, max: 2_000_000 });
const adjustment = fc.record({ group: fc.constantFrom('CO' as const, 'PR' as const, 'OA' as const), reason: fc.constantFrom('2', '45', '97', 'A2'), amountCents: amount });
const line = fc.record({ code: fc.stringMatching(/^7\d{4}$/), charge: amount, adjustments: fc.array(adjustment, { maxLength: 3 }), remark: fc.option(fc.constantFrom('N130', 'M15'), { nil: undefined }) })
  .map((l): ClaimPayment835['lines'][number] => ({
    procedure: { qualifier: 'HC', code: l.code, modifiers: [] }, chargeCents: l.charge, units: 1,
    paidCents: l.charge - l.adjustments.reduce((a, x) => a + x.amountCents, 0), adjustments: l.adjustments, references: [], remarkCodes: l.remark ? [l.remark] : [],
  }));
// Names with multi-byte characters, so that byte splits fall inside characters.
const name = fc.constantFrom('MÜLLER', 'NGUYỄN', 'ÅSA', 'O’BRIEN', 'SMITH');
const claim = fc.record({ id: fc.stringMatching(/^[A-Z0-9]{1,12}$/), status: fc.constantFrom('1', '2', '4', '22'), patient: name, lines: fc.array(line, { maxLength: 3 }) })
  .map((c): ClaimPayment835 => {
    const charge = c.lines.reduce((a, l) => a + l.chargeCents, 0) + 500;
    const paid = charge - c.lines.flatMap((l) => l.adjustments).reduce((a, x) => a + x.amountCents, 0);
    return { claimId: c.id, status: c.status, chargeCents: charge, paidCents: paid, adjustments: [], references: [], amounts: [], lines: c.lines,
      patient: { name: { entityType: '1', lastOrOrgName: c.patient, firstName: 'ÉMILE' }, idQualifier: 'MI', id: 'M1' } };
  });
const remit = fc.record({ claims: fc.array(claim, { minLength: 1, maxLength: 6 }), payer: name }).map((r): Remittance835 => ({
  controlNumber: '0001',
  payment: { handlingCode: 'I', amountCents: r.claims.reduce((a, c) => a + c.paidCents, 0), creditDebit: 'C', method: 'ACH', format: 'CCP', date: '2026-12-20' },
  trace: { number: 'EFT1', payerId: '1123456789' },
  payer: { name: `${r.payer} PAYER`, references: [] },
  payee: { name: 'SPRINGFIELD IMAGING', idQualifier: 'XX', id: '1234567893', references: [] },
  claims: r.claims,
  providerAdjustments: [],
}));

/** Split bytes at the given cut points (sorted, deduplicated, inside the input). */
function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    out.push(bytes.slice(from, p));
    from = p;
  }
  return out;
}

function claimsOf(events: Iterable<Remittance835Event>): { claims: ClaimPayment835[]; headers: unknown[] } {
  const claims: ClaimPayment835[] = [];
  const headers: unknown[] = [];
  for (const e of events) {
    if (e.kind === 'claim') {
      claims.push(e.claim);
      headers.push({ payer: e.remittance.payer, payee: e.remittance.payee, payment: e.remittance.payment, trace: e.remittance.trace });
    }
  }
  return { claims, headers };
}

describe('stream835', () => {
  it('yields exactly the claims parse835 returns, however the bytes are split (property)', () => {
    const text = fc.array(remit, { minLength: 1, maxLength: 2 }).map((rs) => build835(envelope, rs.map((r, i) => ({ ...r, controlNumber: String(i + 1).padStart(4, '0') }))));
    fc.assert(fc.property(text, fc.array(fc.nat(), { maxLength: 12 }), fc.array(fc.nat({ max: 130 }), { maxLength: 3 }), (x12, cuts, isaCuts) => {
      const bytes = new TextEncoder().encode(x12);
      // Cuts anywhere, inside ISA, and on either side of segment terminators.
      const terminators = [...x12.matchAll(/~/g)].slice(0, 4).map((m) => new TextEncoder().encode(x12.slice(0, m.index)).length);
      const chunks = split(bytes, [...cuts, ...isaCuts, ...terminators, ...terminators.map((t) => t + 1)]);
      const whole = parse835(bytes);
      const streamed = claimsOf(stream835(chunks));
      expect(streamed.claims).toEqual(whole.transactions.flatMap((t) => t.claims));
      expect(streamed.headers).toEqual(whole.transactions.flatMap((t) => t.claims.map(() => ({ payer: t.payer, payee: t.payee, payment: t.payment, trace: t.trace }))));
      const pieces = cuts.map((c) => c % (x12.length + 1)).sort((a, b) => a - b);
      const strings = [...pieces, x12.length].map((p, i) => x12.slice(i === 0 ? 0 : pieces[i - 1], p));
      expect(claimsOf(stream835(strings)).claims).toEqual(streamed.claims);
    }), { numRuns: 150, seed: 4242 });
  });

  it('reports provider adjustments, balancing and envelope findings at the end of each transaction', () => {
    const r: Remittance835 = { controlNumber: '0001', payment: { handlingCode: 'I', amountCents: 1, creditDebit: 'C', method: 'CHK', date: '2026-12-20' }, trace: { number: 'T1', payerId: '1' },
      payer: { name: 'P', references: [] }, payee: { name: 'Q', references: [] },
      claims: [{ claimId: 'A', status: '1', chargeCents: 1000, paidCents: 900, adjustments: [], references: [], amounts: [], lines: [] }],
      providerAdjustments: [{ providerId: '1234567893', fiscalPeriodDate: '2026-12-31', items: [{ reason: 'WO', amountCents: 100 }] }] };
    const events = [...stream835([build835(envelope, [r])])];
    expect(events.map((e) => e.kind)).toEqual(['claim', 'remittance-end', 'end']);
    const end = events[1]!;
    if (end.kind !== 'remittance-end') throw new Error('expected remittance-end');
    expect(end.providerAdjustments).toEqual(r.providerAdjustments);
    expect(end.claimCount).toBe(1);
    expect(end.findings.map((f) => f.code).sort()).toEqual(['CLAIM_IMBALANCE', 'PAYMENT_IMBALANCE']);
    expect(parse835(build835(envelope, [r])).findings.map((f) => f.code).sort()).toEqual(['CLAIM_IMBALANCE', 'PAYMENT_IMBALANCE']);
  });

  it('reads an async source', async () => {
    const text = build835(envelope, [fc.sample(remit, { numRuns: 1, seed: 1 })[0]!]);
    async function* source() {
      for (let i = 0; i < text.length; i += 7) yield text.slice(i, i + 7);
    }
    const claims: ClaimPayment835[] = [];
    for await (const e of stream835Async(source())) if (e.kind === 'claim') claims.push(e.claim);
    expect(claims).toEqual(parse835(text).transactions[0]!.claims);
  });

  it('throws the same typed errors as parse835, and enforces the size limit as input arrives', () => {
    for (const input of ['', 'HELLO', 'ISA*00*01~', 'ST*270*1~SE*2*1~', 'ST*835*1~*BAD~']) {
      const code = (() => {
        try {
          parse835(input);
          return 'none';
        } catch (e) {
          return (e as X12ParseError).code;
        }
      })();
      expect(() => [...stream835([input])]).toThrow(expect.objectContaining({ code }));
    }
    const text = build835(envelope, [fc.sample(remit, { numRuns: 1, seed: 2 })[0]!]);
    expect(() => [...stream835([text.slice(0, 50), text.slice(50)], { maxBytes: 100 })]).toThrow(expect.objectContaining({ code: 'INPUT_TOO_LARGE' }));
  });

  const seed = readSample('835', 'tasty__profee.edi');
  it('random mutations in random chunks never throw anything but X12ParseError', () => {
    fc.assert(fc.property(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 6 }), fc.array(fc.nat(), { maxLength: 6 }), (at, byte, count, cuts) => {
      const input = seed.slice();
      for (let i = 0; i < count; i++) input[(at + i * 31) % input.length] = (byte + i) & 0xff;
      try {
        const events = [...stream835(split(input, cuts))];
        const claims = events.filter((e) => e.kind === 'claim').length;
        expect(claims).toBe(parse835(input).transactions.reduce((a, t) => a + t.claims.length, 0));
      } catch (e) {
        if (!(e instanceof X12ParseError)) throw e;
      }
    }), { numRuns: 200, seed: 77 });
  });
});
