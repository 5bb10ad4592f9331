import { dateOfService } from '../../../domain/coding/date-of-service';
import { bundledRefData } from '../../../activities/refdata/bundled-refdata';
import { expectedPayment } from '../../../domain/contracts/expected-payment';
import { PayerContractSchema, type PayerContractInput } from '../../../domain/contracts/payer-contract';
import { expectedReimbursement } from '../../../domain/fee-schedule/expected-reimbursement';
import { putPayerContract } from '../../../db/repositories/payer-contracts';
import { replaceChargemaster } from '../../../db/repositories/chargemaster';
import { ChargemasterItemSchema, type ChargemasterItemInput } from '../../../domain/contracts/chargemaster-item';
import type { ApiHarness } from '../../support/api-harness';
import { ExamDriver, type ExamJson, type TaskJson } from '../../support/exam-driver';
import { sampleIntake } from '../../support/intake-fixture';
import { givenEntity, givenFacility } from '../../support/money-setup';
import { startApiHarnessOnOwnServer } from '../../support/own-test-server';

/**
 * Money rules read back from what the engine actually sent (the 837 of each claim) and what it opened (tasks)
 * after the sandbox payer's 835: chargemaster prices and revenue codes, Medicare Part A routing, and underpayment
 * detection against payer contracts (locality, OPPS cap, MPPR, sequestration, tolerance).
 */

let h: ApiHarness;
let d: ExamDriver;
const ref = bundledRefData();
let n = 0;

beforeAll(async () => {
  h = await startApiHarnessOnOwnServer();
  d = new ExamDriver(h);
}, 120_000);
afterAll(async () => h?.close());

interface Setup {
  /** unique suffix of this test's entities and facility */
  tag: string;
  facilityId: string;
  center: string;
  hospital: string;
  readers: string;
}

/** An imaging center (global), a hospital (outpatient technical 837I) and a reading group (-26) under one site each. */
async function organisations(): Promise<Setup> {
  n += 1;
  const tag = `${Date.now().toString(36)}-${n}`;
  const s = { tag, facilityId: `site-${tag}`, center: `center-${tag}`, hospital: `hosp-${tag}`, readers: `readers-${tag}` };
  const db = h.database.db;
  await givenEntity(db, s.center);
  await givenEntity(db, s.hospital, { kind: 'hospital', taxonomy: '282N00000X', medicareCcn: '140001' });
  await givenEntity(db, s.readers, { kind: 'reading-group', taxonomy: '2085R0202X' });
  await givenFacility(db, s.facilityId, { global: { technical: s.center }, split: { technical: s.hospital, professional: s.readers } });
  return s;
}

async function chargemaster(entityId: string, items: ChargemasterItemInput[]): Promise<void> {
  await replaceChargemaster(h.database.db, entityId, items.map((i) => ChargemasterItemSchema.parse(i)), 'test-admin');
}

async function contract(payerId: string, entityId: string, c: PayerContractInput): Promise<void> {
  await putPayerContract(h.database.db, payerId, entityId, PayerContractSchema.parse(c), 'test-admin');
}

interface ExamSpec {
  facilityId: string;
  arrangement: 'global' | 'split';
  placeOfService: string;
  payerId: string;
  memberId: string;
  modality: 'DX' | 'CT' | 'MR' | 'MG' | 'PT';
  procedures: { cpt: string; units?: number }[];
  diagnoses: string[];
  contrast?: boolean;
}

/** Intake, performed and a final report: the exam is coded and its claims go out. */
async function billedExam(spec: ExamSpec): Promise<string> {
  const scheduledAt = new Date((await d.now()) + 2 * 86_400_000).toISOString();
  const base = sampleIntake();
  const res = await d.call('POST', '/v1/exams', 'integration', sampleIntake({
    facility: { id: spec.facilityId, billingArrangement: spec.arrangement, placeOfService: spec.placeOfService },
    coverages: [{ payerId: spec.payerId, memberId: spec.memberId, relationship: 'self', order: 'primary' }],
    order: { ...base.order, modality: spec.modality, procedures: spec.procedures.map((p) => ({ cpt: p.cpt })), diagnoses: spec.diagnoses, scheduledAt },
  }));
  if (res.status !== 201) throw new Error(`intake ${res.status} ${JSON.stringify(res.body)}`);
  const examId = res.body.examId as string;
  await d.waitPhase(examId, 'awaiting_exam');
  expect((await d.performed(examId, { placeOfService: spec.placeOfService, contrast: spec.contrast ?? false, procedures: spec.procedures.map((p) => ({ cpt: p.cpt, units: p.units ?? 1 })) })).status).toBeLessThan(300);
  await d.waitPhase(examId, 'awaiting_report');
  expect((await d.report(examId, { diagnoses: spec.diagnoses })).status).toBeLessThan(300);
  return examId;
}

/** Waits until the payer's 835 is posted: the exam left adjudication, or it waits there on a review. */
function adjudicated(examId: string): Promise<ExamJson> {
  return d.waitFor(examId, (e) => ['patient_balance', 'closed'].includes(e.phase) || e.openTasks.some((t) => t.type === 'underpayment-review'), 'the 835 posted');
}

async function x12Of(claimId: string): Promise<string> {
  const res = await h.app.inject({ method: 'GET', url: `/v1/claims/${claimId}/x12`, headers: { authorization: `Bearer ${h.tokens.biller}` } });
  expect(res.statusCode).toBe(200);
  return res.body;
}

async function claimIdOf(examId: string, suffix: 'G' | 'T' | 'P'): Promise<string> {
  const e = await d.exam(examId);
  const claim = e.claims.find((c) => c.claimId.endsWith(`-${suffix}`));
  if (!claim) throw new Error(`no ${suffix} claim: ${e.claims.map((c) => c.claimId).join(',')}`);
  return claim.claimId;
}

/** The 835 the payer sent for a claim. */
async function remittanceOf(claimId: string): Promise<string> {
  const rows = await h.database.db.selectFrom('x12_documents').select(['raw']).where('transaction_type', '=', '835').execute();
  const found = rows.find((r) => r.raw.includes(`CLP*${claimId}*`));
  if (!found) throw new Error('no 835 for the claim');
  return found.raw;
}

const underpaymentReviews = async (examId: string): Promise<TaskJson[]> => (await d.tasks(examId)).filter((t) => t.type === 'underpayment-review');
const segments = (x12: string) => x12.split(/~\s*/);
const today = async () => new Date(await d.now()).toISOString().slice(0, 10);
const dayBefore = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

test('screening mammography on revenue code 0403 (hospital outpatient 837I), the -26 read on the reading group 837P', async () => {
  const s = await organisations();
  const examId = await billedExam({ facilityId: s.facilityId, arrangement: 'split', placeOfService: '22', payerId: 'medicare-b', memberId: '1EG4TE5MK73', modality: 'MG', procedures: [{ cpt: '77067' }], diagnoses: ['Z12.31'] });
  await adjudicated(examId);
  const institutional = await x12Of(await claimIdOf(examId, 'T'));
  expect(institutional).toContain('ST*837*');
  expect(institutional).toContain('005010X223A2');
  expect(segments(institutional)).toEqual(expect.arrayContaining([expect.stringMatching(/^SV2\*0403\*HC:77067\*/)]));
  expect(institutional).not.toMatch(/SV2\*0401\*/);
  expect(segments(institutional).find((x) => x.startsWith('CLM*'))).toMatch(/\*13:A:1\*/);
  const professional = await x12Of(await claimIdOf(examId, 'P'));
  expect(professional).toContain('SV1*HC:77067:26*');
});

test('Medicare 837I to Part A with SBR09 MA; the professional claim stays with Part B as MB', async () => {
  const s = await organisations();
  const examId = await billedExam({ facilityId: s.facilityId, arrangement: 'split', placeOfService: '22', payerId: 'medicare-b', memberId: '1EG4TE5MK73', modality: 'CT', procedures: [{ cpt: '74176' }], diagnoses: ['R10.31'] });
  const e = await adjudicated(examId);
  const institutional = await x12Of(await claimIdOf(examId, 'T'));
  expect(segments(institutional)).toEqual(expect.arrayContaining([expect.stringMatching(/^SBR\*P\*18\*{7}MA$/), 'NM1*PR*2*MEDICARE PART A*****PI*06001']));
  expect(segments(institutional)).toEqual(expect.arrayContaining([expect.stringMatching(/^SV2\*0352\*HC:74176\*/)]));
  const professional = await x12Of(await claimIdOf(examId, 'P'));
  expect(segments(professional)).toEqual(expect.arrayContaining([expect.stringMatching(/^SBR\*P\*18\*{7}MB$/), expect.stringMatching(/^NM1\*PR\*2\*[^*]*\*{5}PI\*06102$/)]));
  // Part A's 835 is the Medicare payer's: it is posted on the institutional claim.
  expect(await remittanceOf(await claimIdOf(examId, 'T'))).toContain('06001');
  expect(e.claims.find((c) => c.claimId.endsWith('-T'))!.status).not.toBe('submitted');
});

test('radiopharmaceutical priced from the chargemaster on 0343, with the PET on its chargemaster revenue code', async () => {
  const s = await organisations();
  await chargemaster(s.hospital, [
    { code: '78815', priceCents: 520_000, revenueCode: '0404', effectiveFrom: '2020-01-01', description: 'PET/CT skull base to thigh' },
    { code: 'A9552', priceCents: 45_000, revenueCode: '0343', effectiveFrom: '2020-01-01', description: 'FDG dose' },
  ]);
  const examId = await billedExam({ facilityId: s.facilityId, arrangement: 'split', placeOfService: '22', payerId: 'medicare-b', memberId: '1EG4TE5MK73', modality: 'PT', procedures: [{ cpt: '78815' }, { cpt: 'A9552' }], diagnoses: ['C34.90'] });
  await adjudicated(examId);
  const institutional = segments(await x12Of(await claimIdOf(examId, 'T')));
  expect(institutional).toEqual(expect.arrayContaining(['SV2*0404*HC:78815*5200*UN*1', 'SV2*0343*HC:A9552*450*UN*1']));
});

test('a radiopharmaceutical the chargemaster does not list gets no charge: CHARGE_MISSING opens coding-review', async () => {
  const s = await organisations();
  await chargemaster(s.hospital, [{ code: '78815', priceCents: 520_000, revenueCode: '0404', effectiveFrom: '2020-01-01' }]);
  const examId = await billedExam({ facilityId: s.facilityId, arrangement: 'split', placeOfService: '22', payerId: 'medicare-b', memberId: '1EG4TE5MK73', modality: 'PT', procedures: [{ cpt: '78815' }, { cpt: 'A9552' }], diagnoses: ['C34.90'] });
  const review = await d.openTask(examId, 'coding-review');
  expect(JSON.stringify(review.context)).toContain('CHARGE_MISSING');
});

test('charge from the entity\'s chargemaster effective on the date of service', async () => {
  const s = await organisations();
  // The facility dates its exams in its own zone (America/Chicago): before 06:00 UTC that is still yesterday there.
  const dos = dateOfService(new Date(await d.now()).toISOString(), 'America/Chicago');
  await chargemaster(s.center, [
    { code: '72100', priceCents: 15_000, effectiveFrom: '2020-01-01', effectiveTo: dayBefore(dos) },
    { code: '72100', priceCents: 17_717, effectiveFrom: dos },
  ]);
  const examId = await billedExam({ facilityId: s.facilityId, arrangement: 'global', placeOfService: '11', payerId: 'medicare-b', memberId: '1EG4TE5MK73', modality: 'DX', procedures: [{ cpt: '72100' }], diagnoses: ['M54.50'] });
  await adjudicated(examId);
  const professional = segments(await x12Of(await claimIdOf(examId, 'G')));
  expect(professional.find((x) => x.startsWith('CLM*'))).toMatch(/^CLM\*[^*]+\*177.17\*/);
  expect(professional).toEqual(expect.arrayContaining([expect.stringMatching(/^SV1\*HC:72100\*177.17\*UN\*1\*/)]));
});

test('an exam whose facility has no setup is still charged 300 % of the fee schedule', async () => {
  const examId = await billedExam({ facilityId: 'main', arrangement: 'global', placeOfService: '11', payerId: 'medicare-b', memberId: '1EG4TE5MK73', modality: 'DX', procedures: [{ cpt: '72100' }], diagnoses: ['M54.50'] });
  await adjudicated(examId);
  const row = ref.pfs('72100', '', Number((await today()).slice(0, 4)));
  const dollars = Math.ceil((row!.nonFacilityTotalHundredths * row!.conversionFactorTenThousandths * 300) / 1e8);
  expect(segments(await x12Of(await claimIdOf(examId, 'G')))).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^SV1\\*HC:72100\\*${dollars}\\*UN\\*1\\*`))]));
});

test('sequestration is not an underpayment: Medicare pays less 2 % (CO-253) and no underpayment-review opens', async () => {
  const examId = await billedExam({ facilityId: 'main', arrangement: 'global', placeOfService: '11', payerId: 'medicare-b', memberId: 'SEQ4TE5MK73', modality: 'MR', procedures: [{ cpt: '72148' }], diagnoses: ['M54.16'] });
  const e = await adjudicated(examId);
  expect(await remittanceOf(await claimIdOf(examId, 'G'))).toMatch(/CAS\*CO\*45\*[\d.]+\*\*253\*[\d.]+|CAS\*CO\*253\*/);
  expect(e.phase).not.toBe('adjudication');
  expect(await underpaymentReviews(examId)).toEqual([]);
});

test('Medicaid paid at its contract (70 % of the fee schedule) is not underpaid', async () => {
  const s = await organisations();
  await contract('medicaid', s.center, { terms: [{ effectiveFrom: '2020-01-01', rate: { kind: 'percent-of-fee-schedule', percent: 70 } }] });
  const examId = await billedExam({ facilityId: s.facilityId, arrangement: 'global', placeOfService: '11', payerId: 'medicaid', memberId: 'PAYPCT70-MCD1', modality: 'DX', procedures: [{ cpt: '72100' }], diagnoses: ['M54.50'] });
  const e = await adjudicated(examId);
  expect(e.phase).not.toBe('adjudication');
  expect(await underpaymentReviews(examId)).toEqual([]);
  // The same payment measured against a richer contract (80 %) is short: the contract is what it is compared with.
  const richer = await organisations();
  await contract('medicaid', richer.center, { terms: [{ effectiveFrom: '2020-01-01', rate: { kind: 'percent-of-fee-schedule', percent: 80 } }] });
  const short = await billedExam({ facilityId: richer.facilityId, arrangement: 'global', placeOfService: '11', payerId: 'medicaid', memberId: 'PAYPCT70-MCD2', modality: 'DX', procedures: [{ cpt: '72100' }], diagnoses: ['M54.50'] });
  expect((await d.openTask(short, 'underpayment-review')).context).toEqual(expect.objectContaining({ shortfallCents: expect.any(Number) }));
});

test('underpaid beyond tolerance opens underpayment-review with the shortfall against the contract', async () => {
  const s = await organisations();
  await contract('commercial-a', s.center, { terms: [{ effectiveFrom: '2020-01-01', rate: { kind: 'percent-of-fee-schedule', percent: 100 }, tolerance: { cents: 100, percent: 0 } }] });
  const examId = await billedExam({ facilityId: s.facilityId, arrangement: 'global', placeOfService: '11', payerId: 'commercial-a', memberId: 'PAYPCT80-COM1', modality: 'DX', procedures: [{ cpt: '72100' }], diagnoses: ['M54.50'] });
  await adjudicated(examId);
  const expected = expectedReimbursement({ dateOfService: await today(), placeOfService: '11', lines: [{ cpt: '72100', modifiers: [], units: 1 }] }, ref).totalCents;
  const paid = Math.floor((expected * 8000 + 5000) / 10000);
  const review = await d.openTask(examId, 'underpayment-review');
  expect(review).toMatchObject({ queue: 'biller', context: expect.objectContaining({ shortfallCents: expected - paid }) });
});

test('a shortfall within the contract tolerance opens no review', async () => {
  const s = await organisations();
  await contract('commercial-a', s.center, { terms: [{ effectiveFrom: '2020-01-01', rate: { kind: 'percent-of-fee-schedule', percent: 100 }, tolerance: { cents: 0, percent: 25 } }] });
  const examId = await billedExam({ facilityId: s.facilityId, arrangement: 'global', placeOfService: '11', payerId: 'commercial-a', memberId: 'PAYPCT80-COM2', modality: 'DX', procedures: [{ cpt: '72100' }], diagnoses: ['M54.50'] });
  const e = await adjudicated(examId);
  expect(e.phase).not.toBe('adjudication');
  expect(await underpaymentReviews(examId)).toEqual([]);
});

test('OPPS cap applied to the expected amount: paid at the capped amount of the locality is not underpaid', async () => {
  const s = await organisations();
  const dos = await today();
  const terms: PayerContractInput = { medicareLocality: '06102-99', terms: [{ effectiveFrom: '2020-01-01', rate: { kind: 'percent-of-fee-schedule', percent: 100 } }] };
  await contract('medicare-b', s.center, terms);
  const lines = [{ lineNumber: 1, cpt: '74170', modifiers: [] as string[], units: 1, chargeCents: 1_000_000 }];
  const capped = expectedPayment({ payerType: 'medicare', form: '837P', dateOfService: dos, placeOfService: '11', lines, contract: PayerContractSchema.parse(terms) }, ref);
  const national = expectedReimbursement({ dateOfService: dos, placeOfService: '11', lines }, ref).totalCents;
  const uncappedLocality = expectedPayment({ payerType: 'medicare', form: '837P', dateOfService: dos, placeOfService: '11', lines, contract: PayerContractSchema.parse({ ...terms, medicareLocality: undefined }) }, ref);
  expect(capped.lines[0]!.adjustments.join(' ')).toMatch(/OPPS cap/);
  // The sandbox pays just above the capped amount: short of the uncapped fee schedule, at the capped one.
  const percent = Math.ceil((capped.expectedCents * 100) / national) + 1;
  expect(Math.floor((national * percent * 100 + 5000) / 10000)).toBeLessThan(uncappedLocality.expectedCents);
  const examId = await billedExam({ facilityId: s.facilityId, arrangement: 'global', placeOfService: '11', payerId: 'medicare-b', memberId: `PAYPCT${percent}-CAP`, modality: 'CT', procedures: [{ cpt: '74170' }], diagnoses: ['R10.31'], contrast: true });
  const e = await adjudicated(examId);
  expect(e.phase).not.toBe('adjudication');
  expect(await underpaymentReviews(examId)).toEqual([]);
});

test('MPPR on the second CT of a session: its technical component is expected at 50 %, and paid so without a review', async () => {
  const examId = await billedExam({ facilityId: 'main', arrangement: 'global', placeOfService: '11', payerId: 'medicare-b', memberId: '1EG4TE5MK73', modality: 'CT', procedures: [{ cpt: '74176' }, { cpt: '70450' }], diagnoses: ['R10.31', 'R51.9'] });
  const e = await adjudicated(examId);
  const dos = await today();
  const estimate = expectedPayment({ payerType: 'medicare', form: '837P', dateOfService: dos, placeOfService: '11', lines: [
    { lineNumber: 1, cpt: '74176', modifiers: [], units: 1, chargeCents: 10_000_000 }, { lineNumber: 2, cpt: '70450', modifiers: [], units: 1, chargeCents: 10_000_000 },
  ] }, ref);
  expect(estimate.lines[1]!.adjustments.join(' ')).toMatch(/TC at 50 %/);
  const remit = segments(await remittanceOf(await claimIdOf(examId, 'G')));
  const svc = remit.findIndex((x) => x.startsWith('SVC*HC:70450'));
  const allowed = remit.slice(svc).find((x) => x.startsWith('AMT*B6*'));
  expect(allowed).toBe(`AMT*B6*${(estimate.lines[1]!.expectedCents! / 100).toString()}`);
  expect(e.phase).not.toBe('adjudication');
  expect(await underpaymentReviews(examId)).toEqual([]);
});

test('an 837I is compared with the hospital\'s contract: paid below its per-code rate opens underpayment-review', async () => {
  const s = await organisations();
  await chargemaster(s.hospital, [{ code: '74176', priceCents: 310_000, revenueCode: '0352', effectiveFrom: '2020-01-01' }]);
  await contract('medicare-b', s.hospital, { terms: [{ effectiveFrom: '2020-01-01', rate: { kind: 'per-code', rates: [{ code: '74176', cents: 200_000 }] }, tolerance: { cents: 500, percent: 0 } }] });
  const examId = await billedExam({ facilityId: s.facilityId, arrangement: 'split', placeOfService: '22', payerId: 'medicare-b', memberId: '1EG4TE5MK73', modality: 'CT', procedures: [{ cpt: '74176' }], diagnoses: ['R10.31'] });
  const review = await d.openTask(examId, 'underpayment-review');
  expect((review as TaskJson & { claimId?: string }).claimId ?? review.context.claimId).toBe(await claimIdOf(examId, 'T'));
  expect(segments(await x12Of(await claimIdOf(examId, 'T')))).toEqual(expect.arrayContaining(['SV2*0352*HC:74176*3100*UN*1']));
});

test('each claim is priced from the chargemaster of the entity that bills it: the hospital\'s 837I, the reading group\'s -26', async () => {
  const s = await organisations();
  await chargemaster(s.hospital, [{ code: '74176', priceCents: 310_000, revenueCode: '0352', effectiveFrom: '2020-01-01' }]);
  await chargemaster(s.readers, [{ code: '74176', modifier: '26', priceCents: 42_000, effectiveFrom: '2020-01-01' }, { code: '74176', priceCents: 99_999, effectiveFrom: '2020-01-01' }]);
  const examId = await billedExam({ facilityId: s.facilityId, arrangement: 'split', placeOfService: '22', payerId: 'medicare-b', memberId: '1EG4TE5MK73', modality: 'CT', procedures: [{ cpt: '74176' }], diagnoses: ['R10.31'] });
  await adjudicated(examId);
  expect(segments(await x12Of(await claimIdOf(examId, 'T')))).toEqual(expect.arrayContaining(['SV2*0352*HC:74176*3100*UN*1']));
  expect(segments(await x12Of(await claimIdOf(examId, 'P')))).toEqual(expect.arrayContaining([expect.stringMatching(/^SV1\*HC:74176:26\*420\*UN\*1\*/)]));
});
