import { bundledRefData } from '../../../activities/refdata/bundled-refdata';
import { addDays } from '../../../domain/ledger';
import { seedPayerPolicy } from '../../../domain/policy';
import { respondToClaimFile } from '../../../domain/sandbox-payer';
import { parse835 } from '../../../domain/x12';
import { REPLAY_CONFIG } from '../../replay/replay-key';
import { type ApiHarness, bearer } from '../../support/api-harness';
import { startApiHarnessOnOwnServer } from '../../support/own-test-server';
import { ExamDriver, type ExamJson, type TaskJson } from '../../support/exam-driver';

let h: ApiHarness;
let d: ExamDriver;

beforeAll(async () => {
  // A server of its own: the 835 is dated by the payer's clock, which a shared server moved on by other files would not match.
  h = await startApiHarnessOnOwnServer(REPLAY_CONFIG);
  d = new ExamDriver(h);
});
afterAll(async () => h?.close());

interface AppealRequestJson { level: number; levelName: string; vehicle: string; form: string | null; documentId: string; remittanceDate: string; deadline: string; disputedCents: number; status: string; href: string }
interface ClaimJson {
  submissions: { version: number; frequency: string }[];
  documents: { kind: string; appealLevel: number | null }[];
  history: { status: string; source: string; note: string | null }[];
  appealRequests: AppealRequestJson[];
}

/** The appeal level the claim reached (the exam view shows it). */
const levelOf = (e: ExamJson): number => (e.claims[0] as unknown as { appealLevel: number }).appealLevel;

/** A chest X-ray (no prior authorization with any payer): cheap, below the ALJ amount in controversy. */
const CHEST = { cpt: '71046', modality: 'DX' as const, diagnoses: ['R05.9'] };

/** An exam performed and reported, whose claim the sandbox payer denies (member DENY<carc>...): its denial-work task. */
async function deniedExam(opts: { payerId: string; memberId: string; cpt?: string; modality?: 'MR' | 'CT' | 'DX'; diagnoses?: string[] }): Promise<{ examId: string; claimId: string; task: TaskJson }> {
  const examId = await d.intake(opts);
  await d.waitPhase(examId, 'awaiting_exam');
  expect((await d.performed(examId, { procedures: [{ cpt: opts.cpt ?? '72148', units: 1 }] })).status).toBe(200);
  expect((await d.report(examId, { diagnoses: opts.diagnoses ?? ['M54.16'] })).status).toBe(200);
  const denied = await d.waitFor(examId, (e) => e.claims[0]?.status === 'denied' && e.openTasks.some((t) => t.type === 'denial-work'), 'claim denied');
  return { examId, claimId: denied.claims[0]!.claimId, task: await d.openTask(examId, 'denial-work') };
}

async function claim(claimId: string): Promise<ClaimJson> {
  const res = await d.call('GET', `/v1/claims/${claimId}`, 'biller');
  expect(res.status).toBe(200);
  return res.body as unknown as ClaimJson;
}

/** The PDF of an appeal request, as stored: its title (PDF Info) names the vehicle and form. */
async function pdf(href: string): Promise<string> {
  const res = await h.app.inject({ method: 'GET', url: href, headers: bearer(h.tokens.biller) });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain('application/pdf');
  return res.rawPayload.toString('latin1');
}

/** The 835 date of the sandbox's answers: the test server's date when it adjudicated. */
async function today(): Promise<string> {
  return new Date(await d.now()).toISOString().slice(0, 10);
}

test('Medicare redetermination letter generated, not an 837', async () => {
  const { examId, claimId, task } = await deniedExam({ payerId: 'medicare-b', memberId: 'DENY50-R1' });
  expect(task.context).toMatchObject({ carc: '50', nextAppealLevel: 1, appealVehicle: 'redetermination-request', appealForm: 'CMS-20027', appealRights: true });
  expect((await d.resolve(task.taskId, 'biller', { action: 'appeal' })).status).toBe(200);
  const paid = await d.waitFor(examId, (e) => e.claims[0]?.status === 'paid', 'paid on redetermination');
  expect(paid.claims[0]).toMatchObject({ appealLevel: 1, version: 1 });
  const c = await claim(claimId);
  // Only the original 837 went out: the appeal is a written request, not a frequency-7 claim.
  expect(c.submissions.map((s) => [s.version, s.frequency])).toEqual([[1, '1']]);
  expect(c.documents.filter((x) => x.kind === 'appeal')).toEqual([]);
  expect(c.appealRequests).toEqual([expect.objectContaining({ level: 1, vehicle: 'redetermination-request', form: 'CMS-20027', status: 'filed' })]);
  expect(c.history.some((x) => x.status === 'appealed' && x.note?.includes('redetermination-request (CMS-20027)'))).toBe(true);
  const bytes = await pdf(c.appealRequests[0]!.href);
  expect(bytes.startsWith('%PDF')).toBe(true);
  expect(bytes).toContain('Medicare Redetermination Request');
  expect(bytes).toContain('CMS-20027');
  const closed = (await d.tasks(examId)).find((t) => t.taskId === task.taskId)!;
  expect(closed.context.appealFiled).toMatchObject({ vehicle: 'redetermination-request', documentId: c.appealRequests[0]!.documentId });
  await d.record(examId, 'appeal-vehicle-redetermination');
});

test('redetermination deadline 120 days from the remittance date', async () => {
  const { examId, task } = await deniedExam({ payerId: 'medicare-b', memberId: 'DENY50-R2' });
  const remitted = await today();
  expect(task.context).toMatchObject({ remittanceDate: remitted, appealDeadlineDate: addDays(remitted, 120), appealDeadline: `${addDays(remitted, 120)}T23:59:59.000Z` });
  // The warning timer: the policy's 21 days before that deadline.
  const exam = await d.exam(examId);
  const timer = exam.nextTimers.find((t) => t.kind === 'appeal-deadline');
  expect(timer?.dueAt).toBe(new Date(Date.parse(`${addDays(remitted, 120)}T23:59:59.000Z`) - 21 * 86_400_000).toISOString());
});

test('reconsideration after an upheld redetermination', async () => {
  const { examId, claimId, task } = await deniedExam({ payerId: 'medicare-b', memberId: 'DENY50-UPHELD1' });
  expect((await d.resolve(task.taskId, 'biller', { action: 'appeal' })).status).toBe(200);
  // The MAC upholds: a new 835 denies again, and the next level is the QIC's reconsideration, 180 days from it.
  const again = await d.waitFor(examId, (e) => e.claims[0]?.status === 'denied' && levelOf(e) === 1 && e.openTasks.some((t) => t.type === 'denial-work'), 'redetermination upheld');
  expect(levelOf(again)).toBe(1);
  const second = await d.openTask(examId, 'denial-work');
  expect(second.taskId).not.toBe(task.taskId);
  const upheldOn = second.context.remittanceDate as string;
  expect(second.context).toMatchObject({
    nextAppealLevel: 2, appealVehicle: 'reconsideration-request', appealForm: 'CMS-20033', appealDeadlineDate: addDays(upheldOn, 180),
    previousAppeals: [expect.objectContaining({ level: 1, vehicle: 'redetermination-request' })],
  });
  expect((await d.resolve(second.taskId, 'biller', { action: 'appeal' })).status).toBe(200);
  await d.waitFor(examId, (e) => e.claims[0]?.status === 'paid', 'paid on reconsideration');
  const c = await claim(claimId);
  expect(c.appealRequests.map((a) => [a.level, a.vehicle, a.form])).toEqual([[1, 'redetermination-request', 'CMS-20027'], [2, 'reconsideration-request', 'CMS-20033']]);
  expect(await pdf(c.appealRequests[1]!.href)).toContain('Medicare Reconsideration Request');
  expect(c.submissions).toHaveLength(1);
  await d.record(examId, 'appeal-vehicle-reconsideration');
});

test('ALJ below the amount in controversy refused', async () => {
  const { examId, task } = await deniedExam({ payerId: 'medicare-b', memberId: 'DENY50-UPHELD2', ...CHEST });
  expect((await d.resolve(task.taskId, 'biller', { action: 'appeal' })).status).toBe(200);
  await d.waitFor(examId, (e) => e.claims[0]?.status === 'denied' && levelOf(e) === 1 && e.openTasks.some((t) => t.type === 'denial-work'), 'redetermination upheld');
  const second = await d.openTask(examId, 'denial-work');
  expect((await d.resolve(second.taskId, 'biller', { action: 'appeal' })).status).toBe(200);
  await d.waitFor(examId, (e) => e.claims[0]?.status === 'denied' && levelOf(e) === 2 && e.openTasks.some((t) => t.type === 'denial-work'), 'reconsideration upheld');
  const third = await d.openTask(examId, 'denial-work');
  const aic = third.context.amountInControversyCents as number;
  expect(aic).toBeGreaterThan(0);
  expect(aic).toBeLessThan(20_000);
  expect(third.context).toMatchObject({ appealBlocked: 'below-amount-in-controversy', nextAppealLevel: null });
  const refused = await d.resolve(third.taskId, 'biller', { action: 'appeal' });
  expect(refused.status).toBe(422);
  expect(JSON.stringify(refused.body)).toContain('below the $200.00');
  // Nothing was filed; the biller can still write the claim off.
  expect((await d.exam(examId)).openTasks.some((t) => t.taskId === third.taskId)).toBe(true);
});

test('commercial appeal letter', async () => {
  const { examId, claimId, task } = await deniedExam({ payerId: 'commercial-a', memberId: 'DENY50-C1', ...CHEST });
  const remitted = await today();
  expect(task.context).toMatchObject({ appealVehicle: 'appeal-letter', appealForm: null, appealLevelName: 'first-level appeal', appealDeadlineDate: addDays(remitted, 180) });
  expect((await d.resolve(task.taskId, 'biller', { action: 'appeal' })).status).toBe(200);
  await d.waitFor(examId, (e) => e.claims[0]?.status === 'paid', 'paid on appeal');
  const c = await claim(claimId);
  expect(c.appealRequests).toEqual([expect.objectContaining({ level: 1, vehicle: 'appeal-letter', deadline: addDays(remitted, 180) })]);
  expect(c.documents.filter((x) => x.kind === 'appeal')).toEqual([]);
  expect(await pdf(c.appealRequests[0]!.href)).toContain('Request for Appeal');
});

test('Medicare Advantage appeal per its policy', async () => {
  const { examId, claimId, task } = await deniedExam({ payerId: 'medicare-advantage', memberId: 'DENY50-MA1', ...CHEST });
  const remitted = await today();
  // A plan reconsideration within 65 days, as a written request to the plan (never Medicare's MAC forms).
  expect(task.context).toMatchObject({ appealVehicle: 'appeal-letter', appealLevelName: 'plan reconsideration', appealDeadlineDate: addDays(remitted, 65), reopening: null });
  expect((await d.resolve(task.taskId, 'biller', { action: 'appeal' })).status).toBe(200);
  await d.waitFor(examId, (e) => e.claims[0]?.status === 'paid', 'paid on reconsideration');
  const c = await claim(claimId);
  expect(c.appealRequests).toEqual([expect.objectContaining({ levelName: 'plan reconsideration', vehicle: 'appeal-letter', form: null })]);
});

test('CO-16 MA130 offers no appeal', async () => {
  const { examId, claimId, task } = await deniedExam({ payerId: 'medicare-b', memberId: 'DENY16-U1' });
  expect(task.context).toMatchObject({ carc: '16', remarkCodes: ['MA130'], appealRights: false, appealBlocked: 'no-appeal-rights', nextAppealLevel: null, appealDeadline: null, recommendedAction: 'resubmit-as-new-claim' });
  // No appeal deadline to watch.
  expect((await d.exam(examId)).nextTimers.some((t) => t.kind === 'appeal-deadline')).toBe(false);
  const refused = await d.resolve(task.taskId, 'biller', { action: 'appeal' });
  expect(refused.status).toBe(422);
  expect(JSON.stringify(refused.body)).toContain('no appeal rights');
  // Nor as a reopening.
  expect((await d.resolve(task.taskId, 'biller', { action: 'appeal', clericalError: true })).status).toBe(422);
  expect((await claim(claimId)).appealRequests).toEqual([]);
  expect((await d.exam(examId)).openTasks.some((t) => t.taskId === task.taskId)).toBe(true);
  await d.record(examId, 'appeal-vehicle-no-appeal-rights');
});

test('clerical error goes as a reopening', async () => {
  const { examId, claimId, task } = await deniedExam({ payerId: 'medicare-b', memberId: 'DENY50-RO1' });
  const remitted = await today();
  expect(task.context).toMatchObject({ reopening: { vehicle: 'reopening-request', deadlineDate: addDays(remitted, 365) } });
  expect((await d.resolve(task.taskId, 'biller', { action: 'appeal', clericalError: true })).status).toBe(200);
  const paid = await d.waitFor(examId, (e) => e.claims[0]?.status === 'paid', 'paid on reopening');
  // A reopening is not an appeal level: the redetermination is still open to the claim.
  expect(levelOf(paid)).toBe(0);
  const c = await claim(claimId);
  expect(c.appealRequests).toEqual([expect.objectContaining({ level: 0, vehicle: 'reopening-request', deadline: addDays(remitted, 365) })]);
  expect(await pdf(c.appealRequests[0]!.href)).toContain('Reopening Request');
  expect(c.submissions).toHaveLength(1);
});

test('a payer without reopenings takes a clerical error as a corrected claim, not a reopening', async () => {
  const { task } = await deniedExam({ payerId: 'commercial-a', memberId: 'DENY50-RO2', ...CHEST });
  expect(task.context).toMatchObject({ reopening: null });
  const refused = await d.resolve(task.taskId, 'biller', { action: 'appeal', clericalError: true });
  expect(refused.status).toBe(422);
  expect(JSON.stringify(refused.body)).toContain('corrected claim');
});

test('appeal deadline counted from the 835 date not the posting date', async () => {
  const examId = await d.intake({ memberId: 'NORESP01' });
  await d.waitPhase(examId, 'awaiting_exam');
  await d.performed(examId);
  await d.report(examId);
  const waiting = await d.waitPhase(examId, 'adjudication');
  const claimId = waiting.claims[0]!.claimId;
  // The payer's denial is dated 40 days before it reaches us (a paper remittance keyed in late).
  const posted = await today();
  const decided = addDays(posted, -40);
  const x12 = (await h.app.inject({ method: 'GET', url: `/v1/claims/${claimId}/x12`, headers: bearer(h.tokens.biller) })).body;
  const files = respondToClaimFile(x12.replace('NORESP01', 'DENY5001'), bundledRefData(), { date: decided, time: '0900' });
  const remit = files.find((f) => f.transactionType === '835')!.x12;
  expect(parse835(remit).transactions[0]!.payment.date).toBe(decided);
  const res = await h.app.inject({ method: 'POST', url: '/v1/remittances', headers: { ...bearer(h.tokens.integration), 'content-type': 'application/edi-x12' }, payload: remit });
  expect(res.statusCode).toBe(202);
  await d.waitFor(examId, (e) => e.openTasks.some((t) => t.type === 'denial-work'), 'denial work');
  const task = await d.openTask(examId, 'denial-work');
  expect(task.context).toMatchObject({ remittanceDate: decided, appealDeadlineDate: addDays(decided, 120) });
  expect(task.context.appealDeadlineDate).not.toBe(addDays(posted, 120));
});

test('the vehicle is payer policy: a payer set to take replacement claims gets the 837 frequency 7', async () => {
  const policy = structuredClone(seedPayerPolicy('commercial-b'));
  policy.appeals.levels[0] = { ...policy.appeals.levels[0]!, vehicle: 'replacement-claim' };
  const put = await d.call('PUT', '/v1/payers/commercial-b', 'admin', policy);
  expect(put.status).toBe(200);
  expect(put.body).toMatchObject({ policy: { appeals: { levels: [expect.objectContaining({ vehicle: 'replacement-claim' }), expect.anything(), expect.anything()] } } });
  const { examId, claimId, task } = await deniedExam({ payerId: 'commercial-b', memberId: 'DENY50-B1', ...CHEST });
  expect(task.context).toMatchObject({ appealVehicle: 'replacement-claim', appealDocument: false });
  expect((await d.resolve(task.taskId, 'biller', { action: 'appeal' })).status).toBe(200);
  await d.waitFor(examId, (e) => e.claims[0]?.status === 'paid', 'paid on appeal');
  const c = await claim(claimId);
  expect(c.documents.filter((x) => x.kind === 'appeal').map((x) => x.appealLevel)).toEqual([1]);
  expect(c.appealRequests).toEqual([]);
});
