import type { EntityName } from './model-common';

/** 270 Eligibility, Coverage or Benefit Inquiry (005010X279A1) as the engine writes and reads it. */

/** TRN trace: TRN02 number, TRN03 originator (10 characters: "1" + EIN, or an assigned id), TRN04 supplemental id. */
export interface EligibilityTrace {
  number: string;
  originatorId: string;
  supplementalId?: string;
}

/** 2100A information source: the payer (NM1*PR, NM108 PI). */
export interface EligibilitySource {
  name: string;
  payerId: string;
}

/** 2100B information receiver: the provider asking (NM108 XX = NPI; SV, PI, FI... as other payers assign). */
export interface EligibilityReceiver {
  name: EntityName;
  idQualifier: string;
  id: string;
}

/** 2100C subscriber. */
export interface EligibilitySubscriber270 {
  name: EntityName;
  /** NM109 with qualifier MI. */
  memberId: string;
  birthDate?: string;
  gender?: 'M' | 'F' | 'U';
}

/** 2100D dependent, present only when the patient is not the subscriber. */
export interface EligibilityDependent270 {
  name: EntityName;
  birthDate?: string;
  gender?: 'M' | 'F' | 'U';
  /** INS02 relationship to the subscriber: 01 spouse, 19 child, 34 other adult. */
  relationship?: '01' | '19' | '34';
}

/**
 * Service type codes (EQ01) an imaging center asks about: 30 plan coverage, 4 diagnostic X-ray,
 * 62 MRI/CAT scan, 73 diagnostic medical (others are accepted as well).
 */
export const IMAGING_SERVICE_TYPES = ['30', '4', '62', '73'] as const;

/** One patient asked about: the subscriber, or a dependent of the subscriber. */
export interface EligibilityInquiry270 {
  /** TRN*1 (our trace; the 271 echoes it as TRN*2). */
  trace: EligibilityTrace;
  subscriber: EligibilitySubscriber270;
  dependent?: EligibilityDependent270;
  /** DTP*291 date of service (D8), or a range with serviceDateEnd (RD8). */
  serviceDate: string;
  serviceDateEnd?: string;
  /** EQ01, one 2110 loop per code. */
  serviceTypeCodes: string[];
}

export interface EligibilityRequest270 {
  /** ST02. */
  controlNumber: string;
  /** BHT03 reference, BHT04/BHT05 creation date and time. */
  reference: string;
  createdDate: string;
  createdTime: string;
  source: EligibilitySource;
  receiver: EligibilityReceiver;
  inquiries: EligibilityInquiry270[];
}
