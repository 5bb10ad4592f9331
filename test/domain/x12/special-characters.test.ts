import fc from 'fast-check';
import {
  build837I, build837P, parse837I, parse837P, validate837I, validate837PFile, writtenText, x12Text, X12BuildError,
  type Address, type Claim837I, type Claim837P, type X12Finding,
} from '../../../domain/x12';
import { envelope, hospitalCtClaim, mriClaim, transaction } from './support/claims';

const errors = (findings: readonly X12Finding[]) => findings.filter((f) => f.severity === 'error');

/** Printable text with the characters that break X12 mixed in: delimiters, line breaks, control characters, accents. */
const awkward = fc.constantFrom('*', ':', '^', '~', '|', '>', '\r', '\n', '\t', '\u0000', '\u007f', 'É', 'ñ', 'ß', '  ', "'", '&', '#');
const typed = (maxLength: number, letters = 1) => fc
  .string({ unit: fc.oneof({ weight: 2, arbitrary: awkward }, { weight: 8, arbitrary: fc.string({ minLength: 1, maxLength: 1 }) }), minLength: 1, maxLength })
  // what intake accepts (trimmed, not blank) and carries a name at all: at least one letter or digit (a city two)
  .filter((s) => (x12Text(s).match(/[A-Za-z0-9]/g) ?? []).length >= letters);

const person = fc.record({ last: typed(60), first: typed(35) });
const address = fc.record({ line1: typed(55), line2: fc.option(typed(55), { nil: undefined }), city: typed(30, 2) });
interface Person { last: string; first: string }
interface TypedAddress { line1: string; line2: string | undefined; city: string }
interface Typed { subscriber: Person; patient: Person; subscriberAddress: TypedAddress; patientAddress: TypedAddress; group: string; payerName: string }
const input: fc.Arbitrary<Typed> = fc.record({ subscriber: person, patient: person, subscriberAddress: address, patientAddress: address, group: typed(50), payerName: typed(60) });

function addressOf(a: TypedAddress): Address {
  return { line1: a.line1, ...(a.line2 ? { line2: a.line2 } : {}), city: a.city, state: 'IL', postalCode: '62701' };
}

/** The claim's parties built from what a person typed (a dependent patient, so both 2010BA and 2010CA carry it). */
function parties(v: Typed): Pick<Claim837P, 'subscriber' | 'patient' | 'payer'> {
  const base = mriClaim();
  return {
    subscriber: {
      ...base.subscriber, relationship: undefined, groupNumber: v.group,
      name: { entityType: '1', lastOrOrgName: v.subscriber.last, firstName: v.subscriber.first }, address: addressOf(v.subscriberAddress),
    },
    patient: { relationship: '19', name: { entityType: '1', lastOrOrgName: v.patient.last, firstName: v.patient.first }, address: addressOf(v.patientAddress), birthDate: '2010-01-02', gender: 'M' },
    payer: { name: v.payerName, payerId: '12202' },
  };
}

/** What the reader gets back: each value as the writer puts it on the wire. */
function expectReadBack(claim: Pick<Claim837P, 'subscriber' | 'patient' | 'payer'>, v: Typed): void {
  const name = (n: Person) => ({ lastOrOrgName: writtenText('NM1', 3, n.last), firstName: writtenText('NM1', 4, n.first) });
  const addr = (a: TypedAddress) => ({
    line1: writtenText('N3', 1, a.line1), city: writtenText('N4', 1, a.city), state: 'IL', postalCode: '62701',
    ...(a.line2 && writtenText('N3', 2, a.line2) ? { line2: writtenText('N3', 2, a.line2) } : {}),
  });
  expect(claim.subscriber).toMatchObject({ name: name(v.subscriber), address: addr(v.subscriberAddress), groupNumber: writtenText('SBR', 3, v.group), memberId: '1EG4TE5MK73' });
  expect(claim.patient).toMatchObject({ name: name(v.patient), address: addr(v.patientAddress) });
  expect(claim.payer.name).toBe(writtenText('NM1', 3, v.payerName));
}

describe('837 with any printable text in names, addresses and group numbers', () => {
  it('an 837P builds, passes the file validator and reads back', () => {
    fc.assert(fc.property(input, (v) => {
      const text = build837P(envelope, [transaction([mriClaim(parties(v))])]);
      expect(errors(validate837PFile(text))).toEqual([]);
      const parsed = parse837P(text);
      expect(errors(parsed.findings)).toEqual([]);
      const claim = parsed.transactions[0]!.claims[0]!;
      expect(claim).toMatchObject({ claimId: 'CLM-ACC-2026-000123-1', totalChargeCents: 185050 });
      expectReadBack(claim, v);
    }), { numRuns: 300 });
  });

  it('an 837I builds, passes the validator and reads back', () => {
    fc.assert(fc.property(input, (v) => {
      const claim: Claim837I = hospitalCtClaim(parties(v));
      const text = build837I(envelope, [{ ...transaction([]), claims: [claim] }]);
      const parsed = parse837I(text);
      expect(errors(parsed.findings)).toEqual([]);
      const read = parsed.transactions[0]!.claims[0]!;
      expect(errors(validate837I(parsed.transactions[0]!))).toEqual([]);
      expect(read).toMatchObject({ claimId: 'CLM-ACC-2026-000124-1', totalChargeCents: 310000 });
      expectReadBack(read, v);
    }), { numRuns: 200 });
  });

  it('names and addresses are cut to the element maximum; free text loses delimiters, control characters and accents', () => {
    const long = 'Ó'.repeat(5) + 'X'.repeat(80);
    const text = build837P(envelope, [transaction([mriClaim({
      subscriber: { ...mriClaim().subscriber, groupNumber: 'GRP*12~3', name: { entityType: '1', lastOrOrgName: long, firstName: "D'Arcy:\tJo^n" }, address: { line1: '12 Main St * Apt ~4', city: 'Saint-Étienne', state: 'IL', postalCode: '62701' } },
    })])]);
    expect(text).toContain(`NM1*IL*1*${'O'.repeat(5)}${'X'.repeat(55)}*D'Arcy  Jo n*`);
    expect(text).toContain('N3*12 Main St   Apt  4~');
    expect(text).toContain('N4*Saint-Etienne*IL*62701~');
    expect(text).toMatch(/SBR\*P\*18\*GRP 12 3\*/);
  });

  it('codes and identifiers are never altered: a delimiter in one, or one too long, refuses the build with the element named', () => {
    const tooLongGroup = 'G'.repeat(51);
    for (const claim of [mriClaim({ priorAuthorization: 'AUTH*1' }), mriClaim({ subscriber: { ...mriClaim().subscriber, memberId: 'A\u00071' } }), mriClaim({ subscriber: { ...mriClaim().subscriber, groupNumber: tooLongGroup } })]) {
      const err = (() => {
        try {
          build837P(envelope, [transaction([claim])]);
          return undefined;
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(X12BuildError);
      const findings = (err as X12BuildError).findings;
      expect(findings.map((f) => f.code)).toEqual(expect.arrayContaining([expect.stringMatching(/DELIMITER_IN_VALUE|ELEMENT_LENGTH/)]));
      expect(JSON.stringify(findings)).not.toContain('AUTH*1');
    }
  });
});
