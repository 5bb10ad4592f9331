import type { IsoDate } from '../refdata/iso-date';
import type { Chargemaster } from './chargemaster';

/** `given`: contrast was given, without saying whether images were also taken before it (the exam-level yes/no of old clients). */
export type ExamContrast = 'none' | 'with' | 'without-and-with' | 'given';
export type Laterality = 'LT' | 'RT' | '50' | 'bilateral';
export type BillingArrangement = 'global' | 'split' | 'professional' | 'technical';
export type PayerKind = 'medicare' | 'medicare-advantage' | 'medicaid' | 'commercial' | 'self-pay';

/** Why a procedure is distinct from another one on the same date (drives 59 / XE / XS / XP / XU). */
export type DistinctReason = 'separate-encounter' | 'separate-site' | 'separate-practitioner' | 'unusual-service';

export interface PerformedProcedure {
  cpt: string;
  units?: number;
  modifiers?: string[];
  laterality?: Laterality;
  /** A repeat of an earlier procedure on the same date: by the same physician (76) or another (77). */
  repeat?: 'same-physician' | 'other-physician';
  /** Facts documented in the record that make this procedure distinct from another one of the date. */
  distinct?: DistinctReason;
  /** Reduced service (52): less than the full descriptor was performed. */
  reduced?: boolean;
  /** Contrast of this procedure; wins over the exam's. */
  contrast?: Exclude<ExamContrast, 'given'>;
  /** Advance Beneficiary Notice (Medicare): signed or not, and the option chosen (1 bill Medicare, 2 do not, 3 declined). */
  abn?: { signed: boolean; option?: '1' | '2' | '3' };
  startedAt?: string;
  endedAt?: string;
  /** ICD-10-CM codes the RIS's charge points to (a DFT FT1-19): the claim's when the signed report has none, and the line's pointers */
  diagnoses?: string[];
}

export interface PerformedExam {
  performedAt: string;
  placeOfService: string;
  contrast: ExamContrast;
  procedures: PerformedProcedure[];
}

export interface FinalReport {
  diagnoses: string[];
}

export interface FacilitySetup {
  billingArrangement: BillingArrangement;
  placeOfService: string;
  /** The facility bills its technical services on the institutional claim (a hospital outpatient department). */
  billsInstitutionally?: boolean;
}

export interface CodingInput {
  exam: PerformedExam;
  report: FinalReport;
  orderDiagnoses: string[];
  facility: FacilitySetup;
  dateOfService: IsoDate;
  payerKind?: PayerKind;
  /** Prices of the facility and reading group; the default is documented in chargemaster.ts. */
  chargemaster?: Chargemaster;
  /** The chargemaster of the billing entity of each claim kind (wins over `chargemaster` for that kind). */
  chargemasters?: Partial<Record<'global' | 'technical' | 'professional', Chargemaster>>;
}
