import { cptMatchesAny, type PayerPolicy } from '../policy';
import type { Authorization } from './authorization';

/** The ids of the payer's CPT families a code belongs to. */
export function familiesOf(policy: PayerPolicy, cpt: string): string[] {
  return policy.priorAuth.cptFamilies.filter((f) => cptMatchesAny(f.cpts, cpt)).map((f) => f.id);
}

/** True when two codes belong to a common family of the payer's policy. */
export function sameFamily(policy: PayerPolicy, a: string, b: string): boolean {
  const fa = familiesOf(policy, a);
  return familiesOf(policy, b).some((f) => fa.includes(f));
}

/**
 * How an authorization covers a code: `cpt` when it lists the code, `family` when it was issued
 * for the code's family or the payer accepts any code of an authorized code's family, else null.
 */
export function authorizationCovers(policy: PayerPolicy, auth: Authorization, cpt: string): 'cpt' | 'family' | null {
  if (auth.cpts.includes(cpt)) return 'cpt';
  if (auth.cptFamily !== undefined && familiesOf(policy, cpt).includes(auth.cptFamily)) return 'family';
  if (policy.priorAuth.matchWithinFamily && auth.cpts.some((c) => sameFamily(policy, c, cpt))) return 'family';
  return null;
}
