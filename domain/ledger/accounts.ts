/**
 * Chart of accounts of one exam's ledger.
 *
 * | account                          | class                | normal side |
 * | -------------------------------- | -------------------- | ----------- |
 * | gross_charges                    | revenue              | credit      |
 * | insurance_receivable:<payerId>   | insurance-receivable | debit       |
 * | patient_receivable               | patient-receivable   | debit       |
 * | contractual_adjustment           | adjustment           | debit       |
 * | payer_adjustment:OA / :PI        | adjustment           | debit       |
 * | write_off:<kind>                 | adjustment           | debit       |
 * | payments                         | cash                 | debit       |
 * | unapplied_cash                   | liability            | credit      |
 * | refunds_payable                  | liability            | credit      |
 *
 * Because every entry balances, gross charges always equal applied payments (cash minus the cash
 * still held as unapplied or owed back as refunds) plus adjustments plus the open insurance and
 * patient balances, which is the ledger rule of the product.
 */
export type AccountId = string;

export type AccountClass =
  | 'revenue'
  | 'insurance-receivable'
  | 'patient-receivable'
  | 'adjustment'
  | 'cash'
  | 'liability';

export const WRITE_OFF_KINDS = [
  'small-balance',
  'bad-debt',
  'administrative',
  'timely-filing',
  'denial',
  'charity',
  'prompt-pay',
] as const;
export type WriteOffKind = (typeof WRITE_OFF_KINDS)[number];

export type PayerAdjustmentGroup = 'OA' | 'PI';

export const GROSS_CHARGES = 'gross_charges';
export const PATIENT_RECEIVABLE = 'patient_receivable';
export const CONTRACTUAL_ADJUSTMENT = 'contractual_adjustment';
export const PAYMENTS = 'payments';
export const UNAPPLIED_CASH = 'unapplied_cash';
export const REFUNDS_PAYABLE = 'refunds_payable';

const PAYER_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function isPayerId(value: unknown): value is string {
  return typeof value === 'string' && PAYER_ID_PATTERN.test(value);
}

export class InvalidAccountError extends Error {
  readonly code = 'invalid-account' as const;
  constructor(readonly account: string) {
    super(`not an account of the chart: ${account.slice(0, 80)}`);
    this.name = 'InvalidAccountError';
  }
}

export function insuranceReceivable(payerId: string): AccountId {
  if (!isPayerId(payerId)) throw new InvalidAccountError(`insurance_receivable:${payerId}`);
  return `insurance_receivable:${payerId}`;
}

export function writeOffAccount(kind: WriteOffKind): AccountId {
  if (!(WRITE_OFF_KINDS as readonly string[]).includes(kind)) throw new InvalidAccountError(`write_off:${kind}`);
  return `write_off:${kind}`;
}

export function payerAdjustment(group: PayerAdjustmentGroup): AccountId {
  return `payer_adjustment:${group}`;
}

export interface AccountInfo {
  readonly account: AccountId;
  readonly class: AccountClass;
  readonly normalSide: 'debit' | 'credit';
  readonly payerId?: string;
  readonly writeOffKind?: WriteOffKind;
  readonly adjustmentGroup?: 'CO' | PayerAdjustmentGroup;
}

/** Describes an account id, or returns null when it is not part of the chart. */
export function describeAccount(account: string): AccountInfo | null {
  switch (account) {
    case GROSS_CHARGES:
      return { account, class: 'revenue', normalSide: 'credit' };
    case PATIENT_RECEIVABLE:
      return { account, class: 'patient-receivable', normalSide: 'debit' };
    case CONTRACTUAL_ADJUSTMENT:
      return { account, class: 'adjustment', normalSide: 'debit', adjustmentGroup: 'CO' };
    case PAYMENTS:
      return { account, class: 'cash', normalSide: 'debit' };
    case UNAPPLIED_CASH:
    case REFUNDS_PAYABLE:
      return { account, class: 'liability', normalSide: 'credit' };
    default:
      break;
  }
  const colon = account.indexOf(':');
  if (colon < 0) return null;
  const prefix = account.slice(0, colon);
  const rest = account.slice(colon + 1);
  if (prefix === 'insurance_receivable' && isPayerId(rest)) {
    return { account, class: 'insurance-receivable', normalSide: 'debit', payerId: rest };
  }
  if (prefix === 'write_off' && (WRITE_OFF_KINDS as readonly string[]).includes(rest)) {
    return { account, class: 'adjustment', normalSide: 'debit', writeOffKind: rest as WriteOffKind };
  }
  if (prefix === 'payer_adjustment' && (rest === 'OA' || rest === 'PI')) {
    return { account, class: 'adjustment', normalSide: 'debit', adjustmentGroup: rest };
  }
  return null;
}

export function isReceivable(account: AccountId): boolean {
  const info = describeAccount(account);
  return info?.class === 'insurance-receivable' || info?.class === 'patient-receivable';
}
