import type { IsoDate } from '../refdata/iso-date';

export type ClaimKind = 'global' | 'professional' | 'technical';
export type BilledBy = 'facility' | 'reading-group';
export type ClaimForm = '837P' | '837I';

export interface ClaimLine {
  lineNumber: number;
  cpt: string;
  /** Pricing modifiers first (26, TC, 50, 52), then the others; at most four. */
  modifiers: string[];
  units: number;
  chargeCents: number;
  /** 1-based indexes into Claim.diagnoses, at most four, the first the most relevant. */
  diagnosisPointers: number[];
  /** NUBC revenue code from the billing entity's chargemaster (institutional claims); the code family's default when absent. */
  revenueCode?: string;
}

/** A claim the coding step proposes, before and after scrubbing. Plain JSON: safe in workflow history. */
export interface Claim {
  kind: ClaimKind;
  billedBy: BilledBy;
  form: ClaimForm;
  placeOfService: string;
  dateOfService: IsoDate;
  lines: ClaimLine[];
  /** Dotted ICD-10-CM codes, most relevant first, at most 12. */
  diagnoses: string[];
  /** The billing entity whose chargemaster priced the claim (from the facility's setup); absent without one. */
  billingEntityId?: string;
}
