import type { EntityName, Procedure } from './model-common';
import type { EligibilitySource } from './model-270';

/** 276 Health Care Claim Status Request (005010X212). */

/** 2100B information receiver: the submitter asking (NM1*41, NM108 46 ETIN). */
export interface StatusReceiver {
  name: EntityName;
  id: string;
}

/** 2100C service provider (NM1*1P, NPI). */
export interface StatusProvider {
  name: EntityName;
  npi: string;
}

export interface StatusSubscriber276 {
  name: EntityName;
  memberId: string;
  birthDate?: string;
  gender?: 'M' | 'F' | 'U';
}

export interface StatusDependent276 {
  name: EntityName;
  birthDate?: string;
  gender?: 'M' | 'F' | 'U';
}

/** 2210 service line asked about: SVC procedure (and revenue code), charge, units, REF*FJ, DTP*472. */
export interface StatusLine276 {
  procedure: Procedure;
  revenueCode?: string;
  chargeCents: number;
  units?: number;
  lineControlNumber?: string;
  serviceDate?: string;
  serviceDateEnd?: string;
}

/** One claim asked about (2200D, or 2200E for a dependent). */
export interface ClaimStatusInquiry276 {
  provider: StatusProvider;
  subscriber: StatusSubscriber276;
  dependent?: StatusDependent276;
  /** TRN*1 trace number (the 277 echoes it as TRN*2). */
  traceNumber: string;
  /** REF*EJ patient account number: our claim id (CLM01). */
  claimId: string;
  /** REF*1K payer claim control number, when known. */
  payerClaimControlNumber?: string;
  /** REF*BLT institutional bill type (131...). */
  billType?: string;
  /** AMT*T3 total claim charge. */
  chargeCents: number;
  /** DTP*472 claim service date(s). */
  serviceDate: string;
  serviceDateEnd?: string;
  lines: StatusLine276[];
}

export interface ClaimStatusRequest276 {
  controlNumber: string;
  /** BHT03 reference, BHT04/BHT05 creation date and time. */
  reference: string;
  createdDate: string;
  createdTime: string;
  payer: EligibilitySource;
  receiver: StatusReceiver;
  claims: ClaimStatusInquiry276[];
}
