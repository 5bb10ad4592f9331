import type { EntityName, NpiProvider, Procedure } from './model-common';
import type { EligibilitySource, EligibilityTrace } from './model-270';
import type { EligibilityRejection271, EligibilityTrace271 } from './model-271';

/** 278 Health Care Services Review, request and response (005010X217), for imaging services. */

export interface UmSubscriber278 {
  name: EntityName;
  /** NM109 with qualifier MI. */
  memberId: string;
  birthDate?: string;
  gender?: 'M' | 'F' | 'U';
}

/** 2010D dependent, present only when the patient is not the subscriber. */
export interface UmDependent278 {
  name: EntityName;
  birthDate?: string;
  gender?: 'M' | 'F' | 'U';
  /** INS02: 01 spouse, 19 child, 34 other adult. */
  relationship?: '01' | '19' | '34';
}

/** UM01 request category: HS health services review, SC specialty care review, AR admission review. */
export type RequestCategory278 = 'HS' | 'SC' | 'AR';

/** UM02 certification type: I initial, R renewal, S revised, E medical services reservation, 1 appeal (immediate), 2 appeal (expedited), 3 cancel, 4 extension. */
export type CertificationType278 = 'I' | 'R' | 'S' | 'E' | '1' | '2' | '3' | '4';

/** One service asked for (2000F): SV1 professional (CPT/HCPCS) or SV2 institutional (revenue code + HCPCS). */
export interface UmService278 {
  /** HC:70553 with modifiers. */
  procedure: Procedure;
  /** When given, the service is written as SV2 (revenue code 0610 MRI...), else SV1. */
  revenueCode?: string;
  chargeCents?: number;
  /** SV104 / SV205 units (UN). */
  units: number;
  /** DTP*472 proposed or certified service date, or a range with serviceDateEnd (RD8). */
  serviceDate: string;
  serviceDateEnd?: string;
}

export interface UmRequest278 {
  controlNumber: string;
  /** BHT03 reference, BHT04/BHT05 creation date and time. */
  reference: string;
  createdDate: string;
  createdTime: string;
  /** 2010A utilization management organization (the payer or its radiology benefit manager). */
  umo: EligibilitySource;
  /** 2010B requester (NM1*1P with NPI). */
  requester: NpiProvider;
  subscriber: UmSubscriber278;
  dependent?: UmDependent278;
  /** 2000E TRN*1: our trace, echoed by the response as TRN*2. */
  trace: EligibilityTrace;
  requestCategory: RequestCategory278;
  certificationType: CertificationType278;
  /** UM03 service type (62 MRI/CAT scan, 4 diagnostic X-ray, 73 diagnostic medical). */
  serviceType?: string;
  /** UM04-1 place of service (UM04-2 = B). */
  facilityCode?: string;
  /** DTP*AAH event date or range. */
  eventDate?: string;
  eventDateEnd?: string;
  /** HI: principal (ABK) first, then others (ABF); ICD-10-CM without the dot. */
  diagnoses: string[];
  /** 2010EA NM1*SJ: the service provider (the imaging center or reading group). */
  serviceProvider?: NpiProvider;
  services: UmService278[];
}

/**
 * HCR01 action: A1 certified in total, A2 certified partial, A3 not certified, A4 pended,
 * A6 modified, C cancelled, CT contact payer, D deferred, IP in process, NA no action required.
 */
export type ReviewAction278 = 'A1' | 'A2' | 'A3' | 'A4' | 'A6' | 'C' | 'CT' | 'D' | 'IP' | 'NA';

export interface ReviewDecision278 {
  action: ReviewAction278;
  /** HCR02 review identification (certification) number. */
  certificationNumber?: string;
  /** HCR03 review decision reason code (e.g. 35 out of network, 0U additional clinical information). */
  reasonCode?: string;
}

export interface UmServiceResult278 extends Partial<Pick<UmService278, 'serviceDate' | 'serviceDateEnd' | 'chargeCents' | 'revenueCode'>> {
  procedure: Procedure;
  units?: number;
  traces: EligibilityTrace271[];
  rejections: EligibilityRejection271[];
  decision?: ReviewDecision278;
  /** REF*BB authorization number for this service. */
  authorizationNumber?: string;
}

export interface UmResponse278 {
  controlNumber: string;
  reference: string;
  createdDate: string;
  createdTime: string;
  umo: EligibilitySource & { rejections: EligibilityRejection271[] };
  requester: NpiProvider & { rejections: EligibilityRejection271[] };
  subscriber: UmSubscriber278 & { rejections: EligibilityRejection271[] };
  dependent?: UmDependent278 & { rejections: EligibilityRejection271[] };
  /** 2000E TRN*2 (echo of our trace) and TRN*1 (the UMO's). */
  traces: EligibilityTrace271[];
  /** 2000E AAA: the request could not be reviewed. */
  rejections: EligibilityRejection271[];
  requestCategory: RequestCategory278;
  certificationType: CertificationType278;
  serviceType?: string;
  facilityCode?: string;
  /** 2000E HCR: the decision for the whole event. */
  decision?: ReviewDecision278;
  /** 2000E REF*BB authorization number. */
  authorizationNumber?: string;
  /** DTP*AAH: the certified event period. */
  eventDate?: string;
  eventDateEnd?: string;
  diagnoses: string[];
  serviceProvider?: NpiProvider;
  services: UmServiceResult278[];
}
