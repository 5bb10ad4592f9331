import { bundledRefData } from '../../../activities/refdata/bundled-refdata';
import { type CodeAndScrubInput, codeAndScrub } from '../../../activities/code-and-scrub';
import { chooseClaimDiagnoses } from '../../../domain/coding/claim-diagnoses';
import type { Finding } from '../../../domain/coding/finding';
import type { PerformedProcedure } from '../../../domain/lifecycle';

/** The claim's diagnoses from the signed report, the RIS's charges (DFT FT1-19) or the order, and the lines' pointers. */

const ref = bundledRefData();
const DOS = '2025-03-10';

function choose(report: string[], charges: { cpt: string; diagnoses?: string[] }[], order: string[] = []) {
  const findings: Finding[] = [];
  const chosen = chooseClaimDiagnoses({ report, order, charges: charges.map((c, i) => ({ ...c, field: `procedures[${i}].diagnoses` })) }, DOS, ref, findings);
  return { ...chosen, findings };
}
const codes = (findings: Finding[]) => findings.map((f) => `${f.code}@${f.field}`);

test('a report without diagnoses: the charges\' own diagnoses are the claim\'s, and each line points to its own', () => {
  const r = choose([], [{ cpt: '72148', diagnoses: ['M54.16', 'M51.26'] }, { cpt: '72100', diagnoses: ['M5450'] }, { cpt: '72110' }], ['R51.9']);
  expect(r.source).toBe('charges');
  expect(r.diagnoses).toEqual(['M54.16', 'M51.26', 'M54.50']);
  expect(r.pointers).toEqual([[1, 2], [3], undefined]);
  expect(codes(r.findings)).toEqual(['DX_FROM_CHARGES@report.diagnoses']);
});

test('a report with diagnoses wins; a charge that points to codes the report does not list is a coding-review error, not a silent choice', () => {
  const r = choose(['M54.16'], [{ cpt: '72148', diagnoses: ['M54.17', 'M54.16'] }]);
  expect(r.source).toBe('report');
  expect(r.diagnoses).toEqual(['M54.16']);
  // the code the report lists stays the line's pointer
  expect(r.pointers).toEqual([[1]]);
  const differ = r.findings.find((f) => f.code === 'DX_CHARGE_REPORT_DIFFER');
  expect(differ).toMatchObject({ severity: 'error', autoFixable: false, field: 'procedures[0].diagnoses' });
  expect(differ!.message).toContain('M54.17');
});

test('a report and charges that agree: the report\'s diagnoses, the charge\'s pointers, no finding', () => {
  const r = choose(['M51.26', 'M54.16'], [{ cpt: '72148', diagnoses: ['M54.16'] }]);
  expect([r.source, r.diagnoses, r.pointers]).toEqual(['report', ['M51.26', 'M54.16'], [[2]]]);
  expect(r.findings).toEqual([]);
});

test('neither report nor charge diagnoses: the order\'s, with a warning (as before)', () => {
  const r = choose([], [{ cpt: '72148' }], ['M54.16']);
  expect([r.source, r.diagnoses, r.pointers]).toEqual(['order', ['M54.16'], [undefined]]);
  expect(codes(r.findings)).toEqual(['DX_FROM_ORDER@report.diagnoses']);
});

test('a charge diagnosis that is not billable is an error on that charge and is left off the claim', () => {
  const r = choose([], [{ cpt: '72148', diagnoses: ['M54.5', 'M54.16'] }]);
  expect(r.diagnoses).toEqual(['M54.16']);
  expect(r.findings).toContainEqual(expect.objectContaining({ code: 'ICD10_NOT_BILLABLE', severity: 'error', field: 'procedures[0].diagnoses[0]' }));
});

test('coded exam: the claim carries the charges\' diagnoses and each line its own pointers', () => {
  const procedure = (cpt: string, diagnoses: string[]): PerformedProcedure => ({ cpt, units: 1, modifiers: [], laterality: null, diagnoses });
  const input: CodeAndScrubInput = {
    examId: 'exam-dx',
    performed: { performedAt: `${DOS}T14:00:00Z`, placeOfService: '11', contrast: false, procedures: [procedure('72148', ['M54.16']), procedure('72040', ['M54.2', 'M50.20'])] },
    reportDiagnoses: [],
    orderDiagnoses: ['M54.50'],
    facility: { billingArrangement: 'global', placeOfService: '11' },
    payer: { id: 'commercial-a', payerType: 'commercial', timelyFilingDays: 180, riskWarningDays: 30 },
    orderingProviderNpi: '1234567893',
    renderingProviderNpi: '1987654328',
    today: '2025-03-20',
  };
  const [claim] = codeAndScrub(input, ref).claims;
  expect(claim!.diagnoses).toEqual(['M54.16', 'M54.2', 'M50.20']);
  expect(claim!.lines.map((l) => [l.cpt, l.diagnosisPointers])).toEqual([['72148', [1]], ['72040', [2, 3]]]);
});
