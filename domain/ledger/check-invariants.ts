import { describeAccount, type AccountId } from './accounts';
import { netEffect } from './apply-entry';
import { balances } from './balances';
import { entryTotals } from './entry';
import type { LedgerState } from './ledger-state';

export type InvariantViolation =
  | { readonly code: 'unbalanced-entry'; readonly entryId: string }
  | { readonly code: 'unknown-account'; readonly entryId: string; readonly account: string }
  | { readonly code: 'stored-balance-drift'; readonly account: AccountId; readonly storedCents: number; readonly recomputedCents: number }
  | {
      readonly code: 'charges-not-accounted';
      readonly chargesCents: number;
      readonly accountedCents: number;
    }
  | { readonly code: 'receivable-below-zero-unflagged'; readonly account: AccountId; readonly balanceCents: number }
  | { readonly code: 'liability-below-zero'; readonly account: AccountId; readonly balanceCents: number }
  | { readonly code: 'duplicate-idempotency-key'; readonly idempotencyKey: string }
  | { readonly code: 'dangling-reversal'; readonly entryId: string };

export type InvariantReport = { readonly ok: true } | { readonly ok: false; readonly violations: readonly InvariantViolation[] };

/**
 * Recomputes the ledger from its entries and checks the rules that must hold at every moment:
 * every entry balances, stored balances match the entries, charges = payments + adjustments +
 * open insurance and patient balances, no receivable below zero without a credit-balance flag,
 * no liability below zero, idempotency keys unique, reversals point at real entries.
 */
export function checkInvariants(state: LedgerState): InvariantReport {
  const violations: InvariantViolation[] = [];
  const recomputed = new Map<AccountId, number>();
  const keys = new Set<string>();
  const ids = new Set<string>();
  for (const entry of state.entries) {
    const { debitCents, creditCents } = entryTotals(entry);
    if (debitCents !== creditCents) violations.push({ code: 'unbalanced-entry', entryId: entry.entryId });
    if (keys.has(entry.idempotencyKey)) violations.push({ code: 'duplicate-idempotency-key', idempotencyKey: entry.idempotencyKey });
    keys.add(entry.idempotencyKey);
    if (entry.reversesEntryId !== undefined && !ids.has(entry.reversesEntryId)) {
      violations.push({ code: 'dangling-reversal', entryId: entry.entryId });
    }
    ids.add(entry.entryId);
    for (const line of entry.lines) {
      if (!describeAccount(line.account)) violations.push({ code: 'unknown-account', entryId: entry.entryId, account: line.account });
    }
    for (const [account, net] of netEffect(entry.lines)) recomputed.set(account, (recomputed.get(account) ?? 0) + net);
  }

  const accounts = new Set<AccountId>([...recomputed.keys(), ...Object.keys(state.netByAccount)]);
  for (const account of accounts) {
    const storedCents = Object.hasOwn(state.netByAccount, account) ? (state.netByAccount[account] ?? 0) : 0;
    const recomputedCents = recomputed.get(account) ?? 0;
    if (storedCents !== recomputedCents) violations.push({ code: 'stored-balance-drift', account, storedCents, recomputedCents });
    const info = describeAccount(account);
    const flagged = state.creditBalanceAccounts.includes(account);
    if ((info?.class === 'insurance-receivable' || info?.class === 'patient-receivable') && recomputedCents < 0 && !flagged) {
      violations.push({ code: 'receivable-below-zero-unflagged', account, balanceCents: recomputedCents });
    }
    if (info?.class === 'liability' && recomputedCents > 0) {
      violations.push({ code: 'liability-below-zero', account, balanceCents: -recomputedCents });
    }
  }

  const { summary } = balances(state);
  const accountedCents = summary.paymentsCents + summary.adjustmentsCents + summary.insuranceOpenCents + summary.patientOpenCents;
  if (summary.chargesCents !== accountedCents) {
    violations.push({ code: 'charges-not-accounted', chargesCents: summary.chargesCents, accountedCents });
  }
  return violations.length === 0 ? { ok: true } : { ok: false, violations };
}
