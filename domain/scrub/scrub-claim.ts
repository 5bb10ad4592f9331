import type { Claim } from '../coding/claim';
import { finding } from '../coding/finding';
import { checkDiagnoses } from './check-diagnoses';
import { checkDuplicates } from './check-duplicates';
import { checkMammography } from './check-mammography';
import { checkMedicalNecessity } from './check-medical-necessity';
import { checkModifiers } from './check-modifiers';
import { checkMue } from './check-mue';
import { checkNcciPtp } from './check-ncci-ptp';
import { checkPcTc } from './check-pctc';
import { checkRequiredFields } from './check-required-fields';
import { checkTimelyFiling } from './check-timely-filing';
import type { ScrubContext, ScrubResult, ScrubState } from './scrub-context';

/** Edits in the order they run: corrections first, so that later checks see the corrected claim. */
const EDITS: ((s: ScrubState) => void)[] = [
  checkModifiers,
  checkRequiredFields,
  checkDiagnoses,
  checkPcTc,
  checkMammography,
  checkMedicalNecessity,
  checkNcciPtp,
  checkMue,
  checkDuplicates,
  checkTimelyFiling,
];

function copyClaim(claim: Claim): Claim {
  return {
    ...claim,
    diagnoses: [...claim.diagnoses],
    lines: claim.lines.map((l) => ({ ...l, modifiers: [...l.modifiers], diagnosisPointers: [...l.diagnosisPointers] })),
  };
}

/**
 * Scrub one claim before submission. Returns the remaining findings (errors block submission and open a
 * coding-review task), the corrections made automatically (only where the right answer is certain), and the
 * corrected claim. Pure: reference data, today and payer policy come in the context; the input claim is not changed.
 */
export function scrubClaim(claim: Claim, context: ScrubContext): ScrubResult {
  const state: ScrubState = {
    claim: copyClaim(claim),
    ctx: context,
    ref: context.refData,
    year: Number(claim.dateOfService.slice(0, 4)),
    findings: [],
    autoFixed: [],
  };
  for (const notice of context.refData.currency(claim.dateOfService)) {
    if (notice.code !== 'CURATED_DATA') {
      state.findings.push(finding('REFDATA_NOT_CURRENT', 'warning', 'dateOfService', notice.message, 'Load the reference data release that governs the date of service.'));
    }
  }
  for (const edit of EDITS) edit(state);
  return { findings: state.findings, autoFixed: state.autoFixed, claim: state.claim };
}

/** True when nothing on the result blocks submission. */
export function scrubPassed(result: ScrubResult): boolean {
  return result.findings.every((f) => f.severity !== 'error');
}
