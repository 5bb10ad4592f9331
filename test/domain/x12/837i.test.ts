import fc from 'fast-check';
import { X12BuildError, build837I, parse837I, parse837P, validate837I, type Claim837I, type Transaction837I, type X12Finding } from '../../../domain/x12';
import { envelope, hospitalCtClaim, hospitalReplacementClaimWithCob, transaction } from './support/claims';
import { readSample, sampleFiles } from './support/samples';

const codes = (findings: readonly X12Finding[]) => findings.map((f) => f.code);
const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;


function tx837I(claims: Claim837I[] = [hospitalCtClaim()]): Transaction837I {
  const { claims: _c, ...header } = transaction();
  return { ...header, claims };
}

describe('837I build and parse', () => {
  it('round-trips a hospital outpatient CT claim (bill type 131)', () => {
    const tx = tx837I();
    const text = build837I(envelope, [tx]);
    expect(text).toContain('ST*837*0001*005010X223A2~');
    expect(text).toContain('CLM*CLM-ACC-2026-000124-1*3100***13:A:1**A*Y*Y~\nDTP*434*RD8*20261125-20261125~\nCL1*3*1*01~');
    expect(text).toContain('HI*ABK:R1031~\nHI*ABF:K5720~\nHI*BH:11:D8:20261120~\nHI*BE:A1:::257~');
    expect(text).toContain('NM1*71*1*HOUSE*GREGORY****XX*1245319599~');
    expect(text).toContain('SV2*0350*HC:74177*2600*UN*1~\nDTP*472*D8*20261125~\nREF*6R*L1~');
    const parsed = parse837I(text);
    expect(parsed.findings).toEqual([]);
    expect(parsed.transactions).toEqual([tx]);
    expect(() => parse837P(text)).toThrow(expect.objectContaining({ code: 'WRONG_TRANSACTION_TYPE' }));
  });

  it('round-trips a replacement claim with a prior payer (2320/2430) for a dependent', () => {
    const claim = hospitalReplacementClaimWithCob();
    const tx = tx837I([claim]);
    const text = build837I(envelope, [tx]);
    expect(text).toContain('13:A:7');
    expect(text).toContain('REF*F8*PCN9~');
    // 2430 SVD04: the line's revenue code, required in the 837I.
    expect(text).toContain('SVD*12201*1600*HC:70553*0610*1~');
    expect(parse837I(text).transactions).toEqual([plain(tx)]);
  });

  it('round-trips random valid claims (property)', () => {
    const arb = fc.record({
      lines: fc.array(fc.record({
        revenueCode: fc.constantFrom('0320', '0350', '0401', '0402', '0404', '0610'), procedureCode: fc.constantFrom('71046', '74177', '77067', '76700', '78815', '70553'),
        modifiers: fc.array(fc.constantFrom('TC', 'LT', 'RT', '59'), { maxLength: 2 }), chargeCents: fc.integer({ min: 1, max: 5_000_000 }), units: fc.integer({ min: 1, max: 3 }),
      }), { minLength: 1, maxLength: 20 }),
      frequency: fc.constantFrom('1' as const, '7' as const, '8' as const),
      diagnoses: fc.array(fc.stringMatching(/^[A-TV-Z]\d{2}[0-9A-Z]{0,4}$/), { minLength: 1, maxLength: 25 }),
      values: fc.array(fc.record({ code: fc.constantFrom('A1', 'A2', '80'), amountCents: fc.integer({ min: 0, max: 1_000_000 }) }), { maxLength: 3 }),
    });
    fc.assert(fc.property(arb, (r) => {
      const claim = hospitalCtClaim({
        frequency: r.frequency, payerClaimControlNumber: r.frequency === '1' ? undefined : 'PCN1', diagnoses: r.diagnoses,
        valueCodes: r.values.length ? r.values : undefined,
        lines: r.lines.map((l) => ({ ...l, serviceDate: '2026-11-25' })), totalChargeCents: r.lines.reduce((a, l) => a + l.chargeCents, 0),
      });
      const tx = plain(tx837I([claim]));
      expect(validate837I(tx)).toEqual([]);
      const parsed = parse837I(build837I(envelope, [tx]));
      expect(parsed.findings).toEqual([]);
      expect(parsed.transactions).toEqual([tx]);
    }), { numRuns: 200, seed: 8371 });
  });
});

describe('837I validator', () => {
  const line = () => hospitalCtClaim().lines[0]!;
  const trigger: [string, () => Claim837I][] = [
    ['BILL_TYPE_INVALID', () => hospitalCtClaim({ facilityTypeCode: '11' })],
    ['STATEMENT_DATES_INVALID', () => hospitalCtClaim({ statementFrom: '2026-11-26', statementTo: '2026-11-25' })],
    ['SERVICE_DATE_OUTSIDE_STATEMENT', () => hospitalCtClaim({ lines: [{ ...line(), serviceDate: '2026-11-24' }, hospitalCtClaim().lines[1]!] })],
    ['PATIENT_STATUS_INVALID', () => hospitalCtClaim({ patientStatus: '1' })],
    ['REVENUE_CODE_INVALID', () => hospitalCtClaim({ lines: [{ ...line(), revenueCode: '350' }, hospitalCtClaim().lines[1]!] })],
    ['ATTENDING_PROVIDER_REQUIRED', () => hospitalCtClaim({ attendingProvider: undefined })],
    ['CHARGE_MISMATCH', () => hospitalCtClaim({ totalChargeCents: 1 })],
    ['NO_DIAGNOSIS', () => hospitalCtClaim({ diagnoses: [] })],
    ['TOO_MANY_DIAGNOSES', () => hospitalCtClaim({ diagnoses: Array.from({ length: 26 }, () => 'R51') })],
    ['DIAGNOSIS_FORMAT', () => hospitalCtClaim({ diagnoses: ['R10.31'] })],
    ['PAYER_CLAIM_CONTROL_NUMBER_REQUIRED', () => hospitalCtClaim({ frequency: '8' })],
    ['NO_LINES', () => hospitalCtClaim({ lines: [] })],
    ['UNITS_INVALID', () => hospitalCtClaim({ lines: [{ ...line(), units: 0 }, hospitalCtClaim().lines[1]!] })],
    ['MODIFIER_INVALID', () => hospitalCtClaim({ lines: [{ ...line(), modifiers: ['T'] }, hospitalCtClaim().lines[1]!] })],
    ['NPI_INVALID', () => hospitalCtClaim({ attendingProvider: { entityType: '1', lastOrOrgName: 'HOUSE', npi: '1234567890' } })],
    ['INVALID_CODE', () => hospitalCtClaim({ admissionType: 'XX' })],
    ['INVALID_DATE', () => hospitalCtClaim({ occurrenceCodes: [{ code: '11', date: '2026-02-30' }] })],
    ['TAX_ID_INVALID', () => hospitalCtClaim({ billingProvider: { ...hospitalCtClaim().billingProvider, taxId: '1' } })],
    ['ELEMENT_LENGTH', () => hospitalCtClaim({ priorAuthorization: 'A'.repeat(51) })],
    ['DELIMITER_IN_VALUE', () => hospitalCtClaim({ priorAuthorization: 'A~1' })],
  ];
  it('finds nothing on a valid claim', () => {
    expect(validate837I(tx837I())).toEqual([]);
  });
  it.each(trigger)('reports %s, and only where it applies', (code, make) => {
    const findings = validate837I(tx837I([make()]));
    expect(codes(findings)).toContain(code);
    expect(findings.find((f) => f.code === code)!.fix).not.toBe('');
    expect(codes(validate837I(tx837I()))).not.toContain(code);
  });
  it('refuses to build with errors', () => {
    expect(() => build837I(envelope, [tx837I([hospitalCtClaim({ totalChargeCents: 1 })])])).toThrow(X12BuildError);
  });
});

describe('837I public samples', () => {
  it.each(sampleFiles('837i'))('parses %s', (file) => {
    const r = parse837I(readSample('837i', file));
    const claims = r.transactions.flatMap((t) => t.claims);
    expect(claims.length).toBeGreaterThan(0);
    expect(claims.every((c) => c.lines.every((l) => l.revenueCode !== ''))).toBe(true);
  });

  it('reads facts of the institutional claim sample', () => {
    const claim = parse837I(readSample('837i', 'lfh__institutional-claim.837i')).transactions[0]!.claims[0]!;
    expect(claim).toMatchObject({ claimId: '756048Q', totalChargeCents: 8993, facilityTypeCode: '14', frequency: '1', admissionType: '3', patientStatus: '01' });
    expect(claim.lines[1]).toMatchObject({ revenueCode: '0730', procedureCode: '93005', chargeCents: 7654, units: 3 });
    expect(claim.diagnoses.length).toBeGreaterThan(0);
    expect(claim.lines.reduce((a, l) => a + l.chargeCents, 0)).toBe(claim.totalChargeCents);
  });
});
