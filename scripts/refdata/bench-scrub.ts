/**
 * Claims scrubbed per second on one core with the full bundled reference data.
 *   node dist/scripts/refdata/bench-scrub.js [claims=20000]
 */
import { bundledRefData } from '../../activities/refdata/bundled-refdata';
import type { Claim } from '../../domain/coding/claim';
import { codeExam } from '../../domain/coding/code-exam';
import type { CodingInput } from '../../domain/coding/exam-input';
import type { RefData } from '../../domain/refdata/ref-data';
import { scrubClaim } from '../../domain/scrub/scrub-claim';
import type { ScrubContext } from '../../domain/scrub/scrub-context';

/** A mix of imaging exams typical of an outpatient center (single studies, combinations, mammography, bilateral). */
const EXAMS: Pick<CodingInput, 'exam' | 'report' | 'orderDiagnoses'>[] = [
  { exam: { performedAt: '', placeOfService: '11', contrast: 'none', procedures: [{ cpt: '72148' }] }, report: { diagnoses: ['M54.16'] }, orderDiagnoses: [] },
  { exam: { performedAt: '', placeOfService: '11', contrast: 'none', procedures: [{ cpt: '70450' }] }, report: { diagnoses: ['S06.0X0A', 'R51.9'] }, orderDiagnoses: [] },
  { exam: { performedAt: '', placeOfService: '11', contrast: 'with', procedures: [{ cpt: '74177' }] }, report: { diagnoses: ['R10.31', 'K35.80'] }, orderDiagnoses: [] },
  { exam: { performedAt: '', placeOfService: '11', contrast: 'without-and-with', procedures: [{ cpt: '70551' }, { cpt: '70552' }] }, report: { diagnoses: ['G35'] }, orderDiagnoses: [] },
  { exam: { performedAt: '', placeOfService: '11', contrast: 'none', procedures: [{ cpt: '77067' }, { cpt: '77063' }] }, report: { diagnoses: ['Z12.31'] }, orderDiagnoses: [] },
  { exam: { performedAt: '', placeOfService: '11', contrast: 'none', procedures: [{ cpt: '73721', laterality: 'RT' }] }, report: { diagnoses: ['M23.221'] }, orderDiagnoses: [] },
  { exam: { performedAt: '', placeOfService: '11', contrast: 'none', procedures: [{ cpt: '71250' }] }, report: { diagnoses: ['M54.50'] }, orderDiagnoses: [] },
  { exam: { performedAt: '', placeOfService: '11', contrast: 'none', procedures: [{ cpt: '73564', laterality: 'RT' }, { cpt: '73560', laterality: 'RT' }] }, report: { diagnoses: ['M25.561'] }, orderDiagnoses: [] },
];

/** Claims to scrub: the coded exams under a split arrangement (two claims per exam). */
export function benchClaims(ref: RefData, dateOfService = '2025-03-10'): Claim[] {
  return EXAMS.flatMap(
    (e) => codeExam({ ...e, facility: { billingArrangement: 'split', placeOfService: '11' }, dateOfService, payerKind: 'medicare' }, ref).claims,
  );
}

/** Scrub `n` claims (cycling through the mix) and return the rate. Reference data loading is not timed. */
export function benchScrub(n: number, ref: RefData = bundledRefData()): { claims: number; seconds: number; claimsPerSecond: number } {
  const claims = benchClaims(ref);
  const context: ScrubContext = {
    refData: ref,
    today: '2025-03-20',
    payer: { id: 'medicare-b', kind: 'medicare', timelyFilingDays: 365, timelyFilingWarningDays: 30 },
    orderingProviderNpi: '1234567893',
    renderingProviderNpi: '1987654328',
    earlierClaims: claims.slice(0, 4),
  };
  for (let i = 0; i < Math.min(n, 2000); i += 1) scrubClaim(claims[i % claims.length] as Claim, context); // warm-up
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i += 1) scrubClaim(claims[i % claims.length] as Claim, context);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { claims: n, seconds, claimsPerSecond: Math.round(n / seconds) };
}

if (require.main === module) {
  const n = Number(process.argv[2] ?? 20000);
  const loadStart = process.hrtime.bigint();
  const ref = bundledRefData();
  const loadSeconds = Number(process.hrtime.bigint() - loadStart) / 1e9;
  const r = benchScrub(n, ref);
  console.log(`reference data loaded in ${loadSeconds.toFixed(2)} s`);
  console.log(`scrubbed ${r.claims} claims in ${r.seconds.toFixed(2)} s: ${r.claimsPerSecond} claims/s on one core`);
}
