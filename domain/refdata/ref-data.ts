import type { DataVersion } from './data-version';
import type { OppsCapRow } from './parse-oppscap';
import type { IsoDate } from './iso-date';

/** One ICD-10-CM row (order file): dotless code, billable flag ("valid for HIPAA"), short description. */
export interface Icd10Row {
  code: string;
  billable: boolean;
  shortDescription: string;
  longDescription?: string;
}

export interface Icd10Lookup {
  /** Dotted spelling ("M54.16"). */
  code: string;
  found: boolean;
  billable: boolean;
  shortDescription?: string;
  /** The code set the answer comes from. */
  version: DataVersion;
  /** False when the loaded code set does not govern the date of service (e.g. FY2025 for a 2026 date). */
  current: boolean;
}

/** PC/TC indicator values from the PFS relative value file (Attachment A). */
export type PcTcIndicator = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';

/** One row of the PFS relative value file (PPRRVU). RVUs are in hundredths (integers) to keep money math exact. */
export interface PfsRow {
  hcpcs: string;
  /** '' (global), '26', 'TC' or '53'. */
  modifier: string;
  description: string;
  statusCode: string;
  workRvuHundredths: number;
  nonFacilityPeRvuHundredths: number;
  nonFacilityNa: boolean;
  facilityPeRvuHundredths: number;
  facilityNa: boolean;
  mpRvuHundredths: number;
  nonFacilityTotalHundredths: number;
  facilityTotalHundredths: number;
  pcTcIndicator: PcTcIndicator;
  globalDays: string;
  multipleProcedureIndicator: string;
  bilateralIndicator: string;
  /** Conversion factor in ten-thousandths of a dollar (32.3465 -> 323465). */
  conversionFactorTenThousandths: number;
  supervision: string;
  imagingFamilyIndicator: string;
}

/** One NCCI procedure-to-procedure edit row (practitioner file layout). */
export interface PtpEdit {
  column1: string;
  column2: string;
  existedBefore1996: boolean;
  effectiveDate: IsoDate;
  /** First date on which the edit no longer applies; null when not deleted. */
  deletionDate: IsoDate | null;
  /** 0 = no modifier allowed, 1 = NCCI-associated modifier may bypass, 9 = not applicable. */
  modifierIndicator: '0' | '1' | '9';
  rationale: string;
  /** Free text of the curated set (where the fact comes from); absent in CMS files. */
  note?: string;
}

/** MUE adjudication indicator: 1 line edit, 2 date-of-service edit (policy), 3 date-of-service edit (clinical). */
export type MueAdjudicationIndicator = '1' | '2' | '3';

export interface MueRow {
  hcpcs: string;
  value: number;
  adjudicationIndicator: MueAdjudicationIndicator;
  adjudicationText: string;
  rationale: string;
  note?: string;
}

export interface PosRow {
  code: string;
  name: string;
}

export interface HcpcsRow {
  code: string;
  shortDescription: string;
  longDescription?: string;
}

/** Contrast of a code's descriptor, used to check a code against the performed exam. */
export type ContrastClass = 'none' | 'with' | 'without-and-with' | 'not-applicable';

/** A CPT code with a short description written by this project (never AMA descriptor text). */
export interface CptDescriptor {
  code: string;
  shortDescription: string;
  modality: string;
  bodyRegion: string;
  contrast: ContrastClass;
}

export interface Icd10Range {
  from: string;
  to: string;
}

/** Curated medical-necessity policy for a CPT family: diagnoses (ICD-10-CM ranges) that support it. */
export interface CoveragePolicy {
  id: string;
  name: string;
  cpts: string[];
  covered: Icd10Range[];
  /** Plain statement of where the policy comes from. */
  source: string;
}

export interface GpciRow {
  mac: string;
  state: string;
  locality: string;
  name: string;
  /** GPCIs in thousandths (1.000 -> 1000). */
  workThousandths: number;
  peThousandths: number;
  mpThousandths: number;
}

/** A note that a loaded data set does not govern the date of service, or is not CMS data. */
export interface DataCurrencyNotice {
  kind: DataVersion['kind'];
  code: 'CODE_SET_NOT_CURRENT' | 'DATA_SET_MISSING' | 'CURATED_DATA';
  message: string;
}

/**
 * Reference data as domain code sees it: an in-memory, read-only index injected by the caller.
 * Every date argument is the date of service (ISO); nothing here reads a clock.
 */
export interface RefData {
  versions(): DataVersion[];
  icd10(code: string, dos: IsoDate): Icd10Lookup;
  /** Billable codes below a non-billable category (up to `limit`), for fix suggestions. */
  icd10Children(code: string, dos: IsoDate, limit: number): string[];
  pfs(hcpcs: string, modifier: string, year: number): PfsRow | undefined;
  ncciPtp(column1: string, column2: string, dos: IsoDate): PtpEdit | undefined;
  mue(hcpcs: string, dos: IsoDate): MueRow | undefined;
  pos(code: string): PosRow | undefined;
  coveragePolicy(cpt: string): CoveragePolicy | undefined;
  cpt(code: string): CptDescriptor | undefined;
  hcpcs(code: string): HcpcsRow | undefined;
  gpci(locality: string): GpciRow | undefined;
  /** OPPS-capped imaging amount for a code and modifier ('' or 'TC') in a locality ("<MAC>-<locality>"), when the cap applies. */
  oppsCap(hcpcs: string, modifier: string, locality: string, year: number): OppsCapRow | undefined;
  /** Notices for a date of service: code sets not current, missing data sets, curated (non-CMS) edits. */
  currency(dos: IsoDate): DataCurrencyNotice[];
}
