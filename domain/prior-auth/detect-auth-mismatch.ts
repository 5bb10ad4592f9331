import type { PayerPolicy } from '../policy';
import type { Authorization } from './authorization';
import { authorizationCovers, sameFamily } from './authorization-coverage';

export type AuthMismatchKind = 'cpt-not-authorized' | 'units-exceed-authorization' | 'covered-by-family';

export interface AuthMismatchFinding {
  kind: AuthMismatchKind;
  cpt: string;
  /** True for findings that must be resolved before the claim goes out. */
  blocking: boolean;
  /** For `cpt-not-authorized`: the performed code shares a family with an authorized one (an update, not a new request). */
  sameFamilyAsAuthorized: boolean;
  explanation: string;
}

export interface AuthMismatchResult {
  mismatch: boolean;
  findings: AuthMismatchFinding[];
}

/**
 * Compares what was performed with what was authorized, e.g. 72148 (without contrast) authorized
 * but 72158 (without and with) performed, or more units than are left on the authorization.
 */
export function detectPriorAuthMismatch(
  policy: PayerPolicy,
  authorization: Authorization,
  performed: readonly { cpt: string; units?: number }[],
): AuthMismatchResult {
  const findings: AuthMismatchFinding[] = [];
  let coveredUnits = 0;
  for (const { cpt, units } of performed) {
    const covers = authorizationCovers(policy, authorization, cpt);
    if (covers === null) {
      const related = authorization.cpts.some((c) => sameFamily(policy, c, cpt));
      findings.push({
        kind: 'cpt-not-authorized',
        cpt,
        blocking: true,
        sameFamilyAsAuthorized: related,
        explanation: related
          ? `performed ${cpt} but authorization covers ${authorization.cpts.join(', ')}: ask the payer to update the authorization`
          : `performed ${cpt} is not on the authorization: a new authorization is needed`,
      });
      continue;
    }
    coveredUnits += units ?? 1;
    if (covers === 'family') {
      findings.push({
        kind: 'covered-by-family',
        cpt,
        blocking: false,
        sameFamilyAsAuthorized: true,
        explanation: `performed ${cpt} is covered through its family; report the code change to the payer if the contract asks for it`,
      });
    }
  }
  const left = authorization.unitsAuthorized - authorization.unitsUsed;
  if (coveredUnits > left) {
    findings.push({
      kind: 'units-exceed-authorization',
      cpt: performed.map((p) => p.cpt).join(','),
      blocking: true,
      sameFamilyAsAuthorized: false,
      explanation: `${coveredUnits} units performed, ${Math.max(left, 0)} left on the authorization`,
    });
  }
  return { mismatch: findings.some((f) => f.blocking), findings };
}
