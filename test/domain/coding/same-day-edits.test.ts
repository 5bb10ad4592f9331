import { bundledRefData } from '../../../activities/refdata/bundled-refdata';
import { type CodeAndScrubInput, codeAndScrub } from '../../../activities/code-and-scrub';
import { patientKeys } from '../../../activities/same-day-lines';
import type { Claim, ClaimKind } from '../../../domain/coding/claim';
import { sameDayEdits, type SameDayExam } from '../../../domain/coding/same-day-edits';
import { rankImagingMppr } from '../../../domain/fee-schedule/mppr-ranking';

const ref = bundledRefData();
const DOS = '2025-03-10';

function claim(lines: { cpt: string; modifiers?: string[]; units?: number }[], kind: ClaimKind = 'global'): Claim {
  return {
    kind,
    billedBy: 'facility',
    form: '837P',
    placeOfService: '11',
    dateOfService: DOS,
    lines: lines.map((l, i) => ({ lineNumber: i + 1, cpt: l.cpt, modifiers: l.modifiers ?? [], units: l.units ?? 1, chargeCents: 10000, diagnosisPointers: [1] })),
    diagnoses: ['R92.8'],
  };
}

function other(examRef: string, lines: { cpt: string; modifiers?: string[]; units?: number; claimKind?: ClaimKind }[]): SameDayExam {
  return { examRef, lines: lines.map((l) => ({ claimKind: l.claimKind ?? 'global', cpt: l.cpt, modifiers: l.modifiers ?? [], units: l.units ?? 1 })) };
}

const codes = (r: ReturnType<typeof sameDayEdits>): string[] => r.findings.map((f) => f.code);

test('same-day recall: a diagnostic mammogram gets GG when the screening is on another accession; the input claim is not changed', () => {
  const mine = claim([{ cpt: '77065', modifiers: ['RT'] }]);
  const r = sameDayEdits([mine], [other('exam-a', [{ cpt: '77067' }])], ref);
  expect(r.claims[0]!.lines[0]!.modifiers).toEqual(['RT', 'GG']);
  expect(r.findings).toEqual([expect.objectContaining({ code: 'MAMMOGRAPHY_GG_ADDED_SAME_DAY', severity: 'warning', autoFixable: true, claim: 'global' })]);
  expect(r.findings[0]!.message).toContain('exam-a');
  expect(mine.lines[0]!.modifiers).toEqual(['RT']);
});

test('same-day recall coded first: the screening exam coded second finds the diagnostic without GG (error, corrected claim)', () => {
  const r = sameDayEdits([claim([{ cpt: '77067' }])], [other('exam-a', [{ cpt: '77066' }])], ref);
  expect(codes(r)).toContain('MAMMOGRAPHY_GG_MISSING_OTHER_EXAM');
  expect(r.findings.find((f) => f.code === 'MAMMOGRAPHY_GG_MISSING_OTHER_EXAM')!.severity).toBe('error');
  const fine = sameDayEdits([claim([{ cpt: '77067' }])], [other('exam-a', [{ cpt: '77066', modifiers: ['GG'] }])], ref);
  expect(codes(fine)).not.toContain('MAMMOGRAPHY_GG_MISSING_OTHER_EXAM');
});

test('NCCI pair across accessions: column 2 here, column 1 on the other exam, in either order; XE bypasses indicator 1', () => {
  expect(codes(sameDayEdits([claim([{ cpt: '71250' }])], [other('exam-a', [{ cpt: '71270' }])], ref))).toContain('NCCI_PTP_SAME_DAY_MODIFIER_REQUIRED');
  expect(codes(sameDayEdits([claim([{ cpt: '71270' }])], [other('exam-a', [{ cpt: '71250' }])], ref))).toContain('NCCI_PTP_SAME_DAY_MODIFIER_REQUIRED');
  const bypassed = sameDayEdits([claim([{ cpt: '71250', modifiers: ['XE'] }])], [other('exam-a', [{ cpt: '71270' }])], ref);
  expect(codes(bypassed)).not.toContain('NCCI_PTP_SAME_DAY_MODIFIER_REQUIRED');
  expect(bypassed.distinctNeeded).toEqual([{ claim: 'global', field: 'lines[0].modifiers' }]);
});

test('NCCI modifier indicator 0 across accessions is never bypassed, not even by XE', () => {
  const r = sameDayEdits([claim([{ cpt: '76705', modifiers: ['XE'] }])], [other('exam-a', [{ cpt: '76700' }])], ref);
  expect(r.findings.filter((f) => f.code.startsWith('NCCI'))).toEqual([expect.objectContaining({ code: 'NCCI_PTP_SAME_DAY_NOT_ALLOWED', severity: 'error', field: 'lines[0].cpt' })]);
});

test('MUE MAI 3 counts the day units across accessions; MAI 2 too; MAI 1 is per line', () => {
  expect(codes(sameDayEdits([claim([{ cpt: '72148', modifiers: ['76'] }])], [other('exam-a', [{ cpt: '72148' }])], ref))).toEqual(['MUE_DOS_CLINICAL_EXCEEDED_SAME_DAY']);
  expect(codes(sameDayEdits([claim([{ cpt: '77067', modifiers: ['76'] }])], [other('exam-a', [{ cpt: '77067' }])], ref))).toEqual(['MUE_DOS_POLICY_EXCEEDED_SAME_DAY']);
  // 71045: per-line limit of 2; two lines of 2 on two accessions is not a date-of-service excess.
  expect(codes(sameDayEdits([claim([{ cpt: '71045', units: 2, modifiers: ['76'] }])], [other('exam-a', [{ cpt: '71045', units: 2 }])], ref))).toEqual([]);
  // 71046: two a day; the repeat on the second accession is within it.
  expect(codes(sameDayEdits([claim([{ cpt: '71046', modifiers: ['76'] }])], [other('exam-a', [{ cpt: '71046' }])], ref))).toEqual([]);
});

test('MUE across accessions: the technical and professional claims of another exam count its units once', () => {
  const theirs = other('exam-a', [
    { cpt: '71046', claimKind: 'technical', modifiers: ['TC'] },
    { cpt: '71046', claimKind: 'professional', modifiers: ['26'] },
  ]);
  expect(codes(sameDayEdits([claim([{ cpt: '71046', modifiers: ['76'] }])], [theirs], ref))).toEqual([]);
});

test('duplicate across accessions is an error; 76 or 77 on the line makes it a repeat; another side is not a duplicate', () => {
  const dup = sameDayEdits([claim([{ cpt: '71046' }])], [other('exam-a', [{ cpt: '71046' }])], ref);
  expect(dup.findings).toEqual([expect.objectContaining({ code: 'DUPLICATE_SAME_DAY', severity: 'error' })]);
  expect(codes(sameDayEdits([claim([{ cpt: '71046', modifiers: ['77'] }])], [other('exam-a', [{ cpt: '71046' }])], ref))).toEqual([]);
  expect(codes(sameDayEdits([claim([{ cpt: '73030', modifiers: ['LT'] }])], [other('exam-a', [{ cpt: '73030', modifiers: ['RT'] }])], ref))).not.toContain('DUPLICATE_SAME_DAY');
});

test('components that do not overlap are not compared: a reading group professional line against another exam technical line', () => {
  const r = sameDayEdits([claim([{ cpt: '71046', modifiers: ['26'] }], 'professional')], [other('exam-a', [{ cpt: '71046', claimKind: 'technical', modifiers: ['TC'] }])], ref);
  expect(r.findings).toEqual([]);
});

test('no other exam of the date: nothing changes', () => {
  const mine = claim([{ cpt: '77065' }]);
  const r = sameDayEdits([mine], [], ref);
  expect(r).toEqual({ claims: [mine], findings: [], mppr: [], distinctNeeded: [] });
});

test('MPPR ranking: the highest-priced technical component of the family on the date is paid in full, the others at 50 %', () => {
  const ranks = rankImagingMppr(
    [
      { ref: 'a:1', cpt: '72148', component: '', units: 1 },
      { ref: 'b:1', cpt: '70553', component: '', units: 1 },
      { ref: 'b:2', cpt: '71046', component: '', units: 1 },
    ],
    ref,
    2025,
  );
  const brain = ranks.find((r) => r.ref === 'b:1')!;
  const spine = ranks.find((r) => r.ref === 'a:1')!;
  expect(brain).toMatchObject({ family: 'imaging', tc: { rank: 1, highest: true, percent: 100, reducedUnits: 0 } });
  expect(spine).toMatchObject({ family: 'imaging', tc: { rank: 2, highest: false, percent: 50, reducedUnits: 1 }, pc: { highest: false, percent: 95 } });
  expect(brain.tc!.unitAmountCents).toBeGreaterThan(spine.tc!.unitAmountCents);
  expect(ranks.find((r) => r.ref === 'b:2')!.family).toBeUndefined();
});

test('MPPR across accessions: a line reduced because of another exam of the date gets a warning naming that exam', () => {
  const r = sameDayEdits([claim([{ cpt: '72148' }])], [other('exam-a', [{ cpt: '70553' }])], ref);
  expect(r.findings).toEqual([expect.objectContaining({ code: 'MPPR_SAME_DAY_REDUCED', severity: 'warning', field: 'lines[0]' })]);
  expect(r.findings[0]!.message).toContain('technical component at 50 % and its professional component at 95 %');
  expect(r.findings[0]!.message).toContain('70553 on exam exam-a');
  expect(r.mppr).toEqual([expect.objectContaining({ claim: 'global', lineNumber: 1, family: 'imaging', tc: expect.objectContaining({ highest: false }) })]);
  expect(codes(sameDayEdits([claim([{ cpt: '70553' }])], [other('exam-a', [{ cpt: '72148' }])], ref))).toEqual([]);
});

test('the patient keys: the same MRN at the same facility or the same member id at the same payer match; nothing in clear', () => {
  const key = Buffer.alloc(32, 7).toString('base64');
  const a = patientKeys(key, { facilityId: 'main', mrn: 'MRN-1', coverages: [{ payerId: 'medicare-b', memberId: '1EG4TE5MK73' }] });
  const sameMrn = patientKeys(key, { facilityId: 'main', mrn: 'mrn-1 ', coverages: [{ payerId: 'aetna', memberId: 'W1' }] });
  const sameMember = patientKeys(key, { facilityId: 'north', mrn: 'X-9', coverages: [{ payerId: 'medicare-b', memberId: '1eg4te5mk73' }] });
  const otherFacility = patientKeys(key, { facilityId: 'north', mrn: 'MRN-1', coverages: [{ payerId: 'aetna', memberId: 'W1' }] });
  const overlap = (x: string[], y: string[]): boolean => x.some((k) => y.includes(k));
  expect(overlap(a, sameMrn)).toBe(true);
  expect(overlap(a, sameMember)).toBe(true);
  expect(overlap(a, otherFacility)).toBe(false);
  expect(a.join(' ')).not.toMatch(/MRN|1EG4/i);
  expect(patientKeys(Buffer.alloc(32, 8).toString('base64'), { facilityId: 'main', mrn: 'MRN-1', coverages: [] })[0]).not.toBe(a.find((k) => sameMrn.includes(k)));
});

test('codeAndScrub takes the day as an optional input: without it nothing changes; with it the recall gets GG and the duplicate is an error', () => {
  const input: CodeAndScrubInput = {
    examId: 'exam-b',
    performed: { performedAt: `${DOS}T14:00:00.000Z`, placeOfService: '11', contrast: false, procedures: [{ cpt: '77065', units: 1, modifiers: ['RT'], laterality: null }] },
    reportDiagnoses: ['N63.10'],
    orderDiagnoses: ['N63.10'],
    facility: { billingArrangement: 'global', placeOfService: '11' },
    payer: { id: 'medicare-b', payerType: 'medicare', timelyFilingDays: 365, riskWarningDays: 30 },
    orderingProviderNpi: '1234567893',
    renderingProviderNpi: '1234567893',
    today: DOS,
  };
  const alone = codeAndScrub(input, ref);
  expect(codeAndScrub({ ...input, sameDay: [] }, ref)).toEqual(alone);
  expect(alone.claims[0]!.lines[0]!.modifiers).toEqual(['RT']);
  const recall = codeAndScrub({ ...input, sameDay: [other('exam-a', [{ cpt: '77067' }])] }, ref);
  expect(recall.claims[0]!.lines[0]!.modifiers).toEqual(['RT', 'GG']);
  expect(recall.findings).toContainEqual(expect.objectContaining({ code: 'MAMMOGRAPHY_GG_ADDED_SAME_DAY', claim: 'global' }));
  const twice = codeAndScrub({ ...input, sameDay: [other('exam-a', [{ cpt: '77065', modifiers: ['RT'] }])] }, ref);
  expect(twice.findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual(['MUE_DOS_POLICY_EXCEEDED_SAME_DAY', 'DUPLICATE_SAME_DAY']);
});
