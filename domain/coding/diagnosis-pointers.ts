import { diagnosisSupports } from '../refdata/coverage-policy';
import type { RefData } from '../refdata/ref-data';

export const MAX_POINTERS_PER_LINE = 4;

/**
 * Up to four 1-based pointers for a line: when the code has a coverage policy and some claim diagnoses support it,
 * only those (claim order); otherwise the claim diagnoses in order.
 */
export function pointersFor(cpt: string, diagnoses: readonly string[], ref: RefData): number[] {
  const policy = ref.coveragePolicy(cpt);
  const indexes = diagnoses.map((_, i) => i);
  const supporting = policy ? indexes.filter((i) => diagnosisSupports(policy, diagnoses[i] as string)) : [];
  const chosen = supporting.length > 0 ? supporting : indexes;
  return chosen.slice(0, MAX_POINTERS_PER_LINE).map((i) => i + 1);
}
