import type { Client } from '@temporalio/client';
import type { Db } from '../db/database';
import { withTransaction } from '../db/repositories/audit-log';
import { parseTaskResolution } from '../domain/lifecycle';
import { type Hl7Profiles, loadProfiles } from '../hl7/profile';
import { replayHl7 } from '../hl7/process';
import type { Config } from '../platform/config';
import { ApiError, notFound } from './errors';

/**
 * An `interface-error` task the HL7 listener opened (ids `hl7e_…`, no exam): a message that could not be used.
 * `retry` replays the stored message with the profiles in force now (after the profile or the data at the source
 * was fixed) and resolves the task when it now applies; `cancel` (reason) sets the message aside.
 */
export const isInterfaceErrorWork = (task: { type: string; task_id: string; exam_id: string | null }): boolean =>
  task.type === 'interface-error' && task.exam_id === null && task.task_id.startsWith('hl7e_');

export type InterfaceReplay = (messageId: string) => Promise<{ status: string; ackCode: string; errorField: string | null }>;

declare module 'fastify' {
  interface FastifyInstance {
    /** replays a stored HL7 message (the listener's mapping and delivery, in this process) */
    interfaceReplay: InterfaceReplay;
  }
}

/**
 * The replay of stored HL7 messages for the API: the profiles are read at each replay, so a profile fixed on disk
 * is the one the replay uses (a bad file is a 503, not a failed start).
 */
export function createInterfaceReplay(deps: { config: Config; db: Db; temporal: Client }): InterfaceReplay {
  return async (messageId) => {
    let profiles: Hl7Profiles;
    try {
      profiles = loadProfiles(deps.config.hl7?.profilesDir ?? 'config/hl7-profiles');
    } catch {
      throw new ApiError(503, 'temporarily_unavailable', 'the HL7 mapping profiles cannot be read: fix them and try again');
    }
    return replayHl7(
      { db: deps.db, temporal: deps.temporal, taskQueue: deps.config.temporal.taskQueue, deadlineMs: deps.config.api.updateDeadlineMs, profiles, payloadKeys: deps.config.payloadKeys, ...(deps.config.phiLookupKey ? { phiLookupKey: deps.config.phiLookupKey } : {}) },
      messageId,
    );
  };
}

/**
 * Resolves interface-error work: `retry` replays the message (a change that reaches an exam: `hooks.beforeReplay`
 * runs first, e.g. its intent row) and resolves the task when it now applies; `cancel` sets it aside. The task is
 * resolved in one transaction with `hooks.beforeCommit` (its audit row): both are committed, or neither.
 */
export async function resolveInterfaceErrorWork(
  db: Db,
  replay: InterfaceReplay,
  taskId: string,
  body: unknown,
  resolvedBy: string,
  now = new Date(),
  hooks: { beforeReplay?: () => Promise<void>; beforeCommit?: (trx: Db) => Promise<void> } = {},
) {
  const parsed = parseTaskResolution('interface-error', body);
  if (!parsed.ok) throw new ApiError(422, 'invalid_event', 'invalid resolution for interface-error', parsed.issues);
  const r = parsed.resolution;
  const task = await db.selectFrom('tasks').selectAll().where('task_id', '=', taskId).executeTakeFirst();
  if (!task) throw notFound('task');
  if (task.status !== 'open') throw new ApiError(409, 'task_not_open', 'the task is no longer open');
  const messageId = String((task.context as Record<string, unknown>).messageId ?? '');
  let outcome: Record<string, unknown> = { action: r.action };
  if (r.action === 'retry') {
    await hooks.beforeReplay?.();
    const replayed = await replay(messageId);
    if (replayed.status === 'error' || replayed.ackCode !== 'AA') {
      await db.updateTable('tasks').set({ context: JSON.stringify({ ...task.context, lastReplay: { at: now.toISOString(), ...replayed } }), updated_at: now }).where('task_id', '=', taskId).execute();
      throw new ApiError(422, 'still_failing', `the message still cannot be used (${replayed.errorField ?? 'see the message list'}): fix it and retry`, [{ path: replayed.errorField ?? '', message: 'still failing' }]);
    }
    outcome = { ...outcome, messageStatus: replayed.status };
  } else {
    outcome = { ...outcome, reason: r.reason };
  }
  return withTransaction(db, async (trx) => {
    const resolved = await trx.updateTable('tasks').set({
      status: 'resolved', closed_at: now, resolution_action: r.action, resolved_by: resolvedBy,
      context: JSON.stringify({ ...task.context, resolution: outcome }), updated_at: now,
    }).where('task_id', '=', taskId).where('status', '=', 'open').returningAll().executeTakeFirst();
    // resolved by someone else meanwhile (a replay through the message list, another supervisor)
    if (!resolved) throw new ApiError(409, 'task_not_open', 'the task is no longer open');
    await hooks.beforeCommit?.(trx);
    return resolved;
  });
}
