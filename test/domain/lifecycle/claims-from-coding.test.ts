import { ev, finalReport, newExam, performed, Run, toAwaitingExam } from './exam-fixtures';

/** The lifecycle bills exactly the claims coding produced, each under its own claim id, once. */

function coded(billingArrangement: 'global' | 'split' | 'professional' | 'technical', billable: ('global' | 'technical' | 'professional')[], findings: { code: string; autoFixable: boolean }[] = []): Run {
  const run = toAwaitingExam(new Run(newExam('commercial-a', { billingArrangement })));
  run.apply(performed());
  run.apply(finalReport());
  run.apply(ev({ type: 'coding-completed', findings, totalChargeCents: 90_000, billable, claimsFromCoding: true }));
  return run;
}

describe('claims from coding', () => {
  it('a global arrangement coded into technical and professional claims (hospital) submits both, each its own claim id', () => {
    const run = coded('global', ['technical', 'professional']);
    expect(run.state.claims.map((c) => [c.claimId, c.component])).toEqual([['ex1-T', 'technical'], ['ex1-P', 'professional']]);
    expect(run.effects('submit-claim').map((e) => (e as { claimId: string }).claimId)).toEqual(['ex1-T', 'ex1-P']);
    expect(run.state.tasks.filter((t) => t.type === 'coding-review')).toEqual([]);
  });

  it('a split arrangement with only a technical claim coded submits that one claim, once, and asks no coder', () => {
    const run = coded('split', ['technical']);
    expect(run.state.claims.map((c) => c.claimId)).toEqual(['ex1-T']);
    expect(run.effects('submit-claim')).toHaveLength(1);
    expect(run.state.tasks.filter((t) => t.type === 'coding-review')).toEqual([]);
  });

  it('nothing coded at all: a coding review says nothing is billable', () => {
    const run = coded('technical', []);
    expect(run.state.claims).toEqual([]);
    expect(run.openTask('coding-review').context).toMatchObject({ reason: 'nothing-billable', components: ['technical'] });
  });

  it('a coder\'s correction keeps the coded claims (not the arrangement\'s components)', () => {
    const run = coded('global', ['technical', 'professional'], [{ code: 'CONTRAST_MISMATCH', autoFixable: false }]);
    expect(run.state.claims).toEqual([]);
    run.resolve('coding-review', { action: 'correct', lines: [{ cpt: '72148', units: 1, modifiers: [], diagnosisPointers: [1] }], diagnoses: ['M54.16'] });
    expect(run.state.claims.map((c) => c.claimId)).toEqual(['ex1-T', 'ex1-P']);
  });

  it('without the flag (exams from before) the arrangement decides, as it did', () => {
    const run = toAwaitingExam(new Run(newExam('commercial-a', { billingArrangement: 'global' })));
    run.apply(performed());
    run.apply(finalReport());
    run.apply(ev({ type: 'coding-completed', findings: [], totalChargeCents: 90_000, billable: ['global'] }));
    expect(run.state.claims.map((c) => c.claimId)).toEqual(['ex1-G']);
  });
});
