import fc from 'fast-check';
import { sql } from 'kysely';
import { loadLedger, postLedgerEntries, readLedgerBalances } from '../../db/repositories/ledger';
import {
  PATIENT_RECEIVABLE,
  applyEntries,
  chargeEntry,
  checkInvariants,
  claimNetOf,
  emptyLedger,
  insuranceReceivable,
  isReversed,
  netOf,
  reversalEntry,
  writeOffEntry,
  type LedgerEntry,
  type LedgerState,
} from '../../domain/ledger';
import { applyPatientPayment, refundCreditBalanceEntry, refundIssuedEntry } from '../../domain/patient-balance';
import { postClaimPayment, type ClaimAdjudication, type RemitAdjustment } from '../../domain/posting';
import { type TestDatabase, createTestDatabase } from '../support/test-env';
import { newExamId } from './claim-fixture';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

const PAYER = 'medicare-b';
const DATE = '2026-12-01';

type Op =
  | { kind: 'charge'; cents: number }
  | { kind: '835'; paidPct: number; coPct: number; prPct: number; deny: boolean }
  | { kind: 'reverse-835' }
  | { kind: 'payment'; cents: number }
  | { kind: 'write-off'; scope: 'claim' | 'patient' }
  | { kind: 'refund' };

const chargeArb = fc.record({ kind: fc.constant('charge' as const), cents: fc.integer({ min: 1, max: 500_000 }) });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: chargeArb, weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('835' as const), paidPct: fc.integer({ min: 0, max: 100 }), coPct: fc.integer({ min: 0, max: 100 }), prPct: fc.integer({ min: 0, max: 100 }), deny: fc.boolean() }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('reverse-835' as const) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('payment' as const), cents: fc.integer({ min: 1, max: 100_000 }) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('write-off' as const), scope: fc.constantFrom('claim' as const, 'patient' as const) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('refund' as const) }), weight: 1 },
);
/** Every sequence starts with a charge (a claim is billed before anything is paid on it). */
const sequenceArb = fc.tuple(chargeArb, fc.array(opArb, { minLength: 1, maxLength: 10 })).map(([first, rest]): Op[] => [first, ...rest]);

/** The charge currently billed on the claim (the latest version not reversed). */
function billedCents(state: LedgerState, claimId: string): number {
  const charge = [...state.entries].reverse().find((e) => e.source.kind === 'charge' && e.claimId === claimId && !isReversed(state, e.entryId));
  return charge ? charge.lines.reduce((t, l) => t + l.debitCents, 0) : 0;
}

function share(total: number, pct: number): number {
  return Math.floor((total * pct) / 100);
}

/** The entries one operation posts, built by the domain on the model's state (an empty list: nothing to post). */
function entriesFor(op: Op, state: LedgerState, step: number, claimId: string, examId: string): LedgerEntry[] {
  const charge = billedCents(state, claimId);
  switch (op.kind) {
    case 'charge': {
      const version = state.entries.filter((e) => e.source.kind === 'charge').length + 1;
      const previous = state.entries.filter((e) => e.source.kind === 'charge' && !isReversed(state, e.entryId));
      const reversals = previous.map((e) => reversalEntry(state, { entryId: e.entryId, documentId: claimId, effectiveDate: DATE }));
      const entry = chargeEntry({ examId, claimId, version, billTo: { kind: 'insurance', payerId: PAYER }, lines: [{ lineControlNumber: `${claimId}-1`, procedureCode: '72148', chargeCents: op.cents }], documentId: claimId, effectiveDate: DATE });
      return [...reversals, entry];
    }
    case '835': {
      if (charge === 0) return [];
      const paid = op.deny ? 0 : share(charge, op.paidPct);
      const co = op.deny ? 0 : share(charge - paid, op.coPct);
      const pr = op.deny ? 0 : share(charge - paid - co, op.prPct);
      const rest = charge - paid - co - pr;
      const adjustments: RemitAdjustment[] = [
        ...(co > 0 ? [{ group: 'CO' as const, reasonCode: '45', amountCents: co }] : []),
        ...(pr > 0 ? [{ group: 'PR' as const, reasonCode: '2', amountCents: pr }] : []),
        ...(rest > 0 ? [{ group: 'CO' as const, reasonCode: '50', amountCents: rest }] : []),
      ];
      const adjudication: ClaimAdjudication = {
        claimId, statusCode: op.deny ? '4' : '1', chargeCents: charge, paidCents: paid, patientResponsibilityCents: pr, payerClaimNumber: `ICN${step}`,
        claimAdjustments: [], remarkCodes: [],
        lines: [{ lineControlNumber: `${claimId}-1`, procedureCode: '72148', modifiers: [], chargeCents: charge, paidCents: paid, adjustments, remarkCodes: [] }],
      };
      const outcome = postClaimPayment({ ledger: state, remittance: { payerId: PAYER, traceNumber: `T${step}`, documentId: `era-${step}`, paymentDate: DATE }, adjudication, billed: { claimId, payerId: PAYER, lines: [{ lineControlNumber: `${claimId}-1`, procedureCode: '72148', modifiers: [], chargeCents: charge }] } });
      return outcome.ok ? [...outcome.entries] : [];
    }
    case 'reverse-835': {
      const original = [...state.entries].reverse().find((e) => e.source.kind === '835' && e.lines.length > 0 && !isReversed(state, e.entryId));
      if (!original) return [];
      const paid = original.lines.reduce((t, l) => (l.account === 'payments' ? t + l.debitCents - l.creditCents : t), 0);
      const reversedCharge = original.lines.reduce((t, l) => (l.account === insuranceReceivable(PAYER) ? t + l.creditCents - l.debitCents : t), 0);
      const adjudication: ClaimAdjudication = {
        claimId, statusCode: '22', chargeCents: -reversedCharge, paidCents: -paid, patientResponsibilityCents: 0, payerClaimNumber: original.source.reference ?? '',
        claimAdjustments: reversedCharge - paid !== 0 ? [{ group: 'CO', reasonCode: '45', amountCents: -(reversedCharge - paid) }] : [], remarkCodes: [], lines: [],
      };
      const outcome = postClaimPayment({ ledger: state, remittance: { payerId: PAYER, traceNumber: `T${step}`, documentId: `era-${step}`, paymentDate: DATE }, adjudication, billed: { claimId, payerId: PAYER, lines: [] } });
      return outcome.ok ? [...outcome.entries] : [];
    }
    case 'payment':
      return [applyPatientPayment(state, { amountCents: op.cents, method: 'card', reference: `${examId}:P${step}`, receivedDate: DATE, documentId: `receipt-${step}` }).entry];
    case 'write-off': {
      if (op.scope === 'patient') {
        const owed = netOf(state, PATIENT_RECEIVABLE);
        return owed > 0 ? [writeOffEntry({ examId, from: PATIENT_RECEIVABLE, kind: 'administrative', amountCents: owed, documentId: `wo-${step}`, effectiveDate: DATE, idempotencyKey: `wo:${examId}:${step}` })] : [];
      }
      const open = claimNetOf(state, claimId, insuranceReceivable(PAYER));
      return open > 0 ? [writeOffEntry({ examId, claimId, from: insuranceReceivable(PAYER), kind: 'denial', amountCents: open, documentId: `wo-${step}`, effectiveDate: DATE, idempotencyKey: `wo:${examId}:${step}` })] : [];
    }
    case 'refund': {
      const payable = refundCreditBalanceEntry(state, { effectiveDate: DATE, documentId: `refund-${step}`, idempotencyKey: `refund:${examId}:${step}` });
      if (!payable) return [];
      const applied = applyEntries(state, [payable]);
      if (!applied.ok) return [payable];
      const amount = Math.max(0, -netOf(applied.state, 'refunds_payable'));
      return amount > 0 ? [payable, refundIssuedEntry(applied.state, { amountCents: amount, effectiveDate: DATE, documentId: `refund-${step}`, idempotencyKey: `refund:${examId}:${step}:issued` })] : [payable];
    }
  }
}

async function expectDatabaseMatches(examId: string, model: LedgerState): Promise<void> {
  const { db } = database;
  const stored = await loadLedger(db, examId);
  const nonZero = (r: Readonly<Record<string, number>>) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== 0));
  expect(nonZero(stored.netByAccount)).toEqual(nonZero(model.netByAccount));
  expect(stored.entries.map((e) => e.idempotencyKey)).toEqual(model.entries.map((e) => e.idempotencyKey));
  expect(checkInvariants(stored)).toEqual({ ok: true });
  const byAccount: Record<string, number> = {};
  for (const row of await readLedgerBalances(db, examId)) byAccount[row.account] = (byAccount[row.account] ?? 0) + row.balanceCents;
  expect(nonZero(byAccount)).toEqual(nonZero(model.netByAccount));
  const lines = await db
    .selectFrom('ledger_lines')
    .select(['account', 'claim_id', sql<number>`sum(debit_cents - credit_cents)::bigint`.as('net')])
    .where('exam_id', '=', examId)
    .groupBy(['account', 'claim_id'])
    .execute();
  const rows = await readLedgerBalances(db, examId);
  for (const l of lines) expect(rows.find((r) => r.account === l.account && r.claimKey === (l.claim_id ?? ''))?.balanceCents).toBe(Number(l.net));
}

test('random sequences of charges, 835s, reversals, payments, write-offs and refunds: the database balances equal the domain after every posting', async () => {
  await fc.assert(
    fc.asyncProperty(sequenceArb, async (ops) => {
      const examId = newExamId();
      const claimId = `${examId}-G`;
      let model = emptyLedger(examId);
      for (const [step, op] of ops.entries()) {
        let entries: LedgerEntry[];
        try {
          entries = entriesFor(op, model, step, claimId, examId);
        } catch {
          continue; // the domain refuses to build it (e.g. nothing to refund): nothing to post
        }
        if (entries.length === 0) continue;
        const applied = applyEntries(model, entries);
        if (!applied.ok) {
          // what the domain refuses, the database refuses too, and nothing of it is written
          await expect(postLedgerEntries(database.db, examId, () => entries)).rejects.toMatchObject({ code: applied.rejection.code });
        } else {
          const posted = await postLedgerEntries(database.db, examId, () => entries);
          expect(posted.outcomes.every((o) => o.applied)).toBe(true);
          model = applied.state;
          // the same posting again (a retried activity) changes nothing
          const again = await postLedgerEntries(database.db, examId, () => entries);
          expect(again.outcomes.some((o) => o.applied)).toBe(false);
        }
        await expectDatabaseMatches(examId, model);
      }
    }),
    { numRuns: 30 },
  );
});
