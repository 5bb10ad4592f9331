import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { LedgerBalanceTable, LedgerEntryTable, LedgerLineTable } from './ledger-tables';
import type { ClaimDenialTable, ReportPatientBalanceTable } from './report-tables';
import type { ClaimScrubFindingsTable } from './claim-findings-table';
import type { DocumentTable } from './document-tables';
import type { IngestionFileKeyTable, IngestionFileTable, IngestionItemTable } from './ingestion-tables';
import type { PriorAuthorizationTable, PriorAuthorizationUseTable } from './authorization-tables';
import type { PayerTable, TaskTable } from './lifecycle-tables';
import type { ExamWatchdogCheckTable, StalledExamAcknowledgmentTable, WatchdogSweepTable } from './watchdog-tables';
import type { BillingEntityTable, FacilityTable, ProviderTable } from './organisation-tables';
import type { SameDayLinesTable } from './same-day-tables';
import type { ChargemasterItemTable, PayerContractTable } from './money-tables';
import type { AppealSubmissionTable, ClaimChangeRequestTable, FiledropSentFileTable, RealTimeRequestTable, SandboxReceivedFileTable } from './outbox-tables';
import type { AppealRequestTable } from './appeal-tables';
import type { Hl7MessageTable, Hl7PatientIndexTable } from './hl7-tables';


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
  /** what the exam read shows beside phase and tasks, as the workflow last recorded it (null: not recorded yet) */
  exam_view: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  /** the transition that wrote `exam_view` */
  exam_view_seq: ColumnType<number | null, number | null | undefined, number | null>;
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

/** A never-repeating counter (outbound ISA13/GS06/ST02). */
/** Every X12 file sent or received, byte for byte. `raw` holds PHI: never logged. */
export interface X12DocumentTable {
  id: string;
  direction: 'outbound' | 'inbound';
  transaction_type: string;
  interchange_control_number: string | null;
  group_control_number: string | null;
  transaction_control_numbers: ColumnType<string[], string[] | undefined, string[]>;
  payer_id: string | null;
  source: string;
  file_name: string | null;
  sha256: string;
  size_bytes: number;
  raw: string;
  outcome: string | null;
  created_at: DefaultedTimestamp;
}

export interface ClaimTable {
  claim_id: string;
  exam_id: string;
  version: number;
  payer_id: string;
  form: '837P' | '837I';
  kind: 'global' | 'professional' | 'technical';
  status: string;
  charge_cents: number;
  paid_cents: ColumnType<number, number | undefined, number>;
  patient_responsibility_cents: ColumnType<number, number | undefined, number>;
  date_of_service: ColumnType<string, string, string>;
  payer_claim_number: string | null;
  first_submitted_at: NullableTimestamp;
  last_submitted_at: NullableTimestamp;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

/** UNIQUE (claim_id, version): a claim version is submitted once. */
export interface ClaimSubmissionTable {
  id: Generated<string>;
  claim_id: string;
  version: number;
  exam_id: string;
  document_id: string;
  file_name: string;
  interchange_control_number: string;
  transaction_control_number: string;
  channel: string;
  frequency: string;
  request: JSONColumnType<Record<string, unknown>>;
  status: 'prepared' | 'sent';
  created_at: DefaultedTimestamp;
  sent_at: NullableTimestamp;
}

export interface ClaimStatusHistoryTable {
  id: Generated<string>;
  claim_id: string;
  version: number;
  status: string;
  source: string;
  document_id: string | null;
  status_codes: ColumnType<string[], string[] | undefined, string[]>;
  note: string | null;
  at: DefaultedTimestamp;
}

/** UNIQUE (payer_id, trace_number): an 835 is taken once. */
export interface RemittanceTable {
  id: Generated<string>;
  payer_id: string;
  trace_number: string;
  document_id: string;
  payment_cents: number;
  payment_date: ColumnType<string | null, string | null | undefined, string | null>;
  claim_count: number;
  matched_count: number;
  received_at: DefaultedTimestamp;
}

/** `remittance-unmatched` work: a claim in a response that no claim of ours owns. */
export interface UnmatchedRemittanceClaimTable {
  id: Generated<string>;
  document_id: string;
  transaction_type: string;
  payer_id: string | null;
  trace_number: string | null;
  claim_reference: string;
  charge_cents: number | null;
  paid_cents: number | null;
  reason: string;
  status: ColumnType<string, string | undefined, string>;
  created_at: DefaultedTimestamp;
  /** its row in the work queue (`tasks`) */
  task_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** what a biller decided (action, exam, claim, reference, note) */
  resolution: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  resolved_by: ColumnType<string | null, string | null | undefined, string | null>;
  resolved_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface InboundFileTable {
  id: Generated<string>;
  file_name: string;
  sha256: string;
  status: 'processed' | 'duplicate' | 'quarantined' | 'recovered';
  document_id: string | null;
  reason: string | null;
  received_at: DefaultedTimestamp;
}

/** A signed checkpoint of the audit chain's end (key outside the database). */
export interface AuditCheckpointTable {
  id: Generated<string>;
  at: ColumnType<Date, Date | string, never>;
  last_audit_id: ColumnType<string, string | number, never>;
  last_hash: string;
  key_id: string;
  signature: string;
}

/** One recorded transition of an exam's run (codes and ids only): the supervisor's timeline reads it. */
export interface ExamTransitionTable {
  exam_id: string;
  run_id: string;
  seq: number;
  at: ColumnType<Date, Date | string, never>;
  record: JSONColumnType<Record<string, unknown>>;
  recorded_at: ColumnType<Date, never, never>;
}

export interface Database {
  exam_intakes: ExamIntakeTable;
  exams: ExamTable;
  exam_transitions: ExamTransitionTable;
  audit_log: AuditLogTable;
  tasks: TaskTable;
  payers: PayerTable;
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
  x12_documents: X12DocumentTable;
  claims: ClaimTable;
  claim_submissions: ClaimSubmissionTable;
  claim_status_history: ClaimStatusHistoryTable;
  remittances: RemittanceTable;
  unmatched_remittance_claims: UnmatchedRemittanceClaimTable;
  inbound_files: InboundFileTable;
  ingestion_files: IngestionFileTable; ingestion_file_keys: IngestionFileKeyTable; ingestion_items: IngestionItemTable;
  ledger_entries: LedgerEntryTable;
  ledger_lines: LedgerLineTable;
  ledger_balances: LedgerBalanceTable;
  claim_denials: ClaimDenialTable; report_patient_balances: ReportPatientBalanceTable;
  claim_scrub_findings: ClaimScrubFindingsTable;
  documents: DocumentTable;
  prior_authorizations: PriorAuthorizationTable; prior_authorization_uses: PriorAuthorizationUseTable;
  exam_watchdog_checks: ExamWatchdogCheckTable; stalled_exam_acknowledgments: StalledExamAcknowledgmentTable; watchdog_sweeps: WatchdogSweepTable;
  sandbox_received_files: SandboxReceivedFileTable; filedrop_sent_files: FiledropSentFileTable;
  appeal_submissions: AppealSubmissionTable; real_time_requests: RealTimeRequestTable;
  billing_entities: BillingEntityTable; facilities: FacilityTable; providers: ProviderTable;
  audit_checkpoints: AuditCheckpointTable;
  same_day_lines: SameDayLinesTable;
  chargemaster_items: ChargemasterItemTable; payer_contracts: PayerContractTable;
  claim_change_requests: ClaimChangeRequestTable;
  appeal_requests: AppealRequestTable;
  hl7_messages: Hl7MessageTable;
  hl7_patient_index: Hl7PatientIndexTable;
}
