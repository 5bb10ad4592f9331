import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ledgerStateFrom, readLedgerBalances, readLedgerEntries } from '../../db/repositories/ledger';
import { balances, checkInvariants } from '../../domain/ledger';
import { ExamIdParams, assertExamExists } from '../exam-lookup';
import { errorResponses } from '../schemas/common';

const LedgerLineView = z.object({
  account: z.string(),
  accountClass: z.string(),
  payerId: z.string().nullable(),
  debitCents: z.number(),
  creditCents: z.number(),
  memo: z.record(z.string(), z.unknown()).nullable(),
});

const LedgerView = z.object({
  examId: z.string(),
  entries: z.array(
    z.object({
      entryId: z.string(),
      claimId: z.string().nullable(),
      effectiveDate: z.string(),
      postedAt: z.string(),
      postedBy: z.string().nullable(),
      source: z.object({ kind: z.string(), documentId: z.string(), reference: z.string().nullable() }),
      reversesEntryId: z.string().nullable(),
      lines: z.array(LedgerLineView),
    }),
  ),
  /** stored balances by claim and account, debit-positive (the rows reports read) */
  balances: z.array(z.object({ account: z.string(), accountClass: z.string(), payerId: z.string().nullable(), claimId: z.string().nullable(), balanceCents: z.number() })),
  /** every account on its normal side */
  accounts: z.array(z.object({ account: z.string(), accountClass: z.string(), debitCents: z.number(), creditCents: z.number(), balanceCents: z.number() })),
  totals: z.object({
    chargesCents: z.number(),
    paymentsCents: z.number(),
    adjustmentsCents: z.number(),
    insuranceOpenCents: z.number(),
    patientOpenCents: z.number(),
    unappliedCashCents: z.number(),
    refundsPayableCents: z.number(),
    /** charges = payments + adjustments + insurance open + patient open */
    balanced: z.boolean(),
  }),
  creditBalanceAccounts: z.array(z.string()),
});

/** GET /v1/exams/{examId}/ledger: every entry of the exam's ledger, its balances and the totals of the ledger rule. */
export const ledgerRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app;
  app.get(
    '/v1/exams/:examId/ledger',
    {
      config: { access: { roles: ['biller', 'supervisor'] }, audit: { objectType: 'exam', reads: true } },
      schema: { tags: ['exams'], summary: 'The exam ledger: entries (account, debit/credit, source document) and balances by account', params: ExamIdParams, response: { 200: LedgerView, ...errorResponses(404) } },
    },
    async (request) => {
      const { examId } = request.params;
      await assertExamExists(db, examId);
      const [stored, rows] = await Promise.all([readLedgerEntries(db, examId), readLedgerBalances(db, examId)]);
      const state = ledgerStateFrom(examId, stored.map((s) => s.entry));
      const { accounts, summary } = balances(state);
      const invariants = checkInvariants(state);
      const storedMatches = accounts.every((a) => {
        const net = rows.filter((r) => r.account === a.account).reduce((t, r) => t + r.balanceCents, 0);
        return net === a.debitCents - a.creditCents;
      });
      return {
        examId,
        entries: stored.map(({ entry, postedAt, postedBy }) => ({
          entryId: entry.entryId,
          claimId: entry.claimId ?? null,
          effectiveDate: entry.effectiveDate,
          postedAt,
          postedBy,
          source: { kind: entry.source.kind, documentId: entry.source.documentId, reference: entry.source.reference ?? null },
          reversesEntryId: entry.reversesEntryId ?? null,
          lines: entry.lines.map((l) => {
            const account = accounts.find((a) => a.account === l.account);
            const colon = l.account.indexOf(':');
            return {
              account: l.account,
              accountClass: account?.class ?? 'unknown',
              payerId: account?.class === 'insurance-receivable' ? l.account.slice(colon + 1) : null,
              debitCents: l.debitCents,
              creditCents: l.creditCents,
              memo: l.memo ? { ...l.memo } : null,
            };
          }),
        })),
        balances: rows.map((r) => ({ account: r.account, accountClass: r.accountClass, payerId: r.payerId, claimId: r.claimKey === '' ? null : r.claimKey, balanceCents: r.balanceCents })),
        accounts: accounts.map((a) => ({ account: a.account, accountClass: a.class, debitCents: a.debitCents, creditCents: a.creditCents, balanceCents: a.balanceCents })),
        totals: {
          chargesCents: summary.chargesCents,
          paymentsCents: summary.paymentsCents,
          adjustmentsCents: summary.adjustmentsCents,
          insuranceOpenCents: summary.insuranceOpenCents,
          patientOpenCents: summary.patientOpenCents,
          unappliedCashCents: summary.unappliedCashCents,
          refundsPayableCents: summary.refundsPayableCents,
          balanced: invariants.ok && storedMatches,
        },
        creditBalanceAccounts: [...state.creditBalanceAccounts],
      };
    },
  );
};
