import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { type CodeAndScrubInput, createCodeAndScrubActivities } from '../../activities/code-and-scrub';
import { loadRefdataFile } from '../../activities/refdata/load-refdata-file';
import { postgresRefData } from '../../activities/refdata/postgres-refdata';
import { seedBundledRefdata } from '../../activities/refdata/seed-bundled-refdata';
import { type TestDatabase, createTestDatabase } from '../support/test-env';

/** One ICD-10-CM order-file line: order number, code, billable flag, short and long description in their columns. */
function orderLine(order: number, code: string, billable: boolean, description: string): string {
  return `${String(order).padStart(5, '0')} ${code.padEnd(7)} ${billable ? '1' : '0'} ${description.slice(0, 60).padEnd(60)} ${description}`;
}

function exam(examId: string, dateOfService: string, cpts: string[]): CodeAndScrubInput {
  return {
    examId,
    performed: { performedAt: `${dateOfService}T14:00:00.000Z`, placeOfService: '11', contrast: false, procedures: cpts.map((cpt) => ({ cpt, units: 1, modifiers: [], laterality: null })) },
    reportDiagnoses: ['M54.16'],
    orderDiagnoses: ['M54.16'],
    facility: { billingArrangement: 'global', placeOfService: '11' },
    payer: { id: 'medicare-b', payerType: 'medicare', timelyFilingDays: 365, riskWarningDays: 30 },
    orderingProviderNpi: '1234567893',
    renderingProviderNpi: '1234567893',
    today: dateOfService,
  };
}

describe('coding and scrubbing on the reference data in PostgreSQL', () => {
  let database: TestDatabase;
  let tmp: string;
  let code: (input: CodeAndScrubInput) => ReturnType<ReturnType<typeof createCodeAndScrubActivities>['codeAndScrubClaims']>;

  beforeAll(async () => {
    database = await createTestDatabase();
    tmp = mkdtempSync(join(tmpdir(), 'rcm-code-scrub-'));
    await seedBundledRefdata(database.db);
    // The activity as the worker registers it: built once, kept for every exam after.
    const activities = createCodeAndScrubActivities({ db: database.db });
    const env = new MockActivityEnvironment();
    code = (input) => env.run(activities.codeAndScrubClaims, input);
  });
  afterAll(async () => {
    rmSync(tmp, { recursive: true, force: true });
    await database?.drop();
  });

  const codes = (findings: { code: string }[]) => findings.map((f) => f.code);

  it('an ICD-10-CM release loaded for the date of service changes the next exam\'s findings, with no restart', async () => {
    const before = await code(exam('ex_codescrub0000000001', '2026-11-20', ['72148']));
    expect(codes(before.findings)).not.toContain('ICD10_NOT_BILLABLE');
    // The FY2025 set answers a FY2027 date of service, and says so.
    expect(before.findings.find((f) => f.code === 'REFDATA_NOT_CURRENT' && /ICD-10-CM/.test(f.message))).toBeDefined();
    const cached = await postgresRefData(database.db).get();
    expect(await postgresRefData(database.db).get()).toBe(cached);

    // FY2027: M54.16 became a category with a sixth-character subcode.
    const fy2027 = join(tmp, 'icd10cm-order-2027.txt');
    writeFileSync(fy2027, [orderLine(1, 'M54', false, 'Dorsalgia'), orderLine(2, 'M541', false, 'Radiculopathy'), orderLine(3, 'M5416', false, 'Radiculopathy, lumbar region'), orderLine(4, 'M54160', true, 'Radiculopathy, lumbar region, synthetic subcode'), ''].join('\r\n'));
    const loaded = await loadRefdataFile(database.db, { kind: 'icd10cm-order', path: fy2027 });
    expect(loaded.outcome).toBe('loaded');

    const after = await code(exam('ex_codescrub0000000002', '2026-11-20', ['72148']));
    const notBillable = after.findings.find((f) => f.code === 'ICD10_NOT_BILLABLE');
    expect(notBillable).toMatchObject({ severity: 'error', field: 'report.diagnoses[0]', autoFixable: false });
    expect(notBillable!.fix).toContain('M54.160');
    expect(after.findings.find((f) => f.code === 'REFDATA_NOT_CURRENT' && /ICD-10-CM/.test(f.message))).toBeUndefined();
    expect(await postgresRefData(database.db).get()).not.toBe(cached);

    // A date of service in FY2025 is still coded with the FY2025 release.
    const earlier = await code(exam('ex_codescrub0000000003', '2025-03-01', ['72148']));
    expect(codes(earlier.findings)).not.toContain('ICD10_NOT_BILLABLE');
  });

  it('an NCCI quarter loaded later bundles two lines of the next exam', async () => {
    const before = await code(exam('ex_codescrub0000000004', '2026-11-20', ['72148', '72146']));
    expect(codes(before.findings)).not.toContain('NCCI_PTP_NOT_ALLOWED');

    const ptp = join(tmp, 'ccipra-2026q4.txt');
    writeFileSync(ptp, ['Column 1\tColumn 2\t*=in existence prior to 1996\tEffective Date\tDeletion Date\tModifier\tPTP Edit Rationale', '72148\t72146\t\t20261001\t*\t0\tMutually exclusive procedures', ''].join('\n'));
    expect((await loadRefdataFile(database.db, { kind: 'ncci-ptp', path: ptp, options: { quarter: '2026Q4' } })).outcome).toBe('loaded');

    const after = await code(exam('ex_codescrub0000000005', '2026-11-20', ['72148', '72146']));
    const edit = after.findings.find((f) => f.code === 'NCCI_PTP_NOT_ALLOWED');
    expect(edit).toMatchObject({ severity: 'error', field: 'lines[1].cpt', claim: 'global' });
    expect(edit!.message).toContain('72146');
    // The edit governs its quarter only.
    const earlier = await code(exam('ex_codescrub0000000006', '2026-09-15', ['72148', '72146']));
    expect(codes(earlier.findings)).not.toContain('NCCI_PTP_NOT_ALLOWED');
  });

  it('records each claim\'s findings, the latest coding winning', async () => {
    const stored = await database.db.selectFrom('claim_scrub_findings').selectAll().where('exam_id', '=', 'ex_codescrub0000000005').execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ claim_kind: 'global', date_of_service: '2026-11-20' });
    expect(stored[0]!.scrub_findings).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'NCCI_PTP_NOT_ALLOWED', severity: 'error', field: 'lines[1].cpt', autoFixed: false })]));
    expect(stored[0]!.refdata_versions).toEqual(expect.arrayContaining(['ICD-10-CM FY2027']));
  });
});
