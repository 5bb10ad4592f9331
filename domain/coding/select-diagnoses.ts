import { toDottedIcd10 } from '../refdata/icd10-code';
import type { IsoDate } from '../refdata/iso-date';
import type { RefData } from '../refdata/ref-data';
import { finding, type Finding } from './finding';

export const MAX_CLAIM_DIAGNOSES = 12;

/**
 * Validate ICD-10-CM codes on the date of service and return the usable ones (dotted, deduplicated, in order).
 * Unknown and non-billable (category) codes are left out with an error naming the code and, for a category,
 * examples of billable codes below it.
 */
export function validDiagnoses(codes: readonly string[], dos: IsoDate, ref: RefData, field: string, findings: Finding[]): string[] {
  const out: string[] = [];
  codes.forEach((raw, i) => {
    const answer = ref.icd10(raw, dos);
    const where = `${field}[${i}]`;
    if (!answer.found) {
      findings.push(finding('ICD10_INVALID', 'error', where, `${answer.code} is not an ICD-10-CM code in ${answer.version.label}.`, 'Correct the diagnosis code from the signed report.'));
      return;
    }
    if (!answer.billable) {
      const children = ref.icd10Children(answer.code, dos, 5);
      findings.push(
        finding(
          'ICD10_NOT_BILLABLE',
          'error',
          where,
          `${answer.code} is a category, not a billable ICD-10-CM code.`,
          children.length > 0 ? `Report a complete code from the documentation, e.g. ${children.join(', ')}.` : 'Report a complete code from the documentation.',
        ),
      );
      return;
    }
    const dotted = toDottedIcd10(answer.code);
    if (!out.includes(dotted)) out.push(dotted);
  });
  return out;
}
