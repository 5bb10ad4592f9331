import { finding } from '../coding/finding';
import { isDistinctModifier, isPtpBypassModifier, sideOf } from '../coding/modifiers';
import type { ClaimLine } from '../coding/claim';
import type { ScrubState } from './scrub-context';

/** Whether two lines carry what lets a modifier-indicator-1 edit pay both: different sides, or an NCCI-associated modifier. */
export function ptpBypassed(col1: ClaimLine, col2: ClaimLine): boolean {
  const a = sideOf(col1.modifiers);
  const b = sideOf(col2.modifiers);
  if (a && b && a !== 'both' && b !== 'both' && a !== b) return true;
  const distinct = (l: ClaimLine): boolean => l.modifiers.some((m) => isPtpBypassModifier(m) && m !== 'LT' && m !== 'RT');
  return distinct(col1) || distinct(col2);
}

/**
 * NCCI procedure-to-procedure edits between the lines of the claim, active on the date of service
 * (effective date up to the deletion date): indicator 0 never pays the column 2 code, 1 pays it only with an
 * NCCI-associated modifier the record supports, 9 does not apply. Distinct-service modifiers without any edit to
 * bypass are flagged: payers audit them.
 */
export function checkNcciPtp(s: ScrubState): void {
  const { claim, ref } = s;
  const dos = claim.dateOfService;
  const needed = new Set<number>();
  claim.lines.forEach((col1, i) => {
    claim.lines.forEach((col2, j) => {
      if (i === j || col1.cpt === col2.cpt) return;
      const edit = ref.ncciPtp(col1.cpt, col2.cpt, dos);
      if (!edit || edit.modifierIndicator === '9') return;
      needed.add(i);
      needed.add(j);
      const source = edit.note ? ' (curated edit)' : '';
      if (edit.modifierIndicator === '0') {
        s.findings.push(
          finding('NCCI_PTP_NOT_ALLOWED', 'error', `lines[${j}].cpt`, `Line ${j + 1}: ${col2.cpt} is not payable with ${col1.cpt} on the same date (NCCI edit, modifier indicator 0: ${edit.rationale})${source}; no modifier can bypass it.`, `Remove line ${j + 1}, or correct the coding of line ${i + 1}.`),
        );
      } else if (!ptpBypassed(col1, col2)) {
        s.findings.push(
          finding('NCCI_PTP_MODIFIER_REQUIRED', 'error', `lines[${j}].modifiers`, `Line ${j + 1}: ${col2.cpt} is bundled into ${col1.cpt} on the same date (NCCI edit, modifier indicator 1: ${edit.rationale})${source}.`, `If the record documents a separate encounter or a different site, add XE or XS (59 for payers that require it) to line ${j + 1}; otherwise remove it.`),
        );
      }
    });
  });
  claim.lines.forEach((line, i) => {
    if (line.modifiers.some(isDistinctModifier) && !needed.has(i)) {
      s.findings.push(finding('DISTINCT_MODIFIER_UNNEEDED', 'warning', `lines[${i}].modifiers`, `Line ${i + 1} carries a distinct-service modifier but no edit on this claim calls for it.`, 'Remove 59/X modifiers that no edit requires; payers audit them.'));
    }
  });
}
