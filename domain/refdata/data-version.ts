import type { IsoDate } from './iso-date';

/** Where a data set comes from: a CMS/CDC public file, or an edit set curated by this project. */
export type DataSource = 'cms' | 'cdc' | 'curated';

export type DataSetKind = 'icd10cm' | 'pfs' | 'ncci-ptp' | 'mue' | 'pos' | 'hcpcs' | 'cpt-descriptors' | 'coverage-policies' | 'gpci' | 'oppscap';

/**
 * The version of one loaded data set and the dates of service it governs.
 * `effectiveTo` is inclusive; null means open-ended.
 */
export interface DataVersion {
  kind: DataSetKind;
  source: DataSource;
  /** Human label: "ICD-10-CM FY2025", "PFS 2025 RVU25D", "NCCI 2025Q3", "curated imaging edits 2025.1". */
  label: string;
  effectiveFrom: IsoDate;
  effectiveTo: IsoDate | null;
}

/** ICD-10-CM fiscal year N runs from October 1 of year N-1 to September 30 of year N. */
export function icd10FiscalYearOf(date: IsoDate): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return month >= 10 ? year + 1 : year;
}

export function icd10cmVersion(fiscalYear: number): DataVersion {
  return {
    kind: 'icd10cm',
    source: 'cdc',
    label: `ICD-10-CM FY${fiscalYear}`,
    effectiveFrom: `${fiscalYear - 1}-10-01`,
    effectiveTo: `${fiscalYear}-09-30`,
  };
}

export function pfsVersion(year: number, release?: string): DataVersion {
  return {
    kind: 'pfs',
    source: 'cms',
    label: `PFS ${year}${release ? ` ${release}` : ''}`,
    effectiveFrom: `${year}-01-01`,
    effectiveTo: `${year}-12-31`,
  };
}

const QUARTER_START = ['01-01', '04-01', '07-01', '10-01'] as const;
const QUARTER_END = ['03-31', '06-30', '09-30', '12-31'] as const;

/** NCCI and MUE files are quarterly: "2025Q3" governs 2025-07-01 through 2025-09-30. */
export function ncciQuarterVersion(kind: 'ncci-ptp' | 'mue', quarter: string): DataVersion {
  const m = /^(\d{4})Q([1-4])$/.exec(quarter.trim().toUpperCase());
  if (!m) throw new RangeError(`quarter must look like 2025Q3, got ${quarter}`);
  const year = m[1] as string;
  const q = Number(m[2]) - 1;
  return {
    kind,
    source: 'cms',
    label: `${kind === 'mue' ? 'MUE' : 'NCCI PTP'} ${year}Q${q + 1}`,
    effectiveFrom: `${year}-${QUARTER_START[q] as string}`,
    effectiveTo: `${year}-${QUARTER_END[q] as string}`,
  };
}

export function versionCovers(version: DataVersion, date: IsoDate): boolean {
  return date >= version.effectiveFrom && (version.effectiveTo === null || date <= version.effectiveTo);
}
