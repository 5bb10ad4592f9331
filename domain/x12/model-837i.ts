import type { Address, NpiProvider } from './model-common';
import type {
  BillingProvider837, ClaimFrequency, LineAdjudication837, OtherSubscriber837, Patient837, Payer837, PayToProvider837, Subscriber837, Transaction837P,
} from './model-837p';

/** 837 Institutional (005010X223A2) for the technical component billed by a hospital outpatient department. */

export interface ServiceLine837I {
  /** SV201 revenue code: 0320 X-ray, 0350 CT, 0401 mammography, 0402 ultrasound, 0404 PET, 0610 MRI... */
  revenueCode: string;
  /** SV202 HC:code with up to 4 modifiers. */
  procedureCode: string;
  modifiers: string[];
  chargeCents: number;
  /** SV205 units (UN). */
  units: number;
  /** DTP*472 (D8, or RD8 with serviceDateEnd). */
  serviceDate: string;
  serviceDateEnd?: string;
  /** REF*6R line item control number. */
  lineControlNumber?: string;
  adjudications?: LineAdjudication837[];
}

/** HI*BE value code with its amount. */
export interface ValueCode837I {
  code: string;
  amountCents: number;
}

/** HI*BH occurrence code with its date. */
export interface OccurrenceCode837I {
  code: string;
  date: string;
}

export interface Claim837I {
  billingProvider: BillingProvider837;
  payToProvider?: PayToProvider837;
  subscriber: Subscriber837;
  payer: Payer837;
  patient?: Patient837;
  /** CLM01 patient control number (the engine's claim id), at most 38 characters. */
  claimId: string;
  totalChargeCents: number;
  /** CLM05-1 facility type code (13 hospital outpatient); CLM05-2 is A (uniform billing claim form bill type). */
  facilityTypeCode: string;
  /** CLM05-3: 1 original, 7 replacement, 8 void (bill type 131, 137, 138). */
  frequency: ClaimFrequency;
  assignment: 'A' | 'B' | 'C';
  benefitsAssignment: 'Y' | 'N' | 'W';
  releaseOfInformation: 'Y' | 'I';
  /** DTP*434 statement covers period. */
  statementFrom: string;
  statementTo: string;
  /** CL1: admission type (CL101) and source (CL102) when required, patient status (CL103, 01 discharged home). */
  admissionType?: string;
  admissionSource?: string;
  patientStatus: string;
  payerClaimControlNumber?: string;
  priorAuthorization?: string;
  /** ICD-10-CM without the dot: the first is the principal (ABK), the others ABF (up to 24 in all). */
  diagnoses: string[];
  valueCodes?: ValueCode837I[];
  occurrenceCodes?: OccurrenceCode837I[];
  /** 2310A NM1*71 attending provider. */
  attendingProvider?: NpiProvider;
  /** 2310E NM1*77 service facility location. */
  serviceFacility?: { name: string; npi?: string; address: Address };
  /** 2310F NM1*DN referring (ordering) provider. */
  referringProvider?: NpiProvider;
  otherSubscribers?: OtherSubscriber837[];
  lines: ServiceLine837I[];
}

export interface Transaction837I extends Omit<Transaction837P, 'claims'> {
  claims: Claim837I[];
}
