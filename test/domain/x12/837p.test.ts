import fc from 'fast-check';
import { X12BuildError, build837P, npiWithCheckDigit, parse837P, validate837P, validate837PFile, type Claim837P, type X12Finding } from '../../../domain/x12';
import { envelope, mriClaim, secondaryClaimWithCob, transaction } from './support/claims';
import { readSample, sampleFiles } from './support/samples';

const codes = (findings: readonly X12Finding[]) => findings.map((f) => f.code);


describe('837P build and parse', () => {
  it('round-trips a primary Medicare MRI claim', () => {
    const tx = transaction();
    const text = build837P(envelope, [tx]);
    expect(text).toContain('CLM*CLM-ACC-2026-000123-1*1850.5***11:B:1*Y*A*Y*Y~');
    expect(text).toContain('SV1*HC:72100:26:LT*350.5*UN*1.5***1~');
    expect(text).toContain('NM1*DN*1*HOUSE*GREGORY****XX*1245319599~');
    const parsed = parse837P(text);
    expect(parsed.findings).toEqual([]);
    expect(parsed.transactions).toEqual([tx]);
  });

  it('round-trips a corrected secondary claim for a dependent with COB and line adjudication', () => {
    const tx = transaction([secondaryClaimWithCob(), mriClaim({ claimId: 'SECOND' })]);
    const text = build837P(envelope, [tx]);
    expect(text).toContain('REF*F8*PCN12345~');
    expect(text).toContain('CAS*CO*45*1000.5~');
    expect(text).toContain('AMT*D*700~');
    expect(text).toContain('SVD*12202*600*HC:72148**1~');
    expect(text).toContain('DTP*472*RD8*20261125-20261126~');
    expect(text.match(/HL\*1\*\*20/g)).toHaveLength(1);
    expect(parse837P(text).transactions).toEqual([JSON.parse(JSON.stringify(tx))]);
  });

  it('refuses to build with errors and carries the findings', () => {
    try {
      build837P(envelope, [transaction([mriClaim({ totalChargeCents: 1 })])]);
      throw new Error('expected refusal');
    } catch (e) {
      expect(e).toBeInstanceOf(X12BuildError);
      expect(codes((e as X12BuildError).findings)).toEqual(['CHARGE_MISMATCH']);
    }
  });

  it('builds with warnings only', () => {
    const claim = mriClaim({ subscriber: { ...mriClaim().subscriber, payerResponsibility: 'S' } });
    expect(codes(validate837P(transaction([claim])))).toEqual(['OTHER_PAYER_MISSING']);
    expect(() => build837P(envelope, [transaction([claim])])).not.toThrow();
  });

  const name = fc.stringMatching(/^[A-Z][A-Z ]{0,20}[A-Z]$/);
  const cents = fc.integer({ min: 1, max: 10_000_000 });
  const isoDate = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const npi = fc.stringMatching(/^[12]\d{8}$/).map(npiWithCheckDigit);
  const icd = fc.stringMatching(/^[A-TV-Z]\d{2}[0-9A-Z]{0,4}$/);
  const claimArb: fc.Arbitrary<Claim837P> = fc.record({
    claimId: fc.stringMatching(/^[A-Z0-9-]{1,38}$/),
    diagnoses: fc.array(icd, { minLength: 1, maxLength: 12 }),
    lines: fc.array(fc.record({
      procedureCode: fc.stringMatching(/^7\d{4}$/),
      modifiers: fc.array(fc.constantFrom('26', 'TC', 'LT', 'RT', '59', 'XS', 'GA'), { maxLength: 4 }),
      chargeCents: cents,
      units: fc.integer({ min: 1, max: 9 }),
      serviceDate: isoDate,
      lineControlNumber: fc.option(fc.stringMatching(/^[A-Z0-9]{1,30}$/), { nil: undefined }),
    }), { minLength: 1, maxLength: 50 }),
    placeOfService: fc.constantFrom('11', '19', '22'),
    filing: fc.constantFrom('MB', 'MA', 'MC', 'CI', 'BL', 'HM'),
    frequency: fc.constantFrom('1', '7', '8'),
    referring: npi,
    billing: npi,
    last: name,
    first: name,
  }).map((r) => {
    const base = mriClaim();
    return {
      ...base,
      claimId: r.claimId,
      diagnoses: r.diagnoses,
      placeOfService: r.placeOfService,
      frequency: r.frequency as Claim837P['frequency'],
      payerClaimControlNumber: r.frequency === '1' ? undefined : 'PCN1',
      billingProvider: { ...base.billingProvider, npi: r.billing },
      referringProvider: { entityType: '1' as const, lastOrOrgName: r.last, firstName: r.first, npi: r.referring },
      subscriber: { ...base.subscriber, claimFilingIndicator: r.filing as Claim837P['subscriber']['claimFilingIndicator'] },
      totalChargeCents: r.lines.reduce((a, l) => a + l.chargeCents, 0),
      lines: r.lines.map((l, i) => ({ ...l, diagnosisPointers: [1 + (i % r.diagnoses.length)] })),
    };
  });

  it('round-trips random valid claims (property)', () => {
    fc.assert(fc.property(fc.array(claimArb, { minLength: 1, maxLength: 3 }), (claims) => {
      const tx = transaction(claims);
      expect(validate837P(tx).filter((f) => f.severity === 'error')).toEqual([]);
      const parsed = parse837P(build837P(envelope, [tx]));
      expect(parsed.findings).toEqual([]);
      expect(parsed.transactions).toEqual([JSON.parse(JSON.stringify(tx))]);
    }), { numRuns: 200, seed: 837 });
  });
});

describe('837P validator', () => {
  const trigger: [string, () => Claim837P][] = [
    ['NPI_INVALID', () => mriClaim({ referringProvider: { entityType: '1', lastOrOrgName: 'HOUSE', npi: '1234567890' } })],
    ['CLAIM_ID_TOO_LONG', () => mriClaim({ claimId: 'X'.repeat(39) })],
    ['TOO_MANY_DIAGNOSES', () => mriClaim({ diagnoses: Array.from({ length: 13 }, (_, i) => `M54${String(i).padStart(2, '0')}`) })],
    ['NO_DIAGNOSIS', () => mriClaim({ diagnoses: [], lines: [{ ...mriClaim().lines[0]!, diagnosisPointers: [1] }], totalChargeCents: 150000 })],
    ['DIAGNOSIS_FORMAT', () => mriClaim({ diagnoses: ['M54.16', 'M5126'] })],
    ['TOO_MANY_LINES', () => mriClaim({ totalChargeCents: 51 * 100, lines: Array.from({ length: 51 }, () => ({ procedureCode: '72148', modifiers: [], chargeCents: 100, units: 1, diagnosisPointers: [1], serviceDate: '2026-11-25' })) })],
    ['NO_LINES', () => mriClaim({ lines: [] })],
    ['CHARGE_MISMATCH', () => mriClaim({ totalChargeCents: 185051 })],
    ['PAYER_CLAIM_CONTROL_NUMBER_REQUIRED', () => mriClaim({ frequency: '8' })],
    ['DIAGNOSIS_POINTER_INVALID', () => mriClaim({ lines: [{ ...mriClaim().lines[0]!, diagnosisPointers: [3] }, mriClaim().lines[1]!] })],
    ['TAX_ID_INVALID', () => mriClaim({ billingProvider: { ...mriClaim().billingProvider, taxId: '37-1234567' } })],
    ['INVALID_CODE', () => mriClaim({ subscriber: { ...mriClaim().subscriber, claimFilingIndicator: 'XX' as never } })],
    ['MISSING_REQUIRED', () => mriClaim({ subscriber: { ...mriClaim().subscriber, memberId: '' } })],
    ['MODIFIER_INVALID', () => mriClaim({ lines: [{ ...mriClaim().lines[0]!, modifiers: ['26', 'TC', 'LT', 'RT', '59'] }, mriClaim().lines[1]!] })],
    ['UNITS_INVALID', () => mriClaim({ lines: [{ ...mriClaim().lines[0]!, units: 0 }, mriClaim().lines[1]!] })],
    ['INVALID_DATE', () => mriClaim({ lines: [{ ...mriClaim().lines[0]!, serviceDate: '2026-02-30' }, mriClaim().lines[1]!] })],
    ['INVALID_AMOUNT', () => mriClaim({ totalChargeCents: 185050.5 })],
    ['ELEMENT_LENGTH', () => mriClaim({ priorAuthorization: 'A'.repeat(51) })],
    ['DELIMITER_IN_VALUE', () => mriClaim({ priorAuthorization: 'AUTH*1' })],
    ['LINE_ADJUDICATION_PAYER_UNKNOWN', () => ({ ...secondaryClaimWithCob(), lines: secondaryClaimWithCob().lines.map((l) => ({ ...l, adjudications: l.adjudications?.map((a) => ({ ...a, payerId: 'NOPE' })) })) })],
    ['OTHER_PAYER_MISSING', () => mriClaim({ subscriber: { ...mriClaim().subscriber, payerResponsibility: 'T' } })],
  ];

  it('finds nothing on valid claims', () => {
    expect(validate837P(transaction([mriClaim(), secondaryClaimWithCob()]))).toEqual([]);
  });

  it.each(trigger)('reports %s, and only where it applies', (code, make) => {
    const findings = validate837P(transaction([make()]));
    expect(codes(findings)).toContain(code);
    const f = findings.find((x) => x.code === code)!;
    expect(f.loop).not.toBe('');
    expect(f.fix).not.toBe('');
    expect(codes(validate837P(transaction([mriClaim()])))).not.toContain(code);
  });

  it('reports HL numbering and SE count problems in a received file', () => {
    const good = build837P(envelope, [transaction()]);
    expect(validate837PFile(good)).toEqual([]);
    const bad = good.replace('HL*2*1*22*0', 'HL*3*1*22*0').replace('SE*33*0001', 'SE*30*0001');
    expect(codes(validate837PFile(bad))).toEqual(expect.arrayContaining(['HL_NUMBERING', 'SE_COUNT_MISMATCH']));
    const orphan = good.replace('HL*2*1*22*0', 'HL*2*7*22*0');
    expect(codes(validate837PFile(orphan))).toEqual(expect.arrayContaining(['HL_PARENT_INVALID', 'HL_CHILD_CODE']));
  });
});

describe('837P public samples', () => {
  it.each(sampleFiles('837p'))('parses %s', (file) => {
    const r = parse837P(readSample('837p', file));
    expect(r.transactions.length).toBeGreaterThan(0);
    expect(r.transactions.flatMap((t) => t.claims).length).toBeGreaterThan(0);
  });

  it('reads facts of the TR3 examples', () => {
    const claim = parse837P(readSample('837p', 'lfh__demo.example1.837')).transactions[0]!.claims[0]!;
    expect(claim.claimId).toBe('26463774');
    expect(claim.totalChargeCents).toBe(10000);
    expect(claim.placeOfService).toBe('11');
    expect(claim.lines.reduce((a, l) => a + l.chargeCents, 0)).toBe(10000);
    const cob = parse837P(readSample('837p', 'lfh__demo.cob.example3.B.837')).transactions[0]!.claims[0]!;
    expect(cob.diagnoses).toEqual(['4779', '2724', '2780', '53081']);
    expect(cob.lines[0]).toMatchObject({ procedureCode: '99213', chargeCents: 4300, diagnosisPointers: [1, 2, 3, 4] });
    expect(cob.lines[0]!.adjudications?.[0]).toMatchObject({ payerId: '999996666', paidCents: 4000 });
    expect(parse837P(readSample('837p', 'imsweb__x12_many_claims.txt')).transactions[0]!.claims).toHaveLength(820);
  });
});
