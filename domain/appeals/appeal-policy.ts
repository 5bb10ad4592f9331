import { AppealError } from './appeal-errors';

export type PayerType = 'medicare' | 'medicare-advantage' | 'medicaid' | 'commercial';

export interface AppealLevel {
  readonly id: string;
  readonly name: string;
  /** Who decides at this level. */
  readonly reviewer: string;
  /** Days to file, counted from the decision that precedes the level (the initial determination for the first level). */
  readonly filingDays: number;
  /** Smallest amount in controversy for which the level is available. */
  readonly minimumAmountInControversyCents?: number;
}

export interface AppealPolicy {
  readonly payerType: PayerType;
  readonly levels: readonly AppealLevel[];
  /** Days added to a decision date for presumed receipt of the notice before the filing clock starts (0 = count from the date itself). */
  readonly presumedReceiptDays: number;
}

export interface MedicareAppealConfig {
  /** Amount in controversy for an ALJ hearing (a yearly figure, e.g. 19000 cents for 2025). */
  readonly aljAmountInControversyCents: number;
  /** Amount in controversy for judicial review (a yearly figure, e.g. 190000 cents for 2025). */
  readonly judicialReviewAmountInControversyCents: number;
  readonly presumedReceiptDays?: number;
}

function checkLevels(levels: readonly AppealLevel[]): void {
  if (levels.length === 0) throw new AppealError('invalid-policy', 'an appeal policy needs at least one level');
  const ids = new Set<string>();
  for (const level of levels) {
    if (!level.id || ids.has(level.id)) throw new AppealError('invalid-policy', 'appeal level ids must be unique and non-empty');
    ids.add(level.id);
    if (!Number.isSafeInteger(level.filingDays) || level.filingDays < 1) throw new AppealError('invalid-policy', `filing days of ${level.id} must be a positive whole number`);
    const min = level.minimumAmountInControversyCents;
    if (min !== undefined && (!Number.isSafeInteger(min) || min < 0)) throw new AppealError('invalid-policy', `amount in controversy of ${level.id} must be whole cents`);
  }
}

/**
 * Medicare fee-for-service appeal levels: redetermination (120 days from the initial
 * determination), reconsideration (180 days from the redetermination decision), ALJ hearing
 * (60 days, amount-in-controversy threshold), Medicare Appeals Council (60 days), judicial review
 * in federal district court (60 days, its own threshold). The thresholds change every year and
 * are passed in.
 */
export function medicareAppealPolicy(config: MedicareAppealConfig): AppealPolicy {
  const levels: AppealLevel[] = [
    { id: 'redetermination', name: 'Redetermination', reviewer: 'Medicare Administrative Contractor', filingDays: 120 },
    { id: 'reconsideration', name: 'Reconsideration', reviewer: 'Qualified Independent Contractor', filingDays: 180 },
    { id: 'alj-hearing', name: 'Administrative Law Judge hearing', reviewer: 'Office of Medicare Hearings and Appeals', filingDays: 60, minimumAmountInControversyCents: config.aljAmountInControversyCents },
    { id: 'appeals-council', name: 'Medicare Appeals Council review', reviewer: 'Medicare Appeals Council', filingDays: 60 },
    { id: 'judicial-review', name: 'Judicial review', reviewer: 'Federal district court', filingDays: 60, minimumAmountInControversyCents: config.judicialReviewAmountInControversyCents },
  ];
  checkLevels(levels);
  return { payerType: 'medicare', levels, presumedReceiptDays: config.presumedReceiptDays ?? 0 };
}

export interface ConfiguredAppealLevel {
  readonly id: string;
  readonly name: string;
  readonly filingDays: number;
  readonly reviewer?: string;
  readonly minimumAmountInControversyCents?: number;
}

/** Defaults when a payer policy does not say otherwise: first level 180 days, second level 60 days. */
export const DEFAULT_PAYER_APPEAL_LEVELS: readonly ConfiguredAppealLevel[] = Object.freeze([
  { id: 'first-level', name: 'First-level appeal', filingDays: 180 },
  { id: 'second-level', name: 'Second-level appeal', filingDays: 60 },
]);

/** Appeal levels of a commercial, Medicare Advantage or Medicaid payer, from its policy. */
export function payerAppealPolicy(input: {
  readonly payerType: Exclude<PayerType, 'medicare'>;
  readonly levels?: readonly ConfiguredAppealLevel[];
  readonly presumedReceiptDays?: number;
}): AppealPolicy {
  const levels: AppealLevel[] = (input.levels ?? DEFAULT_PAYER_APPEAL_LEVELS).map((level) => ({
    id: level.id,
    name: level.name,
    reviewer: level.reviewer ?? 'Payer',
    filingDays: level.filingDays,
    ...(level.minimumAmountInControversyCents !== undefined ? { minimumAmountInControversyCents: level.minimumAmountInControversyCents } : {}),
  }));
  checkLevels(levels);
  const presumedReceiptDays = input.presumedReceiptDays ?? 0;
  if (!Number.isSafeInteger(presumedReceiptDays) || presumedReceiptDays < 0) throw new AppealError('invalid-policy', 'presumed receipt days must be a whole number');
  return { payerType: input.payerType, levels, presumedReceiptDays };
}

export function findAppealLevel(policy: AppealPolicy, levelId: string): AppealLevel {
  const level = policy.levels.find((l) => l.id === levelId);
  if (!level) throw new AppealError('unknown-level', `appeal level ${levelId.slice(0, 40)} is not in the policy`);
  return level;
}
