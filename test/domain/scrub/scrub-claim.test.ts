import { bundledRefData, refDataWith } from '../../../activities/refdata/bundled-refdata';
import type { Claim, ClaimLine } from '../../../domain/coding/claim';
import { ncciQuarterVersion } from '../../../domain/refdata/data-version';
import { parseNcciPtp } from '../../../domain/refdata/parse-ncci-ptp';
import type { RefData } from '../../../domain/refdata/ref-data';
import { scrubClaim, scrubPassed } from '../../../domain/scrub/scrub-claim';
import type { ScrubContext } from '../../../domain/scrub/scrub-context';

const ref = bundledRefData();

function line(cpt: string, modifiers: string[] = [], extra: Partial<ClaimLine> = {}): ClaimLine {
  return { lineNumber: 1, cpt, modifiers, units: 1, chargeCents: 50000, diagnosisPointers: [1], ...extra };
}

function claim(lines: ClaimLine[], extra: Partial<Claim> = {}): Claim {
  return {
    kind: 'global',
    billedBy: 'facility',
    form: '837P',
    placeOfService: '11',
    dateOfService: '2025-03-10',
    lines: lines.map((l, i) => ({ ...l, lineNumber: i + 1 })),
    diagnoses: ['M54.16'],
    ...extra,
  };
}

function ctx(extra: Partial<ScrubContext> = {}, refData: RefData = ref): ScrubContext {
  return {
    refData,
    today: '2025-03-20',
    payer: { id: 'medicare-b', kind: 'medicare', timelyFilingDays: 365, timelyFilingWarningDays: 30 },
    orderingProviderNpi: '1234567893',
    renderingProviderNpi: '1987654328',
    ...extra,
  };
}

const codes = (fs: { code: string }[]): string[] => fs.map((f) => f.code);

describe('scrubClaim: PC/TC validity', () => {
  it('adds 26 to a split code on a professional claim', () => {
    const r = scrubClaim(claim([line('72148')], { kind: 'professional', billedBy: 'reading-group' }), ctx());
    expect(codes(r.autoFixed)).toContain('PCTC_26_ADDED');
    expect(r.claim.lines[0]?.modifiers).toEqual(['26']);
    expect(scrubPassed(r)).toBe(true);
  });

  it('adds TC to a split code on an 837P technical claim, and removes TC on an 837I one', () => {
    const p = scrubClaim(claim([line('72148')], { kind: 'technical' }), ctx());
    expect(p.claim.lines[0]?.modifiers).toEqual(['TC']);
    const i = scrubClaim(claim([line('72148', ['TC'])], { kind: 'technical', form: '837I', placeOfService: '22' }), ctx());
    expect(i.claim.lines[0]?.modifiers).toEqual([]);
    expect(codes(i.autoFixed)).toContain('TC_ON_INSTITUTIONAL');
  });

  it('refuses 26 on a technical claim and the professional component of a technical-only code', () => {
    expect(codes(scrubClaim(claim([line('72148', ['26'])], { kind: 'technical' }), ctx()).findings)).toContain('PCTC_26_ON_TECHNICAL_CLAIM');
    expect(codes(scrubClaim(claim([line('77090', ['26'])], { diagnoses: ['M81.0'] }), ctx()).findings)).toContain('PCTC_26_NOT_ALLOWED');
    expect(codes(scrubClaim(claim([line('77090')], { kind: 'professional', diagnoses: ['M81.0'] }), ctx()).findings)).toContain('PCTC_NOT_PROFESSIONAL');
  });

  it('never lets TC stand on a professional-only code, and drops a redundant 26 / TC', () => {
    const tc = scrubClaim(claim([line('77092', ['TC'])], { diagnoses: ['M81.0'] }), ctx());
    expect(codes(tc.findings)).toContain('PCTC_TC_NOT_ALLOWED');
    const pc = scrubClaim(claim([line('77092', ['26'])], { kind: 'professional', diagnoses: ['M81.0'] }), ctx());
    expect(pc.claim.lines[0]?.modifiers).toEqual([]);
    expect(codes(pc.autoFixed)).toContain('PCTC_26_ON_PROFESSIONAL_CODE');
    const t = scrubClaim(claim([line('77090', ['TC'])], { kind: 'technical', diagnoses: ['M81.0'] }), ctx());
    expect(t.claim.lines[0]?.modifiers).toEqual([]);
    expect(codes(scrubClaim(claim([line('72148', ['26', 'TC'])]), ctx()).findings)).toContain('PCTC_BOTH');
  });
});

describe('scrubClaim: modifiers and fields', () => {
  it('drops a repeated modifier and puts pricing modifiers first', () => {
    const r = scrubClaim(claim([line('73721', ['RT', '26', 'RT'])], { kind: 'professional', diagnoses: ['M23.221'] }), ctx());
    expect(r.claim.lines[0]?.modifiers).toEqual(['26', 'RT']);
    expect(codes(r.autoFixed)).toEqual(expect.arrayContaining(['MODIFIER_DUPLICATE', 'MODIFIER_ORDER']));
  });

  it('sets a bilateral line to one unit, refuses 50 on an inherently bilateral code and LT with RT', () => {
    const r = scrubClaim(claim([line('73721', ['50'], { units: 2 })], { diagnoses: ['M23.221'] }), ctx());
    expect(r.claim.lines[0]?.units).toBe(1);
    expect(codes(scrubClaim(claim([line('77066', ['50'])], { diagnoses: ['R92.8'] }), ctx()).findings)).toContain('BILATERAL_NOT_ALLOWED');
    expect(codes(scrubClaim(claim([line('73721', ['LT', 'RT'])], { diagnoses: ['M23.221'] }), ctx()).findings)).toContain('LATERALITY_CONFLICT');
  });

  it('warns when a paired-organ study names no side', () => {
    expect(codes(scrubClaim(claim([line('73721')], { diagnoses: ['M23.221'] }), ctx()).findings)).toContain('LATERALITY_MISSING');
    expect(codes(scrubClaim(claim([line('73721', ['RT'])], { diagnoses: ['M23.221'] }), ctx()).findings)).not.toContain('LATERALITY_MISSING');
  });

  it('flags a distinct-service modifier no edit calls for', () => {
    expect(codes(scrubClaim(claim([line('72148', ['59'])]), ctx()).findings)).toContain('DISTINCT_MODIFIER_UNNEEDED');
  });

  it('repairs pointers it can and rejects pointers outside the diagnoses', () => {
    const none = scrubClaim(claim([line('72148', [], { diagnosisPointers: [] })]), ctx());
    expect(none.claim.lines[0]?.diagnosisPointers).toEqual([1]);
    expect(codes(scrubClaim(claim([line('72148', [], { diagnosisPointers: [3] })]), ctx()).findings)).toContain('POINTER_INVALID');
    const reorder = scrubClaim(claim([line('72148', [], { diagnosisPointers: [1, 2] })], { diagnoses: ['I10', 'M54.16'] }), ctx());
    expect(reorder.claim.lines[0]?.diagnosisPointers).toEqual([2, 1]);
  });

  it('merges a diagnosis listed twice (with and without the dot) and moves the pointers', () => {
    const r = scrubClaim(claim([line('72148', [], { diagnosisPointers: [1, 2, 3] })], { diagnoses: ['M54.16', 'I10', 'M5416'] }), ctx());
    expect(r.claim.diagnoses).toEqual(['M54.16', 'I10']);
    expect(r.claim.lines[0]?.diagnosisPointers).toEqual([1, 2]);
  });

  it('needs the radiologist NPI on professional claims only, and a positive charge', () => {
    const noRendering = ctx({ renderingProviderNpi: undefined });
    expect(codes(scrubClaim(claim([line('72148')], { kind: 'professional' }), noRendering).findings)).toContain('RENDERING_NPI_MISSING');
    expect(codes(scrubClaim(claim([line('72148')], { kind: 'technical' }), noRendering).findings)).not.toContain('RENDERING_NPI_MISSING');
    expect(codes(scrubClaim(claim([line('72148', [], { chargeCents: 0 })]), ctx()).findings)).toContain('CHARGE_INVALID');
  });

  it('asks for GY on a service Medicare does not cover (PFS status N) and accepts it with GY', () => {
    const bare = scrubClaim(claim([line('78350')], { diagnoses: ['M81.0'] }), ctx());
    expect(codes(bare.findings)).toContain('MEDICARE_NONCOVERED_SERVICE');
    const gy = scrubClaim(claim([line('78350', ['GY'])], { diagnoses: ['M81.0'] }), ctx());
    expect(codes(gy.findings)).not.toContain('MEDICARE_NONCOVERED_SERVICE');
    const commercial = scrubClaim(claim([line('78350')], { diagnoses: ['M81.0'] }), ctx({ payer: { id: 'commercial-a', kind: 'commercial', timelyFilingDays: 180, timelyFilingWarningDays: 30 } }));
    expect(codes(commercial.findings)).not.toContain('MEDICARE_NONCOVERED_SERVICE');
  });

  it('flags GA with GZ and does not change the claim it was given', () => {
    const input = claim([line('71250', ['GZ', 'GA', 'GZ'])], { diagnoses: ['M54.50'] });
    const before = JSON.stringify(input);
    const r = scrubClaim(input, ctx({ abn: { signed: true } }));
    expect(codes(r.findings)).toContain('ABN_CONFLICT');
    expect(JSON.stringify(input)).toBe(before);
  });
});

describe('scrubClaim: NCCI effective dating with a CMS quarterly file', () => {
  const cmsRows = parseNcciPtp(
    [
      'Column 1\tColumn 2\t*\tEffective Date\tDeletion Date\tModifier\tPTP Edit Rationale',
      '70486\t70450\t\t20200101\t20250201\t1\tMisuse of column two code with column one code',
      '72158\t72148\t\t20100101\t20250101\t1\tCPT Manual or CMS manual coding instructions',
      '73721\t73560\t\t20100101\t*\t9\tStandards of medical / surgical practice',
    ].join('\n'),
  );
  const withCms = refDataWith([{ kind: 'ncci-ptp', version: ncciQuarterVersion('ncci-ptp', '2025Q1'), rows: cmsRows }]);
  const pair = (a: string, b: string, dos: string): string[] =>
    codes(scrubClaim(claim([line(a), line(b)], { dateOfService: dos, diagnoses: ['R51.9', 'M54.16', 'M25.561'] }), ctx({}, withCms)).findings);

  it('applies an edit before its deletion date and not on or after it', () => {
    expect(pair('70486', '70450', '2025-01-20')).toContain('NCCI_PTP_MODIFIER_REQUIRED');
    expect(pair('70486', '70450', '2025-02-01')).not.toContain('NCCI_PTP_MODIFIER_REQUIRED');
  });

  it('lets the governing CMS file override the curated edit it deletes, and ignores indicator 9', () => {
    expect(pair('72158', '72148', '2025-03-10')).not.toContain('NCCI_PTP_MODIFIER_REQUIRED');
    expect(pair('72158', '72148', '2025-05-10')).toContain('NCCI_PTP_MODIFIER_REQUIRED');
    expect(pair('73721', '73560', '2025-03-10')).not.toContain('NCCI_PTP_MODIFIER_REQUIRED');
  });
});
