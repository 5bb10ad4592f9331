import { AGING_BUCKETS } from './ar-aging';
import { MAX_PERIOD_DAYS } from './report-period';

/**
 * What every figure of the supervisor reports means, returned with each report (`definitions`) so
 * that a reader never has to guess. The KPIs follow the HFMA MAP Keys where the engine has the data;
 * where it differs the text says how.
 */
export const AR_AGING_DEFINITIONS = {
  receivable:
    'Open accounts receivable from the ledger: the balance of every insurance_receivable:<payer> and patient_receivable account as of the as-of date (current balance minus every movement dated after it). Insurance balances are one item per claim and payer; patient balances are netted per exam (a payment taken without a claim offsets the share billed under the claim).',
  agedFrom:
    "Age in days from the aging start date to asOf. agedFrom=service: the claim's date of service. agedFrom=submission: the claim's first submission to a payer (a claim never submitted falls back to its date of service). Patient balances age from the claim that billed the patient; a balance with no claim on file from the exam's earliest claim, else the exam's first ledger date.",
  buckets: `${AGING_BUCKETS.map((b) => (b.maxDays === null ? `${b.key}: more than ${b.minDays - 1} days` : `${b.key}: ${b.minDays} to ${b.maxDays} days`)).join('; ')}. A balance dated after asOf counts as 0-30.`,
  creditBalanceCents:
    'Items with a credit balance (overpayments, payments not yet applied to a charge) are kept out of the buckets and summed here (negative cents): they are owed back or to be applied, not collected.',
  totalCents: 'Net receivable = sum of the buckets + credit balances; equals the ledger receivable balances as of asOf.',
  over90: 'Debit balances older than 90 days / all debit balances (the buckets 91-120 and 120+ over the sum of the buckets).',
} as const;

export const KPI_DEFINITIONS = {
  period: `from and to are inclusive calendar dates (UTC); at most ${MAX_PERIOD_DAYS} days.`,
  cleanClaimRate:
    'HFMA MAP clean claim rate: claims that passed the edits with no manual intervention / claims first submitted in the period. A claim is clean when no coding-review task was opened on its exam before its first submission and its first version was not rejected by the clearinghouse (999) or the payer (277CA).',
  firstPassAcceptanceRate:
    'Claims first submitted in the period whose first version (version 1) was answered without a rejection / those whose first version was answered. Answered: rejected by the clearinghouse (999) or the payer (277CA), or moved past submitted/acknowledged (accepted, adjudicated, or replaced by a later version). Claims still waiting for an answer are left out of both.',
  denialRate:
    'HFMA MAP initial denial rate: claims with at least one denied amount (a CARC under CO/OA/PI that is not a contractual reduction; a whole claim or a service line) on an 835 received in the period / claims with an 835 received in the period. By payer: over that payer\'s remitted claims. By category: claims with a denial of that category over all remitted claims (a claim may count in several categories).',
  daysInAR:
    'HFMA MAP days in total gross A/R: net receivable (insurance + patient, from the ledger) at the end of the period / average daily gross charges over the period (gross charges posted with an effective date in the period, net of reversals, / days in the period).',
  arOver90:
    'HFMA MAP aged A/R as a percentage of total A/R: debit balances more than 90 days from the date of service at the end of the period / all debit balances then.',
  netCollectionRate:
    'Net collection rate: payments / (gross charges - contractual adjustments), all with an effective date in the period. Payments: the cash account (payer and patient payments, less refunds). Contractual adjustments: the contractual_adjustment account (CO reductions to the allowed amount); write-offs and denials are not deducted.',
  percent: 'Rates give numerator, denominator and percent (two decimals; null when the denominator is 0). Money is integer cents.',
} as const;

export const DENIAL_DEFINITIONS = {
  period: `Denied amounts on 835s received between from and to (inclusive calendar dates, UTC; at most ${MAX_PERIOD_DAYS} days).`,
  denial:
    'An amount a payer refused: a claim or service-line adjustment whose group and reason code (CARC) classify as a denial. Contractual reductions, patient deductible/coinsurance/copay and prior-payer amounts are not denials. Reversals (CLP02 22) are not counted.',
  category: 'Category and root cause come from the CARC (refined by the remark codes, RARC) when the 835 was taken.',
  deniedClaims: 'Distinct claims with at least one denial in the group.',
  denials: 'Denied amounts (adjustments) in the group; one claim can have several.',
  deniedCents: 'Sum of the denied amounts in integer cents.',
  payerId: 'By payer: the payer that sent the 835; adjudicatedClaims counts the claims of that payer (the claim\'s payer) with an 835 received in the period.',
  denialRate: "Denied claims / claims with an 835 received in the period (see the KPI report's denialRate).",
} as const;
