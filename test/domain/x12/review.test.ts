import fc from 'fast-check';
import {
  X12BuildError, build278Request, build278Response, npiWithCheckDigit, parse278Request, parse278Response, validate278Request, validate278Response,
  type UmRequest278, type UmResponse278, type X12Finding,
} from '../../../domain/x12';
import { envelope } from './support/claims';
import { approvedResponse, mriReviewRequest } from './support/review';

const codes = (findings: readonly X12Finding[]) => findings.map((f) => f.code);
const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('278 request', () => {
  it('round-trips an MRI review request', () => {
    const tx = mriReviewRequest();
    const text = build278Request(envelope, [tx]);
    expect(text).toContain('GS*HI*');
    expect(text).toContain('ST*278*0001*005010X217~');
    expect(text).toContain('BHT*0007*13*PA-EX-1001*20261120*0930~');
    expect(text).toContain('NM1*X3*2*RADIOLOGY BENEFITS CO*****PI*RBM01~');
    expect(text).toContain('HL*4*3*EV*1~\nTRN*1*PA-EX-1001-1*1371234567~\nUM*HS*I*62*11:B~\nHI*ABK:G4489*ABF:R51~\nNM1*SJ*2*SPRINGFIELD IMAGING*****XX*1234567893~');
    expect(text).toContain('HL*5*4*SS*0~\nUM*HS*I~\nDTP*472*RD8*20261125-20261224~\nSV1*HC:70553*2400*UN*1~');
    const parsed = parse278Request(text);
    expect(parsed.findings).toEqual([]);
    expect(parsed.transactions).toEqual([tx]);
  });

  it('round-trips a dependent request for a hospital outpatient service (SV2)', () => {
    const tx = mriReviewRequest({
      dependent: { name: { entityType: '1', lastOrOrgName: 'LOVELACE', firstName: 'BYRON' }, birthDate: '2010-01-02', gender: 'M', relationship: '19' },
      facilityCode: '22', eventDate: '2026-11-25',
      services: [{ procedure: { qualifier: 'HC', code: '74177', modifiers: ['TC'] }, revenueCode: '0350', units: 1, serviceDate: '2026-11-25' }],
    });
    const text = build278Request(envelope, [tx]);
    expect(text).toContain('HL*4*3*23*1~\nNM1*QC*1*LOVELACE*BYRON~\nDMG*D8*20100102*M~\nINS*N*19~\nHL*5*4*EV*1~');
    expect(text).toContain('SV2*0350*HC:74177:TC**UN*1~');
    expect(text).toContain('DTP*AAH*D8*20261125~');
    expect(parse278Request(text).transactions).toEqual([tx]);
  });

  const npi = fc.stringMatching(/^[12]\d{8}$/).map(npiWithCheckDigit);
  const isoDate = fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const serviceArb = fc.record({
    code: fc.constantFrom('70553', '72148', '74177', '78815', '71250', '77067'),
    modifiers: fc.array(fc.constantFrom('26', 'TC', 'LT', 'RT'), { maxLength: 2 }),
    revenueCode: fc.option(fc.constantFrom('0350', '0610', '0404', '0320'), { nil: undefined }),
    chargeCents: fc.option(fc.integer({ min: 1, max: 5_000_000 }), { nil: undefined }),
    units: fc.integer({ min: 1, max: 4 }),
    serviceDate: isoDate,
    days: fc.option(fc.integer({ min: 1, max: 90 }), { nil: undefined }),
  }).map((s) => {
    const out: UmRequest278['services'][number] = { procedure: { qualifier: 'HC', code: s.code, modifiers: s.modifiers }, units: s.units, serviceDate: s.serviceDate };
    if (s.revenueCode) out.revenueCode = s.revenueCode;
    if (s.chargeCents !== undefined) out.chargeCents = s.chargeCents;
    if (s.days) out.serviceDateEnd = new Date(Date.parse(`${s.serviceDate}T00:00:00Z`) + s.days * 86_400_000).toISOString().slice(0, 10);
    return out;
  });

  it('round-trips random valid requests (property)', () => {
    fc.assert(fc.property(fc.array(serviceArb, { minLength: 1, maxLength: 5 }), npi, fc.constantFrom('62', '4', '73'), fc.boolean(), fc.array(fc.stringMatching(/^[A-TV-Z]\d{2}[0-9A-Z]{0,4}$/), { minLength: 1, maxLength: 12 }), (services, requesterNpi, serviceType, dependent, diagnoses) => {
      const tx = mriReviewRequest({ services, serviceType, diagnoses, requester: { entityType: '2', lastOrOrgName: 'SPRINGFIELD IMAGING', npi: requesterNpi } });
      if (dependent) tx.dependent = { name: { entityType: '1', lastOrOrgName: 'LOVELACE', firstName: 'BYRON' }, birthDate: '2010-01-02' };
      expect(validate278Request(tx)).toEqual([]);
      const parsed = parse278Request(build278Request(envelope, [tx]));
      expect(parsed.findings).toEqual([]);
      expect(parsed.transactions).toEqual([plain(tx)]);
    }), { numRuns: 200, seed: 278 });
  });
});

describe('278 request validator', () => {
  const service = () => mriReviewRequest().services[0]!;
  const trigger: [string, () => UmRequest278][] = [
    ['NO_SERVICES', () => mriReviewRequest({ services: [] })],
    ['NO_DIAGNOSIS', () => mriReviewRequest({ diagnoses: [] })],
    ['DIAGNOSIS_FORMAT', () => mriReviewRequest({ diagnoses: ['G44.89'] })],
    ['TOO_MANY_DIAGNOSES', () => mriReviewRequest({ diagnoses: Array.from({ length: 13 }, () => 'R51') })],
    ['NPI_INVALID', () => mriReviewRequest({ requester: { entityType: '2', lastOrOrgName: 'X', npi: '1234567890' } })],
    ['MISSING_REQUIRED', () => mriReviewRequest({ subscriber: { ...mriReviewRequest().subscriber, birthDate: undefined } })],
    ['INVALID_CODE', () => mriReviewRequest({ certificationType: 'Z' as never })],
    ['SERVICE_TYPE_INVALID', () => mriReviewRequest({ serviceType: 'MRI' })],
    ['REVENUE_CODE_INVALID', () => mriReviewRequest({ services: [{ ...service(), revenueCode: '350' }] })],
    ['MODIFIER_INVALID', () => mriReviewRequest({ services: [{ ...service(), procedure: { qualifier: 'HC', code: '70553', modifiers: ['TCX'] } }] })],
    ['UNITS_INVALID', () => mriReviewRequest({ services: [{ ...service(), units: 0 }] })],
    ['INVALID_DATE', () => mriReviewRequest({ services: [{ ...service(), serviceDate: '2026-11-31' }] })],
    ['DATE_RANGE_INVALID', () => mriReviewRequest({ services: [{ ...service(), serviceDateEnd: '2026-11-01' }] })],
    ['INVALID_AMOUNT', () => mriReviewRequest({ services: [{ ...service(), chargeCents: -5 }] })],
    ['ELEMENT_LENGTH', () => mriReviewRequest({ trace: { number: 'T', originatorId: '137' } })],
    ['DELIMITER_IN_VALUE', () => mriReviewRequest({ reference: 'PA~1' })],
  ];
  it('finds nothing on a valid request', () => {
    expect(validate278Request(mriReviewRequest())).toEqual([]);
  });
  it.each(trigger)('reports %s, and only where it applies', (code, make) => {
    const findings = validate278Request(make());
    expect(codes(findings)).toContain(code);
    expect(findings.find((f) => f.code === code)!.fix).not.toBe('');
    expect(codes(validate278Request(mriReviewRequest()))).not.toContain(code);
  });
  it('refuses to build with errors', () => {
    expect(() => build278Request(envelope, [mriReviewRequest({ services: [] })])).toThrow(X12BuildError);
  });
});

describe('278 response', () => {
  it('round-trips a certification with its number and validity dates', () => {
    const tx = approvedResponse();
    const text = build278Response(envelope, [tx]);
    expect(text).toContain('BHT*0007*11*PA-EX-1001*20261120*0931~');
    expect(text).toContain('TRN*2*PA-EX-1001-1*1371234567~\nTRN*1*RBM-555*9RBM000001~\nUM*HS*I*62*11:B~\nHCR*A1*AUTH778899~\nREF*BB*AUTH778899~\nDTP*AAH*RD8*20261125-20270223~');
    expect(text).toContain('HCR*A1*AUTH778899~\nREF*BB*AUTH778899~\nDTP*472*RD8*20261125-20270223~\nSV1*HC:70553**UN*1~');
    const parsed = parse278Response(text);
    expect(parsed.findings).toEqual([]);
    expect(parsed.transactions).toEqual([tx]);
  });

  const decisions: [string, Partial<UmResponse278>][] = [
    ['A3 not certified with a reason', { decision: { action: 'A3', reasonCode: '0U' }, authorizationNumber: undefined, eventDate: undefined, eventDateEnd: undefined, services: [{ ...approvedResponse().services[0]!, decision: { action: 'A3', reasonCode: '0U' }, authorizationNumber: undefined }] }],
    ['A4 pended', { decision: { action: 'A4', certificationNumber: 'PEND-1' }, authorizationNumber: undefined, services: [] }],
    ['A6 modified', { decision: { action: 'A6', certificationNumber: 'AUTH1', reasonCode: '11' }, services: [{ ...approvedResponse().services[0]!, units: 1, decision: { action: 'A6', certificationNumber: 'AUTH1' } }] }],
    ['CT contact payer', { decision: { action: 'CT' }, authorizationNumber: undefined, services: [] }],
    ['AAA rejection (member not found)', { decision: undefined, authorizationNumber: undefined, rejections: [{ validRequest: true, reasonCode: '75', followUpAction: 'C' }], subscriber: { ...approvedResponse().subscriber, rejections: [{ validRequest: false, reasonCode: '72', followUpAction: 'C' }] }, services: [] }],
  ];
  it.each(decisions)('round-trips %s', (_label, overrides) => {
    const tx = plain(approvedResponse(overrides));
    const parsed = parse278Response(build278Response(envelope, [tx]));
    expect(parsed.findings).toEqual([]);
    expect(parsed.transactions).toEqual([tx]);
  });

  it('round-trips random decisions (property)', () => {
    const actionArb = fc.constantFrom('A1' as const, 'A2' as const, 'A3' as const, 'A4' as const, 'A6' as const, 'CT' as const, 'NA' as const);
    fc.assert(fc.property(actionArb, fc.stringMatching(/^[A-Z0-9]{1,30}$/), fc.option(fc.constantFrom('0U', '35', '11'), { nil: undefined }), fc.integer({ min: 0, max: 3 }), (action, cert, reason, n) => {
      const decision: UmResponse278['decision'] = { action, certificationNumber: cert };
      if (reason) decision.reasonCode = reason;
      const tx = approvedResponse({ decision, authorizationNumber: cert, services: Array.from({ length: n }, () => ({ ...approvedResponse().services[0]!, decision })) });
      expect(validate278Response(tx)).toEqual([]);
      const parsed = parse278Response(build278Response(envelope, [tx]));
      expect(parsed.transactions).toEqual([plain(tx)]);
    }), { numRuns: 200, seed: 2781 });
  });

  it('validator: a certification needs its number; an unknown action is refused', () => {
    expect(codes(validate278Response(approvedResponse({ decision: { action: 'A1' }, authorizationNumber: undefined })))).toEqual(['CERTIFICATION_NUMBER_REQUIRED']);
    expect(codes(validate278Response(approvedResponse({ decision: { action: 'A1' } })))).toEqual([]);
    expect(codes(validate278Response(approvedResponse({ decision: { action: 'ZZ' as never } })))).toContain('INVALID_CODE');
    expect(codes(validate278Response(approvedResponse()))).toEqual([]);
  });

  it('a request read as a response (and back) is flagged', () => {
    const text = build278Request(envelope, [mriReviewRequest()]);
    expect(codes(parse278Response(text).findings)).toEqual(['BHT_PURPOSE_MISMATCH']);
    expect(codes(parse278Request(build278Response(envelope, [approvedResponse()])).findings)).toEqual(['BHT_PURPOSE_MISMATCH']);
  });
});
