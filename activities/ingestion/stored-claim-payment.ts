import type { Db } from '../../db/database';
import { type ClaimPayment835, type Remittance835, parse835 } from '../../domain/x12';

export interface StoredClaimPayment {
  remit: Remittance835;
  clp: ClaimPayment835;
}

/** The trace number (TRN02) of an 835's i-th transaction; without a TRN, its ST control number as ingestion names it. */
export function remittanceTraceNumber(parsed: ReturnType<typeof parse835>, i: number): string {
  return parsed.transactions[i]!.trace.number || `ST${parsed.envelopes[i]?.controlNumber ?? i}`;
}

/**
 * One claim payment of a stored 835, read again from the original file: the transaction with this trace
 * number (or, without a TRN, its ST control number as ingestion named it) and the claim payment with this
 * payer reference (CLP01). Null when the document is not an 835 or holds no such payment.
 */
export async function storedClaimPayment(db: Db, input: { documentId: string; traceNumber: string | null; claimReference: string }): Promise<StoredClaimPayment | null> {
  const doc = await db.selectFrom('x12_documents').select(['raw', 'transaction_type']).where('id', '=', input.documentId).executeTakeFirst();
  if (!doc || doc.transaction_type !== '835') return null;
  let parsed: ReturnType<typeof parse835>;
  try {
    parsed = parse835(doc.raw);
  } catch {
    return null;
  }
  for (const [i, remit] of parsed.transactions.entries()) {
    const trace = remittanceTraceNumber(parsed, i);
    if (input.traceNumber !== null && trace !== input.traceNumber) continue;
    const clp = remit.claims.find((c) => c.claimId.slice(0, 80) === input.claimReference);
    if (clp) return { remit, clp };
  }
  return null;
}
