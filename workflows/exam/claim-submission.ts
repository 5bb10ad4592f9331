import type { Claim } from '../../domain/coding/claim';
import type { ClaimComponent } from '../../domain/lifecycle';

/**
 * The contract of the `submitClaim` activity between the exam workflow (which decides what to send,
 * and when) and the claims side (which builds the 837, stores it and sends it through the
 * clearinghouse port). At most once per claim id + version: `idempotencyKey` is that pair.
 */
export interface ClaimSubmission {
  examId: string;
  claimId: string;
  version: number;
  idempotencyKey: string;
  /** 1 original, 7 replacement of a claim the payer has adjudicated, 8 void of it */
  frequency: '1' | '7' | '8';
  component: ClaimComponent;
  payerId: string;
  /** the coded and scrubbed claim (codes, units, charges, pointers: no demographics) */
  claim: Claim;
  /** REF*G1: the authorization on file, when the payer required one */
  priorAuthorizationNumber?: string;
}

/** An appeal of a denied claim; the letter is rendered and sent by the claims side. */
export interface AppealSubmission {
  examId: string;
  claimId: string;
  version: number;
  level: number;
  levelName: string;
  payerId: string;
}
