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
import { asLedgerFailure } from './ledger-failure';

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
export function writeOffKindFor(reason: string, scope: 'claim' | 'patient-balance'): WriteOffKind {
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
      try {
        let unappliedCents = 0;
        const result = await postLedgerEntries(db, input.examId, (state) => {
          const key = patientPaymentKey(input.examId, input.reference);
          if (state.entryIdByKey[key] !== undefined) return [state.entries[state.entryIndexById[state.entryIdByKey[key]!]!]!];
          const paid = applyPatientPayment(state, { amountCents: input.amountCents, method: input.method, reference: input.reference, receivedDate: input.receivedDate, documentId: `payment:${input.reference}` });
          unappliedCents = paid.unappliedCents;
          return [{ ...paid.entry, entryId: key, idempotencyKey: key }];
        });
        return { ...moved(result.outcomes, (a) => a === 'payments'), unappliedCents };
      } catch (err) {
        return asLedgerFailure(err);
      }
    },

    /**
     * An approved (or policy) write-off. Claim scope: the claim's open insurance balances; patient
     * scope: unapplied cash is applied first, then the patient's open balance.
     */
    async postWriteOff(input: WriteOffInput): Promise<MoneyPosted> {
      const kind = writeOffKindFor(input.reason, input.scope);
      try {
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
      } catch (err) {
        return asLedgerFailure(err);
      }
    },

    /** A patient balance referred to collections leaves the books as bad debt (recoveries post as payments). */
    async postCollectionsReferral(input: { examId: string; idempotencyKey: string; effectiveDate: CalendarDate }): Promise<MoneyPosted> {
      try {
        const result = await postLedgerEntries(db, input.examId, (state) =>
          patientWriteOff(state, 'bad-debt', { examId: input.examId, documentId: `collections:${input.examId}`, idempotencyKey: input.idempotencyKey, effectiveDate: input.effectiveDate }),
        );
        return moved(result.outcomes, (a) => describeAccount(a)?.class === 'adjustment');
      } catch (err) {
        return asLedgerFailure(err);
      }
    },

    /**
     * A credit balance refunded (credit-balance-refund task): the patient's credit and surplus
     * unapplied cash move to refunds payable, then the refund paid out leaves cash. Idempotent on the key.
     */
    async postRefund(input: { examId: string; amountCents: number; reference: string; idempotencyKey: string; effectiveDate: CalendarDate; account?: string }): Promise<MoneyPosted> {
      try {
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
      } catch (err) {
        return asLedgerFailure(err);
      }
    },

    /** Coordination of benefits: the patient share the primary left on a claim moves to the secondary payer's receivable (under the secondary claim). */
    async transferToSecondary(input: { examId: string; claimId: string; payerId: string; effectiveDate: CalendarDate }): Promise<MoneyPosted> {
      try {
        const result = await postLedgerEntries(db, input.examId, (state) => {
          const share = claimNetOf(state, input.claimId, PATIENT_RECEIVABLE);
          const key = `cob:${input.claimId}:${input.payerId}`;
          if (share <= 0 || state.entryIdByKey[key] !== undefined) return [];
          return [
            // Under the secondary's claim: its 835 posts against the receivable this opens.
            transferEntry({
              examId: input.examId,
              claimId: secondaryClaimId(input.claimId),
              from: PATIENT_RECEIVABLE,
              to: `insurance_receivable:${input.payerId}`,
              amountCents: share,
              documentId: input.claimId,
              effectiveDate: input.effectiveDate,
              idempotencyKey: key,
              note: 'secondary payer',
            }),
          ];
        });
        return moved(result.outcomes, (a) => describeAccount(a)?.class === 'insurance-receivable');
      } catch (err) {
        return asLedgerFailure(err);
      }
    },
  };
}
