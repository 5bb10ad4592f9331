import { seedPayerPolicy } from '../../domain/policy';
import { type ApiHarness, bearer, startApiHarness } from '../support/api-harness';
import { ExamDriver } from '../support/exam-driver';

let h: ApiHarness;
let d: ExamDriver;

beforeAll(async () => {
  h = await startApiHarness();
  d = new ExamDriver(h);
});
afterAll(async () => h?.close());

interface Finding { code: string; severity: string; field: string; message: string; fix: string; autoFixed: boolean }
interface ClaimJson {
  status: string;
  scrubFindings: Finding[];
  scrub: { codedAt: string; dateOfService: string; referenceData: string[] } | null;
  documents: { kind: string; version: number; appealLevel: number | null; documentId: string; fileName: string; transactionType: string }[];
}

const get = (url: string, token = h.tokens.biller) => h.app.inject({ method: 'GET', url, headers: bearer(token) });

test('the scrubber\'s findings show on the coding-review task and on the claim, in full', async () => {
  const examId = await d.intake({ diagnoses: ['J18.9'] });
  await d.waitPhase(examId, 'awaiting_exam');
  await d.performed(examId);
  await d.report(examId, { diagnoses: ['J18.9'] });
  const listed = await d.openTask(examId, 'coding-review');
  const task = (await d.call('GET', `/v1/tasks/${listed.taskId}`, 'coder')).body as { context: { findings: string[]; scrubFindings: (Finding & { claim?: string })[] } };
  expect(task.context.findings).toContain('DX_NOT_SUPPORTED');
  const blocking = task.context.scrubFindings.find((f) => f.code === 'DX_NOT_SUPPORTED');
  expect(blocking).toMatchObject({ severity: 'error', autoFixed: false, claim: 'global' });
  expect(blocking!.field).toMatch(/diagnos/);
  expect(blocking!.message).toContain('72148');
  expect(blocking!.fix.length).toBeGreaterThan(10);

  await d.resolve(listed.taskId, 'coder', { action: 'correct', lines: [{ cpt: '72148', units: 1, modifiers: [], diagnosisPointers: [1] }], diagnoses: ['M54.16'] });
  const resolved = (await d.call('GET', `/v1/tasks/${listed.taskId}`, 'coder')).body as { status: string; context: { scrubFindings: Finding[] } };
  expect(resolved.status).toBe('resolved');
  expect(resolved.context.scrubFindings.map((f) => f.code)).toContain('DX_NOT_SUPPORTED');

  const billed = await d.waitPhase(examId, 'patient_balance');
  const claim = (await get(`/v1/claims/${billed.claims[0]!.claimId}`)).json<ClaimJson>();
  expect(claim.scrubFindings).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'DX_NOT_SUPPORTED', severity: 'error', autoFixed: false, message: blocking!.message, fix: blocking!.fix })]));
  expect(claim.scrub).toMatchObject({ dateOfService: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  expect(claim.scrub!.referenceData.some((v) => v.startsWith('ICD-10-CM'))).toBe(true);
  expect(claim.documents).toEqual([expect.objectContaining({ kind: 'claim', version: 1, appealLevel: null, transactionType: '837P' })]);
});

test('a clean claim shows no blocking finding', async () => {
  const examId = await d.intake();
  await d.waitPhase(examId, 'awaiting_exam');
  await d.performed(examId);
  await d.report(examId);
  const billed = await d.waitPhase(examId, 'patient_balance');
  const claim = (await get(`/v1/claims/${billed.claims[0]!.claimId}`)).json<ClaimJson>();
  expect(claim.scrub).not.toBeNull();
  expect(claim.scrubFindings.filter((f) => f.severity === 'error')).toEqual([]);
});

test('every file sent for a claim is listed with its kind; an appeal file comes back exactly as sent', async () => {
  // The payer takes appeals as replacement claims (its policy's vehicle): the appeal is an 837 file.
  const policy = structuredClone(seedPayerPolicy('medicare-b'));
  policy.appeals.levels[0] = { ...policy.appeals.levels[0]!, vehicle: 'replacement-claim' };
  expect((await h.app.inject({ method: 'PUT', url: '/v1/payers/medicare-b', headers: bearer(h.tokens.admin), payload: policy })).statusCode).toBe(200);
  const examId = await d.intake({ memberId: 'DENY50-7' });
  await d.waitPhase(examId, 'awaiting_exam');
  await d.performed(examId);
  await d.report(examId);
  await d.waitPhase(examId, 'appeal');
  const task = await d.openTask(examId, 'denial-work');
  expect((await d.resolve(task.taskId, 'biller', { action: 'appeal' })).status).toBe(200);
  const paid = await d.waitPhase(examId, 'patient_balance');
  const claimId = paid.claims[0]!.claimId;

  const claim = (await get(`/v1/claims/${claimId}`)).json<ClaimJson>();
  expect(claim.documents.map((x) => [x.kind, x.version, x.appealLevel])).toEqual([['claim', 1, null], ['appeal', 1, 1]]);
  const appeal = claim.documents[1]!;
  expect(appeal.fileName).toBe(`837P-${claimId}-v1-appeal1.x12`);

  const stored = await h.database.db.selectFrom('x12_documents').select(['raw', 'direction']).where('id', '=', appeal.documentId).executeTakeFirstOrThrow();
  expect(stored.direction).toBe('outbound');
  const file = await get(`/v1/claims/${claimId}/x12?appealLevel=1`);
  expect(file.statusCode).toBe(200);
  expect(file.headers['content-type']).toContain('application/edi-x12');
  expect(file.headers['content-disposition']).toContain(appeal.fileName);
  expect(file.body).toBe(stored.raw);
  expect(file.body).toMatch(/CLM\*[^~]*\*\d{2}:B:7\*/); // a replacement claim (frequency 7)
  expect((await get(`/v1/claims/${claimId}/x12?documentId=${appeal.documentId}`)).body).toBe(stored.raw);

  // The claim file itself is still the default answer, and each listed file is reachable by its id.
  const original = await get(`/v1/claims/${claimId}/x12`);
  expect(original.body).not.toBe(stored.raw);
  expect((await get(`/v1/claims/${claimId}/x12?documentId=${claim.documents[0]!.documentId}`)).body).toBe(original.body);

  expect((await get(`/v1/claims/${claimId}/x12?appealLevel=2`)).statusCode).toBe(404);
  expect((await get(`/v1/claims/${claimId}/x12?appealLevel=1&version=2`)).statusCode).toBe(404);
  expect((await get(`/v1/claims/${claimId}/x12?documentId=x12_000000000000000000000000`)).statusCode).toBe(404);
  expect((await get(`/v1/claims/${claimId}/x12?documentId=../etc`)).statusCode).toBe(400);
  expect((await get(`/v1/claims/${claimId}/x12?appealLevel=abc`)).statusCode).toBe(400);
  expect((await get(`/v1/claims/${claimId}/x12?version=0`)).statusCode).toBe(400);
  expect((await get(`/v1/claims/nope_%25_x/x12?appealLevel=1`)).statusCode).toBe(404);
});

test('a contrast mismatch a coder accepted stays on the claim as the error it was', async () => {
  const examId = await d.intake({ cpt: '70450', modality: 'CT', diagnoses: ['R51.9'] });
  await d.waitPhase(examId, 'awaiting_exam');
  await d.performed(examId, { contrast: true, procedures: [{ cpt: '70450', units: 1 }] });
  await d.report(examId, { diagnoses: ['R51.9'] });
  const task = await d.openTask(examId, 'coding-review');
  expect(task.context.findings).toContain('CONTRAST_MISMATCH');
  expect((await d.resolve(task.taskId, 'coder', { action: 'accept' })).status).toBe(200);
  const billed = await d.waitPhase(examId, 'patient_balance');
  const claim = (await get(`/v1/claims/${billed.claims[0]!.claimId}`)).json<ClaimJson>();
  expect(claim.scrubFindings).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'CONTRAST_MISMATCH', severity: 'error', autoFixed: false, field: 'procedures[0].cpt' })]));
});

test('each claim of a hospital outpatient exam shows the findings of its own coded claim', async () => {
  const examId = await d.intake({ cpt: '70450', modality: 'CT', diagnoses: ['R51.9'] });
  await d.waitPhase(examId, 'awaiting_exam');
  await d.performed(examId, { placeOfService: '22', procedures: [{ cpt: '70450', units: 1 }] });
  await d.report(examId, { diagnoses: ['R51.9'] });
  const billed = await d.waitFor(examId, (e) => e.claims.length === 2 && e.phase === 'patient_balance', 'two claims paid');
  for (const c of billed.claims) {
    const claim = (await get(`/v1/claims/${c.claimId}`)).json<ClaimJson & { kind: string; form: string }>();
    expect(claim.scrub).not.toBeNull();
    // the exam-wide finding (the global arrangement split for the hospital) is on both
    expect(claim.scrubFindings.map((f) => f.code)).toContain('GLOBAL_SPLIT_FOR_HOSPITAL');
    expect(claim.form).toBe(claim.kind === 'technical' ? '837I' : '837P');
  }
});
