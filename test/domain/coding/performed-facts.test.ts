import { bundledRefData } from '../../../activities/refdata/bundled-refdata';
import { type CodeAndScrubInput, codeAndScrub } from '../../../activities/code-and-scrub';
import { dateOfService } from '../../../domain/coding/date-of-service';
import type { PerformedProcedure } from '../../../domain/lifecycle';
import { lineLabel } from './scenario-harness';

/** The facts a RIS records on the performed exam, as coding and scrubbing act on them. */

const ref = bundledRefData();

function input(procedures: Partial<PerformedProcedure>[], opts: { contrast?: boolean; diagnoses?: string[]; payer?: 'medicare' | 'commercial'; performedAt?: string } = {}): CodeAndScrubInput {
  return {
    examId: 'exam-facts',
    performed: {
      performedAt: opts.performedAt ?? '2025-03-10T14:00:00Z', placeOfService: '11', contrast: opts.contrast ?? false,
      procedures: procedures.map((p) => ({ cpt: '70450', units: 1, modifiers: [], laterality: null, ...p })),
    },
    reportDiagnoses: opts.diagnoses ?? ['R51.9'],
    orderDiagnoses: [],
    facility: { billingArrangement: 'global', placeOfService: '11' },
    payer: opts.payer === 'commercial'
      ? { id: 'commercial-a', payerType: 'commercial', timelyFilingDays: 180, riskWarningDays: 30 }
      : { id: 'medicare-b', payerType: 'medicare', timelyFilingDays: 365, riskWarningDays: 30 },
    orderingProviderNpi: '1234567893',
    renderingProviderNpi: '1987654328',
    today: '2025-03-20',
  };
}

const errors = (s: ReturnType<typeof codeAndScrub>) => s.findings.filter((f) => f.severity === 'error' && !f.autoFixable).map((f) => f.code);
const lines = (s: ReturnType<typeof codeAndScrub>) => s.claims.flatMap((c) => c.lines.map(lineLabel));

describe('date of service in the facility\'s time zone', () => {
  test('an exam at 19:30 in Chicago (01:30 UTC the next day) is on the Chicago date', () => {
    expect(dateOfService('2026-11-26T01:30:00Z', 'America/Chicago')).toBe('2026-11-25');
  });
  test('summer time is honoured (20:30 CDT)', () => {
    expect(dateOfService('2026-07-02T01:30:00Z', 'America/Chicago')).toBe('2026-07-01');
  });
  test('without a time zone the date of the instant as written (UTC), as before', () => {
    expect(dateOfService('2026-11-26T01:30:00Z')).toBe('2026-11-26');
  });
  test('the coded claims carry the local date when the facility has a time zone', () => {
    const snapshot = codeAndScrub(input([{ cpt: '70450' }], { performedAt: '2025-03-11T01:30:00Z' }), ref, { timeZone: 'America/Chicago' });
    expect(snapshot.claims.map((c) => c.dateOfService)).toEqual(['2025-03-10']);
    expect(codeAndScrub(input([{ cpt: '70450' }], { performedAt: '2025-03-11T01:30:00Z' }), ref).claims[0]!.dateOfService).toBe('2025-03-11');
  });
});

describe('contrast', () => {
  test('contrast given (exam-level yes) but only a without-contrast code billed: CONTRAST_MISMATCH error', () => {
    expect(errors(codeAndScrub(input([{ cpt: '70450' }], { contrast: true }), ref))).toContain('CONTRAST_MISMATCH');
  });
  test('contrast given (exam-level yes) and a with-contrast or without-then-with code billed: no finding', () => {
    for (const cpt of ['70460', '70470']) expect(codeAndScrub(input([{ cpt }], { contrast: true }), ref).findings.map((f) => f.code)).not.toContain('CONTRAST_MISMATCH');
  });
  test('contrast given on an exam that also holds a non-contrast study: no finding on the exam-level record', () => {
    const s = codeAndScrub(input([{ cpt: '70460' }, { cpt: '71046' }], { contrast: true, diagnoses: ['R51.9', 'J18.9'] }), ref);
    expect(s.findings.map((f) => f.code)).not.toContain('CONTRAST_MISMATCH');
  });
  test('per procedure: without-then-with recorded but a with-contrast code billed is an error', () => {
    expect(errors(codeAndScrub(input([{ cpt: '70460', contrast: 'without-then-with' }]), ref))).toContain('CONTRAST_MISMATCH');
  });
  test('per procedure: contrast recorded on the procedure wins over the exam-level record', () => {
    const s = codeAndScrub(input([{ cpt: '70470', contrast: 'without-then-with' }, { cpt: '70450', contrast: 'none', distinct: 'separate-encounter' }], { contrast: true, diagnoses: ['I63.9'] }), ref);
    expect(s.findings.map((f) => f.code)).not.toContain('CONTRAST_MISMATCH');
    expect(lines(s)).toEqual(['70470', '70450-XE']);
  });
  test('per procedure: without (70551) and with (70552) in one session combine into 70553, which matches', () => {
    const s = codeAndScrub(input([{ cpt: '70551', contrast: 'none' }, { cpt: '70552', contrast: 'with' }], { diagnoses: ['G35'] }), ref);
    expect(lines(s)).toEqual(['70553']);
    expect(s.findings.map((f) => f.code)).not.toContain('CONTRAST_MISMATCH');
  });
});

describe('repeat, reduced and distinct from the performed event', () => {
  test('repeat by another physician: 77', () => {
    expect(lines(codeAndScrub(input([{ cpt: '71045' }, { cpt: '71045', repeat: 'other-physician' }], { diagnoses: ['J18.9'] }), ref))).toEqual(['71045', '71045-77']);
  });
  test('reduced: 52, first as a pricing modifier', () => {
    expect(lines(codeAndScrub(input([{ cpt: '72148', reduced: true, modifiers: ['RT'] }], { diagnoses: ['M54.16'] }), ref))[0]).toMatch(/^72148-52/);
  });
  test('distinct for a commercial payer: 59', () => {
    const s = codeAndScrub(input([{ cpt: '70470' }, { cpt: '70450', distinct: 'separate-encounter' }], { contrast: true, diagnoses: ['I63.9'], payer: 'commercial' }), ref);
    expect(lines(s)).toEqual(['70470', '70450-59']);
  });
});

describe('ABN (Medicare)', () => {
  test('signed ABN (option 1) for a service no diagnosis supports: GA, no error', () => {
    const s = codeAndScrub(input([{ cpt: '71250', abn: { signed: true, option: '1' } }], { diagnoses: ['M54.50'] }), ref);
    expect(lines(s)).toEqual(['71250-GA']);
    expect(errors(s)).toEqual([]);
  });
  test('GA sent by the RIS with a signed ABN on the procedure: accepted', () => {
    const s = codeAndScrub(input([{ cpt: '71250', modifiers: ['GA'], abn: { signed: true } }], { diagnoses: ['M54.50'] }), ref);
    expect(errors(s)).toEqual([]);
  });
  test('GA sent by the RIS without a signed ABN: ABN_NOT_ON_FILE', () => {
    expect(errors(codeAndScrub(input([{ cpt: '71250', modifiers: ['GA'] }], { diagnoses: ['M54.50'] }), ref))).toContain('ABN_NOT_ON_FILE');
  });
  test('the record says no ABN was signed: GZ, the provider\'s expected denial', () => {
    const s = codeAndScrub(input([{ cpt: '71250', abn: { signed: false } }], { diagnoses: ['M54.50'] }), ref);
    expect(lines(s)).toEqual(['71250-GZ']);
    expect(errors(s)).toEqual([]);
  });
  test('a statutorily excluded service with a signed (voluntary) ABN: GY and GX', () => {
    const s = codeAndScrub(input([{ cpt: '78350', abn: { signed: true } }], { diagnoses: ['M81.0'] }), ref);
    expect(errors(s)).toEqual([]);
    expect(s.claims[0]!.lines[0]!.modifiers).toEqual(expect.arrayContaining(['GY', 'GX']));
  });
  test('a statutorily excluded service recorded without an ABN: GY', () => {
    const s = codeAndScrub(input([{ cpt: '78350', abn: { signed: false } }], { diagnoses: ['M81.0'] }), ref);
    expect(errors(s)).toEqual([]);
    expect(s.claims[0]!.lines[0]!.modifiers).toContain('GY');
    expect(s.claims[0]!.lines[0]!.modifiers).not.toContain('GX');
  });
  test('no ABN for a service with a supporting diagnosis: nothing added', () => {
    expect(lines(codeAndScrub(input([{ cpt: '71250', abn: { signed: false } }], { diagnoses: ['R91.1'] }), ref))).toEqual(['71250']);
  });
  test('ABN option 2 (do not bill Medicare) and option 3 (declined) stop the claim for a coder', () => {
    expect(errors(codeAndScrub(input([{ cpt: '71250', abn: { signed: true, option: '2' } }], { diagnoses: ['M54.50'] }), ref))).toContain('ABN_OPTION_2_DO_NOT_BILL');
    expect(errors(codeAndScrub(input([{ cpt: '71250', abn: { signed: true, option: '3' } }], { diagnoses: ['M54.50'] }), ref))).toContain('ABN_OPTION_3_DECLINED');
  });
});
