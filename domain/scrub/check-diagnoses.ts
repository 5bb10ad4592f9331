import { finding } from '../coding/finding';
import { toDottedIcd10 } from '../refdata/icd10-code';
import type { ScrubState } from './scrub-context';

/** Each claim diagnosis must be a billable ICD-10-CM code on the date of service; repeats are merged. */
export function checkDiagnoses(s: ScrubState): void {
  const { claim, ref } = s;
  const dos = claim.dateOfService;
  // Merge repeated codes (same code spelled with or without the dot) and remap the pointers.
  const canonical = claim.diagnoses.map((d) => toDottedIcd10(d));
  const unique: string[] = [];
  const remap = new Map<number, number>();
  canonical.forEach((d, i) => {
    const k = unique.indexOf(d);
    if (k >= 0) remap.set(i + 1, k + 1);
    else {
      unique.push(d);
      remap.set(i + 1, unique.length);
    }
  });
  if (unique.length !== claim.diagnoses.length || unique.some((d, i) => d !== claim.diagnoses[i])) {
    const merged = claim.diagnoses.length - unique.length;
    claim.diagnoses = unique;
    for (const line of claim.lines) {
      line.diagnosisPointers = line.diagnosisPointers.map((p) => remap.get(p) ?? p).filter((p, k, all) => all.indexOf(p) === k);
    }
    if (merged > 0) s.autoFixed.push(finding('DX_DUPLICATE', 'warning', 'diagnoses', 'A diagnosis was listed twice.', 'Kept it once and moved the pointers.', true));
  }
  claim.diagnoses.forEach((code, i) => {
    const answer = ref.icd10(code, dos);
    if (!answer.found) {
      s.findings.push(finding('ICD10_INVALID', 'error', `diagnoses[${i}]`, `${answer.code} is not an ICD-10-CM code in ${answer.version.label}.`, 'Correct the code from the signed report.'));
    } else if (!answer.billable) {
      const children = ref.icd10Children(answer.code, dos, 5);
      s.findings.push(
        finding('ICD10_NOT_BILLABLE', 'error', `diagnoses[${i}]`, `${answer.code} is a category, not a billable code.`, children.length > 0 ? `Report a complete code from the documentation, e.g. ${children.join(', ')}.` : 'Report a complete code from the documentation.'),
      );
    }
  });
}
