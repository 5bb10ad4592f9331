import type { Client } from '@temporalio/client';
import type { Db } from '../../db/database';
import type { InboundTransactionType } from './detect-transaction-type';
import { beginDelivery, deliverItems, finishDelivery } from './deliver-inbound-file';
import { type IngestionLimits, ingestionLimits } from './ingestion-limits';
import { type InboundSource, receiveInboundFile } from './receive-inbound-file';

export type { InboundSource } from './receive-inbound-file';

export interface IngestInput {
  raw: string | Uint8Array;
  source: InboundSource;
  fileName?: string;
  /** what the caller accepts: a remittance endpoint takes 835s only, the acknowledgment one 999/277CA. */
  accept?: readonly InboundTransactionType[];
}

export interface RoutedClaim {
  claimId: string;
  claimVersion?: number;
  /** absent when no claim of ours matched (recorded as remittance-unmatched work) */
  examId?: string;
  status?: string;
  /** false when the exam did not take it (unmatched, or its workflow is gone; the document stays stored) */
  signaled: boolean;
  /** where it went: `signaled`, `reopened` (a closed exam), `already-posted`, `exam-ended`, `unmatched` */
  delivery?: string;
}

export type IngestResult =
  | {
      ok: true;
      documentId: string;
      transactionType: InboundTransactionType;
      duplicate: boolean;
      /** the claims delivered by this call (a repeat of a delivered file delivers none) */
      claims: RoutedClaim[];
      unmatched: number;
      payerId?: string;
      traceNumber?: string;
      /** error findings of the lenient parser (counts, balancing); the file was still taken */
      findings: number;
    }
  | { ok: false; error: { code: string; message: string; segmentPosition: number; segmentId: string } };

export interface IngestDeps {
  db: Db;
  temporal: Client;
  now?: () => Date;
  limits?: IngestionLimits;
}

/**
 * The inbound path run to its end in this call: the file is stored exactly as the ingestion workflow's path stores
 * it, then every claim not yet delivered is delivered here (the workflow does this in retried batches). For tools
 * and tests that want the outcome at once; the API, the filedrop inbox and the sandbox use the workflow.
 */
export async function ingestX12(deps: IngestDeps, input: IngestInput): Promise<IngestResult> {
  const received = await receiveInboundFile(deps.db, input, deps.limits ?? ingestionLimits());
  if (!received.ok) return { ok: false, error: received.error };
  const { fileId } = received;
  const delivered = [];
  let unmatched = 0;
  if (received.status !== 'delivered') {
    const { claimCount } = await beginDelivery(deps, fileId);
    delivered.push(...(await deliverItems(deps, { fileId, from: 0, to: claimCount })));
    unmatched = (await finishDelivery(deps, fileId)).unmatched;
    if (received.duplicate) unmatched = delivered.filter((d) => d.outcome === 'unmatched').length;
  }
  return {
    ok: true,
    documentId: fileId,
    transactionType: received.transactionType,
    duplicate: received.duplicate,
    claims: delivered.map((d) => ({
      claimId: d.claimId ?? d.claimReference,
      ...(d.claimVersion === undefined ? {} : { claimVersion: d.claimVersion }),
      ...(d.examId && d.outcome !== 'unmatched' ? { examId: d.examId } : {}),
      ...(d.claimStatus ? { status: d.claimStatus } : {}),
      signaled: d.outcome === 'signaled' || d.outcome === 'reopened' || d.outcome === 'already-posted',
      delivery: d.outcome,
    })),
    unmatched,
    ...(received.payerId ? { payerId: received.payerId } : {}),
    ...(received.traceNumber ? { traceNumber: received.traceNumber } : {}),
    findings: received.findings,
  };
}
