import { finding } from '../coding/finding';
import { orderModifiers } from '../coding/modifiers';
import type { ScrubState } from './scrub-context';

/** Modifier hygiene: duplicates, order, count, conflicting sides, 50 with units, 50 on codes that do not take it. */
export function checkModifiers(s: ScrubState): void {
  const { claim, ref, year } = s;
  claim.lines.forEach((line, i) => {
    const at = `lines[${i}]`;
    const upper = line.modifiers.map((m) => m.trim().toUpperCase());
    const unique = upper.filter((m, k) => m !== '' && upper.indexOf(m) === k);
    if (unique.length !== line.modifiers.length || unique.some((m, k) => m !== line.modifiers[k])) {
      const dropped = line.modifiers.length - unique.length;
      line.modifiers = unique;
      if (dropped > 0) s.autoFixed.push(finding('MODIFIER_DUPLICATE', 'warning', `${at}.modifiers`, `Line ${i + 1} repeated a modifier.`, 'Dropped the repeat.', true));
    }
    const ordered = orderModifiers(line.modifiers);
    if (ordered.some((m, k) => m !== line.modifiers[k])) {
      line.modifiers = ordered;
      s.autoFixed.push(finding('MODIFIER_ORDER', 'warning', `${at}.modifiers`, `Line ${i + 1}: pricing modifiers (26, TC, 50, 52) go first.`, 'Reordered the modifiers.', true));
    }
    const bad = line.modifiers.filter((m) => !/^[0-9A-Z]{2}$/.test(m));
    if (bad.length > 0) s.findings.push(finding('MODIFIER_INVALID', 'error', `${at}.modifiers`, `Line ${i + 1}: ${bad.join(', ')} is not a modifier.`, 'Use two-character CPT/HCPCS modifiers.'));
    if (line.modifiers.length > 4) s.findings.push(finding('TOO_MANY_MODIFIERS', 'error', `${at}.modifiers`, `Line ${i + 1} carries ${line.modifiers.length} modifiers; four fit on a line.`, 'Keep the pricing and payment modifiers; drop informational ones.'));
    const has = (m: string): boolean => line.modifiers.includes(m);
    if (has('LT') && has('RT')) s.findings.push(finding('LATERALITY_CONFLICT', 'error', `${at}.modifiers`, `Line ${i + 1} carries both LT and RT.`, 'Use 50 for a bilateral study, or one line per side.'));
    if (has('50') && (has('LT') || has('RT'))) s.findings.push(finding('LATERALITY_CONFLICT', 'error', `${at}.modifiers`, `Line ${i + 1} carries 50 with a side modifier.`, 'Keep 50 alone for a bilateral study.'));
    if (has('59') && line.modifiers.some((m) => ['XE', 'XS', 'XP', 'XU'].includes(m))) {
      s.findings.push(finding('DISTINCT_MODIFIER_DOUBLE', 'warning', `${at}.modifiers`, `Line ${i + 1} carries 59 and an X modifier.`, 'Keep the one modifier that names the reason.'));
    }
    const bilateralIndicator = ref.pfs(line.cpt, '', year)?.bilateralIndicator;
    if ((bilateralIndicator === '1' || bilateralIndicator === '3') && !has('50') && !has('LT') && !has('RT')) {
      s.findings.push(finding('LATERALITY_MISSING', 'warning', `${at}.modifiers`, `Line ${i + 1}: ${line.cpt} is done on one side or both; the line names no side.`, 'Add RT or LT (or 50 for both sides) from the report.'));
    }
    if (has('50')) {
      const indicator = bilateralIndicator;
      if (indicator !== undefined && indicator !== '1' && indicator !== '3') {
        s.findings.push(finding('BILATERAL_NOT_ALLOWED', 'error', `${at}.modifiers`, `Line ${i + 1}: ${line.cpt} does not take modifier 50 (PFS bilateral indicator ${indicator}).`, indicator === '2' ? 'Remove 50: the code already describes both sides.' : 'Use the bilateral code, or one line per side with RT and LT.'));
      } else if (line.units !== 1) {
        line.units = 1;
        s.autoFixed.push(finding('BILATERAL_UNITS', 'warning', `${at}.units`, `Line ${i + 1}: a bilateral service with 50 is one unit.`, 'Set units to 1.', true));
      }
    }
  });
}
