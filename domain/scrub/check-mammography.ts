import { finding } from '../coding/finding';
import { normalizeModifiers } from '../coding/modifiers';
import type { ScrubState } from './scrub-context';

const SCREENING = new Set(['77067']);
const DIAGNOSTIC = new Set(['77065', '77066', 'G0279']);
/** Add-on codes and the primary codes they need on the same claim. */
const ADD_ON_PRIMARY: Record<string, string[]> = { '77063': ['77067'], G0279: ['77065', '77066'] };

/**
 * Screening and diagnostic mammography on one date: both are payable when the diagnostic study carries GG;
 * tomosynthesis add-on codes need their primary mammogram on the claim.
 */
export function checkMammography(s: ScrubState): void {
  const { claim } = s;
  const codes = new Set(claim.lines.map((l) => l.cpt));
  const screening = [...codes].some((c) => SCREENING.has(c));
  claim.lines.forEach((line, i) => {
    if (screening && DIAGNOSTIC.has(line.cpt) && !line.modifiers.includes('GG')) {
      if (line.modifiers.length < 4) {
        line.modifiers = normalizeModifiers([...line.modifiers, 'GG']);
        s.autoFixed.push(finding('MAMMOGRAPHY_GG_ADDED', 'warning', `lines[${i}].modifiers`, `Line ${i + 1}: a diagnostic mammogram on the date of a screening mammogram carries GG.`, 'Added GG.', true));
      } else {
        s.findings.push(finding('MAMMOGRAPHY_GG_MISSING', 'error', `lines[${i}].modifiers`, `Line ${i + 1}: a diagnostic mammogram on the date of a screening mammogram needs GG.`, 'Add GG (drop an informational modifier to make room).'));
      }
    }
    const primaries = ADD_ON_PRIMARY[line.cpt];
    if (primaries && !primaries.some((p) => codes.has(p))) {
      s.findings.push(finding('ADD_ON_WITHOUT_PRIMARY', 'error', `lines[${i}].cpt`, `Line ${i + 1}: ${line.cpt} is billed only with ${primaries.join(' or ')} on the same claim.`, `Add the primary mammogram, or remove line ${i + 1}.`));
    }
  });
}
