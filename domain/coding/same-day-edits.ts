import { componentOfModifiers, rankImagingMppr, type MpprCandidate, type MpprLineRank } from '../fee-schedule/mppr-ranking';
import type { RefData } from '../refdata/ref-data';
import { ptpBypassed } from '../scrub/check-ncci-ptp';
import type { Claim, ClaimKind, ClaimLine } from './claim';
import { finding, type Finding } from './finding';
import { normalizeModifiers } from './modifiers';

/** One coded line of another exam of the patient on the date of service (billed, or about to be). */
export interface SameDayLine {
  claimKind: ClaimKind;
  cpt: string;
  modifiers: string[];
  units: number;
}

/** Another exam (accession) of the same patient on the same date of service and its coded lines. */
export interface SameDayExam {
  /** the engine's exam id: findings name it, never the patient */
  examRef: string;
  lines: SameDayLine[];
}

export type SameDayFinding = Finding & { claim: ClaimKind };

export interface SameDayResult {
  /** the claims with what the edits corrected themselves (GG) */
  claims: Claim[];
  findings: SameDayFinding[];
  /** the imaging MPPR ranking of this exam's lines among all the day's lines, per claim and line number */
  mppr: (MpprLineRank & { claim: ClaimKind; lineNumber: number })[];
  /** lines whose distinct-service modifier a pair across exams needs (the in-claim scrub calls it unneeded) */
  distinctNeeded: { claim: ClaimKind; field: string }[];
}

const SCREENING = new Set(['77067']);
const DIAGNOSTIC = new Set(['77065', '77066', 'G0279']);
const REPEAT = ['76', '77'];
/** Modifiers a duplicate comparison ignores: the component (per claim) and the repeat modifiers themselves. */
const NOT_IDENTITY = new Set(['26', 'TC', ...REPEAT]);

/** Two claims bill the same party's service when their components overlap (a global claim holds both). */
export function componentsOverlap(a: ClaimKind, b: ClaimKind): boolean {
  return a === b || a === 'global' || b === 'global';
}

function identity(l: { cpt: string; modifiers: readonly string[] }): string {
  return `${l.cpt}|${l.modifiers.filter((m) => !NOT_IDENTITY.has(m)).sort().join(',')}`;
}

const isRepeat = (l: { modifiers: readonly string[] }): boolean => l.modifiers.some((m) => REPEAT.includes(m));

function asClaimLine(l: SameDayLine): ClaimLine {
  return { lineNumber: 0, cpt: l.cpt, modifiers: l.modifiers, units: l.units, chargeCents: 0, diagnosisPointers: [] };
}

function componentOf(kind: ClaimKind, modifiers: readonly string[]): MpprCandidate['component'] {
  if (kind === 'technical') return 'TC';
  if (kind === 'professional') return '26';
  return componentOfModifiers(modifiers);
}

/**
 * Edits across the patient's other exams (accessions) of the same date of service, run on this exam's scrubbed
 * claims. Each claim is compared with the other exams' lines of an overlapping component:
 * - NCCI procedure-to-procedure: a column 1 / column 2 pair split over two accessions is the same pair; an error
 *   unless modifier indicator 1 and the lines carry what bypasses it (different sides, XE/XS/XP/XU/59);
 *   modifier indicator 0 never bypasses.
 * - MUE with adjudication indicator 2 or 3 limits the units of the date: the other accessions' units count
 *   (indicator 1 is a per-line limit and does not).
 * - The same code with the same modifiers on another accession is a duplicate (error) unless this line says it is
 *   a repeat (76 same physician, 77 another).
 * - A diagnostic mammogram on the date of a screening mammogram of another accession carries GG (added); a
 *   screening mammogram whose date has a diagnostic one without GG on another accession is an error: that claim
 *   needs GG (corrected claim).
 * - MPPR: the imaging ranking of this exam's lines among the day's; a line that is not the highest of its family
 *   because of another accession gets a warning (the payer reduces it).
 * Pure; the inputs are not changed. Messages name codes, lines and the other exam's id only.
 */
export function sameDayEdits(claims: readonly Claim[], sameDay: readonly SameDayExam[], ref: RefData): SameDayResult {
  const findings: SameDayFinding[] = [];
  const distinctNeeded: SameDayResult['distinctNeeded'] = [];
  const out = claims.map((c) => ({ ...c, lines: c.lines.map((l) => ({ ...l, modifiers: [...l.modifiers], diagnosisPointers: [...l.diagnosisPointers] })) }));
  const others = sameDay.filter((e) => e.lines.length > 0);
  if (others.length === 0) return { claims: out, findings, mppr: [], distinctNeeded };

  for (const claim of out) {
    const push = (f: Finding): void => {
      findings.push({ ...f, claim: claim.kind });
    };
    const dos = claim.dateOfService;
    const theirs = others.map((e) => ({ examRef: e.examRef, lines: e.lines.filter((l) => componentsOverlap(l.claimKind, claim.kind)) })).filter((e) => e.lines.length > 0);
    if (theirs.length === 0) continue;

    // GG: screening on another accession, diagnostic here (added); diagnostic without GG there, screening here (error).
    const screeningThere = theirs.find((e) => e.lines.some((l) => SCREENING.has(l.cpt)));
    claim.lines.forEach((line, i) => {
      if (!screeningThere || !DIAGNOSTIC.has(line.cpt) || line.modifiers.includes('GG')) return;
      if (line.modifiers.length < 4) {
        line.modifiers = normalizeModifiers([...line.modifiers, 'GG']);
        push(finding('MAMMOGRAPHY_GG_ADDED_SAME_DAY', 'warning', `lines[${i}].modifiers`, `Line ${i + 1}: a diagnostic mammogram on the date of a screening mammogram of another exam (${screeningThere.examRef}) carries GG.`, 'Added GG.', true));
      } else {
        push(finding('MAMMOGRAPHY_GG_MISSING', 'error', `lines[${i}].modifiers`, `Line ${i + 1}: a diagnostic mammogram on the date of a screening mammogram of another exam (${screeningThere.examRef}) needs GG.`, 'Add GG (drop an informational modifier to make room).'));
      }
    });
    if (claim.lines.some((l) => SCREENING.has(l.cpt))) {
      for (const e of theirs) {
        for (const l of e.lines) {
          if (DIAGNOSTIC.has(l.cpt) && !l.modifiers.includes('GG')) {
            push(finding('MAMMOGRAPHY_GG_MISSING_OTHER_EXAM', 'error', 'lines', `The diagnostic mammogram ${l.cpt} of another exam (${e.examRef}) on this date has no GG, and this exam bills the screening mammogram: without GG the payer denies one of them.`, `Correct the claim of exam ${e.examRef} to carry GG on ${l.cpt}, then accept this claim.`));
          }
        }
      }
    }

    // NCCI procedure-to-procedure pairs split over accessions.
    const bypassNeeded = new Set<number>();
    claim.lines.forEach((mine, i) => {
      for (const e of theirs) {
        for (const other of e.lines) {
          if (other.cpt === mine.cpt) continue;
          const theirLine = asClaimLine(other);
          for (const [col1, col2, mineIsColumn2] of [
            [mine, theirLine, false],
            [theirLine, mine, true],
          ] as const) {
            const edit = ref.ncciPtp(col1.cpt, col2.cpt, dos);
            if (!edit || edit.modifierIndicator === '9') continue;
            const where = mineIsColumn2 ? `line ${i + 1} (${mine.cpt}) is column 2 of ${other.cpt} on exam ${e.examRef}` : `${other.cpt} on exam ${e.examRef} is column 2 of line ${i + 1} (${mine.cpt})`;
            const source = edit.note ? ' (curated edit)' : '';
            if (edit.modifierIndicator === '0') {
              push(finding('NCCI_PTP_SAME_DAY_NOT_ALLOWED', 'error', `lines[${i}].cpt`, `NCCI pair across exams of the same date: ${where}; modifier indicator 0 (${edit.rationale})${source}: no modifier bypasses it.`, mineIsColumn2 ? `Remove line ${i + 1}, or correct the coding of either exam.` : `Correct the claim of exam ${e.examRef} (remove ${other.cpt}), or the coding of line ${i + 1}.`));
              continue;
            }
            bypassNeeded.add(i);
            if (ptpBypassed(col1, col2)) continue;
            push(finding('NCCI_PTP_SAME_DAY_MODIFIER_REQUIRED', 'error', `lines[${i}].modifiers`, `NCCI pair across exams of the same date: ${where}; modifier indicator 1 (${edit.rationale})${source}.`, `If the record documents separate encounters or sites, add XE or XS (59 for payers that require it) to the column 2 line; otherwise remove it.`));
          }
        }
      }
    });

    // MUE per date of service (MAI 2 and 3): the day's units across accessions.
    const mineByCode = new Map<string, { units: number; first: number }>();
    claim.lines.forEach((l, i) => {
      const m = mineByCode.get(l.cpt);
      mineByCode.set(l.cpt, { units: (m?.units ?? 0) + l.units, first: m?.first ?? i });
    });
    for (const [cpt, { units, first }] of mineByCode) {
      const mue = ref.mue(cpt, dos);
      if (!mue || mue.adjudicationIndicator === '1') continue;
      // Each other exam counts once for the code (its technical and professional claims bill the same units).
      const theirUnits = theirs.reduce((sum, e) => {
        const perKind = new Map<ClaimKind, number>();
        for (const l of e.lines) if (l.cpt === cpt) perKind.set(l.claimKind, (perKind.get(l.claimKind) ?? 0) + l.units);
        return sum + Math.max(0, ...perKind.values());
      }, 0);
      if (theirUnits === 0 || units > mue.value || units + theirUnits <= mue.value) continue;
      const policy = mue.adjudicationIndicator === '2';
      push(
        finding(
          policy ? 'MUE_DOS_POLICY_EXCEEDED_SAME_DAY' : 'MUE_DOS_CLINICAL_EXCEEDED_SAME_DAY',
          'error',
          `lines[${first}].units`,
          `${cpt}: ${units + theirUnits} units on the date across this patient's exams (${theirUnits} on other exams) exceed the limit of ${mue.value} (MUE, ${mue.adjudicationText}).`,
          policy ? `Units of ${cpt} above ${mue.value} on one date are never paid: do not bill them on this exam.` : `Bill them only with the records that show medical necessity, ready to appeal; otherwise do not bill them on this exam.`,
        ),
      );
    }

    // Duplicates: same code and modifiers on another accession, no repeat modifier here.
    claim.lines.forEach((mine, i) => {
      if (isRepeat(mine)) return;
      const twin = theirs.find((e) => e.lines.some((l) => identity(l) === identity(mine)));
      if (!twin) return;
      push(finding('DUPLICATE_SAME_DAY', 'error', `lines[${i}]`, `Line ${i + 1}: ${mine.cpt} with the same modifiers is already coded for this patient and date on exam ${twin.examRef}.`, 'Cancel the duplicate exam, or add 76 (same physician) or 77 (another physician) if the study was repeated.'));
    });

    for (const i of bypassNeeded) distinctNeeded.push({ claim: claim.kind, field: `lines[${i}].modifiers` });
  }

  // MPPR: rank the day's imaging lines; this exam's lines reduced because of another exam's are reported.
  const candidates: (MpprCandidate & { mine?: { claim: ClaimKind; lineNumber: number } })[] = [];
  for (const claim of out) {
    claim.lines.forEach((l) => candidates.push({ ref: `this:${claim.kind}:${l.lineNumber}`, cpt: l.cpt, component: componentOf(claim.kind, l.modifiers), units: l.units, mine: { claim: claim.kind, lineNumber: l.lineNumber } }));
  }
  const claimKinds = new Set(out.map((c) => c.kind));
  for (const e of others) {
    e.lines.forEach((l, k) => {
      if ([...claimKinds].some((kind) => componentsOverlap(kind, l.claimKind))) candidates.push({ ref: `${e.examRef}:${l.claimKind}:${k + 1}`, cpt: l.cpt, component: componentOf(l.claimKind, l.modifiers), units: l.units });
    });
  }
  const year = Number((out[0]?.dateOfService ?? '').slice(0, 4));
  const ranks = rankImagingMppr(candidates, ref, year);
  const mppr: SameDayResult['mppr'] = [];
  ranks.forEach((r, k) => {
    const c = candidates[k];
    if (!c?.mine) return;
    mppr.push({ ...r, ...c.mine });
    const reducedBy: string[] = [];
    let because: MpprCandidate | undefined;
    for (const part of ['tc', 'pc'] as const) {
      const rank = r[part];
      if (!rank || rank.highest) continue;
      const top = candidates[ranks.findIndex((x) => x[part]?.highest)];
      if (!top || top.mine) continue; // a reduction within this exam's claim: expected already
      because ??= top;
      reducedBy.push(`its ${part === 'tc' ? 'technical' : 'professional'} component at ${rank.percent} %`);
    }
    if (because) {
      const i = c.mine.lineNumber - 1;
      findings.push({
        ...finding('MPPR_SAME_DAY_REDUCED', 'warning', `lines[${i}]`, `Line ${i + 1}: ${c.cpt} is not the highest-priced imaging procedure of the date (${because.cpt} on exam ${because.ref.split(':')[0]} is); the payer pays ${reducedBy.join(' and ')} (multiple procedure reduction).`, 'No action: expect the reduced payment.'),
        claim: c.mine.claim,
      });
    }
  });
  return { claims: out, findings, mppr, distinctNeeded };
}
