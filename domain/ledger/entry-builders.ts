import {
  GROSS_CHARGES,
  PATIENT_RECEIVABLE,
  describeAccount,
  insuranceReceivable,
  writeOffAccount,
  type AccountId,
  type WriteOffKind,
} from './accounts';
import { assertCalendarDate, type CalendarDate } from './calendar-date';
import { isCents } from './cents';
import { movement, type LedgerEntry, type LedgerLine } from './entry';
import { LedgerError } from './errors';
import { findEntry, type LedgerState } from './ledger-state';

function invalid(message: string): never {
  throw new LedgerError({ code: 'invalid-entry', message });
}

function positiveCents(value: unknown, field: string): number {
  if (!isCents(value) || value <= 0) invalid(`${field} must be a positive whole number of cents`);
  return value;
}

function receivable(account: AccountId, field: string): AccountId {
  const info = describeAccount(account);
  if (info?.class !== 'insurance-receivable' && info?.class !== 'patient-receivable') invalid(`${field} must be a receivable account`);
  return account;
}

export type ResponsibleParty = { readonly kind: 'insurance'; readonly payerId: string } | { readonly kind: 'patient' };

export function receivableFor(party: ResponsibleParty): AccountId {
  return party.kind === 'insurance' ? insuranceReceivable(party.payerId) : PATIENT_RECEIVABLE;
}

export interface ChargeLine {
  readonly lineControlNumber: string;
  readonly procedureCode: string;
  readonly chargeCents: number;
}

export interface ChargeInput {
  readonly examId: string;
  readonly claimId: string;
  /** Claim version; a corrected claim posts its charges under a new version after reversing the old ones. */
  readonly version?: number;
  readonly billTo: ResponsibleParty;
  readonly lines: readonly ChargeLine[];
  readonly documentId: string;
  readonly effectiveDate: CalendarDate;
}

/** Releases a claim's charges: each line debits the responsible receivable and credits gross charges. */
export function chargeEntry(input: ChargeInput): LedgerEntry {
  assertCalendarDate(input.effectiveDate, 'effectiveDate');
  if (input.lines.length === 0) invalid('a charge needs at least one line');
  const account = receivableFor(input.billTo);
  const lines: LedgerLine[] = [];
  for (const line of input.lines) {
    const amount = positiveCents(line.chargeCents, 'chargeCents');
    lines.push(...movement(account, GROSS_CHARGES, amount, { lineControlNumber: line.lineControlNumber, procedureCode: line.procedureCode }));
  }
  const key = `charge:${input.claimId}:v${input.version ?? 1}`;
  return {
    entryId: key,
    examId: input.examId,
    claimId: input.claimId,
    lines,
    source: { kind: 'charge', documentId: input.documentId },
    effectiveDate: input.effectiveDate,
    idempotencyKey: key,
  };
}

export interface ReversalInput {
  readonly entryId: string;
  readonly documentId: string;
  readonly effectiveDate: CalendarDate;
  readonly idempotencyKey?: string;
  readonly reference?: string;
  /** Whether the reversal may leave a receivable in credit balance (default true: the credit is then worked as a refund or re-post). */
  readonly allowCreditBalance?: boolean;
}

/** An entry that mirrors an earlier one (same accounts, sides swapped). */
export function reversalEntry(state: LedgerState, input: ReversalInput): LedgerEntry {
  assertCalendarDate(input.effectiveDate, 'effectiveDate');
  const original = findEntry(state, input.entryId);
  if (!original) throw new LedgerError({ code: 'unknown-reversed-entry', reversesEntryId: input.entryId });
  const key = input.idempotencyKey ?? `reversal:${original.entryId}`;
  return {
    entryId: key,
    examId: original.examId,
    ...(original.claimId !== undefined ? { claimId: original.claimId } : {}),
    lines: original.lines.map((line) => ({ ...line, debitCents: line.creditCents, creditCents: line.debitCents })),
    source: { kind: 'reversal', documentId: input.documentId, ...(input.reference !== undefined ? { reference: input.reference } : {}) },
    effectiveDate: input.effectiveDate,
    idempotencyKey: key,
    reversesEntryId: original.entryId,
    allowCreditBalance: input.allowCreditBalance ?? true,
  };
}

export interface WriteOffInput {
  readonly examId: string;
  readonly claimId?: string;
  readonly from: AccountId;
  readonly kind: WriteOffKind;
  readonly amountCents: number;
  /** The approval (or policy decision) behind the write-off. */
  readonly documentId: string;
  readonly effectiveDate: CalendarDate;
  readonly idempotencyKey: string;
}

/** Moves an open balance to a write-off account. */
export function writeOffEntry(input: WriteOffInput): LedgerEntry {
  assertCalendarDate(input.effectiveDate, 'effectiveDate');
  const amount = positiveCents(input.amountCents, 'amountCents');
  const from = receivable(input.from, 'from');
  return {
    entryId: input.idempotencyKey,
    examId: input.examId,
    ...(input.claimId !== undefined ? { claimId: input.claimId } : {}),
    lines: movement(writeOffAccount(input.kind), from, amount, { note: input.kind }),
    source: { kind: 'write-off', documentId: input.documentId },
    effectiveDate: input.effectiveDate,
    idempotencyKey: input.idempotencyKey,
  };
}

export interface TransferInput {
  readonly examId: string;
  readonly claimId?: string;
  readonly from: AccountId;
  readonly to: AccountId;
  readonly amountCents: number;
  readonly documentId: string;
  readonly effectiveDate: CalendarDate;
  readonly idempotencyKey: string;
  readonly note?: string;
}

/** Moves an open balance between responsible parties (payer to payer, payer to patient, patient to payer). */
export function transferEntry(input: TransferInput): LedgerEntry {
  assertCalendarDate(input.effectiveDate, 'effectiveDate');
  const amount = positiveCents(input.amountCents, 'amountCents');
  const from = receivable(input.from, 'from');
  const to = receivable(input.to, 'to');
  if (from === to) invalid('a transfer needs two different accounts');
  return {
    entryId: input.idempotencyKey,
    examId: input.examId,
    ...(input.claimId !== undefined ? { claimId: input.claimId } : {}),
    lines: movement(to, from, amount, input.note !== undefined ? { note: input.note } : undefined),
    source: { kind: 'transfer', documentId: input.documentId },
    effectiveDate: input.effectiveDate,
    idempotencyKey: input.idempotencyKey,
  };
}
