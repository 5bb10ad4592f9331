import type { Db } from '../../db/database';
import { postLedgerEntries } from '../../db/repositories/ledger';
import { PATIENT_RECEIVABLE, claimNetOf, describeAccount, isReversed, reversalEntry, transferEntry, type CalendarDate, type LedgerEntry, type LedgerState } from '../../domain/ledger';
import { cobKeyPrefix } from './patient-money';
import { withLedgerFailures } from './ledger-failure';

export interface PostClaimVoidInput {
  examId: string;
  claimId: string;
  /** the void's claim version */
  version: number;
  /** a secondary claim's primary: its receivable came from the primary's patient share (COB transfers) */
  primaryClaimId?: string;
  effectiveDate: CalendarDate;
}

/** The insurance receivables a claim holds open (positive), by account. */
function openReceivables(state: LedgerState, claimId: string): { account: string; cents: number }[] {
  const accounts = new Set(state.entries.filter((e) => e.claimId === claimId).flatMap((e) => e.lines.map((l) => l.account)));
  return [...accounts]
    .filter((a) => describeAccount(a)?.class === 'insurance-receivable')
    .map((account) => ({ account, cents: claimNetOf(state, claimId, account) }))
    .filter((r) => r.cents > 0);
}

/**
 * The receivable of a voided claim, reversed: the claim's charges (every version still standing) are reversed; a
 * secondary claim's receivable (the primary's patient share moved to it) goes back to the patient, as a COB
 * transfer of its primary so that a later billing of the secondary moves the share again. Once per claim version.
 */
export function voidEntries(state: LedgerState, input: PostClaimVoidInput): LedgerEntry[] {
  const key = `void:${input.claimId}:v${input.version}`;
  const entries: LedgerEntry[] = state.entries
    .filter((e) => e.source.kind === 'charge' && e.claimId === input.claimId && !isReversed(state, e.entryId))
    .map((e) => reversalEntry(state, { entryId: e.entryId, documentId: input.claimId, reference: `void-v${input.version}`, effectiveDate: input.effectiveDate, idempotencyKey: `${key}:${e.entryId}` }));
  if (input.primaryClaimId !== undefined) {
    for (const open of openReceivables(state, input.claimId)) {
      entries.push(transferEntry({
        examId: input.examId, claimId: input.claimId, from: open.account, to: PATIENT_RECEIVABLE, amountCents: open.cents, documentId: input.claimId,
        effectiveDate: input.effectiveDate, idempotencyKey: `${cobKeyPrefix(input.primaryClaimId)}${key}:${open.account}`, note: 'back from the voided secondary claim',
      }));
    }
  }
  return entries.filter((e) => state.entryIdByKey[e.idempotencyKey] === undefined);
}

export function createVoidPostingActivities({ db }: { db: Db }) {
  return {
    /** Reverses a voided claim's receivable in the exam's ledger (balanced entries; nothing twice). */
    async postClaimVoid(input: PostClaimVoidInput): Promise<{ entries: number; reversedCents: number }> {
      return withLedgerFailures(async () => {
        const result = await postLedgerEntries(db, input.examId, (state) => voidEntries(state, input));
        const applied = result.outcomes.filter((o) => o.applied);
        const reversedCents = applied.reduce((t, o) => t + o.entry.lines.reduce((s, l) => (describeAccount(l.account)?.class === 'insurance-receivable' ? s + l.creditCents : s), 0), 0);
        return { entries: applied.length, reversedCents };
      });
    },
  };
}
