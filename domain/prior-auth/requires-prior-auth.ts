import { cptMatchesAny, type Modality, type PayerPolicy } from '../policy';
import { modalityOfCpt } from './modality-of-cpt';

export type PriorAuthRuleReason =
  | 'self-pay'
  | 'payer-has-no-imaging-program'
  | 'cpt-exempt'
  | 'cpt-listed'
  | 'modality-listed'
  | 'not-listed';

export interface ProcedurePriorAuthDecision {
  cpt: string;
  modality: Modality | null;
  required: boolean;
  reason: PriorAuthRuleReason;
  explanation: string;
}

export interface PriorAuthRequirement {
  required: boolean;
  /** One line per procedure, in order. */
  procedures: ProcedurePriorAuthDecision[];
}

export interface PriorAuthOrder {
  /** The ordered modality; a procedure's own modality (from its CPT) wins when known. */
  modality?: Modality;
  procedures: readonly { cpt: string }[];
}

/** Whether the payer wants an authorization for each procedure of an order, and why. */
export function requiresPriorAuth(policy: PayerPolicy, order: PriorAuthOrder): PriorAuthRequirement {
  const rules = policy.priorAuth;
  const noProgram = rules.requiredModalities.length === 0 && rules.requiredCpts.length === 0;
  const procedures = order.procedures.map(({ cpt }): ProcedurePriorAuthDecision => {
    const modality = modalityOfCpt(cpt) ?? order.modality ?? null;
    const decide = (required: boolean, reason: PriorAuthRuleReason, explanation: string) => ({ cpt, modality, required, reason, explanation });
    if (policy.payerType === 'self-pay') return decide(false, 'self-pay', 'self-pay: no payer authorization');
    if (noProgram) return decide(false, 'payer-has-no-imaging-program', `${policy.name} does not require authorization for imaging`);
    if (cptMatchesAny(rules.exemptCpts, cpt)) return decide(false, 'cpt-exempt', `${cpt} is exempt from authorization with ${policy.name}`);
    if (cptMatchesAny(rules.requiredCpts, cpt)) return decide(true, 'cpt-listed', `${policy.name} requires authorization for ${cpt}`);
    if (modality !== null && rules.requiredModalities.includes(modality)) {
      return decide(true, 'modality-listed', `${policy.name} requires authorization for ${modality} studies`);
    }
    return decide(false, 'not-listed', `${cpt} is not on ${policy.name}'s authorization list`);
  });
  return { required: procedures.some((p) => p.required), procedures };
}
