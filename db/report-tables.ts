import type { ColumnType, Generated } from 'kysely';

type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/**
 * Every denied amount of every 835 taken (claim or service-line adjustment classified as a denial),
 * written with the remittance: the denials report and the denial rate group these rows.
 * UNIQUE (document_id, claim_id, seq): an 835 taken twice records nothing twice.
 */
export interface ClaimDenialTable {
  id: Generated<string>;
  claim_id: string;
  claim_version: number;
  exam_id: string;
  payer_id: string;
  document_id: string;
  trace_number: string;
  seq: number;
  line_control_number: string | null;
  procedure_code: string | null;
  group_code: string;
  reason_code: string;
  remark_codes: ColumnType<string[], string[] | undefined, string[]>;
  category: string;
  root_cause: string;
  amount_cents: number;
  /** BPR16 payment date of the 835, YYYY-MM-DD */
  payment_date: string | null;
  received_at: DefaultedTimestamp;
}

/**
 * The patient's receivable balance per exam (all claims and payments netted), kept by a trigger on
 * ledger_balances: what the A/R aging reads for patient balances. claim_key: the first claim that
 * billed the patient ('' when none).
 */
export interface ReportPatientBalanceTable {
  exam_id: string;
  claim_key: ColumnType<string, string | undefined, string>;
  balance_cents: number;
}
