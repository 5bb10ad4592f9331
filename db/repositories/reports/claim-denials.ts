import { isCalendarDate } from '../../../domain/ledger/calendar-date';
import type { ClaimAdjudication } from '../../../domain/posting/remittance-types';
import { denialRecords } from '../../../domain/reports/denial-records';
import type { Db } from '../../database';

export interface ClaimDenialsInput {
  claimId: string;
  claimVersion: number;
  examId: string;
  /** the payer that sent the 835 */
  payerId: string;
  documentId: string;
  traceNumber: string;
  paymentDate: string | null;
  adjudication: ClaimAdjudication;
}

/**
 * Records the denied amounts of one claim payment of an 835 (the denials report's projection).
 * Called in the transaction that records the remittance; idempotent per document, claim and position.
 */
export async function recordClaimDenials(db: Db, input: ClaimDenialsInput): Promise<number> {
  const records = denialRecords(input.adjudication);
  if (records.length === 0) return 0;
  const rows = await db
    .insertInto('claim_denials')
    .values(records.map((d) => ({
      claim_id: input.claimId,
      claim_version: input.claimVersion,
      exam_id: input.examId,
      payer_id: input.payerId,
      document_id: input.documentId,
      trace_number: input.traceNumber,
      seq: d.seq,
      line_control_number: d.lineControlNumber,
      procedure_code: d.procedureCode,
      group_code: d.group,
      reason_code: d.reasonCode,
      remark_codes: [...d.remarkCodes],
      category: d.category,
      root_cause: d.rootCause,
      amount_cents: d.amountCents,
      payment_date: isCalendarDate(input.paymentDate) ? input.paymentDate : null,
    })))
    .onConflict((oc) => oc.columns(['document_id', 'claim_id', 'seq']).doNothing())
    .returning('id')
    .execute();
  return rows.length;
}
