import type { Db } from '../../db/database';
import { patientPaymentKey, postLedgerEntries } from '../../db/repositories/ledger';
import {
  PATIENT_RECEIVABLE,
  WRITE_OFF_KINDS,
  applyEntry,
  claimNetOf,
  describeAccount,
  netOf,
  transferEntry,
  writeOffEntry,
  type CalendarDate,
  type LedgerEntry,
  type LedgerState,
  type WriteOffKind,
} from '../../domain/ledger';
import {
  applyPatientPayment,
  applyUnappliedCashEntry,
  refundCreditBalanceEntry,
  refundIssuedEntry,
  type PaymentMethod,
} from '../../domain/patient-balance';
import { secondaryClaimId } from '../claims/submit-secondary-claim';
import { withLedgerFailures } from './ledger-failure';

export interface PatientPaymentInput {
  examId: string;
  amountCents: number;
  method: PaymentMethod;
  reference: string;
  receivedDate: CalendarDate;
}

export interface WriteOffInput {
  examId: string;
  scope: 'claim' | 'patient-balance';
  claimId: string | null;
  /** the lifecycle's reason (a write-off kind such as `timely-filing`, or free text) */
  reason: string;
  /** the approval or policy decision behind it (e.g. `task:<taskId>`, `policy:small-balance`) */
  documentId: string;
  /** deterministic, made by the workflow */
  idempotencyKey: string;
  effectiveDate: CalendarDate;
}

export interface MoneyPosted {
  /** cents moved by this call (0 when it had been posted before or nothing was open) */
  amountCents: number;
  entries: number;
}

/** The write-off account for a reason: a known kind as such, else by scope. */
function writeOffKindFor(reason: string, scope: 'claim' | 'patient-balance'): WriteOffKind {
  const kind = reason.trim().toLowerCase();
  if ((WRITE_OFF_KINDS as readonly string[]).includes(kind)) return kind as WriteOffKind;
  return scope === 'claim' ? 'denial' : 'administrative';
}

/** Applies entries one after the other so that each is built on the state the previous one left. */
function chain(state: LedgerState, builders: ((s: LedgerState) => LedgerEntry | null)[]): LedgerEntry[] {
  const entries: LedgerEntry[] = [];
  let current = state;
  for (const build of builders) {
    const entry = build(current);
    if (!entry || entry.lines.length === 0 || current.entryIdByKey[entry.idempotencyKey] !== undefined) continue;
    entries.push(entry);
    const applied = applyEntry(current, entry);
    if (!applied.ok) break; // the repository refuses it with the typed rejection
    current = applied.state;
  }
  return entries;
}

/** Unapplied patient cash first, then the patient's open balance to the write-off account. */
function patientWriteOff(state: LedgerState, kind: WriteOffKind, input: { examId: string; documentId: string; idempotencyKey: string; effectiveDate: CalendarDate }): LedgerEntry[] {
  return chain(state, [
    (s) => applyUnappliedCashEntry(s, { effectiveDate: input.effectiveDate, documentId: input.documentId, idempotencyKey: `${input.idempotencyKey}:unapplied` }),
    (s) => {
      const owed = netOf(s, PATIENT_RECEIVABLE);
      if (owed <= 0) return null;
      return writeOffEntry({ examId: input.examId, from: PATIENT_RECEIVABLE, kind, amountCents: owed, documentId: input.documentId, effectiveDate: input.effectiveDate, idempotencyKey: input.idempotencyKey });
    },
  ]);
}

function moved(entries: readonly { entry: LedgerEntry; applied: boolean }[], pick: (account: string) => boolean): MoneyPosted {
  const applied = entries.filter((o) => o.applied);
  const amountCents = applied.reduce((t, o) => t + o.entry.lines.reduce((s, l) => (pick(l.account) ? s + l.debitCents : s), 0), 0);
  return { amountCents, entries: applied.length };
}

export function createPatientMoneyActivities({ db }: { db: Db }) {
  return {
    /** A patient payment: pays the patient's open balance, the rest held as unapplied cash. Idempotent on the reference (per exam). */
    async postPatientPayment(input: PatientPaymentInput): Promise<MoneyPosted & { unappliedCents: number }> {
      return withLedgerFailures(async () => {
        let unappliedCents = 0;
        const result = await postLedgerEntries(db, input.examId, (state) => {
          const key = patientPaymentKey(input.examId, input.reference);
          // Posted before: nothing moves again (and nothing is left unapplied by this call).
          if (state.entryIdByKey[key] !== undefined) return [];
          const paid = applyPatientPayment(state, { amountCents: input.amountCents, method: input.method, reference: input.reference, receivedDate: input.receivedDate, documentId: `payment:${input.reference}` });
          unappliedCents = paid.unappliedCents;
          return [{ ...paid.entry, entryId: key, idempotencyKey: key }];
        });
        return { ...moved(result.outcomes, (a) => a === 'payments'), unappliedCents };
      });
    },

    /**
     * An approved (or policy) write-off. Claim scope: the claim's open insurance balances; patient
     * scope: unapplied cash is applied first, then the patient's open balance.
     */
    async postWriteOff(input: WriteOffInput): Promise<MoneyPosted> {
      const kind = writeOffKindFor(input.reason, input.scope);
      return withLedgerFailures(async () => {
        const result = await postLedgerEntries(db, input.examId, (state) => {
          if (input.scope === 'patient-balance') return patientWriteOff(state, kind, input);
          if (input.claimId === null) return [];
          const claimId = input.claimId;
          const accounts = Object.keys(state.netByAccount).filter((a) => describeAccount(a)?.class === 'insurance-receivable').sort();
          return chain(
            state,
            accounts.map((account) => (s: LedgerState) => {
              const open = claimNetOf(s, claimId, account);
              if (open <= 0) return null;
              return writeOffEntry({ examId: input.examId, claimId, from: account, kind, amountCents: open, documentId: input.documentId, effectiveDate: input.effectiveDate, idempotencyKey: `${input.idempotencyKey}:${account}` });
            }),
          );
        });
        return moved(result.outcomes, (a) => describeAccount(a)?.class === 'adjustment');
      });
    },

    /** A patient balance referred to collections leaves the books as bad debt (recoveries post as payments). */
    async postCollectionsReferral(input: { examId: string; idempotencyKey: string; effectiveDate: CalendarDate }): Promise<MoneyPosted> {
      return withLedgerFailures(async () => {
        const result = await postLedgerEntries(db, input.examId, (state) =>
          patientWriteOff(state, 'bad-debt', { examId: input.examId, documentId: `collections:${input.examId}`, idempotencyKey: input.idempotencyKey, effectiveDate: input.effectiveDate }),
        );
        return moved(result.outcomes, (a) => describeAccount(a)?.class === 'adjustment');
      });
    },

    /**
     * A credit balance refunded (credit-balance-refund task): the patient's credit and surplus
     * unapplied cash move to refunds payable, then the refund paid out leaves cash. Idempotent on the key.
     */
    async postRefund(input: { examId: string; amountCents: number; reference: string; idempotencyKey: string; effectiveDate: CalendarDate; account?: string }): Promise<MoneyPosted> {
      return withLedgerFailures(async () => {
        const result = await postLedgerEntries(db, input.examId, (state) =>
          chain(state, [
            // `account`: a payer's receivable in credit (an overpayment refunded to the payer); the patient's by default.
            (s) => refundCreditBalanceEntry(s, { ...(input.account ? { account: input.account } : {}), effectiveDate: input.effectiveDate, documentId: `refund:${input.reference}`, idempotencyKey: `${input.idempotencyKey}:payable` }),
            (s) => {
              const payable = Math.max(0, -netOf(s, 'refunds_payable'));
              const amountCents = Math.min(payable, input.amountCents);
              if (amountCents <= 0) return null;
              return refundIssuedEntry(s, { amountCents, effectiveDate: input.effectiveDate, documentId: `refund:${input.reference}`, idempotencyKey: `${input.idempotencyKey}:issued` });
            },
          ]),
        );
        return moved(result.outcomes, (a) => a === 'refunds_payable');
      });
    },

    /**
     * Coordination of benefits: the claim's patient share after the primary's latest adjudication
     * (less what was moved before) moves to the secondary payer's receivable under the secondary
     * claim, or back to the patient when the share went down. Keyed by the primary's remittance, so
     * a corrected primary moves the difference once and a replayed call moves nothing.
     */
    async transferToSecondary(input: { examId: string; claimId: string; payerId: string; remittanceId?: string; effectiveDate: CalendarDate }): Promise<MoneyPosted> {
      return withLedgerFailures(async () => {
        const result = await postLedgerEntries(db, input.examId, (state) => {
          // Without a remittance (calls recorded before the key named it): one transfer per claim and payer.
          const key = input.remittanceId !== undefined ? `${cobKeyPrefix(input.claimId)}${input.payerId}:${input.remittanceId}` : `${cobKeyPrefix(input.claimId)}${input.payerId}`;
          if (state.entryIdByKey[key] !== undefined) return [];
          const entry = cobResyncEntry(state, { examId: input.examId, claimId: input.claimId, payerId: input.payerId, idempotencyKey: key, effectiveDate: input.effectiveDate });
          return entry ? [entry] : [];
        });
        return moved(result.outcomes, (a) => describeAccount(a)?.class === 'insurance-receivable');
      });
    },
  };
}

/** Every coordination-of-benefits transfer of a primary claim has a key starting with this. */
export function cobKeyPrefix(claimId: string): string {
  return `cob:${claimId}:`;
}

/** What the COB transfers of a primary claim moved from the patient so far, and the secondary's receivable they used. */
function movedToSecondary(state: LedgerState, claimId: string): { movedCents: number; account: string | undefined } {
  const prefix = cobKeyPrefix(claimId);
  const underClaim = secondaryClaimId(claimId);
  let movedCents = 0;
  let account: string | undefined;
  for (const entry of state.entries) {
    if (entry.claimId !== underClaim || !entry.idempotencyKey.startsWith(prefix)) continue;
    for (const line of entry.lines) {
      if (line.account === PATIENT_RECEIVABLE) movedCents += line.creditCents - line.debitCents;
      else if (describeAccount(line.account)?.class === 'insurance-receivable') account = line.account;
    }
  }
  return { movedCents, account };
}

/**
 * The entry that makes the secondary's receivable equal the primary claim's current patient share:
 * the share not yet moved goes to the secondary, a share that went down (a correction, a reversal)
 * comes back to the patient. Null when they already agree.
 */
export function cobResyncEntry(
  state: LedgerState,
  input: { examId: string; claimId: string; payerId?: string; idempotencyKey: string; effectiveDate: CalendarDate },
): LedgerEntry | null {
  const share = Math.max(0, claimNetOf(state, input.claimId, PATIENT_RECEIVABLE));
  const sofar = movedToSecondary(state, input.claimId);
  const secondary = input.payerId !== undefined ? `insurance_receivable:${input.payerId}` : sofar.account;
  const delta = share - sofar.movedCents;
  if (delta === 0 || secondary === undefined) return null;
  const entry = transferEntry({
    examId: input.examId,
    // Under the secondary's claim: its 835 posts against the receivable this opens.
    claimId: secondaryClaimId(input.claimId),
    from: delta > 0 ? PATIENT_RECEIVABLE : secondary,
    to: delta > 0 ? secondary : PATIENT_RECEIVABLE,
    amountCents: Math.abs(delta),
    documentId: input.claimId,
    effectiveDate: input.effectiveDate,
    idempotencyKey: input.idempotencyKey,
    note: delta > 0 ? 'secondary payer' : 'back from the secondary payer',
  });
  // Taking back what the secondary already paid leaves it in credit: a refund to work, not a refusal.
  return delta < 0 ? { ...entry, allowCreditBalance: true } : entry;
}
