import type { Address, Adjustment, EntityName, Procedure } from './model-common';

/** 835 Health Care Claim Payment/Advice (005010X221A1). Money in cents, dates ISO. */

export interface Payment835 {
  /** BPR01: C payment with advice, H notification only, I remittance only, P prenotification, D debit, X, U. */
  handlingCode: string;
  /** BPR02 total actual provider payment. */
  amountCents: number;
  /** BPR03 C credit / D debit. */
  creditDebit: 'C' | 'D';
  /** BPR04: ACH, CHK, BOP, FWT, NON. */
  method: string;
  /** BPR05: CCP, CTX (ACH only). */
  format?: string;
  /** BPR16 check issue or EFT effective date. */
  date: string;
}

export interface Trace835 {
  /** TRN02 check or EFT trace number. */
  number: string;
  /** TRN03 payer identifier (1 + EIN, or other). */
  payerId: string;
  /** TRN04 originating company supplemental code. */
  supplementalCode?: string;
}

export interface Party835 {
  name: string;
  /** N103 qualifier (XV, XX, FI...) and N104 id. */
  idQualifier?: string;
  id?: string;
  /** N3/N4: required for the payer (1000A). */
  address?: Address;
  /** N1-level REF segments (2U payer id, TJ tax id, EV receiver id...). */
  references: Reference[];
  /** PER segments of the payer: a BL technical contact is required in 1000A. */
  contacts?: Contact835[];
}

export interface Contact835 {
  /** PER01: CX business contact, BL technical contact, IC web site. */
  functionCode: string;
  /** PER02. */
  name?: string;
  /** PER03-PER08: up to three channels (TE phone, EX extension, FX fax, EM email, UR web address). */
  channels: { qualifier: string; value: string }[];
}

export interface Reference {
  qualifier: string;
  value: string;
}

export interface AmountEntry {
  qualifier: string;
  amountCents: number;
}

export interface InpatientAdjudication {
  coveredDays: number;
  ppsOperatingOutlierCents?: number;
  /** MIA05 and MIA20-MIA23 remark codes. */
  remarkCodes: string[];
}

export interface OutpatientAdjudication {
  reimbursementRate?: number;
  payableAmountCents?: number;
  /** MOA03-MOA07 remark codes (RARC). */
  remarkCodes: string[];
}

export interface ServicePayment835 {
  procedure: Procedure;
  chargeCents: number;
  paidCents: number;
  /** SVC04 NUBC revenue code. */
  revenueCode?: string;
  /** SVC05 units paid. */
  units?: number;
  /** SVC06 the procedure as submitted, when the payer paid a different one. */
  originalProcedure?: Procedure;
  originalUnits?: number;
  serviceDate?: string;
  serviceDateEnd?: string;
  adjustments: Adjustment[];
  /** REF*6R line item control number from the claim. */
  lineControlNumber?: string;
  references: Reference[];
  /** AMT*B6 allowed amount. */
  allowedCents?: number;
  /** LQ*HE remittance advice remark codes. */
  remarkCodes: string[];
}

/** CLP02 claim status: 1 primary, 2 secondary, 3 tertiary, 4 denied, 19-23 forwarded/reversal, 25 predetermination. */
export type ClaimStatus835 = '1' | '2' | '3' | '4' | '19' | '20' | '21' | '22' | '23' | '25';

export interface ClaimPayment835 {
  /** LX01 of the header this claim sits under (absent when the 835 has no LX). */
  headerNumber?: number;
  /** CLP01 patient control number (the engine's claim id). */
  claimId: string;
  status: ClaimStatus835 | string;
  chargeCents: number;
  paidCents: number;
  patientResponsibilityCents?: number;
  filingIndicator?: string;
  /** CLP07 payer claim control number (needed for corrected claims). */
  payerClaimControlNumber?: string;
  facilityCode?: string;
  frequency?: string;
  adjustments: Adjustment[];
  patient?: { name: EntityName; idQualifier?: string; id?: string };
  inpatient?: InpatientAdjudication;
  outpatient?: OutpatientAdjudication;
  references: Reference[];
  statementFrom?: string;
  statementTo?: string;
  receivedDate?: string;
  amounts: AmountEntry[];
  lines: ServicePayment835[];
}

export interface ProviderAdjustmentItem {
  /** PLB03-1 reason (WO, 72, L6, FB, CS, ...). */
  reason: string;
  /** PLB03-2 reference. */
  reference?: string;
  /** Positive reduces the payment, negative increases it. */
  amountCents: number;
}

export interface ProviderAdjustment835 {
  providerId: string;
  /** PLB02 fiscal period end date. */
  fiscalPeriodDate: string;
  items: ProviderAdjustmentItem[];
}

export interface Remittance835 {
  controlNumber: string;
  payment: Payment835;
  trace: Trace835;
  /** DTM*405 production date. */
  productionDate?: string;
  payer: Party835;
  payee: Party835;
  claims: ClaimPayment835[];
  providerAdjustments: ProviderAdjustment835[];
}
