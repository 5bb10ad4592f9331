import type { EntityName } from './model-common';
import type { EligibilitySource } from './model-270';
import type { StatusCode277 } from './model-277ca';
import type { StatusLine276, StatusProvider, StatusReceiver } from './model-276';

/** 277 Health Care Claim Status Response (005010X212). */

/** One STC segment: up to three status composites (category:status:entity), dates and amounts. */
export interface StatusInfo277 {
  /** STC01, STC10, STC11. Categories: A acknowledgment, P pending, F finalized, R request for information, E error... */
  codes: StatusCode277[];
  /** STC02 status effective date. */
  date: string;
  /** STC04 total claim charge, STC05 payment amount. */
  chargeCents?: number;
  paidCents?: number;
  /** STC06 adjudication or payment date; STC07 payment method (ACH, CHK, BOP, NON); STC08 check issue date; STC09 check or EFT trace number. */
  adjudicationDate?: string;
  paymentMethod?: string;
  checkDate?: string;
  checkNumber?: string;
  /** STC12 free-form message. */
  message?: string;
}

export interface StatusLine277 extends StatusLine276 {
  /** SVC03 line payment. */
  paidCents?: number;
  statuses: StatusInfo277[];
}

export interface ClaimStatus277 {
  provider: StatusProvider;
  subscriber: { name: EntityName; memberId: string };
  dependent?: { name: EntityName };
  /** TRN*2: the trace number of the 276. */
  traceNumber: string;
  statuses: StatusInfo277[];
  /** REF*EJ: our claim id as the payer knows it. */
  claimId?: string;
  /** REF*1K payer claim control number. */
  payerClaimControlNumber?: string;
  /** REF*BLT bill type. */
  billType?: string;
  serviceDate?: string;
  serviceDateEnd?: string;
  lines: StatusLine277[];
}

export interface ClaimStatusResponse277 {
  controlNumber: string;
  reference: string;
  createdDate: string;
  createdTime: string;
  payer: EligibilitySource;
  receiver: StatusReceiver;
  /** 2200B: a status for the whole request (TRN*2 + STC at information receiver level, e.g. E0 unable to respond). */
  receiverStatus?: { traceNumber: string; statuses: StatusInfo277[] };
  claims: ClaimStatus277[];
}
