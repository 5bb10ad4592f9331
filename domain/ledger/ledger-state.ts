import type { AccountId } from './accounts';
import type { Cents } from './cents';
import type { LedgerEntry } from './entry';

/**
 * One exam's ledger. Plain JSON (records and arrays only) so that it can live in workflow state
 * and cross continue-as-new unchanged. Never mutated: every change returns a new state.
 */
export interface LedgerState {
  readonly examId: string;
  readonly entries: readonly LedgerEntry[];
  /** Debit minus credit for every account that has been used. */
  readonly netByAccount: Readonly<Record<AccountId, Cents>>;
  readonly entryIdByKey: Readonly<Record<string, string>>;
  readonly entryIndexById: Readonly<Record<string, number>>;
  /** Entry id -> id of the reversal entry that mirrors it. */
  readonly reversedBy: Readonly<Record<string, string>>;
  /** Receivables currently below zero with an explicit credit-balance flag. */
  readonly creditBalanceAccounts: readonly AccountId[];
}

export function emptyLedger(examId: string): LedgerState {
  return {
    examId,
    entries: [],
    netByAccount: {},
    entryIdByKey: {},
    entryIndexById: {},
    reversedBy: {},
    creditBalanceAccounts: [],
  };
}

export function findEntry(state: LedgerState, entryId: string): LedgerEntry | undefined {
  if (!Object.hasOwn(state.entryIndexById, entryId)) return undefined;
  const index = state.entryIndexById[entryId];
  return index === undefined ? undefined : state.entries[index];
}

export function findEntryByKey(state: LedgerState, idempotencyKey: string): LedgerEntry | undefined {
  if (!Object.hasOwn(state.entryIdByKey, idempotencyKey)) return undefined;
  const entryId = state.entryIdByKey[idempotencyKey];
  return entryId === undefined ? undefined : findEntry(state, entryId);
}

export function isReversed(state: LedgerState, entryId: string): boolean {
  return Object.hasOwn(state.reversedBy, entryId);
}

/** Debit-minus-credit of one account (0 when never used). */
export function netOf(state: LedgerState, account: AccountId): Cents {
  return Object.hasOwn(state.netByAccount, account) ? (state.netByAccount[account] ?? 0) : 0;
}

/** Debit-minus-credit of one account restricted to the entries of one claim. */
export function claimNetOf(state: LedgerState, claimId: string, account: AccountId): Cents {
  let net = 0;
  for (const entry of state.entries) {
    if (entry.claimId !== claimId) continue;
    for (const line of entry.lines) if (line.account === account) net += line.debitCents - line.creditCents;
  }
  return net;
}
