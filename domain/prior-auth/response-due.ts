import { addDuration, timerDurations, type PayerPolicy, type PolicyDuration } from '../policy';

export type OrderPriority = 'routine' | 'urgent' | 'stat';

/** How long the payer has to answer an authorization request: expedited for urgent and stat orders. */
export function priorAuthResponseWindow(policy: PayerPolicy, priority: OrderPriority): PolicyDuration {
  const t = timerDurations(policy);
  return priority === 'routine' ? t.priorAuthResponseStandard : t.priorAuthResponseUrgent;
}

export function priorAuthResponseDueAt(policy: PayerPolicy, priority: OrderPriority, requestedAt: string): string {
  return addDuration(requestedAt, priorAuthResponseWindow(policy, priority));
}
