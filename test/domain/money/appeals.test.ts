import {
  AppealError,
  DEFAULT_PAYER_APPEAL_LEVELS,
  appealDeadline,
  buildAppealLetter,
  daysUntilDeadline,
  medicareAppealPolicy,
  nextAppealLevel,
  payerAppealPolicy,
} from '../../../domain/appeals';
import { LETTER_INPUT } from './appeal-fixtures';

const medicare = medicareAppealPolicy({ aljAmountInControversyCents: 19_000, judicialReviewAmountInControversyCents: 190_000 });

describe('appeal levels and deadlines', () => {
  it.each([
    ['redetermination', '2026-01-10', '2026-05-10'],
    ['reconsideration', '2026-03-01', '2026-08-28'],
    ['alj-hearing', '2026-09-01', '2026-10-31'],
    ['appeals-council', '2026-12-15', '2027-02-13'],
    ['judicial-review', '2027-03-01', '2027-04-30'],
  ])('Medicare %s filed from a decision on %s is due %s', (level, decision, due) => {
    expect(appealDeadline(level, decision, medicare)).toBe(due);
  });

  it('adds presumed receipt days when the policy says so', () => {
    const withMail = medicareAppealPolicy({ aljAmountInControversyCents: 19_000, judicialReviewAmountInControversyCents: 190_000, presumedReceiptDays: 5 });
    expect(appealDeadline('redetermination', '2026-01-10', withMail)).toBe('2026-05-15');
    expect(daysUntilDeadline('2026-05-10', '2026-05-01')).toBe(9);
  });

  it('walks the Medicare levels and stops an ALJ request below the amount in controversy', () => {
    expect(nextAppealLevel({ policy: medicare, lastCompletedLevelId: null, amountInControversyCents: 5_000 })).toMatchObject({ kind: 'level', level: { id: 'redetermination' } });
    expect(nextAppealLevel({ policy: medicare, lastCompletedLevelId: 'redetermination', amountInControversyCents: 5_000 })).toMatchObject({ kind: 'level', level: { id: 'reconsideration' } });
    expect(nextAppealLevel({ policy: medicare, lastCompletedLevelId: 'reconsideration', amountInControversyCents: 18_999 })).toMatchObject({ kind: 'below-threshold', level: { id: 'alj-hearing' }, thresholdCents: 19_000 });
    expect(nextAppealLevel({ policy: medicare, lastCompletedLevelId: 'reconsideration', amountInControversyCents: 19_000 })).toMatchObject({ kind: 'level', level: { id: 'alj-hearing' } });
    expect(nextAppealLevel({ policy: medicare, lastCompletedLevelId: 'appeals-council', amountInControversyCents: 100_000 })).toMatchObject({ kind: 'below-threshold', level: { id: 'judicial-review' } });
    expect(nextAppealLevel({ policy: medicare, lastCompletedLevelId: 'judicial-review', amountInControversyCents: 1_000_000 })).toEqual({ kind: 'exhausted' });
    expect(() => nextAppealLevel({ policy: medicare, lastCompletedLevelId: 'nope', amountInControversyCents: 1 })).toThrow(AppealError);
  });

  it('commercial payers default to 180 then 60 days and take their own levels from policy', () => {
    const defaults = payerAppealPolicy({ payerType: 'commercial' });
    expect(defaults.levels.map((l) => [l.id, l.filingDays])).toEqual(DEFAULT_PAYER_APPEAL_LEVELS.map((l) => [l.id, l.filingDays]));
    expect(appealDeadline('first-level', '2026-01-01', defaults)).toBe('2026-06-30');
    expect(appealDeadline('second-level', '2026-07-15', defaults)).toBe('2026-09-13');
    const custom = payerAppealPolicy({ payerType: 'medicare-advantage', levels: [{ id: 'plan-reconsideration', name: 'Plan reconsideration', filingDays: 65 }, { id: 'ire', name: 'Independent review', filingDays: 60, reviewer: 'Independent review entity' }] });
    expect(nextAppealLevel({ policy: custom, lastCompletedLevelId: 'plan-reconsideration', amountInControversyCents: 0 })).toMatchObject({ kind: 'level', level: { id: 'ire', reviewer: 'Independent review entity' } });
    expect(() => payerAppealPolicy({ payerType: 'commercial', levels: [{ id: 'x', name: 'X', filingDays: 0 }] })).toThrow(AppealError);
  });
});

describe('appeal letter content', () => {
  it('explains each denial code and argues by category, listing the enclosed documents by id', () => {
    const letter = buildAppealLetter(LETTER_INPUT);
    expect(letter.title).toBe('Request for Redetermination');
    expect(letter.denialCodes.map((c) => c.code)).toEqual(['CO-50', 'N115', 'CO-197']);
    expect(letter.denialCodes.every((c) => c.description.length > 5)).toBe(true);
    expect(letter.arguments.map((a) => a.category)).toEqual(['medical-necessity', 'authorization']);
    expect(letter.enclosures.map((e) => e.documentId)).toEqual(['doc_order', 'doc_report']);
    expect(letter.request).toContain('$1,500.00');
    expect(letter.reference).toContainEqual({ label: 'Payer claim number', value: 'ICN0001' });
  });

  it('refuses a letter without denials', () => {
    expect(() => buildAppealLetter({ ...LETTER_INPUT, denials: [] })).toThrow(AppealError);
  });
});
