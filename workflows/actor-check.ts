import { ApplicationFailure } from '@temporalio/workflow';

/**
 * What the worker's payload codec found about an argument's actor assertion (see platform/actor-assertion.ts),
 * handed to the workflow beside the argument: a non-enumerable property, so that it is never part of the value
 * itself (not stored, not hashed, not compared). Absent when the worker verifies no assertions (the feature is
 * not configured); then updates are taken as before.
 */
export const ACTOR_CHECK = Symbol.for('imaging-rcm.actorCheck');
export const ACTOR_CHECK_METADATA = 'rcm-actor-check';

export interface ActorCheck {
  ok: boolean;
  /** why not (missing, malformed, unknown-key, bad-signature, arguments-changed) */
  reason?: string;
  claims?: { update: string; actor: string; role: string; taskId?: string; iat: number };
}

export function actorCheckOf(value: unknown): ActorCheck | undefined {
  if (!value || typeof value !== 'object') return undefined;
  return (value as { [ACTOR_CHECK]?: ActorCheck })[ACTOR_CHECK];
}

/**
 * An update validator's check that a staff member's update was signed by the API for this update, actor, role
 * and task (the arguments' hash was checked by the codec). Runs in validators only: never on replay.
 */
export function refuseUnassertedActor(arg: unknown, expected: { update: string; actor: string; role: string; taskId?: string }): void {
  const check = actorCheckOf(arg);
  if (!check) return;
  const c = check.claims;
  const matches = check.ok && c !== undefined && c.update === expected.update && c.actor === expected.actor && c.role === expected.role && (c.taskId ?? undefined) === expected.taskId;
  if (!matches) {
    throw ApplicationFailure.create({
      type: 'ActorNotAsserted',
      message: `the ${expected.update} update carries no valid actor assertion from the API (${check.ok ? 'it names another actor, role, task or update' : check.reason ?? 'refused'})`,
      nonRetryable: true,
    });
  }
}
