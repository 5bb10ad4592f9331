import { type AppealVehicle, isDocumentVehicle, type PayerPolicy, withAppealDefaults } from '../policy';
import { addDays, isCalendarDate, type CalendarDate } from '../ledger';

/**
 * What an 835 said about a claim, as the appeal rules need it: when the payer decided (the remittance date, not
 * the day it was posted), what it refused and with which codes, and the amounts the amount in controversy is
 * computed from. Recorded on the claim by the lifecycle when the 835 is posted.
 */
export interface RemittanceFacts {
  /** The 835's date (BPR16 check/EFT date): the date of the determination appeal windows count from. */
  readonly remittanceDate: CalendarDate;
  readonly carc: string | null;
  readonly remarkCodes: readonly string[];
  /** false: the payer gave no appeal rights (CO-16 with MA130: an unprocessable claim is billed again as new). */
  readonly appealable: boolean;
  readonly chargeCents: number | null;
  readonly paidCents: number;
  readonly patientResponsibilityCents: number;
}

/** One way of asking the payer to change its decision, with its deadline. */
export interface AppealOption {
  /** 0 for a reopening (outside the appeal levels) */
  readonly level: number;
  readonly levelName: string;
  readonly vehicle: AppealVehicle;
  readonly form: string | null;
  /** a written request rendered as a PDF (false: the claim goes again as an 837 frequency 7) */
  readonly document: boolean;
  readonly remittanceDate: CalendarDate;
  /** last day to file: the remittance date plus the level's window */
  readonly deadline: CalendarDate;
  readonly amountInControversyCents: number | null;
  readonly minimumAmountInControversyCents: number | null;
}

export type AppealRefusalCode = 'no-appeal-rights' | 'no-level-left' | 'below-amount-in-controversy' | 'no-reopening';

export interface AppealRefusal {
  readonly code: AppealRefusalCode;
  /** for the person resolving the task: what is wrong and what to do instead; never patient data */
  readonly message: string;
}

export type AppealChoice = { readonly ok: true; readonly option: AppealOption } | { readonly ok: false; readonly refusal: AppealRefusal };

type PolicyLevel = PayerPolicy['appeals']['levels'][number];

/** The vehicle of a level: as the policy says, else its payer type's (see withAppealDefaults). */
export function appealVehicleOf(policy: Pick<PayerPolicy, 'payerType'>, level: PolicyLevel): { vehicle: AppealVehicle; form: string | null } {
  const filled = withAppealDefaults({ payerType: policy.payerType, appeals: { levels: [level], warningDaysBefore: 1 } }).appeals.levels[0]!;
  return { vehicle: filled.vehicle!, form: filled.form ?? null };
}

/**
 * The amount in controversy of a denied claim (42 CFR 405.1006): what was charged less what the payer paid and
 * the deductible and coinsurance the patient owes. Null when the charge is not known.
 */
export function amountInControversy(facts: RemittanceFacts): number | null {
  if (facts.chargeCents === null) return null;
  return Math.max(0, facts.chargeCents - facts.paidCents - facts.patientResponsibilityCents);
}

const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;

/** The next appeal level open to a claim already appealed `appealLevel` times, or why there is none. */
export function nextAppeal(given: PayerPolicy, appealLevel: number, facts: RemittanceFacts): AppealChoice {
  const policy = withAppealDefaults(given);
  if (!facts.appealable) {
    return {
      ok: false,
      refusal: {
        code: 'no-appeal-rights',
        message: `the payer found the claim unprocessable${facts.carc ? ` (CO-${facts.carc}${facts.remarkCodes.length > 0 ? ` ${facts.remarkCodes.join(' ')}` : ''})` : ''}: it has no appeal rights; correct it and send it again as a new claim`,
      },
    };
  }
  const level = policy.appeals.levels[appealLevel];
  if (!level) return { ok: false, refusal: { code: 'no-level-left', message: 'no appeal level left with this payer' } };
  const { vehicle, form } = appealVehicleOf(policy, level);
  const aic = amountInControversy(facts);
  const minimum = level.minimumAmountInControversyCents ?? null;
  const option: AppealOption = {
    level: level.level, levelName: level.name, vehicle, form, document: isDocumentVehicle(vehicle),
    remittanceDate: facts.remittanceDate, deadline: addDays(facts.remittanceDate, level.filingWindowDays),
    amountInControversyCents: aic, minimumAmountInControversyCents: minimum,
  };
  if (minimum !== null && aic !== null && aic < minimum) {
    return {
      ok: false,
      refusal: {
        code: 'below-amount-in-controversy',
        message: `the amount in controversy ${dollars(aic)} is below the ${dollars(minimum)} this payer requires for ${level.name}: the decision of the previous level is final`,
      },
    };
  }
  return { ok: true, option };
}

/** A clerical error corrected by reopening the claim, when the payer's policy has one. */
export function reopening(policy: PayerPolicy, facts: RemittanceFacts): AppealChoice {
  const r = withAppealDefaults(policy).appeals.reopening;
  if (!r) {
    return { ok: false, refusal: { code: 'no-reopening', message: 'this payer takes no reopening requests: send a corrected claim for a clerical error' } };
  }
  return {
    ok: true,
    option: {
      level: 0, levelName: r.name, vehicle: r.vehicle, form: null, document: isDocumentVehicle(r.vehicle),
      remittanceDate: facts.remittanceDate, deadline: addDays(facts.remittanceDate, r.filingWindowDays),
      amountInControversyCents: amountInControversy(facts), minimumAmountInControversyCents: null,
    },
  };
}

/** The remittance date of an 835 (its check/EFT date), or the given fallback when the 835 carried none. */
export function remittanceDateOr(date: string | undefined, fallback: string): CalendarDate {
  return date !== undefined && isCalendarDate(date) ? date : fallback.slice(0, 10);
}

/** The id of the document of an appeal request: one per claim version and level (0: a reopening). */
export function appealDocumentId(claimId: string, version: number, level: number): string {
  return `doc_appeal_${claimId.replace(/[^A-Za-z0-9-]/g, '').slice(0, 60)}_v${version}_l${level}`;
}
