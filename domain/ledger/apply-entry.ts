import { describeAccount, type AccountId } from './accounts';
import { isCalendarDate } from './calendar-date';
import { canonicalJson } from './canonical-json';
import { isNonNegativeCents } from './cents';
import type { EntrySourceKind, LedgerEntry } from './entry';
import { LedgerError, type LedgerRejection } from './errors';
import { findEntry, findEntryByKey, isReversed, netOf, type LedgerState } from './ledger-state';

export type ApplyResult =
  | { readonly ok: true; readonly state: LedgerState; readonly applied: boolean; readonly entry: LedgerEntry }
  | { readonly ok: false; readonly rejection: LedgerRejection };

const SOURCE_KINDS: readonly EntrySourceKind[] = [
  'charge',
  '835',
  'patient-payment',
  'write-off',
  'reversal',
  'transfer',
  'refund',
  'unapplied-application',
];

const ID_PATTERN = /^[\x21-\x7e]{1,256}$/;

function isId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

function reject(rejection: LedgerRejection): ApplyResult {
  return { ok: false, rejection };
}

function invalid(message: string): ApplyResult {
  return reject({ code: 'invalid-entry', message });
}

function validateShape(state: LedgerState, entry: LedgerEntry): ApplyResult | null {
  if (typeof entry !== 'object' || entry === null) return invalid('entry must be an object');
  if (!isId(entry.entryId)) return invalid('entryId must be a printable id');
  if (!isId(entry.idempotencyKey)) return invalid('idempotencyKey must be a printable id');
  if (entry.examId !== state.examId) return reject({ code: 'exam-mismatch', entryId: entry.entryId });
  if (entry.claimId !== undefined && !isId(entry.claimId)) return invalid('claimId must be a printable id');
  if (!isCalendarDate(entry.effectiveDate)) return invalid('effectiveDate must be an ISO calendar date');
  if (typeof entry.source !== 'object' || entry.source === null) return invalid('source is required');
  if (!SOURCE_KINDS.includes(entry.source.kind)) return invalid('source.kind is not known');
  if (!isId(entry.source.documentId)) return invalid('source.documentId must be a printable id');
  if (entry.source.reference !== undefined && !isId(entry.source.reference)) {
    return invalid('source.reference must be a printable id');
  }
  if ((entry.source.kind === 'reversal') !== (entry.reversesEntryId !== undefined)) {
    return invalid('a reversal entry, and only a reversal entry, names reversesEntryId');
  }
  if (!Array.isArray(entry.lines)) return invalid('lines must be an array');
  let debitCents = 0;
  let creditCents = 0;
  for (const line of entry.lines) {
    if (describeAccount(line.account) === null) return reject({ code: 'unknown-account', account: String(line.account) });
    if (!isNonNegativeCents(line.debitCents) || !isNonNegativeCents(line.creditCents)) {
      return invalid('line amounts must be non-negative whole cents');
    }
    if ((line.debitCents > 0) === (line.creditCents > 0)) {
      return invalid('each line carries exactly one of a debit or a credit');
    }
    debitCents += line.debitCents;
    creditCents += line.creditCents;
  }
  if (!Number.isSafeInteger(debitCents) || !Number.isSafeInteger(creditCents)) return invalid('entry total is too large');
  if (debitCents !== creditCents) return reject({ code: 'unbalanced-entry', debitCents, creditCents });
  return null;
}

/** Net effect of lines per account (debit minus credit), sorted by account. */
export function netEffect(lines: LedgerEntry['lines']): Array<[AccountId, number]> {
  const effect = new Map<AccountId, number>();
  for (const line of lines) effect.set(line.account, (effect.get(line.account) ?? 0) + line.debitCents - line.creditCents);
  return [...effect.entries()].filter(([, net]) => net !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function mirrors(reversal: LedgerEntry, original: LedgerEntry): boolean {
  const a = netEffect(reversal.lines);
  const b = netEffect(original.lines);
  if (a.length !== b.length) return false;
  return a.every(([account, net], index) => b[index]?.[0] === account && b[index]?.[1] === -net);
}

function fingerprint(entry: LedgerEntry): string {
  const { entryId: _entryId, ...content } = entry;
  return canonicalJson(content);
}

/**
 * Applies one entry and returns the new state, or a typed rejection; the given state is never
 * changed. Re-applying an entry whose idempotency key is already recorded with the same content
 * is a no-op (`applied: false`, same state object).
 */
export function applyEntry(state: LedgerState, entry: LedgerEntry): ApplyResult {
  const shapeProblem = validateShape(state, entry);
  if (shapeProblem) return shapeProblem;

  const existing = findEntryByKey(state, entry.idempotencyKey);
  if (existing) {
    if (fingerprint(existing) === fingerprint(entry)) return { ok: true, state, applied: false, entry: existing };
    return reject({ code: 'idempotency-conflict', idempotencyKey: entry.idempotencyKey, existingEntryId: existing.entryId });
  }
  if (findEntry(state, entry.entryId)) return reject({ code: 'duplicate-entry-id', entryId: entry.entryId });

  if (entry.reversesEntryId !== undefined) {
    const original = findEntry(state, entry.reversesEntryId);
    if (!original) return reject({ code: 'unknown-reversed-entry', reversesEntryId: entry.reversesEntryId });
    if (isReversed(state, original.entryId)) {
      return reject({
        code: 'already-reversed',
        reversesEntryId: original.entryId,
        reversedBy: state.reversedBy[original.entryId] ?? '',
      });
    }
    if (original.source.kind === 'reversal' || !mirrors(entry, original) || entry.claimId !== original.claimId) {
      return reject({ code: 'reversal-mismatch', reversesEntryId: original.entryId });
    }
  }

  const netByAccount: Record<AccountId, number> = { ...state.netByAccount };
  const flagged = new Set(state.creditBalanceAccounts);
  for (const [account, delta] of netEffect(entry.lines)) {
    const before = netOf(state, account);
    const after = before + delta;
    if (!Number.isSafeInteger(after)) return invalid('account balance is too large');
    const info = describeAccount(account);
    if (info?.class === 'insurance-receivable' || info?.class === 'patient-receivable') {
      if (after < 0) {
        const keepsFlag = flagged.has(account) && after >= before;
        if (!entry.allowCreditBalance && !keepsFlag) {
          return reject({ code: 'receivable-below-zero', account, balanceCents: after });
        }
        flagged.add(account);
      } else {
        flagged.delete(account);
      }
    }
    if (info?.class === 'liability' && after > 0) {
      return reject({ code: 'liability-below-zero', account, balanceCents: -after });
    }
    netByAccount[account] = after;
  }

  const index = state.entries.length;
  const next: LedgerState = {
    examId: state.examId,
    entries: [...state.entries, entry],
    netByAccount,
    entryIdByKey: { ...state.entryIdByKey, [entry.idempotencyKey]: entry.entryId },
    entryIndexById: { ...state.entryIndexById, [entry.entryId]: index },
    reversedBy:
      entry.reversesEntryId !== undefined ? { ...state.reversedBy, [entry.reversesEntryId]: entry.entryId } : state.reversedBy,
    creditBalanceAccounts: [...flagged].sort(),
  };
  return { ok: true, state: next, applied: true, entry };
}

/** Applies entries in order; stops at the first rejection. */
export function applyEntries(
  state: LedgerState,
  entries: readonly LedgerEntry[],
): { ok: true; state: LedgerState; appliedCount: number } | { ok: false; rejection: LedgerRejection; entryId: string } {
  let current = state;
  let appliedCount = 0;
  for (const entry of entries) {
    const result = applyEntry(current, entry);
    if (!result.ok) return { ok: false, rejection: result.rejection, entryId: String(entry.entryId) };
    current = result.state;
    if (result.applied) appliedCount += 1;
  }
  return { ok: true, state: current, appliedCount };
}

/** Like applyEntry but throws a LedgerError; for callers that treat a rejection as a bug. */
export function applyEntryOrThrow(state: LedgerState, entry: LedgerEntry): LedgerState {
  const result = applyEntry(state, entry);
  if (!result.ok) throw new LedgerError(result.rejection);
  return result.state;
}
