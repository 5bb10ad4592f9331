import { randomBytes } from 'node:crypto';
import { putBillingEntity, putFacility } from '../../../db/repositories/organisations';
import { BillingEntitySchema, FacilitySchema } from '../../../domain/organisations/organisations';
import { type ApiHarness, bearer, startApiHarness } from '../../support/api-harness';
import { type ExamJson, ExamDriver } from '../../support/exam-driver';
import { sampleIntake } from '../../support/intake-fixture';
import { REPLAY_CONFIG } from '../../replay/replay-key';

/**
 * Which claims an exam produces, on which form, with which modifiers and date of service: driven through the
 * exam workflow (intake, performed, report) and read back from the X12 actually sent for each claim.
 */

let h: ApiHarness;
let d: ExamDriver;

beforeAll(async () => {
  h = await startApiHarness(REPLAY_CONFIG);
  d = new ExamDriver(h);
});
afterAll(async () => h?.close());

const DAY = 86_400_000;

interface Sent {
  claimId: string;
  kind: string;
  form: string;
  /** the 837's service lines as "CPT-MOD-MOD" */
  lines: string[];
  /** the line dates of service (DTP*472), YYYYMMDD */
  lineDates: string[];
  x12: string;
  documents: number;
  scrubFindings: { code: string; severity: string }[];
}

interface ExamSetup {
  arrangement?: 'global' | 'split' | 'professional' | 'technical';
  pos?: string;
  facilityId?: string;
  payerId?: string;
  modality?: 'MR' | 'CT' | 'DX' | 'NM' | 'MG' | 'US';
  procedures: Record<string, unknown>[];
  diagnoses: string[];
  contrast?: boolean;
  performedAt?: string;
}

function serviceLines(x12: string): string[] {
  return x12
    .split('~')
    .map((s) => s.trim())
    .filter((s) => s.startsWith('SV1*') || s.startsWith('SV2*'))
    .map((s) => {
      const e = s.split('*');
      const composite = (s.startsWith('SV1*') ? e[1] : e[2]) ?? '';
      return composite.split(':').slice(1).join('-');
    });
}

const lineDates = (x12: string): string[] => x12.split('~').map((s) => s.trim()).filter((s) => s.startsWith('DTP*472*D8*')).map((s) => s.split('*')[3]!);

async function startExam(setup: ExamSetup): Promise<string> {
  const now = await d.now();
  const base = sampleIntake();
  const body = sampleIntake({
    facility: { id: setup.facilityId ?? 'main', billingArrangement: setup.arrangement ?? 'global', placeOfService: setup.pos ?? '11' },
    coverages: [{ payerId: setup.payerId ?? 'medicare-b', memberId: '1EG4TE5MK73', relationship: 'self', order: 'primary' }],
    order: { ...base.order, modality: setup.modality ?? 'CT', procedures: setup.procedures.map((p) => ({ cpt: p.cpt as string })), diagnoses: setup.diagnoses, scheduledAt: new Date(now + 2 * DAY).toISOString() },
  });
  const res = await d.call('POST', '/v1/exams', 'integration', body);
  if (res.status !== 201) throw new Error(`intake failed: ${res.status} ${JSON.stringify(res.body)}`);
  const examId = res.body.examId as string;
  await d.waitPhase(examId, 'awaiting_exam');
  const performed = await d.performed(examId, {
    placeOfService: setup.pos ?? '11',
    contrast: setup.contrast ?? false,
    procedures: setup.procedures.map((p) => ({ units: 1, ...p })),
    ...(setup.performedAt ? { performedAt: setup.performedAt } : {}),
  });
  if (performed.status >= 300) throw new Error(`performed refused: ${performed.status} ${JSON.stringify(performed.body)}`);
  await d.report(examId, { diagnoses: setup.diagnoses });
  return examId;
}

/** The exam, once every claim it sends is sent and answered (or once it waits for a coder). */
async function billed(examId: string): Promise<{ exam: ExamJson; claims: Sent[] }> {
  const exam = await d.waitFor(examId, (e) => ['patient_balance', 'closed', 'adjudication', 'appeal'].includes(e.phase) || e.openTasks.some((t) => t.type === 'coding-review'), 'billed or in coding review');
  const list = (await h.app.inject({ method: 'GET', url: `/v1/claims?examId=${examId}`, headers: bearer(h.tokens.biller) })).json<{ items: { claimId: string; kind: string; form: string }[] }>();
  const claims: Sent[] = [];
  for (const c of list.items) {
    const x12 = (await h.app.inject({ method: 'GET', url: `/v1/claims/${c.claimId}/x12`, headers: bearer(h.tokens.biller) })).body;
    const detail = (await h.app.inject({ method: 'GET', url: `/v1/claims/${c.claimId}`, headers: bearer(h.tokens.biller) })).json<{ documents: unknown[]; scrubFindings: { code: string; severity: string }[] }>();
    claims.push({ claimId: c.claimId, kind: c.kind, form: c.form, lines: serviceLines(x12), lineDates: lineDates(x12), x12, documents: detail.documents.length, scrubFindings: detail.scrubFindings });
  }
  return { exam, claims: claims.sort((a, b) => a.kind.localeCompare(b.kind)) };
}

const shape = (claims: Sent[]) => claims.map((c) => ({ kind: c.kind, form: c.form, lines: c.lines }));

test('hospital outpatient global: technical 837I by the hospital and professional -26 837P, each its own claim sent once', async () => {
  const examId = await startExam({ arrangement: 'global', pos: '22', procedures: [{ cpt: '70450' }], diagnoses: ['R51.9'] });
  const { exam, claims } = await billed(examId);
  expect(exam.openTasks.filter((t) => t.type === 'coding-review')).toEqual([]);
  expect(shape(claims)).toEqual([
    { kind: 'professional', form: '837P', lines: ['70450-26'] },
    { kind: 'technical', form: '837I', lines: ['70450'] },
  ]);
  expect(claims[0]!.x12).toContain('005010X222A1');
  expect(claims[1]!.x12).toContain('005010X223A2');
  expect(new Set(claims.map((c) => c.claimId)).size).toBe(2);
  expect(claims.map((c) => c.documents)).toEqual([1, 1]);
  await d.record(examId, 'hospital-outpatient-global-claims-from-coding');
});

test('hospital outpatient split: technical 837I by the hospital, -26 837P by the reading group', async () => {
  const examId = await startExam({ arrangement: 'split', pos: '19', procedures: [{ cpt: '70450' }], diagnoses: ['R51.9'] });
  const { claims } = await billed(examId);
  expect(shape(claims)).toEqual([
    { kind: 'professional', form: '837P', lines: ['70450-26'] },
    { kind: 'technical', form: '837I', lines: ['70450'] },
  ]);
});

test('office split with a PC/TC 1 code: -TC and -26 on two claims, each sent once', async () => {
  const examId = await startExam({ arrangement: 'split', pos: '11', procedures: [{ cpt: '70450' }], diagnoses: ['R51.9'] });
  const { claims } = await billed(examId);
  expect(shape(claims)).toEqual([
    { kind: 'professional', form: '837P', lines: ['70450-26'] },
    { kind: 'technical', form: '837P', lines: ['70450-TC'] },
  ]);
  expect(claims.map((c) => c.documents)).toEqual([1, 1]);
});

test('split with a PC/TC 3 (technical-only) code: billed once, on the technical claim only', async () => {
  const examId = await startExam({ arrangement: 'split', pos: '11', modality: 'DX', procedures: [{ cpt: '77090' }], diagnoses: ['M81.0'] });
  const { exam, claims } = await billed(examId);
  expect(shape(claims)).toEqual([{ kind: 'technical', form: '837P', lines: ['77090'] }]);
  expect(exam.claims).toHaveLength(1);
  expect(claims[0]!.documents).toBe(1);
  expect(exam.openTasks.filter((t) => t.type === 'coding-review')).toEqual([]);
});

test('PC/TC 0 physician procedure in a professional arrangement: billed whole by the physician, no component error', async () => {
  const examId = await startExam({ arrangement: 'professional', pos: '22', modality: 'DX', procedures: [{ cpt: '70010' }], diagnoses: ['M54.16'] });
  const { exam, claims } = await billed(examId);
  expect(exam.openTasks.filter((t) => t.type === 'coding-review')).toEqual([]);
  expect(shape(claims)).toEqual([{ kind: 'professional', form: '837P', lines: ['70010'] }]);
  expect(claims[0]!.scrubFindings.map((f) => f.code)).not.toContain('PCTC_NOT_PROFESSIONAL');
});

test('inpatient (POS 21) technical service not billed: only the -26, with the warning on the claim', async () => {
  const examId = await startExam({ arrangement: 'split', pos: '21', procedures: [{ cpt: '70450' }], diagnoses: ['R51.9'] });
  const { claims } = await billed(examId);
  expect(shape(claims)).toEqual([{ kind: 'professional', form: '837P', lines: ['70450-26'] }]);
  expect(claims[0]!.scrubFindings).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'INPATIENT_TECHNICAL_NOT_BILLED', severity: 'warning' })]));
});

test('contrast mismatch opens coding-review: contrast given but a without-contrast code billed, nothing sent', async () => {
  const examId = await startExam({ contrast: true, procedures: [{ cpt: '70450' }], diagnoses: ['R51.9'] });
  const task = await d.openTask(examId, 'coding-review');
  expect(task.context.findings).toContain('CONTRAST_MISMATCH');
  const { exam, claims } = await billed(examId);
  expect(exam.phase).toBe('coding');
  expect(claims).toEqual([]);
});

test('per-procedure contrast: a with-contrast code recorded as given without contrast opens coding-review', async () => {
  const examId = await startExam({ procedures: [{ cpt: '70460', contrast: 'none' }], diagnoses: ['R51.9'] });
  const task = await d.openTask(examId, 'coding-review');
  expect(task.context.findings).toContain('CONTRAST_MISMATCH');
});

test('distinct encounter with per-procedure contrast: without-then-with and a separate non-contrast CT, XE for Medicare', async () => {
  const examId = await startExam({
    pos: '11',
    procedures: [{ cpt: '70470', contrast: 'without-then-with' }, { cpt: '70450', contrast: 'none', distinct: 'separate-encounter' }],
    diagnoses: ['I63.9'],
  });
  const { exam, claims } = await billed(examId);
  expect(exam.openTasks.filter((t) => t.type === 'coding-review')).toEqual([]);
  expect(shape(claims)).toEqual([{ kind: 'global', form: '837P', lines: ['70470', '70450-XE'] }]);
});

test('ABN signed: GA on the line and the claim goes out (no ABN_NOT_ON_FILE)', async () => {
  const examId = await startExam({ procedures: [{ cpt: '71250', abn: { signed: true, option: '1' } }], diagnoses: ['M54.50'] });
  const { exam, claims } = await billed(examId);
  expect(exam.openTasks.filter((t) => t.type === 'coding-review')).toEqual([]);
  expect(shape(claims)).toEqual([{ kind: 'global', form: '837P', lines: ['71250-GA'] }]);
  expect(claims[0]!.scrubFindings.map((f) => f.code)).not.toContain('ABN_NOT_ON_FILE');
});

test('ABN signed and GA sent by the RIS: accepted as sent', async () => {
  const examId = await startExam({ procedures: [{ cpt: '71250', modifiers: ['GA'], abn: { signed: true } }], diagnoses: ['M54.50'] });
  const { exam, claims } = await billed(examId);
  expect(exam.openTasks.filter((t) => t.type === 'coding-review')).toEqual([]);
  expect(shape(claims)).toEqual([{ kind: 'global', form: '837P', lines: ['71250-GA'] }]);
});

test('no ABN for a service Medicare is expected to deny: GZ', async () => {
  const examId = await startExam({ procedures: [{ cpt: '71250', abn: { signed: false } }], diagnoses: ['M54.50'] });
  const { exam, claims } = await billed(examId);
  expect(exam.openTasks.filter((t) => t.type === 'coding-review')).toEqual([]);
  expect(shape(claims)).toEqual([{ kind: 'global', form: '837P', lines: ['71250-GZ'] }]);
});

test('ABN option 2 (do not bill Medicare): coding-review, nothing sent', async () => {
  const examId = await startExam({ procedures: [{ cpt: '71250', abn: { signed: true, option: '2' } }], diagnoses: ['M54.50'] });
  const task = await d.openTask(examId, 'coding-review');
  expect(task.context.findings).toContain('ABN_OPTION_2_DO_NOT_BILL');
});

test('repeat by the same physician: 76 on the second line', async () => {
  const examId = await startExam({ modality: 'DX', procedures: [{ cpt: '71045' }, { cpt: '71045', repeat: 'same-physician' }], diagnoses: ['J18.9'] });
  const { claims } = await billed(examId);
  expect(shape(claims)).toEqual([{ kind: 'global', form: '837P', lines: ['71045', '71045-76'] }]);
});

test('reduced service: 52 on the line', async () => {
  const examId = await startExam({ modality: 'MR', procedures: [{ cpt: '72148', reduced: true }], diagnoses: ['M54.16'] });
  const { claims } = await billed(examId);
  expect(shape(claims)).toEqual([{ kind: 'global', form: '837P', lines: ['72148-52'] }]);
});

/** The latest 01:30 UTC before now: 19:30 (CST) or 20:30 (CDT) the day before in Chicago. */
async function eveningInChicago(): Promise<{ performedAt: string; utcDate: string; chicagoDate: string }> {
  const now = new Date((await d.now()) - DAY);
  const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 1, 30));
  const chicago = new Date(at.getTime() - DAY);
  const ymd = (x: Date) => x.toISOString().slice(0, 10).replace(/-/g, '');
  return { performedAt: at.toISOString(), utcDate: ymd(at), chicagoDate: ymd(chicago) };
}

test('evening exam keeps its local date of service (facility in America/Chicago)', async () => {
  const facilityId = `chicago-${randomBytes(3).toString('hex')}`;
  // A facility set up names the entity that bills there.
  await putBillingEntity(h.database.db, BillingEntitySchema.parse({
    id: `${facilityId}-llc`, name: 'Lakeside Imaging LLC', npi: '1234567893', tin: '371234567', taxonomy: '261QR0200X', kind: 'imaging-center',
    address: { line1: '200 Lake St', city: 'Chicago', state: 'IL', postalCode: '606011234' },
  }), 'test');
  await putFacility(h.database.db, FacilitySchema.parse({
    id: facilityId, name: 'Lakeside Imaging', placeOfService: '11', timeZone: 'America/Chicago', billing: { global: { technical: `${facilityId}-llc` } },
    address: { line1: '200 Lake St', city: 'Chicago', state: 'IL', postalCode: '60601' },
  }), 'test');
  const evening = await eveningInChicago();
  const examId = await startExam({ facilityId, modality: 'MR', performedAt: evening.performedAt, procedures: [{ cpt: '72148' }], diagnoses: ['M54.16'] });
  const { claims } = await billed(examId);
  expect(claims).toHaveLength(1);
  expect(claims[0]!.lineDates).toEqual([evening.chicagoDate]);
});

test('a facility without a record keeps the UTC date of service', async () => {
  const evening = await eveningInChicago();
  const examId = await startExam({ facilityId: `nowhere-${randomBytes(3).toString('hex')}`, modality: 'MR', performedAt: evening.performedAt, procedures: [{ cpt: '72148' }], diagnoses: ['M54.16'] });
  const { claims } = await billed(examId);
  expect(claims[0]!.lineDates).toEqual([evening.utcDate]);
});

test('a performed procedure that ends before it starts is refused with 400', async () => {
  const examId = await startExam({ procedures: [{ cpt: '70450' }], diagnoses: ['R51.9'] }).catch(() => undefined);
  expect(examId).toBeDefined();
  const now = new Date(await d.now()).toISOString();
  const res = await d.call('POST', `/v1/exams/${examId}/performed`, 'integration', {
    performedAt: now, placeOfService: '11', contrast: false,
    procedures: [{ cpt: '70450', startedAt: now, endedAt: new Date(Date.parse(now) - 60_000).toISOString() }],
  });
  expect(res.status).toBe(400);
});

test('split exam corrected by a coder: a PC/TC 3 code stays on the technical claim only, the PC/TC 1 code keeps TC and 26', async () => {
  const examId = await startExam({ arrangement: 'split', contrast: true, procedures: [{ cpt: '77090' }, { cpt: '70450' }], diagnoses: ['M81.0', 'R51.9'] });
  const task = await d.openTask(examId, 'coding-review');
  expect(task.context.findings).toContain('CONTRAST_MISMATCH');
  const resolved = await d.resolve(task.taskId, 'coder', {
    action: 'correct',
    lines: [{ cpt: '77090', units: 1, modifiers: [], diagnosisPointers: [1] }, { cpt: '70450', units: 1, modifiers: [], diagnosisPointers: [2] }],
    diagnoses: ['M81.0', 'R51.9'],
  });
  expect(resolved.status).toBe(200);
  const { claims } = await billed(examId);
  expect(shape(claims)).toEqual([
    { kind: 'professional', form: '837P', lines: ['70450-26'] },
    { kind: 'technical', form: '837P', lines: ['77090', '70450-TC'] },
  ]);
});
