import { sql } from 'kysely';
import { createSubmitClaim } from '../../activities/claims/submit-claim';
import { createSandboxClearinghouse } from '../../activities/clearinghouse/sandbox';
import { ingestX12 } from '../../activities/ingestion/ingest-x12';
import type { Db } from '../../db/database';
import { describeAccount } from '../../domain/ledger';
import { claimSubmission, insertExam, newExamId, recordingTemporal } from '../activities/claim-fixture';
import { type ApiHarness, bearer, startApiHarness } from '../support/api-harness';

let h: ApiHarness;
const today = new Date().toISOString().slice(0, 10);

type Line = [account: string, debitCents: number, creditCents: number];

/** One balanced ledger entry, its lines and the balances it moves, in the shape the ledger writer keeps. */
async function post(db: Db, examId: string, claimId: string | null, date: string, lines: Line[]): Promise<void> {
  const entryId = `test:${examId}:${claimId ?? ''}:${date}:${lines.map((l) => l.join('/')).join(',')}`;
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('ledger_entries').values({
      entry_id: entryId, exam_id: examId, claim_id: claimId, idempotency_key: entryId, source_kind: 'test', document_id: 'doc-test', effective_date: date,
    }).execute();
    await trx.insertInto('ledger_lines').values(lines.map(([account, debit, credit], i) => ({
      entry_id: entryId, line_no: i + 1, exam_id: examId, claim_id: claimId, account, account_class: describeAccount(account)!.class,
      payer_id: describeAccount(account)!.payerId ?? null, debit_cents: debit, credit_cents: credit, effective_date: date,
    }))).execute();
    for (const [account, debit, credit] of lines) {
      await trx.insertInto('ledger_balances').values({
        exam_id: examId, claim_key: claimId ?? '', account, account_class: describeAccount(account)!.class, payer_id: describeAccount(account)!.payerId ?? null, balance_cents: debit - credit,
      }).onConflict((oc) => oc.columns(['exam_id', 'claim_key', 'account']).doUpdateSet({ balance_cents: sql`ledger_balances.balance_cents + excluded.balance_cents` })).execute();
    }
  });
}

interface ClaimFixture {
  payerId: string;
  dateOfService: string;
  submittedAt: string | null;
  /** status history of version 1 (and later versions), oldest first */
  history?: [version: number, status: string, source: string, at: string][];
  chargeCents?: number;
}

async function claim(db: Db, key: string, f: ClaimFixture): Promise<{ examId: string; claimId: string }> {
  const examId = newExamId();
  const claimId = `${examId}-${key}`;
  const last = f.history?.at(-1);
  await db.insertInto('claims').values({
    claim_id: claimId, exam_id: examId, version: last?.[0] ?? 1, payer_id: f.payerId, form: '837P', kind: 'global', status: last?.[1] ?? 'submitted',
    charge_cents: f.chargeCents ?? 100_000, date_of_service: f.dateOfService, first_submitted_at: f.submittedAt, last_submitted_at: f.submittedAt,
  }).execute();
  for (const [version, status, source, at] of f.history ?? []) {
    await db.insertInto('claim_status_history').values({ claim_id: claimId, version, status, source, at, status_codes: [] }).execute();
  }
  return { examId, claimId };
}

async function denial(db: Db, c: { examId: string; claimId: string }, payerId: string, carc: string, category: string, rootCause: string, cents: number, at: string): Promise<void> {
  await db.insertInto('claim_denials').values({
    claim_id: c.claimId, claim_version: 1, exam_id: c.examId, payer_id: payerId, document_id: `doc-${c.claimId}`, trace_number: 'T1', seq: 1,
    group_code: 'CO', reason_code: carc, category, root_cause: rootCause, amount_cents: cents, received_at: at,
  }).execute();
}

const INS_MCR = 'insurance_receivable:medicare-b';
const INS_COM = 'insurance_receivable:commercial-a';

/**
 * A small known book, all in 2025 (far from the sandbox claims of today):
 *  A medicare-b, DOS 06-20, 1,000.00 open on 06-30, paid 07-10 (after the as-of date)
 *  B medicare-b, DOS 05-10, paid in June with 100.00 to the patient, who paid 40.00 (no claim on the payment)
 *  C commercial-a, DOS 03-30, first submitted 04-02, 800.00 open
 *  D commercial-a, DOS 01-15, denied in February, 600.00 open
 *  F medicare-b, DOS 06-01, overpaid by 50.00 (credit balance); rejected first, accepted when corrected
 *  G commercial-a, submitted in June after a coding review; H commercial-a, submitted in June, no answer yet
 *  I commercial-a denied CO-50 in June; J medicare-b, one line denied CO-97 in June
 */
async function seedBook(db: Db): Promise<void> {
  const a = await claim(db, 'A', { payerId: 'medicare-b', dateOfService: '2025-06-20', submittedAt: '2025-06-22T15:00:00Z', history: [[1, 'submitted', 'engine', '2025-06-22T15:00:00Z'], [1, 'accepted', '277CA', '2025-06-23T10:00:00Z'], [1, 'paid', '835', '2025-07-10T10:00:00Z']] });
  await post(db, a.examId, a.claimId, '2025-06-20', [[INS_MCR, 100_000, 0], ['gross_charges', 0, 100_000]]);
  await post(db, a.examId, a.claimId, '2025-07-10', [['payments', 70_000, 0], ['contractual_adjustment', 30_000, 0], [INS_MCR, 0, 100_000]]);

  const b = await claim(db, 'B', { payerId: 'medicare-b', dateOfService: '2025-05-10', submittedAt: '2025-05-12T15:00:00Z', history: [[1, 'submitted', 'engine', '2025-05-12T15:00:00Z'], [1, 'accepted', '277CA', '2025-05-13T10:00:00Z'], [1, 'paid', '835', '2025-06-05T10:00:00Z']] });
  await post(db, b.examId, b.claimId, '2025-05-10', [[INS_MCR, 50_000, 0], ['gross_charges', 0, 50_000]]);
  await post(db, b.examId, b.claimId, '2025-06-05', [['payments', 30_000, 0], ['contractual_adjustment', 10_000, 0], ['patient_receivable', 10_000, 0], [INS_MCR, 0, 50_000]]);
  await post(db, b.examId, null, '2025-06-15', [['payments', 4_000, 0], ['patient_receivable', 0, 4_000]]);

  const c = await claim(db, 'C', { payerId: 'commercial-a', dateOfService: '2025-03-30', submittedAt: '2025-04-02T15:00:00Z', history: [[1, 'submitted', 'engine', '2025-04-02T15:00:00Z']] });
  await post(db, c.examId, c.claimId, '2025-03-30', [[INS_COM, 80_000, 0], ['gross_charges', 0, 80_000]]);

  const d = await claim(db, 'D', { payerId: 'commercial-a', dateOfService: '2025-01-15', submittedAt: '2025-01-20T15:00:00Z', history: [[1, 'submitted', 'engine', '2025-01-20T15:00:00Z'], [1, 'denied', '835', '2025-02-20T10:00:00Z']] });
  await post(db, d.examId, d.claimId, '2025-01-15', [[INS_COM, 60_000, 0], ['gross_charges', 0, 60_000]]);
  await denial(db, d, 'commercial-a', '29', 'timely-filing', 'late-submission', 60_000, '2025-02-20T10:00:00Z');

  const f = await claim(db, 'F', { payerId: 'medicare-b', dateOfService: '2025-06-01', submittedAt: '2025-06-03T15:00:00Z', history: [[1, 'submitted', 'engine', '2025-06-03T15:00:00Z'], [1, 'rejected', '277CA', '2025-06-04T10:00:00Z'], [2, 'submitted', 'engine', '2025-06-05T15:00:00Z'], [2, 'accepted', '277CA', '2025-06-06T10:00:00Z'], [2, 'paid', '835', '2025-06-25T10:00:00Z']] });
  await post(db, f.examId, f.claimId, '2025-06-01', [[INS_MCR, 40_000, 0], ['gross_charges', 0, 40_000]]);
  await post(db, f.examId, f.claimId, '2025-06-25', [['payments', 45_000, 0], [INS_MCR, 0, 45_000]]);

  const g = await claim(db, 'G', { payerId: 'commercial-a', dateOfService: '2025-06-08', submittedAt: '2025-06-10T15:00:00Z', history: [[1, 'submitted', 'engine', '2025-06-10T15:00:00Z'], [1, 'accepted', '277CA', '2025-06-11T10:00:00Z']] });
  await db.insertInto('tasks').values({
    task_id: `coding-review:${g.examId}`, exam_id: g.examId, type: 'coding-review', queue: 'coder', priority: 'normal', priority_rank: 2, claim_id: null, status: 'resolved',
    escalated: false, due_at: '2025-06-12T00:00:00Z', opened_at: '2025-06-09T09:00:00Z', closed_at: '2025-06-10T14:00:00Z', context: JSON.stringify({}), version: 1,
  }).execute();
  await claim(db, 'H', { payerId: 'commercial-a', dateOfService: '2025-06-27', submittedAt: '2025-06-28T15:00:00Z', history: [[1, 'submitted', 'engine', '2025-06-28T15:00:00Z']] });

  const i = await claim(db, 'I', { payerId: 'commercial-a', dateOfService: '2025-05-01', submittedAt: '2025-05-03T15:00:00Z', history: [[1, 'submitted', 'engine', '2025-05-03T15:00:00Z'], [1, 'accepted', '277CA', '2025-05-04T10:00:00Z'], [1, 'denied', '835', '2025-06-12T10:00:00Z']] });
  await denial(db, i, 'commercial-a', '50', 'medical-necessity', 'not-medically-necessary', 90_000, '2025-06-12T10:00:00Z');
  const j = await claim(db, 'J', { payerId: 'medicare-b', dateOfService: '2025-05-20', submittedAt: '2025-05-22T15:00:00Z', history: [[1, 'submitted', 'engine', '2025-05-22T15:00:00Z'], [1, 'accepted', '277CA', '2025-05-23T10:00:00Z'], [1, 'paid', '835', '2025-06-18T10:00:00Z']] });
  await denial(db, j, 'medicare-b', '97', 'bundling', 'bundled-service', 20_000, '2025-06-18T10:00:00Z');
}

/** Claims of today through the real path: 837 to the sandbox payer, 999/277CA/835 back through ingestion. */
async function submitThroughSandbox(db: Db): Promise<void> {
  const temporal = recordingTemporal().client;
  const clearinghouse = createSandboxClearinghouse({ deliver: (file) => ingestX12({ db, temporal }, { raw: file.x12, source: 'sandbox', fileName: file.name }) });
  const submitClaim = createSubmitClaim({ db, clearinghouse });
  for (const member of ['1EG4TE5MK73', 'DENY197A', 'PARTIAL01', 'REJECT01']) {
    const examId = await insertExam(db, member);
    const base = claimSubmission(examId);
    const lines = member === 'PARTIAL01'
      ? [...base.claim.lines, { lineNumber: 2, cpt: '72146', modifiers: [], units: 1, chargeCents: 120_000, diagnosisPointers: [1] }]
      : base.claim.lines;
    await submitClaim({ ...base, claim: { ...base.claim, lines } });
  }
}

beforeAll(async () => {
  h = await startApiHarness();
  await seedBook(h.database.db);
  await submitThroughSandbox(h.database.db);
});
afterAll(async () => {
  await h?.close();
});

const get = (url: string, token = h.tokens.supervisor) => h.app.inject({ method: 'GET', url, headers: bearer(token) });

interface AgingLine { bucketsCents: Record<string, number>; openCents: number; creditBalanceCents: number; totalCents: number; over90: { percent: number | null } }
interface Aging { asOf: string; total: AgingLine; insurance: AgingLine; patient: AgingLine; byPayer: (AgingLine & { payerId: string | null; responsibility: string })[]; definitions: Record<string, string> }

describe('GET /v1/reports/ar-aging', () => {
  it('puts each open balance in its bucket as of a past date, by payer and insurance vs patient', async () => {
    const res = await get('/v1/reports/ar-aging?asOf=2025-06-30');
    expect(res.statusCode).toBe(200);
    const body = res.json<Aging>();
    // A was paid on 07-10: as of 06-30 it is still open, 10 days old.
    expect(body.total.bucketsCents).toEqual({ '0-30': 100_000, '31-60': 6_000, '61-90': 0, '91-120': 80_000, '120+': 60_000 });
    expect(body.total.creditBalanceCents).toBe(-5_000);
    expect(body.total.totalCents).toBe(241_000);
    expect(body.insurance.totalCents).toBe(235_000);
    // the patient owes 100.00 on the claim less 40.00 paid without a claim: one net item
    expect(body.patient.bucketsCents['31-60']).toBe(6_000);
    const commercial = body.byPayer.find((p) => p.payerId === 'commercial-a')!;
    expect(commercial.bucketsCents).toMatchObject({ '91-120': 80_000, '120+': 60_000 });
    expect(body.byPayer.find((p) => p.payerId === 'medicare-b')).toMatchObject({ responsibility: 'insurance', openCents: 100_000, creditBalanceCents: -5_000 });
    expect(body.total.over90.percent).toBe(56.91);
    expect(body.definitions.buckets).toContain('91-120');
  });

  it('ages from the first submission when asked', async () => {
    const body = (await get('/v1/reports/ar-aging?asOf=2025-06-30&agedFrom=submission')).json<Aging>();
    // C: service 03-30 (92 days) but first submitted 04-02 (89 days)
    expect(body.byPayer.find((p) => p.payerId === 'commercial-a')!.bucketsCents).toMatchObject({ '61-90': 80_000, '91-120': 0, '120+': 60_000 });
  });

  it('agrees with the ledger: today with the stored balances, in the past with the lines up to that date', async () => {
    const { db } = h.database;
    const stored = await db.selectFrom('ledger_balances').select(({ fn }) => ['account_class', fn.sum<number>('balance_cents').as('cents')])
      .where('account_class', 'in', ['insurance-receivable', 'patient-receivable']).groupBy('account_class').execute();
    const storedOf = (cls: string) => Number(stored.find((r) => r.account_class === cls)?.cents ?? 0);
    const now = (await get(`/v1/reports/ar-aging?asOf=${today}`)).json<Aging>();
    expect(now.insurance.totalCents).toBe(storedOf('insurance-receivable'));
    expect(now.patient.totalCents).toBe(storedOf('patient-receivable'));
    expect(now.total.totalCents).toBe(141_000);

    const past = await sql<{ cents: number }>`SELECT sum(debit_cents - credit_cents)::bigint AS cents FROM ledger_lines
      WHERE account_class IN ('insurance-receivable', 'patient-receivable') AND effective_date <= '2025-06-30'`.execute(db);
    expect((await get('/v1/reports/ar-aging?asOf=2025-06-30')).json<Aging>().total.totalCents).toBe(Number(past.rows[0]!.cents));
    // before any charge, nothing is owed
    expect((await get('/v1/reports/ar-aging?asOf=2024-12-31')).json<Aging>().total).toMatchObject({ totalCents: 0, openItems: 0 });
  });
});

interface Rate { numerator: number; denominator: number; percent: number | null }
interface Kpis {
  cleanClaimRate: Rate; firstPassAcceptanceRate: Rate;
  denialRate: { overall: Rate & { deniedCents: number }; byPayer: (Rate & { payerId: string })[]; byCategory: (Rate & { category: string })[] };
  daysInAR: { days: number | null; arCents: number; chargesCents: number }; arOver90: Rate;
  netCollectionRate: Rate & { paymentsCents: number; contractualAdjustmentsCents: number };
  byPayer: { payerId: string; cleanClaimRate: Rate; firstPassAcceptanceRate: Rate }[];
  definitions: Record<string, string>;
}

describe('GET /v1/reports/kpis', () => {
  it('gives the month\'s KPIs a supervisor reads', async () => {
    const res = await get('/v1/reports/kpis?from=2025-06-01&to=2025-06-30');
    expect(res.statusCode).toBe(200);
    const k = res.json<Kpis>();
    // first submitted in June: A (clean), F (rejected), G (coding review), H (clean, no answer yet)
    expect(k.cleanClaimRate).toEqual({ numerator: 2, denominator: 4, percent: 50 });
    // answered: A and G accepted, F rejected
    expect(k.firstPassAcceptanceRate).toEqual({ numerator: 2, denominator: 3, percent: 66.67 });
    expect(k.byPayer.find((p) => p.payerId === 'commercial-a')!.firstPassAcceptanceRate.percent).toBe(100);
    // remitted in June: B, F, J (medicare-b), I (commercial-a); denied: I, J
    expect(k.denialRate.overall).toEqual({ numerator: 2, denominator: 4, percent: 50, deniedCents: 110_000 });
    expect(k.denialRate.byPayer.find((p) => p.payerId === 'medicare-b')).toMatchObject({ numerator: 1, denominator: 3, percent: 33.33 });
    expect(k.denialRate.byCategory.find((c) => c.category === 'medical-necessity')).toMatchObject({ numerator: 1, denominator: 4, percent: 25 });
    // A/R on 06-30 is 2,410.00; June charges 1,400.00 over 30 days
    expect(k.daysInAR).toMatchObject({ days: 51.6, arCents: 241_000, chargesCents: 140_000 });
    expect(k.arOver90.percent).toBe(56.91);
    // payments 300 + 40 + 450; contractual 100
    expect(k.netCollectionRate).toMatchObject({ paymentsCents: 79_000, contractualAdjustmentsCents: 10_000, percent: 60.77 });
    expect(k.definitions.netCollectionRate).toMatch(/contractual/);
  });

  it('counts today\'s claims that went through the sandbox payer', async () => {
    const k = (await get(`/v1/reports/kpis?from=${today}&to=${today}`)).json<Kpis>();
    // paid, denied (197), partly denied (97), rejected by the 277CA
    expect(k.cleanClaimRate).toMatchObject({ numerator: 3, denominator: 4 });
    expect(k.firstPassAcceptanceRate).toMatchObject({ numerator: 3, denominator: 4 });
    expect(k.denialRate.overall).toMatchObject({ numerator: 2, denominator: 3, percent: 66.67 });
  });
});

interface Denials {
  total: { deniedClaims: number; denials: number; deniedCents: number; adjudicatedClaims: number; denialRate: Rate };
  byPayer: { payerId: string; deniedClaims: number; adjudicatedClaims: number; denialRate: Rate }[];
  byCategory: { category: string; deniedClaims: number; deniedCents: number }[];
  byCarc: { carc: string; group: string; category: string; deniedCents: number; description: string }[];
  byRootCause: { rootCause: string; deniedClaims: number }[];
}

describe('GET /v1/reports/denials', () => {
  it('breaks the month\'s denials down by payer, category, CARC and root cause', async () => {
    const res = await get('/v1/reports/denials?from=2025-06-01&to=2025-06-30');
    expect(res.statusCode).toBe(200);
    const d = res.json<Denials>();
    expect(d.total).toMatchObject({ deniedClaims: 2, denials: 2, deniedCents: 110_000, adjudicatedClaims: 4, denialRate: { percent: 50 } });
    expect(d.byPayer.map((p) => [p.payerId, p.deniedClaims, p.adjudicatedClaims])).toEqual([['commercial-a', 1, 1], ['medicare-b', 1, 3]]);
    expect(d.byCarc.map((c) => [c.group, c.carc, c.category, c.deniedCents])).toEqual([['CO', '50', 'medical-necessity', 90_000], ['CO', '97', 'bundling', 20_000]]);
    expect(d.byRootCause.map((r) => r.rootCause)).toEqual(['not-medically-necessary', 'bundled-service']);
    // D's February denial is outside the period
    expect(d.byCategory.map((c) => c.category)).not.toContain('timely-filing');
  });

  it('records the denials of the 835s the engine takes', async () => {
    const d = (await get(`/v1/reports/denials?from=${today}&to=${today}`)).json<Denials>();
    expect(d.total).toMatchObject({ deniedClaims: 2, adjudicatedClaims: 3 });
    expect(d.byCarc.map((c) => [c.carc, c.category, c.deniedCents])).toEqual([['197', 'authorization', 150_000], ['97', 'bundling', 120_000]]);
    // the same 835 again changes nothing
    const { db } = h.database;
    const before = await db.selectFrom('claim_denials').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const doc = await db.selectFrom('x12_documents').select(['raw']).where('transaction_type', '=', '835').where('direction', '=', 'inbound').limit(1).executeTakeFirstOrThrow();
    expect(await ingestX12({ db, temporal: recordingTemporal().client }, { raw: doc.raw, source: 'api' })).toMatchObject({ ok: true, duplicate: true });
    const after = await db.selectFrom('claim_denials').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

describe('access and parameters', () => {
  it.each(['biller', 'front_desk', 'coder', 'admin', 'integration'] as const)('refuses the %s role', async (role) => {
    for (const path of ['ar-aging', 'kpis', 'denials']) expect((await get(`/v1/reports/${path}`, h.tokens[role])).statusCode).toBe(403);
  });

  it('answers 401 without a token', async () => {
    expect((await h.app.inject({ method: 'GET', url: '/v1/reports/kpis' })).statusCode).toBe(401);
  });

  it.each([
    '/v1/reports/kpis?from=2025-07-01&to=2025-06-30',
    '/v1/reports/kpis?from=2025-02-30&to=2025-03-31',
    '/v1/reports/kpis?from=yesterday',
    '/v1/reports/kpis?from=2020-01-01&to=2025-01-01',
    '/v1/reports/kpis?from=2999-01-01',
    '/v1/reports/kpis?payer=medicare-b',
    '/v1/reports/denials?to=2025-13-01',
    '/v1/reports/denials?from=2025-06-30&to=2025-06-01',
    '/v1/reports/ar-aging?asOf=2025-06-31',
    '/v1/reports/ar-aging?agedFrom=billing',
    '/v1/reports/ar-aging?asOf=%27;drop%20table%20claims',
  ])('answers 400 to %s', async (url) => {
    const res = await get(url);
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('invalid_request');
  });

  it('defaults to today and the last 30 days', async () => {
    expect((await get('/v1/reports/ar-aging')).json<{ asOf: string }>().asOf).toBe(today);
    const k = (await get('/v1/reports/kpis')).json<{ to: string; days: number }>();
    expect(k).toMatchObject({ to: today, days: 30 });
  });
});
