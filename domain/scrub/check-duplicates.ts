import type { Claim, ClaimLine } from '../coding/claim';
import { finding } from '../coding/finding';
import type { ScrubState } from './scrub-context';

function lineKey(l: ClaimLine): string {
  return `${l.cpt}|${[...l.modifiers].sort().join(',')}`;
}

function claimKey(c: Claim): string {
  return c.lines
    .map((l) => `${lineKey(l)}|${l.units}`)
    .sort()
    .join(';');
}

/** Lines repeated on the claim without 76/77, and claims or lines already billed for the same date (earlier claims). */
export function checkDuplicates(s: ScrubState): void {
  const { claim, ctx } = s;
  const seen = new Map<string, number>();
  claim.lines.forEach((line, i) => {
    const key = lineKey(line);
    const first = seen.get(key);
    if (first !== undefined && !line.modifiers.includes('76') && !line.modifiers.includes('77')) {
      s.findings.push(finding('DUPLICATE_LINE', 'error', `lines[${i}]`, `Line ${i + 1} repeats line ${first + 1} (${line.cpt}).`, 'Merge the units into one line, or add 76/77 for a documented repeat study.'));
    }
    if (first === undefined) seen.set(key, i);
  });
  const sameDate = (ctx.earlierClaims ?? []).filter((c) => c.dateOfService === claim.dateOfService && c.kind === claim.kind && c.billedBy === claim.billedBy);
  if (sameDate.some((c) => claimKey(c) === claimKey(claim))) {
    s.findings.push(finding('DUPLICATE_CLAIM', 'error', 'lines', 'The same services for the same date were already billed.', 'Do not resubmit; send a corrected claim (frequency 7) if something changed.'));
    return;
  }
  const billed = new Set(sameDate.flatMap((c) => c.lines.map(lineKey)));
  claim.lines.forEach((line, i) => {
    if (billed.has(lineKey(line)) && !line.modifiers.includes('76') && !line.modifiers.includes('77')) {
      s.findings.push(finding('DUPLICATE_SERVICE', 'warning', `lines[${i}]`, `Line ${i + 1}: ${line.cpt} was already billed for this date on another claim.`, 'Remove it, or add 76/77 if it is a documented repeat study.'));
    }
  });
}
