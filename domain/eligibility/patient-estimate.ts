/**
 * Expected patient responsibility for one exam, explained step by step.
 *
 * Copay plans: the copay (capped at the allowed amount). Otherwise: the deductible still to meet
 * first, then coinsurance on the rest. Either way the total never exceeds the out-of-pocket
 * maximum still remaining.
 */

export type EstimateRule = 'no-coverage' | 'copay' | 'deductible' | 'coinsurance' | 'out-of-pocket-cap';

export interface EstimateStep {
  rule: EstimateRule;
  amountCents: number;
  explanation: string;
}

export interface PatientEstimate {
  allowedCents: number;
  expectedPatientResponsibilityCents: number;
  expectedPayerPaymentCents: number;
  basis: EstimateStep[];
}

/** Where a benefit value came from: the 271 itself, or the payer's default when the 271 left it out. */
export type BenefitSource = '271' | 'payer-default';

export interface PatientShareInputs {
  allowedCents: number;
  /** Undefined when no coverage applies: the patient owes the allowed amount. */
  coverage?: {
    deductibleRemainingCents: number;
    coinsurancePercent: number;
    copayCents: number;
    /** Undefined when the plan reports no out-of-pocket maximum. */
    outOfPocketRemainingCents?: number;
    sources?: Partial<Record<'deductible' | 'coinsurance' | 'copay' | 'outOfPocket', BenefitSource>>;
  };
}

export class InvalidEstimateInputError extends Error {
  readonly code = 'invalid-estimate-input';
  constructor(field: string) {
    super(`invalid estimate input: ${field}`);
    this.name = 'InvalidEstimateInputError';
  }
}

const dollars = (cents: number): string => `$${(cents / 100).toFixed(2)}`;

function assertCents(field: string, value: number | undefined): void {
  if (value !== undefined && (!Number.isInteger(value) || value < 0)) throw new InvalidEstimateInputError(field);
}

/** Coinsurance of an amount, rounded half up to the cent, exact for percents with two decimals. */
export function applyPercent(amountCents: number, percent: number): number {
  const basisPoints = Math.round(percent * 100);
  return Math.floor((amountCents * basisPoints + 5_000) / 10_000);
}

export function estimatePatientResponsibility(input: PatientShareInputs): PatientEstimate {
  const { allowedCents, coverage } = input;
  assertCents('allowedCents', allowedCents);
  const basis: EstimateStep[] = [];
  const done = (patient: number): PatientEstimate => ({
    allowedCents,
    expectedPatientResponsibilityCents: patient,
    expectedPayerPaymentCents: allowedCents - patient,
    basis,
  });

  if (!coverage) {
    basis.push({ rule: 'no-coverage', amountCents: allowedCents, explanation: `no active coverage: patient owes the allowed ${dollars(allowedCents)}` });
    return done(allowedCents);
  }
  assertCents('deductibleRemainingCents', coverage.deductibleRemainingCents);
  assertCents('copayCents', coverage.copayCents);
  assertCents('outOfPocketRemainingCents', coverage.outOfPocketRemainingCents);
  if (!(coverage.coinsurancePercent >= 0 && coverage.coinsurancePercent <= 100)) throw new InvalidEstimateInputError('coinsurancePercent');
  const note = (key: keyof NonNullable<typeof coverage.sources>): string =>
    coverage.sources?.[key] === 'payer-default' ? ' (payer default; the 271 did not report it)' : '';

  let patient: number;
  if (coverage.copayCents > 0) {
    patient = Math.min(coverage.copayCents, allowedCents);
    basis.push({
      rule: 'copay',
      amountCents: patient,
      explanation: `plan uses a copay of ${dollars(coverage.copayCents)}${note('copay')}${patient < coverage.copayCents ? `, limited to the allowed ${dollars(allowedCents)}` : ''}`,
    });
  } else {
    const deductible = Math.min(coverage.deductibleRemainingCents, allowedCents);
    basis.push({
      rule: 'deductible',
      amountCents: deductible,
      explanation:
        deductible > 0
          ? `${dollars(deductible)} toward the deductible (${dollars(coverage.deductibleRemainingCents)} remaining${note('deductible')})`
          : `deductible met${note('deductible')}`,
    });
    const rest = allowedCents - deductible;
    const coinsurance = applyPercent(rest, coverage.coinsurancePercent);
    basis.push({
      rule: 'coinsurance',
      amountCents: coinsurance,
      explanation: `${coverage.coinsurancePercent} % coinsurance${note('coinsurance')} on the remaining ${dollars(rest)}`,
    });
    patient = deductible + coinsurance;
  }

  const oop = coverage.outOfPocketRemainingCents;
  if (oop !== undefined && patient > oop) {
    basis.push({
      rule: 'out-of-pocket-cap',
      amountCents: oop - patient,
      explanation: `capped at the ${dollars(oop)} out-of-pocket maximum remaining${note('outOfPocket')}`,
    });
    patient = oop;
  }
  return done(patient);
}
