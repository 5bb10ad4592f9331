import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { loadRefdataFile } from '../../activities/refdata/load-refdata-file';
import { createPostgresRefData } from '../../activities/refdata/postgres-refdata';
import { readRefdataFile, readTextFile } from '../../activities/refdata/read-refdata-file';
import { findRepoRoot } from '../../activities/refdata/repo-root';
import { listRefdataReleases } from '../../db/repositories/refdata';
import { runLoad } from '../../scripts/refdata/load';
import { type TestDatabase, createTestDatabase } from '../support/test-env';

// The project's own copies of the CMS/CDC files (data/refdata, see its SOURCES.md).
const data = join(findRepoRoot(__dirname), 'data', 'refdata');

const ICD_ORDER = join(data, 'icd10cm-order-2025-short.txt.gz');
const PFS = join(data, 'pprrvu2025_oct_imaging.csv');
const POS = join(data, 'place_of_service.csv');
const HCPCS = join(data, 'hcpcs_level2_2023_imaging_related.csv');

/** One ICD-10-CM order-file line: order number, code, billable flag, short and long description in their columns. */
function orderLine(order: number, code: string, billable: boolean, description: string): string {
  return `${String(order).padStart(5, '0')} ${code.padEnd(7)} ${billable ? '1' : '0'} ${description.slice(0, 60).padEnd(60)} ${description}`;
}

describe('reference data loaded into PostgreSQL from the CMS/CDC files', () => {
  let database: TestDatabase;
  let tmp: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    tmp = mkdtempSync(join(tmpdir(), 'rcm-refdata-'));
  });
  afterAll(async () => {
    rmSync(tmp, { recursive: true, force: true });
    await database?.drop();
  });

  async function cli(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runLoad(argv, { DATABASE_URL: database.url }, (l) => out.push(l), (l) => err.push(l));
    return { code, out, err };
  }

  const rowCount = async (table: 'refdata_icd10cm' | 'refdata_pfs' | 'refdata_pos' | 'refdata_hcpcs2'): Promise<number> =>
    (await database.db.selectFrom(table).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;

  it('loads the full ICD-10-CM FY2025 order file through the CLI, in one release with the parser\'s counts', async () => {
    const parsed = readRefdataFile('icd10cm-order', ICD_ORDER);
    const { code, out, err } = await cli('icd10cm-order', ICD_ORDER);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out).toContain('version: ICD-10-CM FY2025 (cdc; 2024-10-01 to 2025-09-30)');
    expect(out).toContain(`rows: ${parsed.rows.length}`);
    expect(out.find((l) => l.startsWith('loaded: release'))).toMatch(/rows\/s/);
    expect(await rowCount('refdata_icd10cm')).toBe(parsed.rows.length);
    const [release] = await listRefdataReleases(database.db);
    expect(release).toMatchObject({ kind: 'icd10cm', label: 'ICD-10-CM FY2025', effectiveFrom: '2024-10-01', effectiveTo: '2025-09-30', fiscalYear: 2025, rowCount: parsed.rows.length, sourceFile: 'icd10cm-order-2025-short.txt.gz' });
    const m5416 = await database.db.selectFrom('refdata_icd10cm').select(['short_description', 'billable']).where('code', '=', 'M5416').executeTakeFirstOrThrow();
    expect(m5416).toEqual({ short_description: 'Radiculopathy, lumbar region', billable: true });
  });

  it('loads the PFS, POS and HCPCS Level II files with the parser\'s counts', async () => {
    for (const [kind, path, table] of [
      ['pfs', PFS, 'refdata_pfs'],
      ['pos', POS, 'refdata_pos'],
      ['hcpcs', HCPCS, 'refdata_hcpcs2'],
    ] as const) {
      const result = await loadRefdataFile(database.db, { kind, path });
      expect(result.outcome).toBe('loaded');
      expect(await rowCount(table)).toBe(readRefdataFile(kind, path).rows.length);
    }
  });

  it('answers lookups from the RefData built from PostgreSQL', async () => {
    const refData = await createPostgresRefData(database.db, { checkIntervalMs: 0, fallback: () => { throw new Error('tables are loaded'); } }).get();
    expect(refData.icd10('M54.16', '2025-03-01')).toMatchObject({ found: true, billable: true, shortDescription: 'Radiculopathy, lumbar region', current: true });
    expect(refData.icd10('M54.1', '2025-03-01')).toMatchObject({ found: true, billable: false });
    expect(refData.icd10Children('M54.1', '2025-03-01', 20)).toContain('M54.16');
    expect(refData.pfs('72148', '', 2025)).toMatchObject({ pcTcIndicator: '1', workRvuHundredths: 148, multipleProcedureIndicator: '4', conversionFactorTenThousandths: 323465 });
    expect(refData.pfs('72148', '26', 2025)?.workRvuHundredths).toBe(148);
    expect(refData.pfs('72148', 'TC', 2025)?.workRvuHundredths).toBe(0);
    expect(refData.pos('11')?.name).toMatch(/office/i);
    expect(refData.hcpcs('Q9967')?.shortDescription).toBe('Locm 300-399mg/ml iodine,1ml');
  });

  it('adds nothing when the same file is loaded again', async () => {
    const before = await listRefdataReleases(database.db);
    const rowsBefore = await rowCount('refdata_icd10cm');
    const { code, out } = await cli('icd10cm-order', ICD_ORDER);
    expect(code).toBe(0);
    expect(out.at(-1)).toMatch(/^already loaded as release \d+ \(ICD-10-CM FY2025, icd10cm-order-2025-short\.txt\.gz\): nothing added$/);
    expect(await listRefdataReleases(database.db)).toEqual(before);
    expect(await rowCount('refdata_icd10cm')).toBe(rowsBefore);
  });

  it('chooses a later fiscal year for later dates of service while the earlier release still answers earlier ones', async () => {
    const source = createPostgresRefData(database.db, { checkIntervalMs: 0 });
    const before = await source.get();
    expect(before.icd10('M54.16', '2026-03-01')).toMatchObject({ found: true, current: false });
    // A small synthetic FY2026 order file: M54.16 is only a header there, M54.50 is absent.
    const fy2026 = join(tmp, 'icd10cm-order-synthetic.txt');
    writeFileSync(
      fy2026,
      [orderLine(1, 'M54', false, 'Dorsalgia'), orderLine(2, 'M541', false, 'Radiculopathy'), orderLine(3, 'M5416', false, 'Radiculopathy, lumbar region'), orderLine(4, 'M54160', true, 'Radiculopathy, lumbar region, synthetic subcode'), ''].join('\r\n'),
    );
    const { code, out } = await cli('icd10cm-order', fy2026, '--fiscal-year', '2026');
    expect(code).toBe(0);
    expect(out).toContain('version: ICD-10-CM FY2026 (cdc; 2025-10-01 to 2026-09-30)');

    const after = await source.get();
    expect(after).not.toBe(before);
    expect(after.icd10('M54.16', '2026-03-01')).toMatchObject({ found: true, billable: false, current: true, version: { label: 'ICD-10-CM FY2026' } });
    expect(after.icd10('M54.160', '2026-03-01')).toMatchObject({ found: true, billable: true });
    expect(after.icd10('M54.50', '2026-03-01')).toMatchObject({ found: false });
    expect(after.icd10('M54.16', '2025-03-01')).toMatchObject({ found: true, billable: true, current: true, version: { label: 'ICD-10-CM FY2025' } });
    expect(after.icd10('M54.50', '2025-09-30')).toMatchObject({ found: true, billable: true });
    const labels = (await listRefdataReleases(database.db)).filter((r) => r.kind === 'icd10cm').map((r) => r.label);
    expect(labels).toEqual(['ICD-10-CM FY2025', 'ICD-10-CM FY2026']);
    // Unchanged releases: the cached index is reused.
    expect(await source.get()).toBe(after);
  });

  it('loads nothing from a malformed file and says why in one line', async () => {
    const releases = await listRefdataReleases(database.db);
    const rows = await rowCount('refdata_icd10cm');
    const lines = readTextFile(ICD_ORDER).split('\n').slice(0, 2000);
    lines[1500] = 'this is not an order file line';
    const broken = join(tmp, 'icd10cm-order-2027.txt');
    writeFileSync(broken, lines.join('\n'));
    const bad = await cli('icd10cm-order', broken);
    expect(bad.code).toBe(1);
    expect(bad.err).toEqual(['icd10cm-order-2027.txt: not a valid icd10cm-order file: ICD-10-CM order file: unexpected line "this is not an order file line"']);

    const wrongKind = await cli('pfs', POS, '--year', '2025');
    expect(wrongKind.code).toBe(1);
    expect(wrongKind.err).toHaveLength(1);
    expect(wrongKind.err[0]).toMatch(/^place_of_service\.csv: not a valid pfs file: .*HCPCS/);

    const empty = join(tmp, 'mue-empty.csv');
    writeFileSync(empty, 'HCPCS/CPT Code,Practitioner Services MUE Values,MUE Adjudication Indicator,MUE Rationale\n');
    const none = await cli('mue', empty, '--quarter', '2026Q1');
    expect(none.code).toBe(1);
    expect(none.err).toEqual(['mue-empty.csv: no mue rows found (is this the right kind of file?)']);

    expect(await listRefdataReleases(database.db)).toEqual(releases);
    expect(await rowCount('refdata_icd10cm')).toBe(rows);
  });

  it('parses without loading on --dry-run', async () => {
    const releases = await listRefdataReleases(database.db);
    const { code, out } = await cli('pos', POS, '--dry-run');
    expect(code).toBe(0);
    expect(out).toContain('dry run: nothing loaded');
    expect(await listRefdataReleases(database.db)).toEqual(releases);
  });
});
