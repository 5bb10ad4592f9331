import { join } from 'node:path';
import { readTextFile } from '../../../activities/refdata/read-refdata-file';
import { findRepoRoot } from '../../../activities/refdata/repo-root';
import { parseIcd10cmCodes } from '../../../domain/refdata/parse-icd10cm-codes';
import { parseIcd10cmOrder } from '../../../domain/refdata/parse-icd10cm-order';
import { parseMue } from '../../../domain/refdata/parse-mue';
import { parseNcciPtp, ptpEditActive } from '../../../domain/refdata/parse-ncci-ptp';
import { parsePos } from '../../../domain/refdata/parse-pos';
import { parsePprrvu } from '../../../domain/refdata/parse-pprrvu';
import { parseGpci } from '../../../domain/refdata/parse-gpci';
import { parseHcpcsLevel2 } from '../../../domain/refdata/parse-hcpcs-level2';
import { parseOppsCap } from '../../../domain/refdata/parse-oppscap';

// The project's own reference data (data/refdata, see its SOURCES.md) and one CMS layout sample (test/fixtures/refdata).
const data = join(findRepoRoot(__dirname), 'data', 'refdata');
const fixtures = join(findRepoRoot(__dirname), 'test', 'fixtures', 'refdata');

describe('parsers on the bundled CMS/CDC files in data/refdata', () => {
  it('reads the FY2025 ICD-10-CM order file: 97,584 rows, 74,260 billable', () => {
    const rows = parseIcd10cmOrder(readTextFile(join(data, 'icd10cm-order-2025-short.txt.gz')));
    expect(rows).toHaveLength(97584);
    expect(rows.filter((r) => r.billable)).toHaveLength(74260);
    const m5416 = rows.find((r) => r.code === 'M5416');
    expect(m5416).toMatchObject({ billable: true, shortDescription: 'Radiculopathy, lumbar region' });
    expect(rows.find((r) => r.code === 'M541')?.billable).toBe(false);
  });

  it('reads the FY2025 ICD-10-CM codes layout (code padded to 7, a blank, the description, CRLF): 74,260 billable codes', () => {
    // The codes file is the order file's billable rows in the CDC codes layout.
    const billable = parseIcd10cmOrder(readTextFile(join(data, 'icd10cm-order-2025-short.txt.gz'))).filter((r) => r.billable);
    const text = billable.map((r) => `${r.code.padEnd(7)} ${r.shortDescription}\r\n`).join('');
    const rows = parseIcd10cmCodes(text);
    expect(rows).toHaveLength(74260);
    expect(rows[0]).toMatchObject({ code: 'A000', billable: true });
    expect(rows.find((r) => r.code === 'M5416')).toMatchObject({ billable: true });
  });

  it('reads the PFS imaging subset (joined header): 2,025 rows with PC/TC and multiple-procedure indicators', () => {
    const file = parsePprrvu(readTextFile(join(data, 'pprrvu2025_oct_imaging.csv')));
    expect(file.rows).toHaveLength(2025);
    const ctHead = file.rows.find((r) => r.hcpcs === '70450' && r.modifier === '');
    expect(ctHead).toMatchObject({ pcTcIndicator: '1', statusCode: 'A', workRvuHundredths: 85, multipleProcedureIndicator: '4', conversionFactorTenThousandths: 323465 });
    expect(file.rows.find((r) => r.hcpcs === '70450' && r.modifier === 'TC')?.nonFacilityPeRvuHundredths).toBe(204);
    // G0279 has a quoted description containing a comma
    expect(file.rows.find((r) => r.hcpcs === 'G0279' && r.modifier === '')?.pcTcIndicator).toBe('1');
    expect(file.rows.find((r) => r.hcpcs === '78815' && r.modifier === '')?.statusCode).toBe('C');
  });

  it('reads the CMS stacked header layout the same way as the joined one', () => {
    const stacked = readTextFile(join(fixtures, 'pprrvu2025_oct_header_rows.csv'));
    const joined = readTextFile(join(data, 'pprrvu2025_oct_imaging.csv')).split(/\r?\n/);
    const body = joined.slice(1, 40).map((l) => l.split(',').slice(0, 31).join(',')).join('\n');
    const file = parsePprrvu(`${stacked.trimEnd()}\n${body}\n`);
    expect(file.year).toBe(2025);
    expect(file.released).toBe('09/11/2025');
    expect(file.rows.length).toBe(39);
    expect(file.rows[0]?.imagingFamilyIndicator).toBe('88');
    expect(file.rows[0]?.supervision).toBe('09');
  });

  it('reads the OPPS cap file: 16,100 capped prices (the trailing blank row skipped)', () => {
    const rows = parseOppsCap(readTextFile(join(data, 'oppscap_2025_oct.csv.gz')));
    expect(rows).toHaveLength(16100);
    expect(rows.find((r) => r.hcpcs === '74170' && r.modifier === 'TC' && r.carrier === '01112' && r.locality === '05')).toMatchObject({ facilityCents: 25182, nonFacilityCents: 25182, statusCode: 'A' });
  });

  it('reads POS, HCPCS II and GPCI files', () => {
    const pos = parsePos(readTextFile(join(data, 'place_of_service.csv')));
    expect(pos).toHaveLength(50);
    expect(pos.find((p) => p.code === '22')?.name).toBe('On Campus Outpatient Hospital');
    const hcpcs = parseHcpcsLevel2(readTextFile(join(data, 'hcpcs_level2_2023_imaging_related.csv')));
    expect(hcpcs).toHaveLength(176);
    expect(hcpcs.find((h) => h.code === 'A9552')).toBeDefined();
    const gpci = parseGpci(readTextFile(join(data, 'gpci2025.csv')));
    expect(gpci.find((g) => g.state === 'AK')).toMatchObject({ workThousandths: 1500, peThousandths: 1081, mpThousandths: 592 });
  });
});

describe('NCCI PTP and MUE parsers on the CMS layouts', () => {
  const ptpText = [
    'CPT only copyright 2024 American Medical Association. All rights reserved.',
    'Column 1\tColumn 2\t*=in existence prior to 1996\tEffective Date\tDeletion Date *=no data\tModifier 0=not allowed 1=allowed 9=not applicable\tPTP Edit Rationale',
    '70470\t70450\t\t20100101\t*\t1\tCPT Manual or CMS manual coding instructions',
    '74178\t74177\t*\t19960101\t20250701\t0\tMutually exclusive procedures',
  ].join('\r\n');

  it('skips title lines and reads dates, indicators and rationale', () => {
    const edits = parseNcciPtp(ptpText);
    expect(edits).toHaveLength(2);
    expect(edits[0]).toMatchObject({ column1: '70470', column2: '70450', effectiveDate: '2010-01-01', deletionDate: null, modifierIndicator: '1' });
    expect(edits[1]).toMatchObject({ existedBefore1996: true, deletionDate: '2025-07-01', modifierIndicator: '0' });
  });

  it('treats the deletion date as the first date the edit no longer applies', () => {
    const deleted = parseNcciPtp(ptpText)[1];
    if (!deleted) throw new Error('missing');
    expect(ptpEditActive(deleted, '2025-06-30')).toBe(true);
    expect(ptpEditActive(deleted, '2025-07-01')).toBe(false);
  });

  it('reads MUE values and adjudication indicator text', () => {
    const rows = parseMue(
      [
        '"CPT codes and descriptions only are copyright 2024 American Medical Association."',
        'HCPCS/CPT Code,Practitioner Services MUE Values,MUE Adjudication Indicator,MUE Rationale',
        '70553,1,2 Date of Service Edit: Policy,Code Descriptor / CPT Instruction',
        '71045,4,"3 Date of Service Edit: Clinical","Clinical: Data"',
      ].join('\n'),
    );
    expect(rows).toEqual([
      { hcpcs: '70553', value: 1, adjudicationIndicator: '2', adjudicationText: '2 Date of Service Edit: Policy', rationale: 'Code Descriptor / CPT Instruction' },
      { hcpcs: '71045', value: 4, adjudicationIndicator: '3', adjudicationText: '3 Date of Service Edit: Clinical', rationale: 'Clinical: Data' },
    ]);
  });

  it('rejects a row with an invalid modifier indicator', () => {
    expect(() => parseNcciPtp('70470\t70450\t\t20100101\t*\t5\tx')).toThrow(/modifier indicator/);
  });
});
