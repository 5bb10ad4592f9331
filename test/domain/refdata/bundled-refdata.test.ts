import { bundledRefData } from '../../../activities/refdata/bundled-refdata';
import { parseNcciPtp } from '../../../domain/refdata/parse-ncci-ptp';
import { refDataWith } from '../../../activities/refdata/bundled-refdata';

describe('bundled reference data', () => {
  const ref = bundledRefData();

  it('validates ICD-10-CM codes on the date of service, dotted or not', () => {
    expect(ref.icd10('M54.16', '2025-03-01')).toMatchObject({ found: true, billable: true, current: true, code: 'M54.16' });
    expect(ref.icd10('M5416', '2025-03-01').billable).toBe(true);
    expect(ref.icd10('M54.1', '2025-03-01')).toMatchObject({ found: true, billable: false });
    expect(ref.icd10('X99.999', '2025-03-01').found).toBe(false);
    expect(ref.icd10Children('M54.1', '2025-03-01', 20)).toContain('M54.16');
  });

  it('says the code set is not current for a 2026 date of service with only FY2025 loaded', () => {
    const answer = ref.icd10('M54.16', '2026-01-15');
    expect(answer).toMatchObject({ found: true, current: false });
    expect(answer.version.label).toBe('ICD-10-CM FY2025');
    const notices = ref.currency('2026-01-15');
    expect(notices.find((n) => n.kind === 'icd10cm')?.code).toBe('CODE_SET_NOT_CURRENT');
    expect(notices.find((n) => n.kind === 'pfs')?.code).toBe('CODE_SET_NOT_CURRENT');
    expect(notices.find((n) => n.kind === 'ncci-ptp')?.code).toBe('CURATED_DATA');
    expect(ref.currency('2025-05-01').some((n) => n.code === 'CODE_SET_NOT_CURRENT')).toBe(false);
  });

  it('answers PFS, PTP, MUE, POS, coverage and descriptor lookups', () => {
    expect(ref.pfs('72148', '26', 2025)?.pcTcIndicator).toBe('1');
    expect(ref.ncciPtp('70470', '70450', '2025-03-01')?.modifierIndicator).toBe('1');
    expect(ref.ncciPtp('70450', '70470', '2025-03-01')).toBeUndefined();
    expect(ref.mue('70553', '2025-03-01')).toMatchObject({ value: 1, adjudicationIndicator: '3' });
    expect(ref.pos('22')?.name).toMatch(/Outpatient Hospital/);
    expect(ref.coveragePolicy('72148')?.id).toBe('lumbar-spine-mri');
    expect(ref.cpt('70553')?.contrast).toBe('without-and-with');
    expect(ref.gpci('01112-05')?.state).toBe('CA');
    expect(ref.versions().map((v) => v.source)).toContain('curated');
  });

  it('lets a CMS quarterly PTP file override the curated edit for the quarter it governs', () => {
    const cms = parseNcciPtp('70470\t70450\t\t20100101\t*\t0\tMisuse of column two code with column one code');
    const withCms = refDataWith([
      { kind: 'ncci-ptp', version: { kind: 'ncci-ptp', source: 'cms', label: 'NCCI PTP 2025Q2', effectiveFrom: '2025-04-01', effectiveTo: '2025-06-30' }, rows: cms },
    ]);
    expect(withCms.ncciPtp('70470', '70450', '2025-05-01')?.modifierIndicator).toBe('0');
    expect(withCms.ncciPtp('70470', '70450', '2025-08-01')?.modifierIndicator).toBe('1');
    expect(withCms.currency('2025-05-01').some((n) => n.kind === 'ncci-ptp')).toBe(false);
  });
});
