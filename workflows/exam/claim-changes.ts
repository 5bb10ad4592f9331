import type { ClaimComponent, TaskResolution } from '../../domain/lifecycle';
import { applyCodingCorrection, claimForComponent } from './coding-adapter';
import type { CodingSnapshot } from './messages';

type Correction = Extract<TaskResolution<'coding-review'>, { action: 'correct' }>;

/** What a payer reads of a claim's content: codes, modifiers, units, pointers and diagnoses (charges follow the codes). */
function content(snapshot: CodingSnapshot, component: ClaimComponent): string {
  const claim = claimForComponent(snapshot, component);
  if (!claim) return '';
  return JSON.stringify({
    diagnoses: claim.diagnoses.map((d) => d.replace('.', '').toUpperCase()),
    lines: claim.lines.map((l) => ({ cpt: l.cpt, modifiers: [...l.modifiers].sort(), units: l.units, pointers: l.diagnosisPointers })),
  });
}

/**
 * Whether a coder's correction of a denied claim leaves its content as the payer has it: then there is nothing to
 * correct (a corrected claim with the same content is a duplicate), and the correction is refused.
 */
export function correctionChangesNothing(snapshot: CodingSnapshot | null, component: ClaimComponent, correction: Correction): boolean {
  if (!snapshot) return false;
  return content(snapshot, component) === content(applyCodingCorrection(snapshot, correction), component);
}
