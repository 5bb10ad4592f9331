import type { ColumnType, Generated } from 'kysely';

export type Hl7MessageStatus = 'received' | 'applied' | 'held' | 'error';

/** An HL7 v2 message as received over MLLP: the raw text only encrypted, its outcome and the ACK it was answered. */
export interface Hl7MessageTable {
  id: Generated<string>;
  sending_application: string;
  sending_facility: string;
  control_id: string;
  message_type: string;
  accession_number: string | null;
  exam_id: string | null;
  /** what the message meant for the engine: intake, cancel, performed, report, preliminary-report */
  event: string | null;
  status: Hl7MessageStatus;
  error_code: string | null;
  error_field: string | null;
  error_message: string | null;
  ack_code: string;
  /** the ACK answered (no PHI: MSH, MSA and ERR only), sent again for a repeated control id */
  ack: string;
  raw_key_id: string;
  raw_encrypted: Buffer;
  task_id: string | null;
  /** what a message that was taken came to, in words without PHI (e.g. no open exam of the patient) */
  note: string | null;
  received_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** The exam of a patient by a keyed hash of the MRN (never the MRN): how an ADT finds the patient's open exams. */
export interface Hl7PatientIndexTable {
  exam_id: string;
  facility_id: string;
  patient_lookup: string;
  indexed_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
