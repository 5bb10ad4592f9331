import { randomBytes } from 'node:crypto';
import { bundledRefData } from '../../../activities/refdata/bundled-refdata';
import { sameDayLinesOfExam } from '../../../activities/same-day-lines';
import { rankImagingMppr } from '../../../domain/fee-schedule/mppr-ranking';
import { type ApiHarness, startApiHarness } from '../../support/api-harness';
import { ExamDriver, type ExamJson } from '../../support/exam-driver';
import { sampleIntake } from '../../support/intake-fixture';

let h: ApiHarness;
let d: ExamDriver;

beforeAll(async () => {
  h = await startApiHarness({ SAME_DAY_EDITS: 'true' });
  d = new ExamDriver(h);
});
afterAll(async () => h?.close());

const DAY = 86_400_000;

interface Patient {
  mrn: string;
  memberId: string;
  facilityId: string;
}

function newPatient(): Patient {
  const n = randomBytes(4).toString('hex').toUpperCase();
  return { mrn: `MRN-${n}`, memberId: `SD${n}`, facilityId: 'main' };
}

interface Proc {
  cpt: string;
  modifiers?: string[];
  units?: number;
}

interface ExamOpts {
  modality: 'MG' | 'CT' | 'MR' | 'DX' | 'US';
  diagnoses: string[];
  performedAt: string;
  contrast?: boolean;
}

/** One exam of the patient through the API: intake, performed at `performedAt`, final report; returns once coded. */
async function examOf(p: Patient, procs: Proc[], o: ExamOpts): Promise<{ examId: string; exam: ExamJson }> {
  const base = sampleIntake();
  const body = sampleIntake({
    facility: { ...base.facility, id: p.facilityId },
    patient: { ...base.patient, mrn: p.mrn },
    coverages: [{ payerId: 'medicare-b', memberId: p.memberId, relationship: 'self', order: 'primary' }],
    order: { ...base.order, modality: o.modality, procedures: procs.map((x) => ({ cpt: x.cpt })), diagnoses: o.diagnoses, scheduledAt: new Date((await d.now()) + 2 * DAY).toISOString() },
  });
  const res = await d.call('POST', '/v1/exams', 'integration', body);
  if (res.status !== 201) throw new Error(`intake failed: ${res.status} ${JSON.stringify(res.body)}`);
  const examId = res.body.examId as string;
  await d.waitPhase(examId, 'awaiting_exam');
  const performed = await d.performed(examId, {
    performedAt: o.performedAt,
    contrast: o.contrast ?? false,
    procedures: procs.map((x) => ({ cpt: x.cpt, units: x.units ?? 1, modifiers: x.modifiers ?? [] })),
  });
  expect(performed.status).toBe(200);
  await d.waitPhase(examId, 'awaiting_report');
  expect((await d.report(examId, { diagnoses: o.diagnoses })).status).toBe(200);
  const exam = await d.waitFor(examId, (e) => e.claims.length > 0 || e.openTasks.some((t) => t.type === 'coding-review'), 'coded: a claim or a coding review');
  return { examId, exam };
}

/** The X12 sent for the exam's first claim. */
async function x12Of(examId: string): Promise<string> {
  const e = await d.waitFor(examId, (x) => x.claims.length > 0, 'a claim');
  return d.sentX12(e.claims[0]!.claimId);
}

/** The finding codes of the exam's first claim, as `GET /v1/claims/{id}` shows them. */
async function claimFindings(examId: string): Promise<string[]> {
  const e = await d.waitFor(examId, (x) => x.claims.length > 0, 'a claim');
  const res = await d.call('GET', `/v1/claims/${e.claims[0]!.claimId}`, 'biller');
  expect(res.status).toBe(200);
  return (res.body.scrubFindings as { code: string }[]).map((f) => f.code);
}

async function reviewFindings(examId: string): Promise<string[]> {
  const task = await d.openTask(examId, 'coding-review');
  return task.context.findings as string[];
}

/** SV1 (837P) service lines: "77065:GG" for procedure 77065 with GG. */
function serviceLines(x12: string): string[] {
  return x12
    .split('~')
    .map((s) => s.trim())
    .filter((s) => s.startsWith('SV1*'))
    .map((s) => (s.split('*')[1] ?? '').split(':').slice(1).join(':'));
}

const earlierToday = async (): Promise<string> => new Date((await d.now()) - 60_000).toISOString();

test('same-day recall mammography on another accession gets GG', async () => {
  const p = newPatient();
  const at = await earlierToday();
  const screening = await examOf(p, [{ cpt: '77067' }], { modality: 'MG', diagnoses: ['Z12.31'], performedAt: at });
  expect(serviceLines(await x12Of(screening.examId))).toEqual(['77067']);
  const recall = await examOf(p, [{ cpt: '77065', modifiers: ['RT'] }], { modality: 'MG', diagnoses: ['N63.10'], performedAt: at });
  expect(recall.exam.openTasks.filter((t) => t.type === 'coding-review')).toEqual([]);
  expect(serviceLines(await x12Of(recall.examId))).toEqual(['77065:RT:GG']);
  expect(await claimFindings(recall.examId)).toContain('MAMMOGRAPHY_GG_ADDED_SAME_DAY');
});

test('same-day recall coded before the screening: the screening exam opens coding-review for the missing GG', async () => {
  const p = newPatient();
  const at = await earlierToday();
  const recall = await examOf(p, [{ cpt: '77065', modifiers: ['LT'] }], { modality: 'MG', diagnoses: ['N63.20'], performedAt: at });
  expect(serviceLines(await x12Of(recall.examId))).toEqual(['77065:LT']);
  const screening = await examOf(p, [{ cpt: '77067' }], { modality: 'MG', diagnoses: ['Z12.31'], performedAt: at });
  expect(screening.exam.claims).toEqual([]);
  expect(await reviewFindings(screening.examId)).toContain('MAMMOGRAPHY_GG_MISSING_OTHER_EXAM');
});

test('NCCI pair across accessions opens coding-review', async () => {
  const p = newPatient();
  const at = await earlierToday();
  const first = await examOf(p, [{ cpt: '71270' }], { modality: 'CT', diagnoses: ['C34.90'], performedAt: at, contrast: true });
  expect(serviceLines(await x12Of(first.examId))).toEqual(['71270']);
  const second = await examOf(p, [{ cpt: '71250' }], { modality: 'CT', diagnoses: ['C34.90'], performedAt: at });
  expect(second.exam.phase).toBe('coding');
  expect(second.exam.claims).toEqual([]);
  expect(await reviewFindings(second.examId)).toContain('NCCI_PTP_SAME_DAY_MODIFIER_REQUIRED');
});

test('order of arrival does not matter (the second exam coded sees the first)', async () => {
  const p = newPatient();
  const at = await earlierToday();
  const first = await examOf(p, [{ cpt: '71250' }], { modality: 'CT', diagnoses: ['C34.90'], performedAt: at });
  expect(serviceLines(await x12Of(first.examId))).toEqual(['71250']);
  const second = await examOf(p, [{ cpt: '71270' }], { modality: 'CT', diagnoses: ['C34.90'], performedAt: at, contrast: true });
  expect(second.exam.claims).toEqual([]);
  expect(await reviewFindings(second.examId)).toContain('NCCI_PTP_SAME_DAY_MODIFIER_REQUIRED');
});

test('NCCI pair across accessions with XE for a separate encounter goes out with XE and no review', async () => {
  const p = newPatient();
  const at = await earlierToday();
  await examOf(p, [{ cpt: '71270' }], { modality: 'CT', diagnoses: ['C34.90'], performedAt: at, contrast: true });
  const second = await examOf(p, [{ cpt: '71250', modifiers: ['XE'] }], { modality: 'CT', diagnoses: ['C34.90'], performedAt: at });
  expect(second.exam.openTasks.filter((t) => t.type === 'coding-review')).toEqual([]);
  expect(serviceLines(await x12Of(second.examId))).toEqual(['71250:XE']);
  const findings = await claimFindings(second.examId);
  expect(findings).not.toContain('DISTINCT_MODIFIER_UNNEEDED');
  expect(findings.filter((c) => c.startsWith('NCCI'))).toEqual([]);
});

test('NCCI modifier indicator 0 across accessions is refused even with XE', async () => {
  const p = newPatient();
  const at = await earlierToday();
  await examOf(p, [{ cpt: '76700' }], { modality: 'US', diagnoses: ['R10.9'], performedAt: at });
  const second = await examOf(p, [{ cpt: '76705', modifiers: ['XE'] }], { modality: 'US', diagnoses: ['R10.9'], performedAt: at });
  expect(second.exam.claims).toEqual([]);
  expect(await reviewFindings(second.examId)).toContain('NCCI_PTP_SAME_DAY_NOT_ALLOWED');
});

test('MUE MAI 3 counts the day\'s units across accessions', async () => {
  const p = newPatient();
  const at = await earlierToday();
  await examOf(p, [{ cpt: '72148' }], { modality: 'MR', diagnoses: ['M54.16'], performedAt: at });
  const repeat = await examOf(p, [{ cpt: '72148', modifiers: ['76'] }], { modality: 'MR', diagnoses: ['M54.16'], performedAt: at });
  const findings = await reviewFindings(repeat.examId);
  expect(findings).toContain('MUE_DOS_CLINICAL_EXCEEDED_SAME_DAY');
  expect(findings).not.toContain('DUPLICATE_SAME_DAY');
});

test('duplicate across accessions is refused', async () => {
  const p = newPatient();
  const at = await earlierToday();
  await examOf(p, [{ cpt: '71046' }], { modality: 'DX', diagnoses: ['R05.9'], performedAt: at });
  const dup = await examOf(p, [{ cpt: '71046' }], { modality: 'DX', diagnoses: ['R05.9'], performedAt: at });
  expect(dup.exam.claims).toEqual([]);
  expect(await reviewFindings(dup.examId)).toEqual(['DUPLICATE_SAME_DAY']);
});

test('repeat across accessions carries 76', async () => {
  const p = newPatient();
  const at = await earlierToday();
  await examOf(p, [{ cpt: '71046' }], { modality: 'DX', diagnoses: ['R05.9'], performedAt: at });
  const repeat = await examOf(p, [{ cpt: '71046', modifiers: ['76'] }], { modality: 'DX', diagnoses: ['R05.9'], performedAt: at });
  expect(repeat.exam.openTasks.filter((t) => t.type === 'coding-review')).toEqual([]);
  expect(serviceLines(await x12Of(repeat.examId))).toEqual(['71046:76']);
  expect((await claimFindings(repeat.examId)).filter((c) => c.includes('DUPLICATE') || c.startsWith('MUE'))).toEqual([]);
});

test('different patient same day is not an edit', async () => {
  const at = await earlierToday();
  await examOf(newPatient(), [{ cpt: '71046' }], { modality: 'DX', diagnoses: ['R05.9'], performedAt: at });
  const other = await examOf(newPatient(), [{ cpt: '71046' }], { modality: 'DX', diagnoses: ['R05.9'], performedAt: at });
  expect(serviceLines(await x12Of(other.examId))).toEqual(['71046']);
  expect((await claimFindings(other.examId)).filter((c) => c.endsWith('SAME_DAY'))).toEqual([]);
});

test('different day is not an edit', async () => {
  const p = newPatient();
  const at = await earlierToday();
  await examOf(p, [{ cpt: '71046' }], { modality: 'DX', diagnoses: ['R05.9'], performedAt: new Date(Date.parse(at) - DAY).toISOString() });
  const today = await examOf(p, [{ cpt: '71046' }], { modality: 'DX', diagnoses: ['R05.9'], performedAt: at });
  expect(serviceLines(await x12Of(today.examId))).toEqual(['71046']);
});

test('same member id at the same payer is the same patient at another facility: the duplicate is refused', async () => {
  const p = newPatient();
  const at = await earlierToday();
  await examOf(p, [{ cpt: '71046' }], { modality: 'DX', diagnoses: ['R05.9'], performedAt: at });
  const elsewhere = await examOf({ ...p, mrn: 'MRN-NORTH-1', facilityId: 'north' }, [{ cpt: '71046' }], { modality: 'DX', diagnoses: ['R05.9'], performedAt: at });
  expect(await reviewFindings(elsewhere.examId)).toEqual(['DUPLICATE_SAME_DAY']);
});

test('MPPR across accessions: the lower-priced MRI of the day shows the reduction on the claim', async () => {
  const p = newPatient();
  const at = await earlierToday();
  await examOf(p, [{ cpt: '70553' }], { modality: 'MR', diagnoses: ['G35'], performedAt: at, contrast: true });
  const spine = await examOf(p, [{ cpt: '72148' }], { modality: 'MR', diagnoses: ['M54.16'], performedAt: at });
  expect(spine.exam.openTasks.filter((t) => t.type === 'coding-review')).toEqual([]);
  expect(await claimFindings(spine.examId)).toContain('MPPR_SAME_DAY_REDUCED');
  // The expected payment ranks the day's lines the same way, from the stored lines.
  const day = await sameDayLinesOfExam(h.database.db, spine.examId);
  expect(day.own.map((l) => l.cpt)).toEqual(['72148']);
  expect(day.others.map((e) => e.lines.map((l) => l.cpt))).toEqual([['70553']]);
  const lines = [...day.own.map((l) => ({ ...l, ref: 'own' })), ...day.others.flatMap((e) => e.lines.map((l) => ({ ...l, ref: e.examRef })))];
  const ranks = rankImagingMppr(lines.map((l) => ({ ref: l.ref, cpt: l.cpt, component: '' as const, units: l.units })), bundledRefData(), Number(at.slice(0, 4)));
  expect(ranks.find((r) => r.tc?.highest)?.ref).toBe(day.others[0]!.examRef);
  expect(ranks.find((r) => r.ref === 'own')?.tc).toMatchObject({ highest: false, percent: 50 });
});

test('a cancelled exam of the day no longer counts: the repeat after a cancelled duplicate goes out with 76', async () => {
  const p = newPatient();
  const at = await earlierToday();
  await examOf(p, [{ cpt: '71046' }], { modality: 'DX', diagnoses: ['R05.9'], performedAt: at });
  const dup = await examOf(p, [{ cpt: '71046' }], { modality: 'DX', diagnoses: ['R05.9'], performedAt: at });
  expect(await reviewFindings(dup.examId)).toEqual(['DUPLICATE_SAME_DAY']);
  expect((await d.call('POST', `/v1/exams/${dup.examId}/cancel`, 'front_desk', { reason: 'duplicate order' })).status).toBe(200);
  await d.waitPhase(dup.examId, 'cancelled');
  // Two 71046 a day (MUE 2): counted with the cancelled exam's, the repeat would be a third.
  const repeat = await examOf(p, [{ cpt: '71046', modifiers: ['76'] }], { modality: 'DX', diagnoses: ['R05.9'], performedAt: at });
  expect(repeat.exam.openTasks.filter((t) => t.type === 'coding-review')).toEqual([]);
  expect(serviceLines(await x12Of(repeat.examId))).toEqual(['71046:76']);
});

test('the same-day table keeps the patient as keyed hashes only', async () => {
  const rows = await h.database.db.selectFrom('same_day_lines').selectAll().execute();
  expect(rows.length).toBeGreaterThan(0);
  const text = JSON.stringify(rows);
  expect(text).not.toMatch(/MRN-|"SD[0-9A-F]{8}"/);
  for (const r of rows) for (const k of r.patient_keys) expect(k).toMatch(/^[0-9a-f]{64}$/);
});
