import { defineSignal } from '@temporalio/workflow';
import type { ClaimAdjudication, RemittanceRef } from '../../domain/posting';

/**
 * What the inbound path (API uploads, the filedrop inbox, the sandbox clearinghouse) delivers to an
 * exam's workflow after parsing an X12 response and matching it to one of the exam's claims.
 * Documents themselves stay in PostgreSQL: the signal carries the document id and the claim's facts.
 */
export interface ClaimAcknowledgment {
  /** '999' (syntax: the whole batch) or '277CA' (claim-level acceptance) */
  kind: '999' | '277CA';
  documentId: string;
  claimId: string;
  claimVersion: number;
  accepted: boolean;
  /** e.g. 277CA STC category/status codes "A3:21", or 999 IK5 codes; no PHI */
  statusCodes: string[];
  /** plain words for a person working a rejection */
  message?: string;
  payerClaimNumber?: string;
  receivedAt: string;
}

export interface ClaimRemittance {
  remittance: RemittanceRef;
  claimVersion: number;
  /** `adjudication.claimId` is the payer's claim reference (CLP01) */
  adjudication: ClaimAdjudication;
  receivedAt: string;
  /** our claim a biller matched the payment to, when the payer's reference names no claim of ours */
  matchedClaimId?: string;
}

export const claimAcknowledgedSignal = defineSignal<[ClaimAcknowledgment]>('claimAcknowledged');
export const remittanceReceivedSignal = defineSignal<[ClaimRemittance]>('remittanceReceived');
