import { icd10cmVersion, ncciQuarterVersion, pfsVersion, type DataVersion } from './data-version';
import { parseCoveragePolicies } from './coverage-policy';
import { parseCptDescriptors } from './parse-cpt-descriptors';
import { parseGpci } from './parse-gpci';
import { parseHcpcsLevel2 } from './parse-hcpcs-level2';
import { parseIcd10cmCodes } from './parse-icd10cm-codes';
import { parseIcd10cmOrder } from './parse-icd10cm-order';
import { parseMue } from './parse-mue';
import { parseNcciPtp } from './parse-ncci-ptp';
import { parsePos } from './parse-pos';
import { parsePprrvu } from './parse-pprrvu';
import { parseOppsCap, type OppsCapRow } from './parse-oppscap';
import type { CoveragePolicy, CptDescriptor, GpciRow, HcpcsRow, Icd10Row, MueRow, PfsRow, PosRow, PtpEdit } from './ref-data';

export const REFDATA_FILE_KINDS = [
  'icd10cm-order',
  'icd10cm-codes',
  'pfs',
  'ncci-ptp',
  'mue',
  'pos',
  'hcpcs',
  'gpci',
  'cpt-descriptors',
  'coverage-policies',
  'oppscap',
] as const;
export type RefdataFileKind = (typeof REFDATA_FILE_KINDS)[number];

/** What the caller knows about the file's version; CMS files rarely state it inside. */
export interface RefdataFileOptions {
  /** ICD-10-CM fiscal year (order and codes files). */
  fiscalYear?: number;
  /** PFS calendar year when the preamble does not state it. */
  year?: number;
  /** PFS release label ("RVU25D"). */
  release?: string;
  /** NCCI/MUE quarter ("2025Q3") for CMS files. */
  quarter?: string;
  /** A complete version, e.g. for a curated set. */
  version?: DataVersion;
}

export type ParsedRefdataFile =
  | { kind: 'icd10cm-order' | 'icd10cm-codes'; version: DataVersion; fiscalYear: number; rows: Icd10Row[] }
  | { kind: 'pfs'; version: DataVersion; year: number; release?: string; rows: PfsRow[] }
  | { kind: 'ncci-ptp'; version: DataVersion; rows: PtpEdit[] }
  | { kind: 'mue'; version: DataVersion; rows: MueRow[] }
  | { kind: 'pos'; version: DataVersion; rows: PosRow[] }
  | { kind: 'hcpcs'; version: DataVersion; rows: HcpcsRow[] }
  | { kind: 'gpci'; version: DataVersion; rows: GpciRow[] }
  | { kind: 'cpt-descriptors'; version: DataVersion; rows: CptDescriptor[] }
  | { kind: 'coverage-policies'; version: DataVersion; rows: CoveragePolicy[] }
  | { kind: 'oppscap'; version: DataVersion; year: number; rows: OppsCapRow[] };

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the ${what} of this file is needed (pass it as an option)`);
  return value;
}

const OPEN_CURATED = (kind: DataVersion['kind'], label: string): DataVersion => ({
  kind,
  source: 'curated',
  label,
  effectiveFrom: '2024-01-01',
  effectiveTo: null,
});

/** Parse one reference file of a known kind and attach its data version. Pure: text in, rows out. */
export function parseRefdataFile(kind: RefdataFileKind, text: string, options: RefdataFileOptions = {}): ParsedRefdataFile {
  switch (kind) {
    case 'icd10cm-order':
    case 'icd10cm-codes': {
      const fiscalYear = need(options.fiscalYear, 'ICD-10-CM fiscal year');
      const rows = kind === 'icd10cm-order' ? parseIcd10cmOrder(text) : parseIcd10cmCodes(text);
      return { kind, version: options.version ?? icd10cmVersion(fiscalYear), fiscalYear, rows };
    }
    case 'pfs': {
      const file = parsePprrvu(text);
      const year = need(file.year ?? options.year, 'PFS year');
      return { kind, version: options.version ?? pfsVersion(year, options.release), year, ...(options.release ? { release: options.release } : {}), rows: file.rows };
    }
    case 'ncci-ptp':
      return { kind, version: options.version ?? ncciQuarterVersion('ncci-ptp', need(options.quarter, 'NCCI quarter')), rows: parseNcciPtp(text) };
    case 'mue':
      return { kind, version: options.version ?? ncciQuarterVersion('mue', need(options.quarter, 'MUE quarter')), rows: parseMue(text) };
    case 'pos':
      return { kind, version: options.version ?? { kind: 'pos', source: 'cms', label: 'Place of Service code set', effectiveFrom: '2024-01-01', effectiveTo: null }, rows: parsePos(text) };
    case 'hcpcs':
      return { kind, version: options.version ?? { kind: 'hcpcs', source: 'cms', label: 'HCPCS Level II', effectiveFrom: '2023-01-01', effectiveTo: null }, rows: parseHcpcsLevel2(text) };
    case 'gpci':
      return { kind, version: options.version ?? pfsVersion(need(options.year, 'GPCI year')), rows: parseGpci(text) };
    case 'cpt-descriptors':
      return { kind, version: options.version ?? OPEN_CURATED('cpt-descriptors', 'imaging CPT short descriptions'), rows: parseCptDescriptors(text) };
    case 'oppscap': {
      const year = need(options.year, 'OPPS cap year');
      return { kind, version: options.version ?? { ...pfsVersion(year), kind: 'oppscap', label: `OPPS imaging cap ${year}` }, year, rows: parseOppsCap(text) };
    }
    case 'coverage-policies': {
      const file = parseCoveragePolicies(JSON.parse(text) as unknown);
      return { kind, version: options.version ?? OPEN_CURATED('coverage-policies', file.version), rows: file.policies };
    }
  }
}
