import { diagnosisSupports } from '../refdata/coverage-policy';
import { toDottedIcd10 } from '../refdata/icd10-code';
import type { IsoDate } from '../refdata/iso-date';
import type { RefData } from '../refdata/ref-data';
import { MAX_POINTERS_PER_LINE } from './diagnosis-pointers';
import { finding, type Finding } from './finding';
import { MAX_CLAIM_DIAGNOSES, validDiagnoses } from './select-diagnoses';

/** A charge line as the diagnosis choice reads it: its code, the diagnoses the charge points to (FT1-19), where they came from. */
export interface ChargeDiagnoses {
  cpt: string;
  /** the ICD-10-CM codes the RIS's charge points to, in pointer order (absent or empty: none sent) */
  diagnoses?: readonly string[];
  /** where the charge's diagnoses are, for findings (e.g. `procedures[0].diagnoses`) */
  field: string;
}

export interface ClaimDiagnosesInput {
  /** the signed report's diagnoses */
  report: readonly string[];
  /** the order's diagnoses (the reason for the exam) */
  order: readonly string[];
  /** the claim's lines, in order */
  charges: readonly ChargeDiagnoses[];
}

export interface ClaimDiagnoses {
  /** where the claim's diagnoses came from */
  source: 'report' | 'charges' | 'order';
  /** the claim's diagnoses (HI), dotted, at most twelve */
  diagnoses: string[];
  /** per charge: the 1-based pointers to `diagnoses` the charge itself gives; absent: chosen by the coverage rule */
  pointers: (number[] | undefined)[];
}

/**
 * The claim's diagnoses and each line's pointers, as a billing team expects them (pure):
 * - the signed report's diagnoses when it carries any (and an order diagnosis that supports a line none of them
 *   supports). A charge whose own diagnoses the report does not list is a coding-review finding, never a silent
 *   choice: the claim keeps the report's until a coder decides. A charge's codes the report lists are its pointers.
 * - without them, the charges' own diagnoses (a DFT FT1-19, for centers that send charges): each line points to its own.
 * - without either, the order's, with a warning.
 */
export function chooseClaimDiagnoses(input: ClaimDiagnosesInput, dos: IsoDate, ref: RefData, findings: Finding[]): ClaimDiagnoses {
  const charged = input.charges.map((c) => (c.diagnoses ?? []).filter((d) => d.trim() !== ''));
  const anyCharged = charged.some((c) => c.length > 0);
  /** each charge's codes, dotted, once each */
  const chargedCodes = charged.map((c) => [...new Set(c.map(toDottedIcd10))]);
  let source: ClaimDiagnoses['source'];
  let diagnoses: string[];
  if (input.report.length > 0) {
    source = 'report';
    diagnoses = validDiagnoses(input.report, dos, ref, 'report.diagnoses', findings);
    // An order diagnosis that supports a line no report diagnosis supports is the reason for the exam: keep it.
    const orderValid = validDiagnoses(input.order, dos, ref, 'orderDiagnoses', []);
    for (const c of input.charges) {
      const policy = ref.coveragePolicy(c.cpt);
      if (!policy || diagnoses.some((d) => diagnosisSupports(policy, d))) continue;
      const extra = orderValid.find((d) => diagnosisSupports(policy, d) && !diagnoses.includes(d));
      if (extra) diagnoses.push(extra);
    }
    const reported = new Set(input.report.map(toDottedIcd10));
    input.charges.forEach((c, i) => {
      const unlisted = chargedCodes[i]!.filter((d) => !reported.has(d));
      if (unlisted.length === 0) return;
      findings.push(
        finding(
          'DX_CHARGE_REPORT_DIFFER',
          'error',
          c.field,
          `The charge for ${c.cpt} points to ${unlisted.join(', ')}, which the signed report does not list; the claim carries the report's diagnoses (${[...reported].join(', ')}).`,
          "Accept if the report's diagnoses are right (the RIS charge was coded otherwise), or correct the claim's diagnoses and pointers to the charge's.",
        ),
      );
    });
  } else if (anyCharged) {
    source = 'charges';
    findings.push(finding('DX_FROM_CHARGES', 'warning', 'report.diagnoses', "The final report lists no diagnosis; the diagnoses of the RIS's charges were used.", 'Confirm the report has no definitive diagnosis to code.'));
    diagnoses = [];
    input.charges.forEach((c, i) => {
      for (const d of validDiagnoses(charged[i]!, dos, ref, c.field, findings)) if (!diagnoses.includes(d)) diagnoses.push(d);
    });
  } else {
    source = 'order';
    findings.push(finding('DX_FROM_ORDER', 'warning', 'report.diagnoses', 'The final report lists no diagnosis; the order diagnoses were used.', 'Confirm the report has no definitive diagnosis to code.'));
    diagnoses = validDiagnoses(input.order, dos, ref, 'orderDiagnoses', findings);
  }
  if (diagnoses.length > MAX_CLAIM_DIAGNOSES) {
    findings.push(finding('DX_TRUNCATED', 'warning', 'diagnoses', `${diagnoses.length} diagnoses were documented; a claim carries ${MAX_CLAIM_DIAGNOSES}.`, 'Check that the first twelve are the most relevant.'));
    diagnoses = diagnoses.slice(0, MAX_CLAIM_DIAGNOSES);
  }
  if (diagnoses.length === 0) findings.push(finding('DX_MISSING', 'error', 'diagnoses', 'No valid billable diagnosis is available for the claim.', 'Add the diagnoses from the signed report.'));

  const pointers = input.charges.map((c, i): number[] | undefined => {
    const own = chargedCodes[i]!.map((d) => diagnoses.indexOf(d) + 1).filter((p) => p > 0);
    if (own.length === 0) return undefined;
    if (own.length > MAX_POINTERS_PER_LINE) {
      findings.push(finding('DX_POINTERS_TRUNCATED', 'warning', c.field, `The charge for ${c.cpt} points to ${own.length} diagnoses; a claim line carries ${MAX_POINTERS_PER_LINE}.`, 'Check that the first four are the ones that support the service.', true));
    }
    return own.slice(0, MAX_POINTERS_PER_LINE);
  });
  return { source, diagnoses, pointers };
}
