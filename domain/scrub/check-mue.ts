import { finding } from '../coding/finding';
import type { ScrubState } from './scrub-context';

/**
 * Medically unlikely edits: MAI 1 limits each line; MAI 2 (policy) and 3 (clinical) limit the units of a code
 * summed over the claim's lines for the date of service.
 */
export function checkMue(s: ScrubState): void {
  const { claim, ref } = s;
  const totals = new Map<string, number>();
  claim.lines.forEach((line, i) => {
    const mue = ref.mue(line.cpt, claim.dateOfService);
    if (!mue) return;
    const at = `lines[${i}].units`;
    if (mue.adjudicationIndicator === '1') {
      if (line.units > mue.value) {
        s.findings.push(finding('MUE_LINE_EXCEEDED', 'error', at, `Line ${i + 1}: ${line.units} units of ${line.cpt} exceed the per-line limit of ${mue.value} (MUE, ${mue.adjudicationText}).`, `Bill at most ${mue.value} on this line; report further medically necessary units on another line with 76 or XE.`));
      }
      return;
    }
    const before = totals.get(line.cpt) ?? 0;
    const total = before + line.units;
    totals.set(line.cpt, total);
    if (total > mue.value && before <= mue.value) {
      const policy = mue.adjudicationIndicator === '2';
      s.findings.push(
        finding(
          policy ? 'MUE_DOS_POLICY_EXCEEDED' : 'MUE_DOS_CLINICAL_EXCEEDED',
          'error',
          at,
          `${line.cpt}: ${total} units on the date exceed the limit of ${mue.value} (MUE, ${mue.adjudicationText}).`,
          policy ? `Reduce the units of ${line.cpt} to ${mue.value}; units above it are never paid.` : `Reduce the units of ${line.cpt} to ${mue.value}, or bill them and be ready to appeal with the records that show medical necessity.`,
        ),
      );
    }
  });
}
