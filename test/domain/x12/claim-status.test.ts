import fc from 'fast-check';
import {
  X12BuildError, build276, build277, parse276, parse277, parse277CA, validate276, validate277,
  type ClaimStatusInquiry276, type ClaimStatusRequest276, type ClaimStatusResponse277, type ClaimStatus277, type X12Finding,
} from '../../../domain/x12';
import { envelope } from './support/claims';
import { readSample, sampleFiles } from './support/samples';

const codes = (findings: readonly X12Finding[]) => findings.map((f) => f.code);
const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const provider = { name: { entityType: '2' as const, lastOrOrgName: 'SPRINGFIELD IMAGING' }, npi: '1234567893' };

function inquiry(overrides: Partial<ClaimStatusInquiry276> = {}): ClaimStatusInquiry276 {
  return {
    provider,
    subscriber: { name: { entityType: '1', lastOrOrgName: 'LOVELACE', firstName: 'ADA' }, memberId: '1EG4TE5MK73', birthDate: '1961-04-12', gender: 'F' },
    traceNumber: 'CS-CLM-1-1', claimId: 'CLM-ACC-2026-000123-1', payerClaimControlNumber: 'PCN1', chargeCents: 185050,
    serviceDate: '2026-11-25', serviceDateEnd: '2026-11-26',
    lines: [{ procedure: { qualifier: 'HC', code: '72148', modifiers: ['TC'] }, chargeCents: 150000, units: 1, lineControlNumber: 'L1', serviceDate: '2026-11-25' }],
    ...overrides,
  };
}

function request(claims: ClaimStatusInquiry276[] = [inquiry()]): ClaimStatusRequest276 {
  return {
    controlNumber: '0001', reference: 'CS-0001', createdDate: '2026-12-20', createdTime: '0800',
    payer: { name: 'MEDICARE B', payerId: '12202' }, receiver: { name: { entityType: '2', lastOrOrgName: 'SPRINGFIELD IMAGING' }, id: 'SUB123' }, claims,
  };
}

function statusClaim(overrides: Partial<ClaimStatus277> = {}): ClaimStatus277 {
  return {
    provider, subscriber: { name: { entityType: '1', lastOrOrgName: 'LOVELACE', firstName: 'ADA' }, memberId: '1EG4TE5MK73' },
    traceNumber: 'CS-CLM-1-1',
    statuses: [{ codes: [{ category: 'F1', code: '65' }], date: '2026-12-18', chargeCents: 185050, paidCents: 92000, adjudicationDate: '2026-12-18', paymentMethod: 'ACH', checkDate: '2026-12-19', checkNumber: 'EFT12345' }],
    claimId: 'CLM-ACC-2026-000123-1', payerClaimControlNumber: 'PCN1', serviceDate: '2026-11-25', serviceDateEnd: '2026-11-26',
    lines: [{ procedure: { qualifier: 'HC', code: '72148', modifiers: ['TC'] }, chargeCents: 150000, paidCents: 92000, units: 1, lineControlNumber: 'L1', serviceDate: '2026-11-25',
      statuses: [{ codes: [{ category: 'F1', code: '65' }], date: '2026-12-18' }] }],
    ...overrides,
  };
}

function response(claims: ClaimStatus277[] = [statusClaim()]): ClaimStatusResponse277 {
  return { controlNumber: '0001', reference: 'CS-0001', createdDate: '2026-12-20', createdTime: '0801', payer: { name: 'MEDICARE B', payerId: '12202' }, receiver: { name: { entityType: '2', lastOrOrgName: 'SPRINGFIELD IMAGING' }, id: 'SUB123' }, claims };
}

describe('276', () => {
  it('round-trips claims of a subscriber and a dependent, grouped by provider', () => {
    const tx = request([
      inquiry(),
      inquiry({ traceNumber: 'CS-2', claimId: 'CLM-2', payerClaimControlNumber: undefined, billType: '131', serviceDateEnd: undefined, lines: [{ procedure: { qualifier: 'HC', code: '70553', modifiers: [] }, revenueCode: '0610', chargeCents: 240000, units: 1 }], chargeCents: 240000,
        dependent: { name: { entityType: '1', lastOrOrgName: 'LOVELACE', firstName: 'BYRON' }, birthDate: '2010-01-02', gender: 'M' } }),
    ]);
    const text = build276(envelope, [tx]);
    expect(text).toContain('GS*HR*');
    expect(text).toContain('BHT*0010*13*CS-0001*20261220*0800~');
    expect(text.match(/\*19\*1~/g)).toHaveLength(1);
    expect(text).toContain('HL*4*3*22*0~\nDMG*D8*19610412*F~\nNM1*IL*1*LOVELACE*ADA****MI*1EG4TE5MK73~\nTRN*1*CS-CLM-1-1~\nREF*1K*PCN1~\nREF*EJ*CLM-ACC-2026-000123-1~\nAMT*T3*1850.5~\nDTP*472*RD8*20261125-20261126~\nSVC*HC:72148:TC*1500*****1~\nREF*FJ*L1~\nDTP*472*D8*20261125~');
    expect(text).toContain('HL*6*5*23*0~\nDMG*D8*20100102*M~\nNM1*QC*1*LOVELACE*BYRON~\nTRN*1*CS-2~\nREF*BLT*131~');
    expect(text).toContain('DTP*472*RD8*20261125-20261125~\nSVC*HC:70553*2400**0610***1~');
    const parsed = parse276(text);
    expect(parsed.findings).toEqual([]);
    expect(parsed.transactions).toEqual([tx]);
  });

  const isoDate = fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const inquiryArb = fc.record({
    claimId: fc.stringMatching(/^[A-Z0-9-]{1,38}$/), trace: fc.stringMatching(/^[A-Z0-9-]{1,50}$/), pcn: fc.option(fc.stringMatching(/^[A-Z0-9]{1,30}$/), { nil: undefined }),
    charge: fc.integer({ min: 0, max: 100_000_000 }), date: isoDate, days: fc.integer({ min: 0, max: 30 }), dependent: fc.boolean(), npiIndex: fc.integer({ min: 0, max: 1 }),
  }).map((r) => {
    const end = new Date(Date.parse(`${r.date}T00:00:00Z`) + r.days * 86_400_000).toISOString().slice(0, 10);
    const q = inquiry({ claimId: r.claimId, traceNumber: r.trace, payerClaimControlNumber: r.pcn, chargeCents: r.charge, serviceDate: r.date, serviceDateEnd: r.days > 0 ? end : undefined,
      provider: r.npiIndex === 0 ? provider : { name: { entityType: '1', lastOrOrgName: 'CURIE', firstName: 'MARIE' }, npi: '1679576722' } });
    if (r.dependent) q.dependent = { name: { entityType: '1', lastOrOrgName: 'LOVELACE', firstName: 'BYRON' }, birthDate: '2010-01-02' };
    return plain(q);
  });

  it('round-trips random requests (property)', () => {
    fc.assert(fc.property(fc.array(inquiryArb, { minLength: 1, maxLength: 5 }), (claims) => {
      const tx = request(claims);
      expect(validate276(tx)).toEqual([]);
      const parsed = parse276(build276(envelope, [tx]));
      expect(parsed.findings).toEqual([]);
      expect(parsed.transactions).toEqual([tx]);
    }), { numRuns: 200, seed: 276 });
  });

  const trigger: [string, () => ClaimStatusRequest276][] = [
    ['NO_CLAIMS', () => request([])],
    ['MISSING_REQUIRED', () => request([inquiry({ claimId: '' })])],
    ['NPI_INVALID', () => request([inquiry({ provider: { ...provider, npi: '1234567890' } })])],
    ['BILL_TYPE_INVALID', () => request([inquiry({ billType: '13' })])],
    ['INVALID_AMOUNT', () => request([inquiry({ chargeCents: 1.5 })])],
    ['INVALID_DATE', () => request([inquiry({ serviceDate: '2026-02-29' })])],
    ['DATE_RANGE_INVALID', () => request([inquiry({ serviceDateEnd: '2026-11-01' })])],
    ['INVALID_CODE', () => request([inquiry({ lines: [{ procedure: { qualifier: 'HC', code: '7214', modifiers: [] }, chargeCents: 1 }] })])],
    ['REVENUE_CODE_INVALID', () => request([inquiry({ lines: [{ procedure: { qualifier: 'HC', code: '72148', modifiers: [] }, revenueCode: '61', chargeCents: 1 }] })])],
    ['UNITS_INVALID', () => request([inquiry({ lines: [{ procedure: { qualifier: 'HC', code: '72148', modifiers: [] }, units: -1, chargeCents: 1 }] })])],
    ['ELEMENT_LENGTH', () => request([inquiry({ claimId: 'C'.repeat(51) })])],
    ['DELIMITER_IN_VALUE', () => request([inquiry({ traceNumber: 'T:1' })])],
  ];
  it('finds nothing on a valid request', () => {
    expect(validate276(request())).toEqual([]);
  });
  it.each(trigger)('validator reports %s, and only where it applies', (code, make) => {
    const findings = validate276(make());
    expect(codes(findings)).toContain(code);
    expect(findings.find((f) => f.code === code)!.fix).not.toBe('');
    expect(codes(validate276(request()))).not.toContain(code);
  });
  it('refuses to build with errors', () => {
    expect(() => build276(envelope, [request([])])).toThrow(X12BuildError);
  });
});

describe('277', () => {
  it('round-trips claim and line statuses with payment details', () => {
    const tx = response([
      statusClaim(),
      statusClaim({ traceNumber: 'CS-2', claimId: 'CLM-2', payerClaimControlNumber: undefined, dependent: { name: { entityType: '1', lastOrOrgName: 'LOVELACE', firstName: 'BYRON' } }, lines: [],
        statuses: [{ codes: [{ category: 'P1', code: '20' }, { category: 'R3', code: '21', entity: 'QC' }], date: '2026-12-19', message: 'AWAITING RECORDS' }] }),
    ]);
    const text = build277(envelope, [tx]);
    expect(text).toContain('GS*HN*');
    expect(text).toContain('ST*277*0001*005010X212~');
    expect(text).toContain('BHT*0010*08*CS-0001*20261220*0801*DG~');
    expect(text).toContain('TRN*2*CS-CLM-1-1~\nSTC*F1:65*20261218**1850.5*920*20261218*ACH*20261219*EFT12345~');
    expect(text).toContain('SVC*HC:72148:TC*1500*920****1~\nSTC*F1:65*20261218~\nREF*FJ*L1~');
    expect(text).toContain('STC*P1:20*20261219********R3:21:QC**AWAITING RECORDS~');
    const parsed = parse277(text);
    expect(parsed.findings).toEqual([]);
    expect(parsed.transactions).toEqual([tx]);
  });

  it('round-trips random statuses (property)', () => {
    const statusArb = fc.record({
      category: fc.constantFrom('A1', 'A2', 'P1', 'P3', 'F1', 'F2', 'F4', 'R3', 'E0'), code: fc.constantFrom('1', '3', '20', '65', '88', '317'),
      charge: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: undefined }), paid: fc.option(fc.integer({ min: -10_000, max: 10_000_000 }), { nil: undefined }),
    }).map((s) => plain({ codes: [{ category: s.category, code: s.code }], date: '2026-12-18', chargeCents: s.charge, paidCents: s.paid }));
    fc.assert(fc.property(fc.array(fc.tuple(fc.array(statusArb, { minLength: 1, maxLength: 3 }), fc.boolean()), { minLength: 1, maxLength: 4 }), (claims) => {
      const tx = response(claims.map(([statuses, dependent], i) => plain(statusClaim({ traceNumber: `T${i}`, statuses, dependent: dependent ? { name: { entityType: '1', lastOrOrgName: 'LOVELACE', firstName: 'BYRON' } } : undefined }))));
      expect(validate277(tx)).toEqual([]);
      const parsed = parse277(build277(envelope, [tx]));
      expect(parsed.findings).toEqual([]);
      expect(parsed.transactions).toEqual([tx]);
    }), { numRuns: 200, seed: 277 });
  });

  it('validator: each claim needs a dated status with valid codes', () => {
    expect(codes(validate277(response([statusClaim({ statuses: [] })])))).toEqual(['STATUS_CODE_MISSING']);
    expect(codes(validate277(response([statusClaim({ statuses: [{ codes: [{ category: 'f1', code: '65' }], date: '2026-12-18' }] })])))).toEqual(['INVALID_CODE']);
    expect(codes(validate277(response([statusClaim({ statuses: [{ codes: [{ category: 'F1', code: '65' }], date: '' }] })])))).toEqual(['MISSING_REQUIRED']);
    expect(validate277(response())).toEqual([]);
  });

  it('round-trips a request-level status (payer unable to respond)', () => {
    const tx: ClaimStatusResponse277 = { ...response([]), receiverStatus: { traceNumber: 'CS-0001', statuses: [{ codes: [{ category: 'E1', code: '0' }], date: '2026-12-20' }] } };
    const text = build277(envelope, [tx]);
    expect(text).toContain('HL*2*1*21*0~\nNM1*41*2*SPRINGFIELD IMAGING*****46*SUB123~\nTRN*2*CS-0001~\nSTC*E1:0*20261220~');
    expect(parse277(text).transactions).toEqual([tx]);
  });

  it('277 and 277CA readers keep to their own guide', () => {
    const text = build277(envelope, [response()]);
    expect(() => parse277CA(text)).toThrow(expect.objectContaining({ code: 'WRONG_TRANSACTION_TYPE' }));
  });
});

describe('276/277 public samples', () => {
  const files = sampleFiles('276_277');
  it.each(files.filter((f) => f.endsWith('.276') || f.includes('Request')))('parses 276 %s', (file) => {
    const r = parse276(readSample('276_277', file));
    expect(r.transactions[0]!.claims.length).toBeGreaterThan(0);
  });
  it.each(files.filter((f) => f.endsWith('.277') || f.includes('Response') || f.includes('277_x212')))('parses 277 %s', (file) => {
    const tx = parse277(readSample('276_277', file)).transactions[0]!;
    expect(tx.claims.length + (tx.receiverStatus ? 1 : 0)).toBeGreaterThan(0);
    expect(tx.claims.every((c) => c.statuses.length > 0)).toBe(true);
  });

  it('reads facts of the claim-level samples', () => {
    const req = parse276(readSample('276_277', 'lfh__claim-level-status.276')).transactions[0]!;
    expect(req.claims).toHaveLength(3);
    expect(req.claims[0]).toMatchObject({ traceNumber: 'ABCXYZ1', claimId: 'SM123456', billType: '111', chargeCents: 851388, serviceDate: '2005-08-31', serviceDateEnd: '2005-09-06', subscriber: { memberId: '123456789A', birthDate: '1930-12-10', gender: 'M' } });
    expect(req.claims[2]).toMatchObject({ claimId: 'MA345678', dependent: { name: { lastOrOrgName: 'MANN', firstName: 'JOSEPH' }, birthDate: '1995-11-01', gender: 'M' } });
    expect(req.claims[2]!.lines[0]).toMatchObject({ procedure: { code: '99203' }, chargeCents: 15000, units: 1, serviceDate: '2005-05-01' });

    const res = parse277(readSample('276_277', 'lfh__claim-level-status.277')).transactions[0]!;
    expect(res.claims[0]).toMatchObject({ traceNumber: 'ABCXYZ1', payerClaimControlNumber: '05347006051', claimId: 'SM123456' });
    expect(res.claims[0]!.statuses[0]).toMatchObject({ codes: [{ category: 'P3', code: '317' }], date: '2005-09-13', chargeCents: 851388 });
    expect(res.claims[1]!.statuses[0]).toMatchObject({ codes: [{ category: 'F0', code: '3' }], paidCents: 759900 });
    expect(res.claims[2]!.statuses[0]!.codes).toEqual([{ category: 'F2', code: '88', entity: 'QC' }]);
    expect(res.claims[2]!.lines[0]).toMatchObject({ chargeCents: 15000, paidCents: 0, statuses: [{ codes: [{ category: 'F2', code: '88', entity: 'QC' }] }] });

    const many = parse277(readSample('276_277', 'imsweb__x12_277_x212.txt')).transactions[0]!;
    const receiverLevel = parse277(readSample('276_277', 'lfh__information-receiver-level-status.277')).transactions[0]!;
    expect(receiverLevel.receiverStatus).toEqual({ traceNumber: 'ABC276XXX', statuses: [{ codes: [{ category: 'E0', code: '0' }], date: '2005-09-16' }] });

    expect(many.claims[0]!.statuses[0]).toMatchObject({ codes: [{ category: 'A1', code: '704' }], chargeCents: 60000, message: 'PAYER ACKNOWLEDGED RECEIPT OF THE CLAIM' });
  });
});
