import type { Db } from '../../db/database';
import { recordClaimDenials } from '../../db/repositories/reports/claim-denials';
import type { ClaimPayment835, Remittance835 } from '../../domain/x12';
import { claimStatusAfterRemittance, toClaimAdjudication } from './to-claim-adjudication';

export interface ClaimRemittanceRecord {
  /** our claim the payment was delivered to (a biller may match a payment to a claim other than its CLP01) */
  claimId: string;
  claimVersion: number;
  examId: string;
  payerId: string;
  traceNumber: string;
  documentId: string;
  clp: ClaimPayment835;
  remit: Remittance835;
}

/**
 * The payer's word on one of our claims, written once its exam took the payment: the claim's status and
 * amounts, a line of its status history and the classified denied amounts. Once per claim and document (a
 * repeated delivery writes nothing), and only onto the version the payment was for (a newer version the
 * exam has sent since keeps its status). A payment no exam takes (a cancelled exam) is never written here.
 */
export async function recordClaimRemittance(db: Db, r: ClaimRemittanceRecord, now: Date): Promise<void> {
  const { clp, remit } = r;
  const status = claimStatusAfterRemittance(clp);
  const adjudication = { ...toClaimAdjudication(clp, remit), claimId: r.claimId };
  await db.transaction().execute(async (trx) => {
    const seen = await trx.selectFrom('claim_status_history').select('claim_id')
      .where('claim_id', '=', r.claimId).where('document_id', '=', r.documentId).where('source', '=', '835').executeTakeFirst();
    if (seen) return;
    await trx.updateTable('claims').set({
      status, paid_cents: clp.paidCents, patient_responsibility_cents: clp.patientResponsibilityCents ?? 0,
      ...(clp.payerClaimControlNumber ? { payer_claim_number: clp.payerClaimControlNumber } : {}), updated_at: now,
    }).where('claim_id', '=', r.claimId).where('version', '=', r.claimVersion).execute();
    await trx.insertInto('claim_status_history').values({
      claim_id: r.claimId, version: r.claimVersion, status, source: '835', document_id: r.documentId,
      status_codes: [`CLP02:${clp.status}`, ...new Set([...clp.adjustments, ...clp.lines.flatMap((l) => l.adjustments)].map((a) => `${a.group}-${a.reason}`))], note: null,
    }).execute();
    // the denied amounts, classified, for the denials report and the denial rate
    await recordClaimDenials(trx, { claimId: r.claimId, claimVersion: r.claimVersion, examId: r.examId, payerId: r.payerId, documentId: r.documentId, traceNumber: r.traceNumber, paymentDate: remit.payment.date || null, adjudication });
  });
}
