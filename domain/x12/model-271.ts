import type { Address, EntityName, Procedure } from './model-common';
import type { EligibilityReceiver, EligibilitySource, EligibilityTrace } from './model-270';

/** 271 Eligibility, Coverage or Benefit Information (005010X279A1). */

/** AAA: the source could not answer, with the reason (AAA03) and what to do next (AAA04). */
export interface EligibilityRejection271 {
  /** AAA01: Y the request was valid, N it was not. */
  validRequest: boolean;
  /** AAA03: 42 unable to respond now, 72 invalid member id, 75 subscriber not found, 76 duplicate, 79 invalid participant, 80 no response... */
  reasonCode: string;
  /** AAA04: C correct and resubmit, N resubmission not allowed, R resubmission allowed, W wait 30 days... */
  followUpAction?: string;
}

/** DTP: 346 plan begin, 347 plan end, 356 eligibility begin, 357 eligibility end, 291 plan, 307 eligibility... */
export interface EligibilityDate271 {
  qualifier: string;
  from: string;
  /** Present when the DTP is a range (RD8). */
  to?: string;
}

/** REF: 18 plan number, 6P group number, 1L group or policy number, N6 plan network id... */
export interface EligibilityReference271 {
  qualifier: string;
  value: string;
  description?: string;
}

/** 2120 benefit related entity (LS*2120 ... LE*2120): primary care provider, other payer... */
export interface BenefitRelatedEntity271 {
  /** NM101: P3 primary care provider, PR payer, 1P provider, ... */
  entityCode: string;
  name: EntityName;
  idQualifier?: string;
  id?: string;
}

/** One 2110 loop: an EB segment with what follows it. Money in cents; percent exact. */
export interface Benefit271 {
  /** EB01: 1-8 active/inactive statuses, A coinsurance, B copayment, C deductible, G out of pocket, I non-covered, L primary care provider, R other payer... */
  code: string;
  /** EB02: IND, FAM, EMP, ESP, CHD... */
  coverageLevel?: string;
  /** EB03 (repeated): 30, 4, 62, 73... */
  serviceTypeCodes: string[];
  /** EB04: MB, MA, HM, C1, QM... */
  insuranceType?: string;
  /** EB05. */
  planDescription?: string;
  /** EB06: 22 service year, 23 calendar year, 24 year to date, 26 episode, 27 visit, 29 remaining, 32 lifetime... */
  timePeriod?: string;
  /** EB07 in cents. */
  amountCents?: number;
  /** EB08 as the exact decimal fraction the payer sent, canonical ("0.2" = 20 %). */
  percent?: string;
  /** EB09 quantity qualifier (VS visits, DY days, P6 number of services...) and EB10 quantity. */
  quantityQualifier?: string;
  quantity?: number;
  /** EB11: authorization or certification required. */
  authorizationRequired?: 'Y' | 'N' | 'U';
  /** EB12: Y in network, N out of network, W not applicable, U unknown. */
  inNetwork?: 'Y' | 'N' | 'U' | 'W';
  /** EB13 procedure (HC:70553). */
  procedure?: Procedure;
  references: EligibilityReference271[];
  dates: EligibilityDate271[];
  rejections: EligibilityRejection271[];
  /** MSG01 free-form messages. */
  messages: string[];
  relatedEntities: BenefitRelatedEntity271[];
}

/** 2100C/2100D as answered. */
export interface EligibilityPerson271 {
  name: EntityName;
  /** NM109 (MI) on the subscriber; a dependent usually has none. */
  memberId?: string;
  address?: Address;
  birthDate?: string;
  gender?: 'M' | 'F' | 'U';
  /** INS02 on a dependent: 01 spouse, 19 child, 34 other adult. */
  relationship?: string;
  references: EligibilityReference271[];
  dates: EligibilityDate271[];
  rejections: EligibilityRejection271[];
}

export interface EligibilityTrace271 extends EligibilityTrace {
  /** TRN01: 2 echoes the inquirer's trace, 1 is the source's own. */
  type: '1' | '2';
}

/** The answer about one patient: the subscriber, or a dependent of the subscriber. */
export interface EligibilityAnswer271 {
  /** TRN segments of the patient's HL. */
  traces: EligibilityTrace271[];
  subscriber: EligibilityPerson271;
  dependent?: EligibilityPerson271;
  /** The patient's 2110 loops (2110D when a dependent is present, else 2110C). */
  benefits: Benefit271[];
}

export interface EligibilityResponse271 {
  controlNumber: string;
  /** BHT03 (the inquiry's reference), BHT04/BHT05 creation date and time. */
  reference: string;
  createdDate: string;
  createdTime: string;
  source: EligibilitySource & { rejections: EligibilityRejection271[] };
  receiver: EligibilityReceiver & { rejections: EligibilityRejection271[] };
  answers: EligibilityAnswer271[];
}
