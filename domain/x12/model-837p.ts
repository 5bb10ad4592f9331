import type { Address, Adjustment, EntityName, NpiProvider } from './model-common';

/** 837 Professional (005010X222A1) as the engine writes and reads it. */

export interface Submitter837 {
  name: EntityName;
  /** NM109 with qualifier 46 (ETIN). */
  id: string;
  contact: { name: string; phone?: string; email?: string };
}

export interface Receiver837 {
  name: string;
  /** NM109 with qualifier 46. */
  id: string;
}

export interface BillingProvider837 extends NpiProvider {
  address: Address;
  /** REF*EI employer identification number (9 digits), or REF*SY when `taxIdType` is "SY". */
  taxId: string;
  taxIdType?: 'EI' | 'SY';
  /** PRV*BI*PXC taxonomy code. */
  taxonomy?: string;
}

export interface PayToProvider837 {
  entityType: '1' | '2';
  address: Address;
}

/** SBR01 payer responsibility sequence: P primary, S secondary, T tertiary, A-H, U unknown. */
export type PayerResponsibility = 'P' | 'S' | 'T' | 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H' | 'U';

/** SBR09 claim filing indicator (MB Medicare B, MA Medicare A, MC Medicaid, CI commercial, ...). */
export type ClaimFilingIndicator =
  | '11' | '12' | '13' | '14' | '15' | '16' | '17' | 'AM' | 'BL' | 'CH' | 'CI' | 'DS' | 'FI' | 'HM' | 'LM'
  | 'MA' | 'MB' | 'MC' | 'OF' | 'TV' | 'VA' | 'WC' | 'ZZ';

export interface Subscriber837 {
  payerResponsibility: PayerResponsibility;
  /** SBR02 "18" when the subscriber is the patient; absent when a 2000C patient loop follows. */
  relationship?: '18';
  groupNumber?: string;
  groupName?: string;
  claimFilingIndicator: ClaimFilingIndicator;
  /**
   * SBR05 insurance type code: the Medicare secondary payer type (12 working aged, 13 ESRD, 14 no-fault,
   * 15 workers' compensation, 16 public health service, 41 black lung, 42 veterans, 43 disability, 47 other
   * liability), written when the destination payer is Medicare and Medicare is not the primary payer.
   */
  insuranceTypeCode?: string;
  name: EntityName;
  memberId: string;
  address?: Address;
  birthDate?: string;
  gender?: 'M' | 'F' | 'U';
}

export interface Payer837 {
  name: string;
  /** NM109 with qualifier PI. */
  payerId: string;
  address?: Address;
}

/** 2000C/2010CA, present only when the patient is not the subscriber. */
export interface Patient837 {
  /** PAT01 individual relationship code: 01 spouse, 19 child, 20 employee, 21 unknown, 39 organ donor, 40 cadaver donor, 53 life partner, G8 other. */
  relationship: string;
  name: EntityName;
  address: Address;
  birthDate: string;
  gender: 'M' | 'F' | 'U';
}

/** 2320/2330A/2330B: another payer on the claim (coordination of benefits). */
export interface OtherSubscriber837 {
  payerResponsibility: PayerResponsibility;
  /** SBR02 relationship of the patient to this other subscriber (18 self, 01 spouse, 19 child, G8 other...). */
  relationship: string;
  groupNumber?: string;
  /** SBR05: the Medicare secondary payer type, when this other payer is Medicare and Medicare is not the primary payer. */
  insuranceTypeCode?: string;
  claimFilingIndicator: ClaimFilingIndicator;
  /** Claim-level CAS from the other payer's adjudication. */
  adjustments: Adjustment[];
  /** AMT*D: what that payer paid. */
  payerPaidCents?: number;
  subscriberName: EntityName;
  memberId: string;
  payerName: string;
  payerId: string;
}

/** 2430: how another payer adjudicated one service line. */
export interface LineAdjudication837 {
  /** SVD01: matches the other payer's payerId (2330B NM109). */
  payerId: string;
  paidCents: number;
  procedureCode: string;
  modifiers: string[];
  units: number;
  adjustments: Adjustment[];
  /** DTP*573 adjudication or payment date. */
  adjudicationDate: string;
}

export interface ServiceLine837P {
  procedureCode: string;
  /** Up to 4 (26, TC, LT, RT, 59...). */
  modifiers: string[];
  chargeCents: number;
  /** SV104 units (UN). */
  units: number;
  /** SV105, only when it differs from the claim's place of service. */
  placeOfService?: string;
  /** SV107: 1-based pointers into the claim's diagnoses, 1 to 4 of them. */
  diagnosisPointers: number[];
  /** DTP*472 date of service (D8), or a range with serviceDateEnd (RD8). */
  serviceDate: string;
  serviceDateEnd?: string;
  /** REF*6R line item control number (echoed by the 835). */
  lineControlNumber?: string;
  adjudications?: LineAdjudication837[];
}

export type ClaimFrequency = '1' | '7' | '8';

export interface Claim837P {
  billingProvider: BillingProvider837;
  payToProvider?: PayToProvider837;
  subscriber: Subscriber837;
  payer: Payer837;
  patient?: Patient837;
  /** CLM01 patient control number (the engine's claim id), at most 38 characters. */
  claimId: string;
  totalChargeCents: number;
  /** CLM05-1 place of service (11 office, 22 outpatient hospital...). */
  placeOfService: string;
  /** CLM05-3: 1 original, 7 replacement, 8 void. */
  frequency: ClaimFrequency;
  /** CLM06 provider signature on file. */
  providerSignature: boolean;
  /** CLM07 assignment or plan participation: A assigned, B lab services only, C not assigned. */
  assignment: 'A' | 'B' | 'C';
  /** CLM08 benefits assignment certification: Y, N, W (not applicable). */
  benefitsAssignment: 'Y' | 'N' | 'W';
  /** CLM09 release of information: Y or I (informed consent, no signature). */
  releaseOfInformation: 'Y' | 'I';
  /** REF*F8, required when frequency is 7 or 8. */
  payerClaimControlNumber?: string;
  /** REF*G1 prior authorization number. */
  priorAuthorization?: string;
  /** REF*EW: the FDA (MQSA) certification number of the facility, on claims with mammography services. */
  mammographyCertification?: string;
  /** ICD-10-CM without the dot; the first is the principal (ABK), up to 12. */
  diagnoses: string[];
  /** 2310A NM1*DN: the ordering/referring physician. */
  referringProvider?: NpiProvider;
  /** 2310B NM1*82 with PRV*PE taxonomy. */
  renderingProvider?: NpiProvider & { taxonomy?: string };
  /** 2310C NM1*77. */
  serviceFacility?: { name: string; npi?: string; address: Address };
  otherSubscribers?: OtherSubscriber837[];
  lines: ServiceLine837P[];
}

export interface Transaction837P {
  /** ST02. */
  controlNumber: string;
  /** BHT03 originator's reference. */
  batchReference: string;
  /** BHT04/BHT05. */
  createdDate: string;
  createdTime: string;
  /** BHT06: CH chargeable, RP reporting. */
  claimOrEncounter: 'CH' | 'RP';
  submitter: Submitter837;
  receiver: Receiver837;
  claims: Claim837P[];
}
