import type { Claim } from '../../domain/coding/claim';
import type { ClaimComponent, Effect } from '../../domain/lifecycle';
import type { AppealVehicle } from '../../domain/policy';

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

/**
 * A written appeal request (or reopening request) of a denied claim: the claims side renders it as a PDF with
 * the claim and denial facts, stores it under `documentId` and files it with the payer. Nothing goes out as an 837.
 */
export interface AppealRequestFiling {
  examId: string;
  claimId: string;
  version: number;
  /** 0: a reopening */
  level: number;
  levelName: string;
  payerId: string;
  vehicle: AppealVehicle;
  form: string | null;
  documentId: string;
  /** last day to file and the 835 date it counts from (YYYY-MM-DD) */
  deadline: string;
  remittanceDate: string;
  filedAt: string;
}

type SubmitAppealEffect = Extract<Effect, { type: 'submit-appeal' }>;

export function appealRequestOf(examId: string, effect: SubmitAppealEffect, version: number, payerId: string, now: string): AppealRequestFiling {
  return {
    examId, claimId: effect.claimId, version, level: effect.level, levelName: effect.levelName, payerId,
    vehicle: effect.vehicle!, form: effect.form ?? null, documentId: effect.documentId!,
    deadline: effect.deadline ?? now.slice(0, 10), remittanceDate: effect.remittanceDate ?? now.slice(0, 10), filedAt: now,
  };
}
