import type { Claim } from '../../domain/coding/claim';
import { arrangementComponents, type ClaimComponent, type ExamEventOf, type TaskResolution } from '../../domain/lifecycle';
import type { BillingArrangement } from '../../domain/policy';
import type { CodingSnapshot } from './messages';

/**
 * Coding's outcome as the lifecycle reads it: scrubber errors need a coder; warnings inform and what
 * the scrubber fixed itself is done.
 */
export function codingEvent(snapshot: CodingSnapshot, eventId: string, arrangement?: BillingArrangement, claimsFromCoding = false): ExamEventOf<'coding-completed'> {
  return {
    type: 'coding-completed',
    eventId,
    findings: snapshot.findings.map((f) => ({ code: f.code.slice(0, 100), autoFixable: f.autoFixable || f.severity !== 'error' })),
    totalChargeCents: snapshot.totalChargeCents,
    ...(claimsFromCoding
      ? { billable: codedComponents(snapshot), claimsFromCoding: true }
      : arrangement !== undefined ? { billable: billableComponents(snapshot, arrangement) } : {}),
  };
}

/** The claims coding produced with at least one line: each is billed once, under its own claim id. */
export function codedComponents(snapshot: CodingSnapshot): ClaimComponent[] {
  const kinds = new Set(snapshot.claims.filter((c) => c.lines.length > 0).map((c) => c.kind));
  return (['global', 'technical', 'professional'] as const).filter((k) => kinds.has(k));
}

/**
 * The components of the arrangement coding found something to bill in. A global claim is billed from whatever
 * was coded (a hospital setting splits it into technical and professional claims); a technical or professional
 * claim only from the lines coded for that component.
 */
export function billableComponents(snapshot: CodingSnapshot, arrangement: BillingArrangement): ClaimComponent[] {
  const coded = snapshot.claims.filter((c) => c.lines.length > 0);
  return arrangementComponents(arrangement).filter((component) => (component === 'global' ? coded.length > 0 : coded.some((c) => c.kind === component)));
}

/**
 * The coded claim of one component (global, technical, professional). `exact` (claims from coding): that claim
 * or none; exams from before took the first coded claim when the component had none.
 */
export function claimForComponent(snapshot: CodingSnapshot, component: ClaimComponent, exact = false): Claim | undefined {
  const claim = snapshot.claims.find((c) => c.kind === component);
  if (exact) return claim && claim.lines.length > 0 ? claim : undefined;
  return claim ?? snapshot.claims[0];
}

type Correction = Extract<TaskResolution<'coding-review'>, { action: 'correct' }>;

/**
 * A coder's correction replaces the lines and diagnoses of every coded claim; charges follow the code.
 * `asCoded` (claims from coding): a line keeps the component modifier its code had on that claim (none for a
 * whole service, a single-component code or an 837I line), and a code coded on another claim only stays there
 * (a single-component code is never billed twice); exams from before put every line on every claim, with 26 / TC.
 */
export function applyCodingCorrection(snapshot: CodingSnapshot, correction: Correction, asCoded = false): CodingSnapshot {
  const claims = snapshot.claims.map((claim) => {
    const unitPrice = (cpt: string) => {
      const line = claim.lines.find((l) => l.cpt === cpt) ?? claim.lines[0];
      return line ? Math.round(line.chargeCents / Math.max(1, line.units)) : 0;
    };
    const byKind = claim.kind === 'professional' ? ['26'] : claim.kind === 'technical' && claim.form !== '837I' ? ['TC'] : [];
    const componentOf = (cpt: string): string[] => {
      if (!asCoded) return claim.kind === 'professional' ? ['26'] : claim.kind === 'technical' ? ['TC'] : [];
      const coded = claim.lines.find((l) => l.cpt === cpt);
      return coded ? coded.modifiers.filter((m) => m === '26' || m === 'TC') : byKind;
    };
    const onlyElsewhere = (cpt: string): boolean =>
      asCoded && !claim.lines.some((l) => l.cpt === cpt) && snapshot.claims.some((c) => c !== claim && c.lines.some((l) => l.cpt === cpt));
    return {
      ...claim,
      diagnoses: correction.diagnoses,
      lines: correction.lines.filter((l) => !onlyElsewhere(l.cpt)).map((l, i) => ({
        lineNumber: i + 1,
        cpt: l.cpt,
        modifiers: [...componentOf(l.cpt).filter((m) => !l.modifiers.includes(m)), ...l.modifiers].slice(0, 4),
        units: l.units,
        chargeCents: unitPrice(l.cpt) * l.units,
        diagnosisPointers: l.diagnosisPointers,
      })),
    };
  });
  const totalChargeCents = claims.reduce((sum, c) => sum + c.lines.reduce((s, l) => s + l.chargeCents, 0), 0);
  return { claims, findings: [], totalChargeCents };
}
