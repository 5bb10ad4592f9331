import type { Claim } from '../coding/claim';
import type { PayerKind } from '../coding/exam-input';
import type { Finding } from '../coding/finding';
import type { IsoDate } from '../refdata/iso-date';
import type { RefData } from '../refdata/ref-data';

export interface ScrubPayer {
  id: string;
  kind: PayerKind;
  /** Days from the date of service within which the claim must be filed (payer policy: Medicare 365). */
  timelyFilingDays: number;
  /** Warn when fewer days than this remain (payer policy or global config). */
  timelyFilingWarningDays: number;
  /** `one-calendar-year`: the limit is the same month and day a year after the date of service (Medicare), not days */
  timelyFilingBasis?: 'days' | 'one-calendar-year';
}

export interface ScrubContext {
  refData: RefData;
  /** The scrub date; domain code never reads a clock. */
  today: IsoDate;
  payer: ScrubPayer;
  orderingProviderNpi?: string;
  /** The reading radiologist (professional and global claims). */
  renderingProviderNpi?: string;
  /** Advance Beneficiary Notice on file: signed, for these CPT codes (all when omitted). */
  abn?: { signed: boolean; cpts?: string[] };
  /** Codes the record says have no ABN (Medicare expected to deny: GZ). */
  noAbnCpts?: string[];
  /** Codes with a signed ABN that, for a service Medicare excludes by statute, is a voluntary notice (GX). */
  voluntaryAbnCpts?: string[];
  /** Claims already billed for this patient (same payer), to catch duplicates. */
  earlierClaims?: Claim[];
}

export interface ScrubResult {
  /** Problems still on the claim: errors block submission, warnings inform. */
  findings: Finding[];
  /** What the scrubber corrected itself. */
  autoFixed: Finding[];
  /** The claim after the automatic corrections. */
  claim: Claim;
}

/** Mutable working state one scrub run passes through its edits (a private copy of the claim). */
export interface ScrubState {
  claim: Claim;
  ctx: ScrubContext;
  ref: RefData;
  year: number;
  findings: Finding[];
  autoFixed: Finding[];
}
