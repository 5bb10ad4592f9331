import type { AccountId } from './accounts';

/** Why the ledger refused an entry. Messages carry ids and amounts only, never patient data. */
export type LedgerRejection =
  | { readonly code: 'invalid-entry'; readonly message: string }
  | { readonly code: 'unknown-account'; readonly account: string }
  | { readonly code: 'unbalanced-entry'; readonly debitCents: number; readonly creditCents: number }
  | { readonly code: 'exam-mismatch'; readonly entryId: string }
  | { readonly code: 'idempotency-conflict'; readonly idempotencyKey: string; readonly existingEntryId: string }
  | { readonly code: 'duplicate-entry-id'; readonly entryId: string }
  | { readonly code: 'unknown-reversed-entry'; readonly reversesEntryId: string }
  | { readonly code: 'already-reversed'; readonly reversesEntryId: string; readonly reversedBy: string }
  | { readonly code: 'reversal-mismatch'; readonly reversesEntryId: string }
  | {
      readonly code: 'receivable-below-zero';
      readonly account: AccountId;
      readonly balanceCents: number;
    }
  | { readonly code: 'liability-below-zero'; readonly account: AccountId; readonly balanceCents: number };

export type LedgerRejectionCode = LedgerRejection['code'];

export function describeRejection(rejection: LedgerRejection): string {
  switch (rejection.code) {
    case 'invalid-entry':
      return rejection.message;
    case 'unknown-account':
      return `account is not in the chart: ${rejection.account.slice(0, 80)}`;
    case 'unbalanced-entry':
      return `entry does not balance: debits ${rejection.debitCents} != credits ${rejection.creditCents}`;
    case 'exam-mismatch':
      return `entry ${rejection.entryId} belongs to another exam`;
    case 'idempotency-conflict':
      return `idempotency key already used by entry ${rejection.existingEntryId} with different content`;
    case 'duplicate-entry-id':
      return `entry id ${rejection.entryId} already exists`;
    case 'unknown-reversed-entry':
      return `reversed entry ${rejection.reversesEntryId} does not exist`;
    case 'already-reversed':
      return `entry ${rejection.reversesEntryId} was already reversed by ${rejection.reversedBy}`;
    case 'reversal-mismatch':
      return `reversal does not mirror entry ${rejection.reversesEntryId}`;
    case 'receivable-below-zero':
      return `${rejection.account} would fall to ${rejection.balanceCents} cents without a credit-balance flag`;
    case 'liability-below-zero':
      return `${rejection.account} would fall to ${rejection.balanceCents} cents`;
  }
}

export class LedgerError extends Error {
  readonly code: LedgerRejectionCode;
  constructor(readonly rejection: LedgerRejection) {
    super(describeRejection(rejection));
    this.name = 'LedgerError';
    this.code = rejection.code;
  }
}
