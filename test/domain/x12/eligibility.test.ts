import fc from 'fast-check';
import { EligibilityResponseSchema } from '../../../domain/eligibility';
import {
  X12BuildError, build270, build271, npiWithCheckDigit, parse270, parse271, toEligibilityResponse, validate270, validate271,
  type EligibilityInquiry270, type EligibilityRequest270, type Benefit271, type EligibilityResponse271, type X12Finding,
} from '../../../domain/x12';
import { envelope } from './support/claims';
import { inquiry270, response271 } from './support/eligibility';
import { readSample, sampleFiles } from './support/samples';

const codes = (findings: readonly X12Finding[]) => findings.map((f) => f.code);
const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('270 build and parse', () => {
  it('round-trips a subscriber and a dependent inquiry', () => {
    const tx = inquiry270();
    const text = build270(envelope, [tx]);
    expect(text).toContain('GS*HS*');
    expect(text).toContain('ST*270*0001*005010X279A1~');
    expect(text).toContain('BHT*0022*13*EX-1001*20261120*0900~');
    expect(text).toContain('NM1*1P*2*SPRINGFIELD IMAGING*****XX*1234567893~');
    expect(text).toContain('HL*3*2*22*0~\nTRN*1*EX-1001-1*1371234567~\nNM1*IL*1*LOVELACE*ADA****MI*1EG4TE5MK73~\nDMG*D8*19610412*F~\nDTP*291*D8*20261125~\nEQ*30~\nEQ*62~');
    expect(text).toContain('HL*5*4*23*0~\nTRN*1*EX-1002-1*1371234567*IMAGING~\nNM1*03*1*LOVELACE*BYRON~\nDMG*D8*20100102*M~\nINS*N*19~\nDTP*291*RD8*20261125-20261130~');
    const parsed = parse270(text);
    expect(parsed.findings).toEqual([]);
    expect(parsed.transactions).toEqual([tx]);
  });

  const name = fc.stringMatching(/^[A-Z][A-Z ]{0,20}[A-Z]$/);
  const isoDate = fc.date({ min: new Date('1930-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const inquiryArb: fc.Arbitrary<EligibilityInquiry270> = fc.record({
    trace: fc.record({ number: fc.stringMatching(/^[A-Z0-9-]{1,50}$/), originatorId: fc.stringMatching(/^1\d{9}$/) }),
    subscriber: fc.record({ name: fc.record({ entityType: fc.constant('1' as const), lastOrOrgName: name, firstName: name }), memberId: fc.stringMatching(/^[A-Z0-9]{2,20}$/), birthDate: isoDate, gender: fc.constantFrom('M' as const, 'F' as const, 'U' as const) }, { requiredKeys: ['name', 'memberId'] }),
    dependent: fc.option(fc.record({ name: fc.record({ entityType: fc.constant('1' as const), lastOrOrgName: name }), birthDate: isoDate, relationship: fc.constantFrom('01' as const, '19' as const, '34' as const) }, { requiredKeys: ['name', 'birthDate'] }), { nil: undefined }),
    serviceDate: isoDate,
    serviceTypeCodes: fc.uniqueArray(fc.constantFrom('30', '4', '62', '73', '1', '98'), { minLength: 1, maxLength: 6 }),
  }).map((q) => {
    const out: EligibilityInquiry270 = { trace: q.trace, subscriber: q.subscriber, serviceDate: q.serviceDate, serviceTypeCodes: q.serviceTypeCodes };
    if (q.dependent) out.dependent = q.dependent;
    return out;
  });

  it('round-trips random valid inquiries (property)', () => {
    fc.assert(fc.property(fc.array(inquiryArb, { minLength: 1, maxLength: 4 }), fc.stringMatching(/^[12]\d{8}$/).map(npiWithCheckDigit), (inquiries, npi) => {
      const tx: EligibilityRequest270 = { ...inquiry270(), inquiries, receiver: { ...inquiry270().receiver, id: npi } };
      expect(validate270(tx)).toEqual([]);
      const parsed = parse270(build270(envelope, [tx]));
      expect(parsed.findings).toEqual([]);
      expect(parsed.transactions).toEqual([plain(tx)]);
    }), { numRuns: 200, seed: 270 });
  });
});

describe('270 validator', () => {
  const q0 = () => inquiry270().inquiries[0]!;
  const q1 = () => inquiry270().inquiries[1]!;
  const withInquiry = (q: EligibilityInquiry270): EligibilityRequest270 => ({ ...inquiry270(), inquiries: [q] });
  const trigger: [string, () => EligibilityRequest270][] = [
    ['NO_INQUIRIES', () => ({ ...inquiry270(), inquiries: [] })],
    ['NPI_INVALID', () => ({ ...inquiry270(), receiver: { ...inquiry270().receiver, id: '1234567890' } })],
    ['INVALID_CODE', () => ({ ...inquiry270(), receiver: { ...inquiry270().receiver, idQualifier: 'ZZ' } })],
    ['MISSING_REQUIRED', () => withInquiry({ ...q0(), subscriber: { ...q0().subscriber, memberId: '' } })],
    ['INVALID_DATE', () => withInquiry({ ...q0(), serviceDate: '2026-02-30' })],
    ['DATE_RANGE_INVALID', () => withInquiry({ ...q0(), serviceDateEnd: '2026-11-01' })],
    ['NO_SERVICE_TYPE', () => withInquiry({ ...q0(), serviceTypeCodes: [] })],
    ['TOO_MANY_SERVICE_TYPES', () => withInquiry({ ...q0(), serviceTypeCodes: Array.from({ length: 100 }, () => '30') })],
    ['SERVICE_TYPE_INVALID', () => withInquiry({ ...q0(), serviceTypeCodes: ['MRI'] })],
    ['ELEMENT_LENGTH', () => withInquiry({ ...q0(), trace: { number: 'T1', originatorId: '12345' } })],
    ['DELIMITER_IN_VALUE', () => withInquiry({ ...q0(), subscriber: { ...q0().subscriber, memberId: 'A*1' } })],
  ];

  it('finds nothing on valid inquiries', () => {
    expect(validate270(inquiry270())).toEqual([]);
  });

  it.each(trigger)('reports %s, and only where it applies', (code, make) => {
    const findings = validate270(make());
    expect(codes(findings)).toContain(code);
    const f = findings.find((x) => x.code === code)!;
    expect(f.loop).not.toBe('');
    expect(f.fix).not.toBe('');
    expect(codes(validate270(inquiry270()))).not.toContain(code);
  });

  it('requires the dependent birth date', () => {
    const q = { ...q1(), dependent: { ...q1().dependent!, birthDate: undefined } };
    expect(codes(validate270(withInquiry(q)))).toEqual(['MISSING_REQUIRED']);
  });

  it('refuses to build with errors', () => {
    expect(() => build270(envelope, [{ ...inquiry270(), inquiries: [] }])).toThrow(X12BuildError);
  });
});

describe('271 build and parse', () => {
  it('round-trips benefits, dates, rejections, messages and related entities', () => {
    const tx = response271();
    const text = build271(envelope, [tx]);
    expect(text).toContain('GS*HB*');
    expect(text).toContain('EB*1*IND*30^62^4*MB*MEDICARE PART B~');
    expect(text).toContain('EB*C*IND*30*MB**29*125.75*****Y~');
    expect(text).toContain('EB*A*IND*62*****0.2***N*Y~');
    expect(text).toContain('EB*F**62***23***VS*2***HC:70553:TC~');
    expect(text).toContain('LS*2120~\nNM1*PR*2*RADIOLOGY BENEFIT MANAGER*****PI*RBM01~\nLE*2120~');
    expect(text).toContain('AAA*Y**75*C~');
    expect(text).toContain('DTP*307*RD8*20260101-20261231~');
    const parsed = parse271(text);
    expect(parsed.findings).toEqual([]);
    expect(parsed.transactions).toEqual([tx]);
  });

  it('round-trips a source-level rejection (payer unable to respond)', () => {
    const tx: EligibilityResponse271 = { ...response271(), answers: [], source: { ...response271().source, rejections: [{ validRequest: true, reasonCode: '42', followUpAction: 'R' }] } };
    const text = build271(envelope, [tx]);
    expect(text).toContain('NM1*PR*2*MEDICARE B*****PI*12202~\nAAA*Y**42*R~');
    expect(parse271(text).transactions).toEqual([tx]);
  });

  const cents = fc.integer({ min: 0, max: 100_000_000 });
  const benefitArb: fc.Arbitrary<Benefit271> = fc.record({
    code: fc.constantFrom('1', '6', 'A', 'B', 'C', 'G', 'I', 'F', 'CB'),
    coverageLevel: fc.constantFrom('IND', 'FAM', 'EMP'),
    serviceTypeCodes: fc.uniqueArray(fc.constantFrom('30', '4', '62', '73', '1', 'AL'), { maxLength: 5 }),
    insuranceType: fc.constantFrom('MB', 'MA', 'HM', 'C1'),
    planDescription: fc.stringMatching(/^[A-Z0-9][A-Z0-9 ]{0,30}[A-Z0-9]$/),
    timePeriod: fc.constantFrom('22', '23', '27', '29', '32'),
    amountCents: cents,
    /** Hundredths of a percent, written as the EB08 fraction: 1897 -> "0.1897" (18.97 %). */
    percentHundredths: fc.integer({ min: 0, max: 10000 }),
    authorizationRequired: fc.constantFrom('Y' as const, 'N' as const, 'U' as const),
    inNetwork: fc.constantFrom('Y' as const, 'N' as const, 'U' as const, 'W' as const),
    dates: fc.array(fc.record({ qualifier: fc.constantFrom('291', '346', '347', '356', '357'), from: fc.constantFrom('2026-01-01', '2026-07-15') }), { maxLength: 2 }),
    messages: fc.array(fc.stringMatching(/^[A-Z][A-Z ]{0,40}[A-Z]$/), { maxLength: 2 }),
  }, { requiredKeys: ['code', 'serviceTypeCodes', 'dates', 'messages'] }).map(({ percentHundredths, ...b }) => {
    const out: Benefit271 = { references: [], rejections: [], relatedEntities: [], ...b };
    if (percentHundredths !== undefined) out.percent = percentHundredths === 10000 ? '1' : `0.${String(percentHundredths).padStart(4, '0')}`.replace(/\.?0+$/, '');
    return out;
  });

  it('round-trips random benefits and maps them for the eligibility rules (property)', () => {
    fc.assert(fc.property(fc.array(benefitArb, { maxLength: 8 }), fc.boolean(), (benefits, dependent) => {
      const base = response271();
      const tx: EligibilityResponse271 = { ...base, answers: [dependent ? { ...base.answers[1]!, benefits } : { ...base.answers[0]!, benefits }] };
      expect(validate271(tx)).toEqual([]);
      const parsed = parse271(build271(envelope, [tx]));
      expect(parsed.findings).toEqual([]);
      expect(parsed.transactions).toEqual([plain(tx)]);
      const mapped = EligibilityResponseSchema.parse(toEligibilityResponse(parsed.transactions[0]!));
      expect(mapped.benefits.length).toBe(benefits.filter((b) => b.code !== 'CB').length);
      benefits.filter((b) => b.code !== 'CB').forEach((b, i) => {
        expect(mapped.benefits[i]!.amountCents).toBe(b.amountCents);
        const hundredths = b.percent === undefined ? undefined : b.percent === '1' ? 10000 : Number((b.percent.split('.')[1] ?? '').padEnd(4, '0'));
        expect(mapped.benefits[i]!.percent).toBe(hundredths === undefined ? undefined : hundredths / 100);
      });
    }), { numRuns: 200, seed: 271 });
  });
});

describe('271 validator', () => {
  const withBenefit = (b: Partial<Benefit271>): EligibilityResponse271 => {
    const base = response271();
    return { ...base, answers: [{ ...base.answers[0]!, benefits: [{ ...base.answers[0]!.benefits[0]!, ...b }] }] };
  };
  const trigger: [string, () => EligibilityResponse271][] = [
    ['PERCENT_INVALID', () => withBenefit({ percent: '0.20' })],
    ['SERVICE_TYPE_INVALID', () => withBenefit({ serviceTypeCodes: ['MRI'] })],
    ['INVALID_AMOUNT', () => withBenefit({ amountCents: 10.5 })],
    ['INVALID_CODE', () => withBenefit({ rejections: [{ validRequest: false, reasonCode: '7' }] })],
    ['MISSING_REQUIRED', () => withBenefit({ quantity: 3 })],
    ['INVALID_DATE', () => withBenefit({ dates: [{ qualifier: '346', from: '2026-13-01' }] })],
  ];
  it('finds nothing on a valid response', () => {
    expect(validate271(response271())).toEqual([]);
  });
  it.each(trigger)('reports %s, and only where it applies', (code, make) => {
    expect(codes(validate271(make()))).toContain(code);
    expect(codes(validate271(response271()))).not.toContain(code);
  });
});

describe('271 to the eligibility rules', () => {
  it('maps the subscriber answer: plan dates, member id, benefits in cents and percent', () => {
    const r = EligibilityResponseSchema.parse(toEligibilityResponse(response271(), 'EX-1001-1'));
    expect(r).toMatchObject({ payerId: '12202', traceNumber: 'EX-1001-1', subscriberMemberId: '1EG4TE5MK73', planBegin: '2026-01-01', planEnd: '2026-12-31', eligibilityBegin: '2025-06-01', rejections: [] });
    expect(r.benefits.map((b) => b.code)).toEqual(['1', 'C', 'A', 'F']);
    expect(r.benefits[1]).toMatchObject({ amountCents: 12575, timePeriod: '29', inNetwork: 'Y', validFrom: '2026-01-01', validTo: '2026-12-31' });
    expect(r.benefits[2]!.percent).toBe(20);
  });

  it('picks the dependent answer by trace number, with its rejections and eligibility dates', () => {
    const r = toEligibilityResponse(response271(), 'EX-1002-1');
    expect(r).toMatchObject({ traceNumber: 'EX-1002-1', subscriberMemberId: 'W123456789', eligibilityBegin: '2026-01-01', eligibilityEnd: '2026-12-31' });
    expect(r.rejections).toEqual([{ loop: 'dependent', reasonCode: '75', followUpAction: 'C' }]);
    expect(r.benefits.map((b) => b.code)).toEqual(['6']);
  });

  it('keeps percents exact (0.125 is 12.5 %) and leaves unknown benefit codes out', () => {
    const base = response271();
    const tx = { ...base, answers: [{ ...base.answers[0]!, benefits: [{ ...base.answers[0]!.benefits[2]!, percent: '0.125' }, { ...base.answers[0]!.benefits[0]!, code: 'CB' }] }] };
    const r = toEligibilityResponse(tx);
    expect(r.benefits).toHaveLength(1);
    expect(r.benefits[0]!.percent).toBe(12.5);
    expect(toEligibilityResponse({ ...base, answers: [{ ...base.answers[0]!, benefits: [{ ...base.answers[0]!.benefits[2]!, percent: '0.07' }] }] }).benefits[0]!.percent).toBe(7);
  });

  it('reports source and receiver rejections when there is no answer', () => {
    const tx: EligibilityResponse271 = { ...response271(), answers: [], receiver: { ...response271().receiver, rejections: [{ validRequest: false, reasonCode: '79', followUpAction: 'C' }] } };
    const r = EligibilityResponseSchema.parse(toEligibilityResponse(tx, 'EX-9'));
    expect(r).toEqual({ payerId: '12202', traceNumber: 'EX-9', rejections: [{ loop: 'receiver', reasonCode: '79', followUpAction: 'C' }], benefits: [] });
  });
});

describe('270/271 public samples', () => {
  const files = sampleFiles('270_271');
  it.each(files.filter((f) => f.endsWith('.270')))('parses 270 %s', (file) => {
    const tx = parse270(readSample('270_271', file)).transactions[0]!;
    expect(tx.source).toEqual({ name: 'ABC COMPANY', payerId: '842610001' });
    expect(tx.inquiries[0]).toMatchObject({ trace: { number: '93175-012547', originatorId: '9877281234' }, serviceDate: '2006-05-01', serviceTypeCodes: ['30'] });
  });

  it('reads a dependent 270', () => {
    const q = parse270(readSample('270_271', 'lfh__dependent-health-benefit-check.270')).transactions[0]!.inquiries[0]!;
    expect(q.subscriber.memberId).toBe('11122333301');
    expect(q.dependent).toEqual({ name: { entityType: '1', lastOrOrgName: 'SMITH', firstName: 'MARY' }, birthDate: '1978-10-14' });
  });

  it.each(files.filter((f) => !f.endsWith('.270')))('parses 271 %s', (file) => {
    const r = parse271(readSample('270_271', file));
    expect(r.transactions.length).toBeGreaterThan(0);
    expect(() => EligibilityResponseSchema.parse(toEligibilityResponse(r.transactions[0]!))).not.toThrow();
  });

  it('reads facts of the 271 samples', () => {
    const sub = parse271(readSample('270_271', 'lfh__subscriber-health-benefit-check.271')).transactions[0]!;
    const a = sub.answers[0]!;
    expect(a.traces).toEqual([{ type: '2', number: '93175-012547', originatorId: '9877281234' }]);
    expect(a.subscriber).toMatchObject({ memberId: '123456789', birthDate: '1963-05-19', gender: 'M', dates: [{ qualifier: '346', from: '2006-01-01' }] });
    expect(a.benefits[0]).toMatchObject({ code: '1', serviceTypeCodes: ['30'], planDescription: 'GOLD 123 PLAN' });
    expect(a.benefits[1]!.relatedEntities).toEqual([{ entityCode: 'P3', name: { entityType: '1', lastOrOrgName: 'JONES', firstName: 'MARCUS' }, idQualifier: 'SV', id: '0202034' }]);
    expect(a.benefits[3]).toMatchObject({ code: 'B', serviceTypeCodes: ['1', '33', '35', '47', '86', '88', '98', 'AL', 'MH', 'UC'], amountCents: 1000, timePeriod: '27', inNetwork: 'Y' });
    const mapped = toEligibilityResponse(sub, '93175-012547');
    expect(mapped).toMatchObject({ payerId: '841610001', subscriberMemberId: '123456789', planBegin: '2006-01-01' });

    const dep = parse271(readSample('270_271', 'lfh__dependent-health-benefit-check.271')).transactions[0]!.answers[0]!;
    expect(dep.dependent).toMatchObject({ name: { lastOrOrgName: 'SMITH', firstName: 'MARY' }, birthDate: '1998-10-14', gender: 'F', relationship: '19' });
    expect(dep.benefits).toHaveLength(5);

    const err = parse271(readSample('270_271', 'lfh__subscriber-health-benefit-check-error.271')).transactions[0]!;
    expect(err.receiver.rejections).toEqual([{ validRequest: true, reasonCode: '50', followUpAction: 'N' }]);
    expect(toEligibilityResponse(err).rejections).toEqual([{ loop: 'receiver', reasonCode: '50', followUpAction: 'N' }]);

    const medicare = parse271(readSample('270_271', 'nodex12__271.edi')).transactions[0]!.answers[0]!;
    expect(medicare.benefits.find((b) => b.code === 'A')).toMatchObject({ insuranceType: 'QM', timePeriod: '27', percent: '0', dates: [{ qualifier: '291', from: '2019-01-01', to: '2019-12-31' }] });
    expect(medicare.benefits.find((b) => b.code === 'R' && b.references.length > 0)?.references).toEqual([{ qualifier: '18', value: 'S5601' }, { qualifier: 'N6', value: '008', description: 'SilverScript Choice' }]);

    const imaging = parse271(readSample('270_271', 'rcm__imaging-benefits.271')).transactions[0]!.answers[0]!;
    expect(imaging.benefits[2]!.serviceTypeCodes).toHaveLength(10);
    expect(imaging.benefits[2]).toMatchObject({ code: 'A', timePeriod: '27', percent: '0.2', inNetwork: 'Y' });
  });
});
