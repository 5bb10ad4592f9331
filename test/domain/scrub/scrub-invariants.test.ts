import fc from 'fast-check';
import { bundledRefData } from '../../../activities/refdata/bundled-refdata';
import type { Claim } from '../../../domain/coding/claim';
import { scrubClaim, scrubPassed } from '../../../domain/scrub/scrub-claim';
import { ptpBypassed } from '../../../domain/scrub/check-ncci-ptp';
import type { ScrubContext } from '../../../domain/scrub/scrub-context';

const ref = bundledRefData();
const DOS = '2025-03-10';

// Codes that take part in curated NCCI pairs and MUEs, with PC/TC indicators 1, 2 and 3.
const CODES = ['70450', '70460', '70470', '70551', '70553', '71045', '71046', '71250', '71270', '72148', '72158', '74150', '74176', '74177', '74178', '72192', '73560', '73562', '73564', '73721', '76700', '76705', '77065', '77066', '77067', '77063', '77090', '77092', '78815', '78812'];
const MODIFIERS = ['26', 'TC', '50', 'LT', 'RT', '59', 'XE', 'XS', '76', 'GA', 'GZ'];
const DIAGNOSES = ['M54.16', 'R51.9', 'S06.0X0A', 'R91.1', 'C34.11', 'Z12.31', 'N63.20', 'M23.221', 'R10.31', 'M81.0', 'I10'];

const lineArb = fc.record({
  cpt: fc.constantFrom(...CODES),
  modifiers: fc.subarray(MODIFIERS, { maxLength: 2 }),
  units: fc.integer({ min: 1, max: 3 }),
});

const claimArb = fc
  .record({
    kind: fc.constantFrom<Claim['kind']>('global', 'professional', 'technical'),
    form: fc.constantFrom<Claim['form']>('837P', '837I'),
    lines: fc.array(lineArb, { minLength: 1, maxLength: 4 }),
    diagnoses: fc.subarray(DIAGNOSES, { minLength: 1, maxLength: 4 }),
  })
  .map(
    (c): Claim => ({
      kind: c.kind,
      billedBy: c.kind === 'professional' ? 'reading-group' : 'facility',
      form: c.kind === 'technical' ? c.form : '837P',
      placeOfService: '11',
      dateOfService: DOS,
      diagnoses: c.diagnoses,
      lines: c.lines.map((l, i) => ({ lineNumber: i + 1, cpt: l.cpt, modifiers: l.modifiers, units: l.units, chargeCents: 40000, diagnosisPointers: c.diagnoses.map((_, k) => k + 1).slice(0, 4) })),
    }),
  );

const context: ScrubContext = {
  refData: ref,
  today: '2025-03-20',
  payer: { id: 'medicare-b', kind: 'medicare', timelyFilingDays: 365, timelyFilingWarningDays: 30 },
  orderingProviderNpi: '1234567893',
  renderingProviderNpi: '1987654328',
  abn: { signed: true },
};

describe('scrubber invariants (property based)', () => {
  it('a claim with no scrub errors carries no unbypassed PTP pair, no unit above an MUE, and no component the code lacks', () => {
    let passed = 0;
    fc.assert(
      fc.property(claimArb, (input) => {
        const result = scrubClaim(input, context);
        if (!scrubPassed(result)) return true;
        passed += 1;
        const lines = result.claim.lines;
        for (const a of lines) {
          for (const b of lines) {
            if (a === b || a.cpt === b.cpt) continue;
            const edit = ref.ncciPtp(a.cpt, b.cpt, DOS);
            if (!edit || edit.modifierIndicator === '9') continue;
            expect(edit.modifierIndicator).toBe('1');
            expect(ptpBypassed(a, b)).toBe(true);
          }
        }
        const totals = new Map<string, number>();
        for (const l of lines) {
          const mue = ref.mue(l.cpt, DOS);
          if (!mue) continue;
          if (mue.adjudicationIndicator === '1') expect(l.units).toBeLessThanOrEqual(mue.value);
          totals.set(l.cpt, (totals.get(l.cpt) ?? 0) + l.units);
          if (mue.adjudicationIndicator !== '1') expect(totals.get(l.cpt)).toBeLessThanOrEqual(mue.value);
        }
        for (const l of lines) {
          const pc = ref.pfs(l.cpt, '', 2025)?.pcTcIndicator;
          if (l.modifiers.includes('TC')) expect(pc).toBe('1');
          if (l.modifiers.includes('26')) expect(['1', '6']).toContain(pc);
          if (result.claim.kind === 'professional') expect(['1', '2', '6', '8']).toContain(pc);
        }
        return true;
      }),
      { numRuns: 1500, seed: 20250310 },
    );
    expect(passed).toBeGreaterThan(20);
  });

  it('scrubbing is idempotent: a scrubbed claim needs no further correction and keeps the same errors', () => {
    fc.assert(
      fc.property(claimArb, (input) => {
        const first = scrubClaim(input, context);
        const second = scrubClaim(first.claim, context);
        expect(second.autoFixed).toEqual([]);
        expect(second.claim).toEqual(first.claim);
        const errors = (r: typeof first): string[] => r.findings.filter((f) => f.severity === 'error').map((f) => f.code).sort();
        expect(errors(second)).toEqual(errors(first));
      }),
      { numRuns: 400, seed: 7 },
    );
  });

  it('never changes the claim it is given', () => {
    fc.assert(
      fc.property(claimArb, (input) => {
        const before = JSON.stringify(input);
        scrubClaim(input, context);
        expect(JSON.stringify(input)).toBe(before);
      }),
      { numRuns: 200, seed: 11 },
    );
  });
});
