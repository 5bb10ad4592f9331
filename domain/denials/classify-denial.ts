import { findCarc } from './carc-table';
import type {
  AdjustmentEffect,
  AdjustmentGroup,
  DenialCategory,
  RecommendedAction,
  RootCause,
} from './denial-types';
import { findRarc } from './rarc-table';

export interface DenialInput {
  readonly group: AdjustmentGroup;
  readonly reasonCode: string;
  readonly remarkCodes?: readonly string[];
  /** Another payer follows this one (a secondary coverage is on file). */
  readonly hasOtherCoverage?: boolean;
}

export interface CodeDescription {
  readonly code: string;
  readonly kind: 'carc' | 'rarc';
  readonly description: string;
}

export interface DenialClassification {
  readonly group: AdjustmentGroup;
  readonly reasonCode: string;
  readonly effect: AdjustmentEffect;
  readonly category: DenialCategory;
  readonly rootCause: RootCause;
  readonly action: RecommendedAction | null;
  readonly autoCorrectable: boolean;
  readonly appealable: boolean;
  /** The payer places this amount on the patient. */
  readonly patientLiable: boolean;
  /** The reason code is in our table. */
  readonly known: boolean;
  readonly codes: readonly CodeDescription[];
  readonly guidance?: string;
}

export function normalizeCode(code: string): string {
  return code.trim().toUpperCase();
}

/** The money effect of an adjustment (group + reason code). Unknown codes are denials, so a person looks at them. */
export function adjustmentEffect(group: AdjustmentGroup, reasonCode: string): AdjustmentEffect {
  const carc = findCarc(normalizeCode(reasonCode));
  if (carc?.effect === 'prior-payer') return 'prior-payer';
  if (group === 'PR') return carc?.effect === 'patient-cost-share' ? 'patient-cost-share' : 'patient-liable';
  if (carc?.effect === 'contractual-reduction') return 'contractual-reduction';
  return 'denial';
}

/** Which share of the patient responsibility a PR reason code is. */
export function patientShareKind(reasonCode: string): 'deductible' | 'coinsurance' | 'copay' | 'other' {
  switch (normalizeCode(reasonCode)) {
    case '1':
      return 'deductible';
    case '2':
      return 'coinsurance';
    case '3':
      return 'copay';
    default:
      return 'other';
  }
}

/** Classifies one adjustment: category, root cause, recommended action, auto-correctability. */
export function classifyDenial(input: DenialInput): DenialClassification {
  const reasonCode = normalizeCode(input.reasonCode);
  const carc = findCarc(reasonCode);
  const remarks = (input.remarkCodes ?? []).map(normalizeCode);
  const rarcs = remarks.map(findRarc).filter((r) => r !== undefined);
  const effect = adjustmentEffect(input.group, reasonCode);

  let category: DenialCategory = carc?.category ?? 'other';
  let rootCause: RootCause = carc?.rootCause ?? 'unclassified-code';
  let action: RecommendedAction | null = carc ? carc.action : 'appeal';
  let autoCorrectable = carc?.autoCorrectable ?? false;

  if (carc?.refinedByRemarks) {
    const specific = rarcs.find((r) => r.category !== undefined);
    if (specific) {
      category = specific.category ?? category;
      rootCause = specific.rootCause ?? rootCause;
      action = specific.action ?? action;
      autoCorrectable = specific.autoCorrectable ?? false;
    }
  } else {
    const sameCategory = rarcs.find((r) => r.category === category && r.rootCause !== undefined);
    if (sameCategory?.rootCause) rootCause = sameCategory.rootCause;
  }

  const notAppealable = rarcs.some((r) => r.notAppealable);
  if (notAppealable) {
    autoCorrectable = false;
    if (action === 'appeal' || action === 'corrected-claim') action = 'resubmit-with-info';
  }

  let patientLiable = false;
  switch (effect) {
    case 'patient-cost-share':
    case 'patient-liable':
      patientLiable = true;
      action = 'bill-patient';
      autoCorrectable = false;
      break;
    case 'contractual-reduction':
    case 'prior-payer':
      action = null;
      autoCorrectable = false;
      break;
    case 'denial':
      // Under CO/OA/PI the provider carries the amount: the patient may not be billed for it.
      if (action === 'bill-patient') action = 'write-off-request';
      break;
  }
  if (input.hasOtherCoverage && action === 'bill-patient') action = 'bill-secondary';

  const codes: CodeDescription[] = [
    { code: reasonCode, kind: 'carc', description: carc?.description ?? 'Reason code not in our table' },
    ...remarks.map((code) => ({ code, kind: 'rarc' as const, description: findRarc(code)?.description ?? 'Remark code not in our table' })),
  ];
  return {
    group: input.group,
    reasonCode,
    effect,
    category,
    rootCause,
    action,
    autoCorrectable,
    appealable: !notAppealable && (effect === 'denial' || effect === 'patient-liable'),
    patientLiable,
    known: carc !== undefined,
    codes,
    ...(carc?.guidance !== undefined ? { guidance: carc.guidance } : {}),
  };
}

/** Remark codes telling that the payer forwarded the claim to the next payer itself (crossover). */
export function isCrossoverRemark(code: string): boolean {
  return findRarc(normalizeCode(code))?.crossover === true;
}
