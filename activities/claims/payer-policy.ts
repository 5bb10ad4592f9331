import type { Db } from '../../db/database';
import { PayerPolicySchema, seedPayerPolicies, seedPayerPolicy, type PayerPolicy } from '../../domain/policy';

export function seedPolicy(payerId: string): PayerPolicy | undefined {
  try {
    return seedPayerPolicy(payerId);
  } catch {
    return undefined;
  }
}

/**
 * The payer's policy as configured (the payers table: the seed payers and every payer added or edited
 * through PUT /v1/payers/{id}), else the seed; null for unknown or inactive payers.
 */
export async function readPayerPolicy(db: Db, payerId: string): Promise<PayerPolicy | null> {
  const row = await db.selectFrom('payers').select(['policy', 'active']).where('payer_id', '=', payerId).executeTakeFirst();
  if (!row) return seedPolicy(payerId) ?? null;
  if (!row.active) return null;
  return storedPolicy(payerId, row.policy);
}

/** A stored policy as the exams may use it: validated, or (stored before today's bounds) the fallback below. */
export function storedPolicy(payerId: string, stored: unknown): PayerPolicy | null {
  const parsed = PayerPolicySchema.safeParse(stored);
  if (parsed.success) return parsed.data;
  // A policy stored before today's bounds (e.g. a timely-filing of 3,000,000 days) is not handed to the exams,
  // whose timers it would break: they keep to the seed rules of the payer (or of its payer type) until an
  // admin saves a valid policy, which the payers API validates.
  return fallbackPolicy(payerId, stored);
}

function fallbackPolicy(payerId: string, stored: unknown): PayerPolicy | null {
  const seed = seedPolicy(payerId);
  if (seed) return seed;
  const type = (stored as { payerType?: unknown } | null)?.payerType;
  const sameType = seedPayerPolicies().find((p) => p.payerType === type) ?? seedPolicy('self-pay');
  if (!sameType) return null;
  const identity = stored as { name?: unknown; x12PayerId?: unknown };
  return {
    ...sameType,
    id: payerId,
    ...(typeof identity.name === 'string' ? { name: identity.name } : {}),
    ...(typeof identity.x12PayerId === 'string' ? { x12PayerId: identity.x12PayerId } : {}),
  };
}
