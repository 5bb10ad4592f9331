import type { ColumnType, Generated, JSONColumnType } from 'kysely';


/** read as Date; written as Date or ISO string; the database gives a default */
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;

/** Idempotency record of order intake: one accession number, one exam, one body. */
export interface ExamIntakeTable {
  accession_number: string;
  exam_id: string;
  body_sha256: string;
  created_at: DefaultedTimestamp;
}

/** Read model of an exam, written by the exam workflow's activities. Holds PHI: never logged. */
export interface ExamTable {
  exam_id: string;
  accession_number: string;
  facility_id: string;
  patient: JSONColumnType<Record<string, unknown>>;
  coverages: JSONColumnType<unknown[]>;
  order: JSONColumnType<Record<string, unknown>>;
  phase: string;
  status: string;
  escalated: Generated<boolean>;
  scheduled_at: NullableTimestamp;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: DefaultedTimestamp;
  actor_sub: string | null;
  actor_roles: string[];
  action: string;
  object_type: string | null;
  object_id: string | null;
  request_id: string;
  status_code: number;
  details: JSONColumnType<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
}

/** One loaded reference file: a data set's version and the dates of service it governs. */
export interface RefdataReleaseTable {
  id: Generated<number>;
  kind: string;
  file_kind: string;
  label: string;
  effective_from: ColumnType<string, string, string>;
  effective_to: ColumnType<string | null, string | null, string | null>;
  fiscal_year: number | null;
  year: number | null;
  release: string | null;
  source_file: string;
  sha256: string;
  row_count: number;
  origin: 'cms' | 'cdc' | 'curated';
  loaded_at: DefaultedTimestamp;
}

export interface RefdataIcd10cmTable {
  release_id: number;
  code: string;
  billable: boolean;
  short_description: string;
  long_description: string | null;
}

export interface RefdataPfsTable {
  release_id: number;
  hcpcs: string;
  modifier: string;
  description: string;
  status_code: string;
  work_rvu_hundredths: number;
  non_facility_pe_rvu_hundredths: number;
  non_facility_na: boolean;
  facility_pe_rvu_hundredths: number;
  facility_na: boolean;
  mp_rvu_hundredths: number;
  non_facility_total_hundredths: number;
  facility_total_hundredths: number;
  pctc_indicator: string;
  global_days: string;
  mult_proc_indicator: string;
  bilateral_indicator: string;
  conversion_factor_ten_thousandths: number;
  supervision: string;
  imaging_family_indicator: string;
}

export interface RefdataNcciPtpTable {
  release_id: number;
  column1: string;
  column2: string;
  existed_before_1996: boolean;
  effective_date: ColumnType<string, string, string>;
  deletion_date: ColumnType<string | null, string | null, string | null>;
  modifier_indicator: '0' | '1' | '9';
  rationale: string;
  note: string | null;
}

export interface RefdataMueTable {
  release_id: number;
  hcpcs: string;
  value: number;
  adjudication_indicator: '1' | '2' | '3';
  adjudication_text: string;
  rationale: string;
  note: string | null;
}

export interface RefdataPosTable {
  release_id: number;
  code: string;
  name: string;
}

export interface RefdataHcpcs2Table {
  release_id: number;
  code: string;
  short_description: string;
  long_description: string | null;
}

export interface RefdataGpciTable {
  release_id: number;
  mac: string;
  state: string;
  locality: string;
  name: string;
  work_thousandths: number;
  pe_thousandths: number;
  mp_thousandths: number;
}

export interface RefdataOppsCapTable {
  release_id: number;
  hcpcs: string;
  modifier: string;
  status_code: string;
  carrier: string;
  locality: string;
  facility_cents: number;
  non_facility_cents: number;
}

export interface RefdataCptDescriptorTable {
  release_id: number;
  code: string;
  short_description: string;
  modality: string;
  body_region: string;
  contrast: string;
}

export interface RefdataCoveragePolicyTable {
  release_id: number;
  policy_id: string;
  name: string;
  cpts: string[];
  covered: JSONColumnType<{ from: string; to: string }[]>;
  source: string;
  position: number;
}

export interface Database {
  exam_intakes: ExamIntakeTable;
  exams: ExamTable;
  audit_log: AuditLogTable;
  refdata_releases: RefdataReleaseTable;
  refdata_icd10cm: RefdataIcd10cmTable;
  refdata_pfs: RefdataPfsTable;
  refdata_ncci_ptp: RefdataNcciPtpTable;
  refdata_mue: RefdataMueTable;
  refdata_pos: RefdataPosTable;
  refdata_hcpcs2: RefdataHcpcs2Table;
  refdata_gpci: RefdataGpciTable;
  refdata_opps_cap: RefdataOppsCapTable;
  refdata_cpt_descriptors: RefdataCptDescriptorTable;
  refdata_coverage_policies: RefdataCoveragePolicyTable;
}
