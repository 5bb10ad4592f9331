import { z } from 'zod';
import { PayerIdentitySchema, PayerPolicySchema, PolicyRulesSchema, type PayerPolicy } from './payer-policy';

/** Engine-wide defaults: every payer rule not set on the payer comes from `policyDefaults`. */
export const GlobalConfigSchema = z.object({
  policyDefaults: PolicyRulesSchema,
  /** The payer used when staff turn an exam into self-pay. */
  selfPayPayerId: z.string().min(1),
});
export type GlobalConfig = z.infer<typeof GlobalConfigSchema>;

const rules = PolicyRulesSchema.shape;

/** What an admin sends for a payer: identity, plus only the rules that differ from the defaults. */
export const PayerPolicyInputSchema = PayerIdentitySchema.extend({
  active: z.boolean().optional(),
  timelyFiling: rules.timelyFiling.partial().optional(),
  priorAuth: rules.priorAuth.partial().optional(),
  eligibility: rules.eligibility.partial().optional(),
  acknowledgments: rules.acknowledgments.partial().optional(),
  followUp: rules.followUp.partial().optional(),
  arEscalation: rules.arEscalation.partial().optional(),
  appeals: rules.appeals.partial().optional(),
  patientStatements: rules.patientStatements.partial().optional(),
  patientShareDefaults: rules.patientShareDefaults.partial().optional(),
  scheduling: rules.scheduling.partial().optional(),
  reportSignature: rules.reportSignature.partial().optional(),
  taskDueHours: rules.taskDueHours.partial().optional(),
  defaultBillingArrangement: rules.defaultBillingArrangement.optional(),
  claimChanges: rules.claimChanges,
});
export type PayerPolicyInput = z.input<typeof PayerPolicyInputSchema>;

export class InvalidPayerPolicyError extends Error {
  readonly code = 'invalid-payer-policy';
  constructor(readonly issues: { path: string; message: string }[]) {
    super(`invalid payer policy: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'InvalidPayerPolicyError';
  }
}

/** Fills a payer's missing rules from the global defaults (section by section) and validates the result. */
export function buildPayerPolicy(input: PayerPolicyInput, config: GlobalConfig): PayerPolicy {
  const given = input as Record<string, unknown>;
  const merged: Record<string, unknown> = { active: true };
  for (const [key, value] of Object.entries(config.policyDefaults)) {
    const override = given[key];
    const isSection = typeof value === 'object' && value !== null && !Array.isArray(value);
    if (override === undefined) merged[key] = value;
    else merged[key] = isSection && typeof override === 'object' && override !== null ? { ...value, ...override } : override;
  }
  for (const key of Object.keys(PayerIdentitySchema.shape)) {
    if (given[key] !== undefined) merged[key] = given[key];
  }
  // Rules with no engine-wide default: the payer's own when it has them.
  if (given.claimChanges !== undefined) merged.claimChanges = given.claimChanges;
  const parsed = PayerPolicySchema.safeParse(merged);
  if (!parsed.success) {
    throw new InvalidPayerPolicyError(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
  return parsed.data;
}
