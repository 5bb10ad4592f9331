import { describeAccount, type AccountClass, type AccountId } from './accounts';
import type { Cents } from './cents';
import type { LedgerEntry } from './entry';
import type { LedgerState } from './ledger-state';

export interface AccountBalance {
  readonly account: AccountId;
  readonly class: AccountClass;
  readonly debitCents: Cents;
  readonly creditCents: Cents;
  /** Balance on the account's normal side (a receivable in credit balance is negative). */
  readonly balanceCents: Cents;
}

export interface BalanceSummary {
  /** Gross charges net of reversed charges. */
  readonly chargesCents: Cents;
  /** Cash received net of cash paid out (refunds, recoupments). */
  readonly cashCents: Cents;
  /** Cash applied to charges: cash minus unapplied cash minus refunds still owed. */
  readonly paymentsCents: Cents;
  readonly contractualAdjustmentCents: Cents;
  readonly payerAdjustmentCents: Cents;
  readonly writeOffCents: Cents;
  /** Contractual + payer adjustments + write-offs. */
  readonly adjustmentsCents: Cents;
  readonly insuranceOpenCents: Cents;
  readonly insuranceOpenByPayer: Readonly<Record<string, Cents>>;
  readonly patientOpenCents: Cents;
  readonly unappliedCashCents: Cents;
  readonly refundsPayableCents: Cents;
}

export interface Balances {
  readonly accounts: readonly AccountBalance[];
  readonly summary: BalanceSummary;
  readonly creditBalanceAccounts: readonly AccountId[];
}

export interface BalanceFilter {
  /** Only the entries of this claim. */
  readonly claimId?: string;
}

function totalsByAccount(entries: readonly LedgerEntry[], filter: BalanceFilter): Map<AccountId, { debit: number; credit: number }> {
  const totals = new Map<AccountId, { debit: number; credit: number }>();
  for (const entry of entries) {
    if (filter.claimId !== undefined && entry.claimId !== filter.claimId) continue;
    for (const line of entry.lines) {
      const current = totals.get(line.account) ?? { debit: 0, credit: 0 };
      current.debit += line.debitCents;
      current.credit += line.creditCents;
      totals.set(line.account, current);
    }
  }
  return totals;
}

/** Balances by account and the summary billing staff read (charges, payments, adjustments, open balances). */
export function balances(state: LedgerState, filter: BalanceFilter = {}): Balances {
  const accounts: AccountBalance[] = [];
  const summary = {
    chargesCents: 0,
    cashCents: 0,
    paymentsCents: 0,
    contractualAdjustmentCents: 0,
    payerAdjustmentCents: 0,
    writeOffCents: 0,
    adjustmentsCents: 0,
    insuranceOpenCents: 0,
    insuranceOpenByPayer: {} as Record<string, Cents>,
    patientOpenCents: 0,
    unappliedCashCents: 0,
    refundsPayableCents: 0,
  };
  const sorted = [...totalsByAccount(state.entries, filter).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [account, { debit, credit }] of sorted) {
    const info = describeAccount(account);
    if (!info) continue;
    const balanceCents = info.normalSide === 'debit' ? debit - credit : credit - debit;
    accounts.push({ account, class: info.class, debitCents: debit, creditCents: credit, balanceCents });
    switch (info.class) {
      case 'revenue':
        summary.chargesCents += balanceCents;
        break;
      case 'cash':
        summary.cashCents += balanceCents;
        break;
      case 'insurance-receivable':
        summary.insuranceOpenCents += balanceCents;
        if (info.payerId !== undefined) summary.insuranceOpenByPayer[info.payerId] = balanceCents;
        break;
      case 'patient-receivable':
        summary.patientOpenCents += balanceCents;
        break;
      case 'adjustment':
        if (info.writeOffKind !== undefined) summary.writeOffCents += balanceCents;
        else if (info.adjustmentGroup === 'CO') summary.contractualAdjustmentCents += balanceCents;
        else summary.payerAdjustmentCents += balanceCents;
        break;
      case 'liability':
        if (account === 'unapplied_cash') summary.unappliedCashCents += balanceCents;
        else summary.refundsPayableCents += balanceCents;
        break;
    }
  }
  summary.adjustmentsCents = summary.contractualAdjustmentCents + summary.payerAdjustmentCents + summary.writeOffCents;
  summary.paymentsCents = summary.cashCents - summary.unappliedCashCents - summary.refundsPayableCents;
  const creditBalanceAccounts =
    filter.claimId === undefined
      ? state.creditBalanceAccounts
      : accounts.filter((a) => (a.class === 'insurance-receivable' || a.class === 'patient-receivable') && a.balanceCents < 0).map((a) => a.account);
  return { accounts, summary, creditBalanceAccounts };
}

/** Balance of one account on its normal side. */
export function accountBalance(state: LedgerState, account: AccountId, filter: BalanceFilter = {}): Cents {
  return balances(state, filter).accounts.find((a) => a.account === account)?.balanceCents ?? 0;
}
