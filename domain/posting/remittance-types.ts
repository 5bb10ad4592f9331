import type { AdjustmentGroup } from '../denials';
import type { CalendarDate } from '../ledger';

/**
 * Claim status codes of an 835 claim payment (CLP02):
 * 1/2/3 processed as primary/secondary/tertiary, 4 denied, 19/20/21 processed as
 * primary/secondary/tertiary and forwarded to the next payer, 22 reversal of a previous payment,
 * 23 not our claim (forwarded), 25 predetermination pricing only (no payment).
 */
export const CLAIM_STATUS_CODES = ['1', '2', '3', '4', '19', '20', '21', '22', '23', '25'] as const;
export type ClaimStatusCode = (typeof CLAIM_STATUS_CODES)[number];

/** One CAS adjustment: group, reason code, amount and optional quantity. */
export interface RemitAdjustment {
  readonly group: AdjustmentGroup;
  readonly reasonCode: string;
  readonly amountCents: number;
  readonly quantity?: number;
}

/** One service line payment (SVC loop). */
export interface AdjudicatedLine {
  /** Line item control number echoed back (REF*6R), when the payer sends it. */
  readonly lineControlNumber?: string;
  /** Procedure code as adjudicated. */
  readonly procedureCode: string;
  /** Procedure code as submitted, when the payer changed it (SVC06). */
  readonly submittedProcedureCode?: string;
  readonly modifiers: readonly string[];
  readonly chargeCents: number;
  readonly paidCents: number;
  readonly allowedCents?: number;
  readonly units?: number;
  readonly serviceDate?: CalendarDate;
  readonly adjustments: readonly RemitAdjustment[];
  readonly remarkCodes: readonly string[];
}

/** One claim payment (CLP loop) of an 835. */
export interface ClaimAdjudication {
  /** Our claim id (CLP01). */
  readonly claimId: string;
  readonly statusCode: ClaimStatusCode;
  readonly chargeCents: number;
  readonly paidCents: number;
  /** CLP05 as reported by the payer. */
  readonly patientResponsibilityCents: number;
  /** Payer claim control number (CLP07). */
  readonly payerClaimNumber: string;
  readonly claimAdjustments: readonly RemitAdjustment[];
  readonly lines: readonly AdjudicatedLine[];
  /** Claim-level remark codes (MOA / MIA). */
  readonly remarkCodes: readonly string[];
  readonly adjudicationDate?: CalendarDate;
}

/** The remittance the claim payment came in. */
export interface RemittanceRef {
  readonly payerId: string;
  /** Check or EFT trace number (TRN02). */
  readonly traceNumber: string;
  /** Stored 835 document id. */
  readonly documentId: string;
  readonly paymentDate: CalendarDate;
}

export interface BilledLine {
  readonly lineControlNumber: string;
  readonly procedureCode: string;
  readonly modifiers: readonly string[];
  readonly chargeCents: number;
  readonly units?: number;
}

/** The claim as we billed it. */
export interface BilledClaim {
  readonly claimId: string;
  readonly payerId: string;
  readonly lines: readonly BilledLine[];
}

/** Provider-level adjustment (PLB). A positive amount reduces the payment. */
export interface ProviderAdjustment {
  readonly reasonCode: string;
  readonly reference?: string;
  readonly amountCents: number;
  readonly fiscalPeriodDate?: CalendarDate;
}
