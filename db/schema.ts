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

export interface Database {
  exam_intakes: ExamIntakeTable;
  exams: ExamTable;
  audit_log: AuditLogTable;
}
