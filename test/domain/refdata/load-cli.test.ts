import { join } from 'node:path';
import { bundledRefdataDir } from '../../../activities/refdata/bundled-refdata';
import { readRefdataFile } from '../../../activities/refdata/read-refdata-file';
import { describeParsedFile, parseLoadArgs } from '../../../scripts/refdata/load';
import { benchScrub } from '../../../scripts/refdata/bench-scrub';

describe('reference file loader', () => {
  it('reads kind, file and version options from the command line', () => {
    expect(parseLoadArgs(['ncci-ptp', 'ccipra-v313r0-f1.txt', '--quarter', '2025Q4'])).toEqual({ kind: 'ncci-ptp', file: 'ccipra-v313r0-f1.txt', options: { quarter: '2025Q4' } });
    expect(() => parseLoadArgs(['nonsense', 'x'])).toThrow(/usage/);
    expect(() => parseLoadArgs(['mue', 'x', '--quarter'])).toThrow(/needs a value/);
  });

  it('parses a curated file as a CMS quarter and reports its window', () => {
    const parsed = readRefdataFile('mue', join(bundledRefdataDir(), 'mue-imaging-curated.csv'), { quarter: '2025Q3' });
    const summary = describeParsedFile(parsed);
    expect(summary).toContain('version: MUE 2025Q3 (cms; 2025-07-01 to 2025-09-30)');
    expect(summary).toContain(`rows: ${parsed.rows.length}`);
  });

  it('requires the fiscal year of an ICD-10-CM file when the name does not carry it', () => {
    expect(() => readRefdataFile('icd10cm-order', join(bundledRefdataDir(), 'place_of_service.csv'))).toThrow(/fiscal year/);
  });

  it('benchmarks the scrubber on the bundled data', () => {
    const r = benchScrub(200);
    expect(r.claims).toBe(200);
    expect(r.claimsPerSecond).toBeGreaterThan(0);
  });
});
