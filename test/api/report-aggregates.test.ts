import { sql } from 'kysely';
import { createSubmitClaim } from '../../activities/claims/submit-claim';
import { createSandboxClearinghouse } from '../../activities/clearinghouse/sandbox';
import { ingestX12 } from '../../activities/ingestion/ingest-x12';
import type { Db } from '../../db/database';
import { compactReportFacts, rebuildReportFacts } from '../../db/repositories/reports/aggregates';
import { AGGREGATES, ROWS, buildArAging, buildDenials, buildKpis } from '../../db/repositories/reports/report-builders';
import { describeAccount } from '../../domain/ledger';
import { addDays } from '../../domain/ledger/calendar-date';
import { claimSubmission, insertExam, newExamId, recordingTemporal } from '../activities/claim-fixture';
import { type TestDatabase, createTestDatabase } from '../support/test-env';

/**
 * The reports the API serves from the aggregates (report_facts) equal the same reports grouped from
 * the rows, after a mix of postings written the ways the engine writes them: claims, status changes,
 * rejections and corrections, 835s with denials (several per claim, on several days, one without
 * an 835 status), charges, payments, contractual and patient shares, payments without a claim,
 * credit balances, back-dated entries, coding reviews opened, moved and removed, a payer corrected,
 * concurrent transactions on the same exam, and claims through the sandbox payer.
 */

let t: TestDatabase;
const today = new Date().toISOString().slice(0, 10);

/** A small deterministic generator: the same book on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

type Line = [account: string, debitCents: number, creditCents: number];
let entrySeq = 0;

/** One balanced ledger entry, its lines and the balances it moves, in the shape the ledger writer keeps. */
async function post(db: Db, examId: string, claimId: string | null, date: string, lines: Line[]): Promise<void> {
  entrySeq += 1;
  const entryId = `agg:${examId}:${entrySeq}`;
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

const at = (day: string, hour: number) => `${day}T${String(hour).padStart(2, '0')}:00:00Z`;
const PAYERS = ['medicare-b', 'commercial-a', 'medicaid'];
const DENIALS: [carc: string, category: string, rootCause: string][] = [
  ['50', 'medical-necessity', 'not-medically-necessary'], ['197', 'authorization', 'prior-auth-missing'], ['97', 'bundling', 'bundled-service'], ['16', 'missing-information', 'missing-claim-data'],
];

/** A book of `n` exams over the first half of 2025, each with its own story. */
async function seedMix(db: Db, n: number): Promise<void> {
  const r = random(20261207);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  for (let k = 0; k < n; k += 1) {
    const examId = newExamId();
    const payerId = pick(PAYERS);
    const ins = `insurance_receivable:${payerId}`;
    const dos = addDays('2025-01-01', Math.floor(r() * 150));
    const claimId = `${examId}-G`;
    const submitted = r() < 0.9 ? addDays(dos, 1 + Math.floor(r() * 3)) : null;
    const charge = 10_000 + Math.floor(r() * 90_000);
    await db.insertInto('claims').values({
      claim_id: claimId, exam_id: examId, version: 1, payer_id: payerId, form: '837P', kind: 'global', status: submitted ? 'submitted' : 'ready',
      charge_cents: charge, date_of_service: dos, first_submitted_at: submitted ? at(submitted, 15) : null, last_submitted_at: submitted ? at(submitted, 15) : null,
    }).execute();
    if (r() < 0.15) {
      await db.insertInto('tasks').values({
        task_id: `coding-review:${examId}`, exam_id: examId, type: 'coding-review', queue: 'coder', priority: 'normal', priority_rank: 2, claim_id: null, status: 'resolved',
        escalated: false, due_at: at(dos, 23), opened_at: at(dos, r() < 0.5 ? 9 : 23), closed_at: null, context: JSON.stringify({}), version: 1,
      }).execute();
    }
    await post(db, examId, claimId, dos, [[ins, charge, 0], ['gross_charges', 0, charge]]);
    if (!submitted) continue;
    await db.insertInto('claim_status_history').values({ claim_id: claimId, version: 1, status: 'submitted', source: 'engine', at: at(submitted, 15), status_codes: [] }).execute();
    let version = 1;
    let day = submitted;
    if (r() < 0.15) {
      day = addDays(day, 1);
      await db.insertInto('claim_status_history').values({ claim_id: claimId, version: 1, status: 'rejected', source: '277CA', at: at(day, 10), status_codes: [] }).execute();
      await db.updateTable('claims').set({ status: 'rejected' }).where('claim_id', '=', claimId).execute();
      if (r() < 0.7) {
        version = 2;
        day = addDays(day, 1);
        await db.updateTable('claims').set({ status: 'submitted', version: 2, last_submitted_at: at(day, 15) }).where('claim_id', '=', claimId).execute();
        await db.insertInto('claim_status_history').values({ claim_id: claimId, version: 2, status: 'submitted', source: 'engine', at: at(day, 15), status_codes: [] }).execute();
      } else continue;
    }
    if (r() < 0.2) continue; // no answer yet
    day = addDays(day, 1);
    await db.insertInto('claim_status_history').values({ claim_id: claimId, version, status: 'accepted', source: '277CA', at: at(day, 10), status_codes: [] }).execute();
    await db.updateTable('claims').set({ status: 'accepted' }).where('claim_id', '=', claimId).execute();
    if (r() < 0.15) continue; // not remitted yet
    const remit = addDays(day, 10 + Math.floor(r() * 40));
    const outcome = r();
    const denied = outcome < 0.2 ? charge : outcome < 0.35 ? Math.floor(charge / 3) : 0;
    const [carc, category, rootCause] = pick(DENIALS);
    // The 835: its status, its denials and its money in one transaction, as the ingestion writes them.
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('claim_status_history').values({ claim_id: claimId, version, status: denied === charge ? 'denied' : 'paid', source: '835', at: at(remit, 10), status_codes: [] }).execute();
      await trx.updateTable('claims').set({ status: denied === charge ? 'denied' : 'paid' }).where('claim_id', '=', claimId).execute();
      if (denied > 0) {
        await trx.insertInto('claim_denials').values([0, 1].slice(0, r() < 0.3 ? 2 : 1).map((seq) => ({
          claim_id: claimId, claim_version: version, exam_id: examId, payer_id: payerId, document_id: `835-${remit}`, trace_number: `T${k}`, seq: seq + 1,
          group_code: 'CO', reason_code: seq === 0 ? carc : '45', category: seq === 0 ? category : 'contractual', root_cause: seq === 0 ? rootCause : 'other',
          amount_cents: seq === 0 ? denied : 500, received_at: at(remit, 10),
        }))).execute();
      }
    });
    const allowed = Math.floor((charge - denied) * 0.5);
    const share = payerId === 'medicaid' ? 0 : Math.floor(allowed * 0.2);
    const overpaid = r() < 0.08 ? 2_500 : 0;
    if (denied < charge) {
      await post(db, examId, claimId, remit, [
        ['payments', allowed - share + overpaid, 0], ['contractual_adjustment', charge - denied - allowed, 0], ...(share > 0 ? [['patient_receivable', share, 0] as Line] : []),
        [ins, 0, charge - denied - allowed + allowed - share + share + overpaid],
      ]);
    }
    if (share > 0 && r() < 0.6) {
      const paid = r() < 0.5 ? share : Math.floor(share / 2);
      // payments taken at the desk carry no claim; some are back-dated
      await post(db, examId, r() < 0.5 ? null : claimId, addDays(remit, r() < 0.2 ? -5 : 20), [['payments', paid, 0], ['patient_receivable', 0, paid]]);
    }
    if (denied > 0 && r() < 0.5) {
      // appealed and denied again weeks later (a second 835), or written off
      if (r() < 0.5) {
        const again = addDays(remit, 30);
        await db.transaction().execute(async (trx) => {
          await trx.insertInto('claim_status_history').values({ claim_id: claimId, version, status: 'denied', source: '835', at: at(again, 11), status_codes: [] }).execute();
          await trx.insertInto('claim_denials').values({
            claim_id: claimId, claim_version: version, exam_id: examId, payer_id: payerId, document_id: `835-again-${again}`, trace_number: `T${k}`, seq: 1,
            group_code: 'CO', reason_code: carc, category, root_cause: rootCause, amount_cents: denied, received_at: at(again, 11),
          }).execute();
        });
      } else {
        await post(db, examId, claimId, addDays(remit, 60), [['write_off:denial', denied, 0], [ins, 0, denied]]);
      }
    }
    if (r() < 0.05) {
      // a denial recorded on a day the claim has no 835 status (a correction entered by hand)
      await db.insertInto('claim_denials').values({
        claim_id: claimId, claim_version: version, exam_id: examId, payer_id: payerId, document_id: `manual-${k}`, trace_number: `M${k}`, seq: 1,
        group_code: 'PR', reason_code: '27', category: 'eligibility', root_cause: 'coverage-not-active', amount_cents: 1_000, received_at: at(addDays(remit, 3), 9),
      }).execute();
    }
  }
}

async function sameReports(db: Db): Promise<void> {
  const asOfs = ['2024-12-31', '2025-01-20', '2025-02-28', '2025-03-15', '2025-04-30', '2025-06-01', '2025-07-15', '2025-09-30', today];
  for (const asOf of asOfs) {
    for (const agedFrom of ['service', 'submission'] as const) {
      expect({ asOf, agedFrom, report: await buildArAging(db, AGGREGATES, asOf, agedFrom) }).toEqual({ asOf, agedFrom, report: await buildArAging(db, ROWS, asOf, agedFrom) });
    }
  }
  const periods = [
    { from: '2025-01-01', to: '2025-01-31' }, { from: '2025-02-10', to: '2025-03-09' }, { from: '2025-03-01', to: '2025-05-31' },
    { from: '2025-05-15', to: '2025-05-15' }, { from: '2025-01-01', to: '2025-12-31' }, { from: '2024-07-01', to: '2025-06-30' }, { from: today, to: today },
  ];
  for (const period of periods) {
    expect({ period, kpis: await buildKpis(db, AGGREGATES, period) }).toEqual({ period, kpis: await buildKpis(db, ROWS, period) });
    expect({ period, denials: await buildDenials(db, AGGREGATES, period) }).toEqual({ period, denials: await buildDenials(db, ROWS, period) });
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

describe('report aggregates', () => {
  it('answer every report exactly as the rows do, after a mix of postings', async () => {
    const { db } = t;
    await seedMix(db, 120);
    const book = await db.selectFrom('claim_denials').select(({ fn }) => fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(book.n)).toBeGreaterThan(10);
    // not a degenerate book: something is open, denied and submitted in the periods compared
    const june = await buildKpis(db, ROWS, { from: '2025-01-01', to: '2025-06-30' });
    expect(june.cleanClaimRate.denominator).toBeGreaterThan(50);
    expect(june.denialRate.overall.numerator).toBeGreaterThan(5);
    await sameReports(db);
  }, 120_000);

  it('stay exact through corrections: a payer changed, coding reviews moved and removed, a denial removed', async () => {
    const { db } = t;
    const claims = await db.selectFrom('claims').select(['claim_id', 'exam_id', 'payer_id']).where('first_submitted_at', 'is not', null).orderBy('claim_id').limit(6).execute();
    await db.updateTable('claims').set({ payer_id: 'medicaid' }).where('claim_id', '=', claims[0]!.claim_id).execute();
    await db.insertInto('tasks').values({
      task_id: `coding-review:late:${claims[1]!.exam_id}`, exam_id: claims[1]!.exam_id, type: 'coding-review', queue: 'coder', priority: 'normal', priority_rank: 2, claim_id: null,
      status: 'open', escalated: false, due_at: '2025-01-01T00:00:00Z', opened_at: '2024-12-01T00:00:00Z', closed_at: null, context: JSON.stringify({}), version: 1,
    }).execute();
    await db.updateTable('tasks').set({ opened_at: '2026-01-01T00:00:00Z' }).where('type', '=', 'coding-review').where('task_id', 'not like', '%late%').where('exam_id', '<>', claims[1]!.exam_id).execute();
    await db.deleteFrom('tasks').where('task_id', '=', `coding-review:late:${claims[1]!.exam_id}`).execute();
    const one = await db.selectFrom('claim_denials').select(['id']).orderBy('id').limit(1).executeTakeFirstOrThrow();
    await db.deleteFrom('claim_denials').where('id', '=', one.id).execute();
    await sameReports(db);
  }, 120_000);

  it('stay exact when transactions on the same exam run at once, and through the sandbox payer', async () => {
    const { db } = t;
    const exams = await db.selectFrom('claims').select(['exam_id', 'claim_id', 'payer_id']).where('status', '=', 'paid').orderBy('claim_id').limit(4).execute();
    await Promise.all(exams.flatMap((e) => [1, 2, 3].map((i) => post(db, e.exam_id, i === 2 ? null : e.claim_id, addDays('2025-03-01', i * 20), [['payments', 1_000 * i, 0], ['patient_receivable', 0, 1_000 * i]]))));
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
    expect((await buildDenials(db, AGGREGATES, { from: today, to: today })).total.deniedClaims).toBe(2);
    await sameReports(db);
    // nothing is left pending once the transactions committed
    const pending = await sql<{ n: string }>`SELECT (SELECT count(*) FROM report_pending_exams) + (SELECT count(*) FROM report_pending_facts) AS n`.execute(db);
    expect(Number(pending.rows[0]!.n)).toBe(0);
  }, 120_000);

  it('keep their sums through compaction, and equal a rebuild from the rows', async () => {
    const { db } = t;
    const sums = () => sql<{ fact: string; v1: string; v2: string; v3: string; n: string }>`
      SELECT fact, sum(v1) AS v1, sum(v2) AS v2, sum(v3) AS v3, count(*) AS n FROM report_facts GROUP BY fact ORDER BY fact`.execute(db).then((r) => r.rows);
    const before = await sums();
    expect(await compactReportFacts(db)).toBeGreaterThan(0);
    const after = await sums();
    expect(after.map(({ n: _n, ...s }) => s)).toEqual(before.map(({ n: _n, ...s }) => s));
    expect(after.reduce((t2, s) => t2 + Number(s.n), 0)).toBeLessThan(before.reduce((t2, s) => t2 + Number(s.n), 0));
    await sameReports(db);
    const kept = await sql<{ key: string }>`SELECT concat_ws('|', fact, day, day2, day3, k1, k2, k3, v1, v2, v3) AS key FROM report_facts ORDER BY 1`.execute(db);
    await rebuildReportFacts(db);
    const rebuilt = await sql<{ key: string }>`SELECT concat_ws('|', fact, day, day2, day3, k1, k2, k3, v1, v2, v3) AS key FROM report_facts ORDER BY 1`.execute(db);
    expect(rebuilt.rows).toEqual(kept.rows);
  }, 120_000);
});
