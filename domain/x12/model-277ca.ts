import type { EntityName } from './model-common';

/** 277CA Health Care Claim Acknowledgment (005010X214). */

export interface StatusCode277 {
  /** Claim status category: A1 received, A2 accepted, A3 returned (unprocessable), A4 not found, A6 rejected missing info, A7 rejected invalid info, A8 rejected relational... */
  category: string;
  /** Claim status code (e.g. 20 accepted for processing, 562 entity's NPI, 21 missing or invalid). */
  code: string;
  /** Entity identifier code the status is about (e.g. 85 billing provider, IL subscriber). */
  entity?: string;
}

export interface ClaimStatus277CA {
  provider: { name: EntityName; npi: string };
  patient: { name: EntityName; memberId: string };
  /** TRN02 (TRN01 = 2): the claim id as submitted (CLM01). */
  claimId: string;
  /** STC segments: first status is STC01, further ones STC10/STC11. */
  statuses: { codes: StatusCode277[]; date: string; actionCode?: string; chargeCents?: number }[];
  /** REF*1K payer claim control number. */
  payerClaimControlNumber?: string;
  /** DTP*472 service date(s). */
  serviceDate?: string;
  serviceDateEnd?: string;
}

export interface ClaimAck277CA {
  controlNumber: string;
  /** BHT03 reference, BHT04/05 creation date and time. */
  reference: string;
  createdDate: string;
  createdTime: string;
  payer: { name: string; id: string };
  receiver: { name: EntityName; id: string };
  /** 2200B TRN02: the batch acknowledged (BHT03 of the 837); written as 0 when unknown. */
  batchReference?: string;
  /** Processing date (DTP*050 received, DTP*009 processed). */
  receivedDate: string;
  processedDate: string;
  claims: ClaimStatus277CA[];
}
