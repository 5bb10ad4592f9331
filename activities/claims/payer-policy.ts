import type { Db } from '../../db/database';
import { PayerPolicySchema, seedPayerPolicy, type PayerPolicy } from '../../domain/policy';

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
  const parsed = PayerPolicySchema.safeParse(row.policy);
  return parsed.success ? parsed.data : (row.policy as unknown as PayerPolicy);
}
