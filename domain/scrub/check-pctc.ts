import { finding } from '../coding/finding';
import { normalizeModifiers } from '../coding/modifiers';
import { pcTcMeaning } from '../coding/pctc-indicator';
import type { ScrubState } from './scrub-context';

const PROFESSIONAL_ONLY = new Set(['2', '6', '8']);
const NOT_PROFESSIONAL = new Set(['3', '4', '5', '7', '9']);

/**
 * PC/TC validity from the PFS indicator: 26 and TC only where the code splits (1; 26 also on 6), never TC on a
 * professional-only code or 26 on a technical-only code; professional claims carry 26 and 837P technical claims
 * carry TC on split codes; institutional claims carry no TC.
 */
export function checkPcTc(s: ScrubState): void {
  const { claim, ref, year } = s;
  claim.lines.forEach((line, i) => {
    const at = `lines[${i}].modifiers`;
    const row = ref.pfs(line.cpt, '', year);
    if (!row) return;
    const pc = row.pcTcIndicator;
    const has26 = line.modifiers.includes('26');
    const hasTc = line.modifiers.includes('TC');
    const drop = (m: string): void => {
      line.modifiers = line.modifiers.filter((x) => x !== m);
    };
    const add = (m: string): void => {
      line.modifiers = normalizeModifiers([m, ...line.modifiers]);
    };
    if (has26 && hasTc) {
      s.findings.push(finding('PCTC_BOTH', 'error', at, `Line ${i + 1} carries both 26 and TC.`, 'Bill the global code without either, or one component per claim.'));
      return;
    }
    if (has26 && pc !== '1' && pc !== '6') {
      if (pc === '2') {
        drop('26');
        s.autoFixed.push(finding('PCTC_26_ON_PROFESSIONAL_CODE', 'warning', at, `Line ${i + 1}: ${line.cpt} is itself a professional-only code (PC/TC 2); 26 does not apply.`, 'Removed 26.', true));
      } else {
        s.findings.push(finding('PCTC_26_NOT_ALLOWED', 'error', at, `Line ${i + 1}: ${line.cpt} has no professional component (${pcTcMeaning(pc)}).`, 'Remove the line from the professional claim, or bill the code without 26 on the facility claim.'));
      }
    }
    if (hasTc && pc !== '1') {
      if (pc === '3') {
        drop('TC');
        s.autoFixed.push(finding('PCTC_TC_ON_TECHNICAL_CODE', 'warning', at, `Line ${i + 1}: ${line.cpt} is itself a technical-only code (PC/TC 3); TC does not apply.`, 'Removed TC.', true));
      } else {
        s.findings.push(finding('PCTC_TC_NOT_ALLOWED', 'error', at, `Line ${i + 1}: ${line.cpt} has no technical component (${pcTcMeaning(pc)}).`, PROFESSIONAL_ONLY.has(pc) ? 'Bill it on the professional claim without TC.' : 'Bill the code without TC.'));
      }
    } else if (hasTc && claim.form === '837I') {
      drop('TC');
      s.autoFixed.push(finding('TC_ON_INSTITUTIONAL', 'warning', at, `Line ${i + 1}: institutional claims bill the technical service without TC.`, 'Removed TC.', true));
    }
    const now26 = line.modifiers.includes('26');
    const nowTc = line.modifiers.includes('TC');
    if (claim.kind === 'professional') {
      if (nowTc) {
        s.findings.push(finding('PCTC_TC_ON_PROFESSIONAL_CLAIM', 'error', at, `Line ${i + 1}: a professional claim cannot bill the technical component.`, 'Move the line to the technical claim, or replace TC with 26.'));
      } else if (pc === '1' && !now26) {
        add('26');
        s.autoFixed.push(finding('PCTC_26_ADDED', 'warning', at, `Line ${i + 1}: the professional claim bills the professional component of ${line.cpt}.`, 'Added 26.', true));
      } else if (NOT_PROFESSIONAL.has(pc)) {
        s.findings.push(finding('PCTC_NOT_PROFESSIONAL', 'error', `lines[${i}].cpt`, `Line ${i + 1}: ${line.cpt} (PC/TC indicator ${pc}) has no professional component to bill.`, 'Move the line to the facility claim.'));
      }
    }
    if (claim.kind === 'technical') {
      if (pc === '1' && claim.form === '837P' && !nowTc && !now26) {
        add('TC');
        s.autoFixed.push(finding('PCTC_TC_ADDED', 'warning', at, `Line ${i + 1}: the technical claim bills the technical component of ${line.cpt}.`, 'Added TC.', true));
      } else if (pc === '1' && now26) {
        s.findings.push(finding('PCTC_26_ON_TECHNICAL_CLAIM', 'error', at, `Line ${i + 1}: a technical claim cannot bill the professional component.`, 'Move the line to the professional claim.'));
      } else if (PROFESSIONAL_ONLY.has(pc)) {
        s.findings.push(finding('PCTC_PROFESSIONAL_ON_TECHNICAL_CLAIM', 'error', `lines[${i}].cpt`, `Line ${i + 1}: ${line.cpt} is professional-only (PC/TC ${pc}) and cannot be on the technical claim.`, 'Move the line to the professional claim.'));
      }
    }
    if (claim.kind === 'global' && (now26 || nowTc)) {
      s.findings.push(finding('COMPONENT_ON_GLOBAL_CLAIM', 'error', at, `Line ${i + 1} bills one component on a global claim.`, 'Confirm the other component is billed by another party.'));
    }
    if (row.statusCode === 'I' && (s.ctx.payer.kind === 'medicare' || s.ctx.payer.kind === 'medicare-advantage')) {
      s.findings.push(finding('CODE_NOT_VALID_FOR_MEDICARE', 'error', `lines[${i}].cpt`, `Line ${i + 1}: ${line.cpt} is not valid for Medicare (PFS status I).`, 'Use the code Medicare recognises for the service.'));
    }
    if (row.statusCode === 'B') {
      s.findings.push(finding('CODE_BUNDLED', 'warning', `lines[${i}].cpt`, `Line ${i + 1}: ${line.cpt} is always bundled (PFS status B) and is not paid separately.`, 'Keep it only if the payer asks for it.'));
    }
  });
}
