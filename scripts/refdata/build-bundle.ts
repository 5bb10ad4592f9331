/**
 * Derive data/refdata/ from the public CMS/CDC files in the directory given as the first argument (see
 * data/refdata/SOURCES.md for where each comes from). Usage: node dist/scripts/refdata/build-bundle.js <sourceDir>
 * Writes the derived files and manifest.json, then checks that the curated files refer to known codes.
 */
import { chmodSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { toDotlessIcd10 } from '../../domain/refdata/icd10-code';
import { parseIcd10cmOrder } from '../../domain/refdata/parse-icd10cm-order';
import type { BundleManifest } from '../../activities/refdata/bundle-manifest';
import { bundledRefdataDir, readBundle, toRefDataInput } from '../../activities/refdata/bundled-refdata';

const CURATED_FROM = '2024-01-01';

export const BUNDLE_MANIFEST: BundleManifest = {
  datasets: [
    { kind: 'icd10cm-order', file: 'icd10cm-order-2025-short.txt.gz', fiscalYear: 2025 },
    { kind: 'pfs', file: 'pprrvu2025_oct_imaging.csv', year: 2025, release: 'RVU25D' },
    { kind: 'gpci', file: 'gpci2025.csv', year: 2025 },
    { kind: 'oppscap', file: 'oppscap_2025_oct.csv.gz', year: 2025 },
    { kind: 'pos', file: 'place_of_service.csv' },
    { kind: 'hcpcs', file: 'hcpcs_level2_2023_imaging_related.csv', version: { kind: 'hcpcs', source: 'cms', label: 'HCPCS Level II 2023 (imaging-related rows)', effectiveFrom: '2023-01-01', effectiveTo: null } },
    { kind: 'cpt-descriptors', file: 'cpt-imaging-descriptors.csv' },
    { kind: 'coverage-policies', file: 'coverage-policies.json' },
    {
      kind: 'ncci-ptp',
      file: 'ncci-ptp-imaging-curated.txt',
      version: { kind: 'ncci-ptp', source: 'curated', label: 'curated imaging PTP edits 2025.1', effectiveFrom: CURATED_FROM, effectiveTo: null },
    },
    {
      kind: 'mue',
      file: 'mue-imaging-curated.csv',
      version: { kind: 'mue', source: 'curated', label: 'curated imaging MUEs 2025.1', effectiveFrom: CURATED_FROM, effectiveTo: null },
    },
  ],
};

/** The order file without the long descriptions (short ones stay), right-trimmed: same fixed-width layout. */
export function shortenIcd10cmOrder(text: string): string {
  return text
    .split('\n')
    .map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l))
    .filter((l) => l.trim() !== '')
    .map((l) => l.slice(0, 76).trimEnd())
    .join('\n')
    .concat('\n');
}

export function buildBundle(sourceDir: string, outDir: string): string[] {
  const log: string[] = [];
  const order = readFileSync(join(sourceDir, 'icd10cm', 'icd10cm-order-2025.txt'), 'utf8');
  const short = shortenIcd10cmOrder(order);
  const gz = gzipSync(Buffer.from(short, 'utf8'), { level: 9 });
  writeFileSync(join(outDir, 'icd10cm-order-2025-short.txt.gz'), gz);
  log.push(`icd10cm-order-2025-short.txt.gz: ${parseIcd10cmOrder(short).length} rows, ${gz.length} bytes`);
  const cap = gzipSync(readFileSync(join(sourceDir, 'pfs', 'oppscap_2025_oct.csv')), { level: 9 });
  writeFileSync(join(outDir, 'oppscap_2025_oct.csv.gz'), cap);
  log.push(`oppscap_2025_oct.csv.gz: ${cap.length} bytes`);
  const copies: [string, string][] = [
    ['pfs/pprrvu2025_oct_imaging.csv', 'pprrvu2025_oct_imaging.csv'],
    ['pfs/gpci2025.csv', 'gpci2025.csv'],
    ['pos/place_of_service.csv', 'place_of_service.csv'],
    ['hcpcs/hcpcs_level2_2023_imaging_related.csv', 'hcpcs_level2_2023_imaging_related.csv'],
  ];
  for (const [from, to] of copies) {
    copyFileSync(join(sourceDir, from), join(outDir, to));
    chmodSync(join(outDir, to), 0o644);
    log.push(`${to}: copied from ${from}`);
  }
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(BUNDLE_MANIFEST, null, 2)}\n`);
  log.push('manifest.json written');
  log.push(...checkCuratedFiles(outDir));
  return log;
}

/** Every curated code must exist in the bundled PFS or HCPCS rows; every coverage range must hold a billable code. */
export function checkCuratedFiles(dir: string): string[] {
  const input = toRefDataInput(readBundle(dir));
  const pfsCodes = new Set(input.pfs.flatMap((s) => s.rows.map((r) => r.hcpcs)));
  const hcpcs = new Set(input.hcpcs.map((r) => r.code));
  const known = (c: string): boolean => pfsCodes.has(c) || hcpcs.has(c);
  const problems: string[] = [];
  for (const s of input.ptp) for (const e of s.edits) for (const c of [e.column1, e.column2]) if (!known(c)) problems.push(`PTP code ${c} unknown`);
  for (const s of input.mue) for (const r of s.rows) if (!known(r.hcpcs)) problems.push(`MUE code ${r.hcpcs} unknown`);
  for (const d of input.cpt) if (!pfsCodes.has(d.code)) problems.push(`descriptor code ${d.code} not in the PFS rows`);
  const billable = input.icd10cm.flatMap((s) => s.rows.filter((r) => r.billable).map((r) => r.code)).sort();
  for (const p of input.coveragePolicies.policies) {
    for (const c of p.cpts) if (!known(c)) problems.push(`policy ${p.id}: code ${c} unknown`);
    for (const r of p.covered) {
      const from = toDotlessIcd10(r.from) ?? '';
      const to = toDotlessIcd10(r.to) ?? '';
      if (!billable.some((c) => c >= from && (c <= to || c.startsWith(to)))) problems.push(`policy ${p.id}: range ${r.from}-${r.to} holds no billable code`);
    }
  }
  if (problems.length > 0) throw new Error(`curated files do not match the reference data:\n${problems.join('\n')}`);
  return [`curated files checked: ${input.ptp.reduce((n, s) => n + s.edits.length, 0)} PTP edits, ${input.mue.reduce((n, s) => n + s.rows.length, 0)} MUEs, ${input.coveragePolicies.policies.length} coverage policies`];
}

if (require.main === module) {
  const given = process.argv[2];
  if (!given) {
    console.error('usage: node dist/scripts/refdata/build-bundle.js <directory of the CMS/CDC source files>');
    process.exit(64);
  }
  const source = resolve(given);
  for (const line of buildBundle(source, bundledRefdataDir())) console.log(line);
}
