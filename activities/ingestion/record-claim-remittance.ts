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
  /** the payment that speaks for the claim: a correction, or a reversal sent alone */
  clp: ClaimPayment835;
  /** reversals of earlier payments (CLP02 22) that came with the correction in the same 835 */
  reversals?: readonly ClaimPayment835[];
  remit: Remittance835;
}

function statusCodes(clp: ClaimPayment835): string[] {
  return [`CLP02:${clp.status}`, ...new Set([...clp.adjustments, ...clp.lines.flatMap((l) => l.adjustments)].map((a) => `${a.group}-${a.reason}`))];
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
  const reversal = clp.status === '22';
  const adjudication = { ...toClaimAdjudication(clp, remit), claimId: r.claimId };
  await db.transaction().execute(async (trx) => {
    const seen = await trx.selectFrom('claim_status_history').select('claim_id')
      .where('claim_id', '=', r.claimId).where('document_id', '=', r.documentId).where('source', '=', '835').executeTakeFirst();
    if (seen) return;
    // A reversal sent alone takes the payment back (its amounts are negative): what stays paid is what was paid less it.
    const amounts = reversal
      ? await trx.selectFrom('claims').select(['paid_cents', 'patient_responsibility_cents']).where('claim_id', '=', r.claimId).executeTakeFirst()
      : undefined;
    await trx.updateTable('claims').set({
      status,
      paid_cents: reversal ? Math.max(0, (amounts?.paid_cents ?? 0) + clp.paidCents) : clp.paidCents,
      patient_responsibility_cents: reversal ? Math.max(0, (amounts?.patient_responsibility_cents ?? 0) + (clp.patientResponsibilityCents ?? 0)) : clp.patientResponsibilityCents ?? 0,
      ...(clp.payerClaimControlNumber ? { payer_claim_number: clp.payerClaimControlNumber } : {}), updated_at: now,
    }).where('claim_id', '=', r.claimId).where('version', '=', r.claimVersion).execute();
    for (const reversed of r.reversals ?? []) {
      await trx.insertInto('claim_status_history').values({
        claim_id: r.claimId, version: r.claimVersion, status: claimStatusAfterRemittance(reversed), source: '835', document_id: r.documentId,
        status_codes: statusCodes(reversed), note: 'the payer reversed its earlier payment; its correction follows in the same 835',
      }).execute();
    }
    await trx.insertInto('claim_status_history').values({
      claim_id: r.claimId, version: r.claimVersion, status, source: '835', document_id: r.documentId,
      status_codes: statusCodes(clp), note: reversal ? 'the payer reversed its earlier payment; a corrected payment is awaited' : null,
    }).execute();
    // the denied amounts, classified, for the denials report and the denial rate (a reversal denies nothing)
    if (!reversal) {
      await recordClaimDenials(trx, { claimId: r.claimId, claimVersion: r.claimVersion, examId: r.examId, payerId: r.payerId, documentId: r.documentId, traceNumber: r.traceNumber, paymentDate: remit.payment.date || null, adjudication });
    }
  });
}
