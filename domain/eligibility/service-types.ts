import type { Modality } from '../policy';

/**
 * X12 service type codes (EB03) that describe each modality, most specific first:
 * 62 MRI/CAT scan, 4 diagnostic X-ray, 73 diagnostic medical. Plan-level benefits
 * (30 health benefit plan coverage, 1 medical care, or no service type) apply after these.
 */
const BY_MODALITY: Record<Modality, readonly string[]> = {
  XR: ['4', '73'],
  FL: ['4', '73'],
  MG: ['4', '73'],
  US: ['4', '73'],
  DXA: ['4', '73'],
  CT: ['62', '4', '73'],
  MR: ['62', '4', '73'],
  NM: ['4', '73'],
  PET: ['62', '4', '73'],
};

export const PLAN_LEVEL_SERVICE_TYPES: readonly string[] = ['30', '1'];

export function serviceTypesForModality(modality: Modality): readonly string[] {
  return BY_MODALITY[modality];
}

/**
 * How closely a benefit describes the exam: 0 is the modality's first service type; plan-level
 * and unqualified benefits rank after every specific one; undefined when it does not apply.
 */
export function serviceTypeRank(benefitServiceTypes: readonly string[], modality: Modality): number | undefined {
  const order = [...serviceTypesForModality(modality), ...PLAN_LEVEL_SERVICE_TYPES];
  if (benefitServiceTypes.length === 0) return order.length;
  let best: number | undefined;
  for (const code of benefitServiceTypes) {
    const i = order.indexOf(code);
    if (i >= 0 && (best === undefined || i < best)) best = i;
  }
  return best;
}
