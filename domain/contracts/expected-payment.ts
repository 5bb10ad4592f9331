import { expectedReimbursement } from '../fee-schedule/expected-reimbursement';
import type { PayerType } from '../policy/payer-type';
import type { RefData } from '../refdata/ref-data';
import { MEDICARE_SEQUESTRATION_PERCENT, termOn, type ContractTerm, type PayerContract } from './payer-contract';

export interface ExpectedPaymentLine {
  lineNumber: number;
  cpt: string;
  modifiers: string[];
  units: number;
  chargeCents: number;
}

export interface ExpectedPaymentInput {
  payerType: PayerType;
  form: '837P' | '837I';
  dateOfService: string;
  placeOfService: string;
  lines: readonly ExpectedPaymentLine[];
  /** the payer's contract with the billing entity of the claim, if there is one */
  contract?: PayerContract;
}

export interface ExpectedPayment {
  /**
   * What the expectation rests on: the contract term of the date of service; Medicare's national fee schedule for a
   * Medicare professional claim with no contract; none (not checked) otherwise.
   */
  basis: 'contract' | 'medicare-fee-schedule' | 'none';
  /** what the payer should recognise (payment + patient share) per line, never above the charge; null: not priced (not checked) */
  lines: { lineNumber: number; expectedCents: number | null; adjustments: string[] }[];
  /** sum of the priced lines */
  expectedCents: number;
  /** shortfall tolerated on the priced lines */
  toleranceCents: number;
  /** the payment reduction the payer reports as CO-253 and that is not an underpayment */
  sequestrationPercent: number;
  notes: string[];
}

const NOT_CHECKED = (notes: string[]): ExpectedPayment => ({ basis: 'none', lines: [], expectedCents: 0, toleranceCents: 0, sequestrationPercent: 0, notes });

/** The component modifier of a line ('' the whole service). */
function componentOf(modifiers: readonly string[]): '' | '26' | 'TC' {
  return modifiers.includes('26') ? '26' : modifiers.includes('TC') ? 'TC' : '';
}

/**
 * What a payer should pay for a claim (payer payment + patient share), line by line:
 * - with a contract term in effect on the date of service: a percent of the fee schedule of the contract's locality
 *   (GPCIs; facility or non-facility rate by place of service; the OPPS imaging cap; the imaging multiple procedure
 *   reduction of 50 % TC / 5 % PC on the lower-priced advanced imaging of the session), or per-code rates x units
 *   (codes not listed at the term's `otherwisePercentOfFeeSchedule`, else not checked);
 * - without one: a Medicare professional claim against Medicare's national fee schedule (no locality, so no OPPS
 *   cap); an institutional claim, Medicare Advantage, Medicaid and commercial payers are not checked (their
 *   allowances are their contracts', not Medicare's national amounts).
 * Each line's expectation is capped at its charge (payers allow the lesser of the two). An institutional line has
 * no TC modifier: it is priced as the technical component at a hospital place of service. Sequestration: Medicare's
 * 2 % unless the contract says otherwise; tolerance: the larger of the term's cents and percent of the expected total.
 */
export function expectedPayment(input: ExpectedPaymentInput, ref: RefData): ExpectedPayment {
  const term: ContractTerm | undefined = input.contract ? termOn(input.contract, input.dateOfService) : undefined;
  const notes: string[] = [];
  if (input.contract && !term) notes.push(`The contract has no term in effect on ${input.dateOfService}.`);
  const medicare = input.payerType === 'medicare';
  if (!term && (input.form === '837I' || !medicare)) return NOT_CHECKED([...notes, 'No contract in effect: the payment is not checked.']);
  const institutional = input.form === '837I';
  const feeLines = input.lines.map((l) => ({
    lineNumber: l.lineNumber,
    cpt: l.cpt,
    modifiers: institutional && componentOf(l.modifiers) === '' ? ['TC', ...l.modifiers] : [...l.modifiers],
    units: Math.max(1, l.units),
  }));
  const placeOfService = institutional ? '22' : input.placeOfService;
  const feeSchedule = (percent: number) => expectedReimbursement(
    { dateOfService: input.dateOfService, placeOfService, lines: feeLines, ...(input.contract?.medicareLocality ? { locality: input.contract.medicareLocality } : {}), percentOfFeeSchedule: percent },
    ref,
  );
  const priced = new Map<number, { cents: number | null; adjustments: string[] }>();
  if (!term || term.rate.kind === 'percent-of-fee-schedule') {
    const estimate = feeSchedule(term && term.rate.kind === 'percent-of-fee-schedule' ? term.rate.percent : 100);
    notes.push(...estimate.notes);
    for (const l of estimate.lines) priced.set(l.lineNumber, { cents: l.allowedCents, adjustments: l.adjustments });
  } else {
    const rates = term.rate.rates;
    const otherwise = term.rate.otherwisePercentOfFeeSchedule;
    const estimate = otherwise !== undefined ? feeSchedule(otherwise) : undefined;
    for (const l of input.lines) {
      const component = componentOf(l.modifiers);
      const candidates = institutional && component === '' ? ['', 'TC'] : [component];
      const rate = candidates.map((m) => rates.find((r) => r.code === l.cpt && r.modifier === m)).find(Boolean);
      if (rate) priced.set(l.lineNumber, { cents: rate.cents * Math.max(1, l.units), adjustments: ['contract rate'] });
      else {
        const fromSchedule = estimate?.lines.find((e) => e.lineNumber === l.lineNumber);
        priced.set(l.lineNumber, { cents: fromSchedule?.allowedCents ?? null, adjustments: fromSchedule ? fromSchedule.adjustments : ['not in the contract'] });
      }
    }
  }
  const lines = input.lines.map((l) => {
    const p = priced.get(l.lineNumber);
    const cents = p?.cents ?? null;
    return { lineNumber: l.lineNumber, expectedCents: cents === null ? null : Math.min(l.chargeCents, cents), adjustments: p?.adjustments ?? [] };
  });
  const expectedCents = lines.reduce((t, l) => t + (l.expectedCents ?? 0), 0);
  const tolerance = term?.tolerance ?? { cents: 0, percent: 0 };
  const toleranceCents = Math.max(tolerance.cents, Math.floor((expectedCents * Math.round(tolerance.percent * 100)) / 10_000));
  const sequestrationPercent = input.contract?.sequestrationPercent ?? (medicare ? MEDICARE_SEQUESTRATION_PERCENT : 0);
  return { basis: term ? 'contract' : 'medicare-fee-schedule', lines, expectedCents, toleranceCents, sequestrationPercent, notes };
}
