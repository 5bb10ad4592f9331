import { createHash } from 'node:crypto';
import { type Client, WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError, WorkflowUpdateStage, isGrpcDeadlineError } from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/database';
import { type ActorSigningKey, withActorAssertion } from '../platform/actor-assertion';
import { outageOf } from '../platform/outage';
import { type ExamStatusView, type ExamWorkflowInput, ExamFailureType, examContinuationQuery, examStatusQuery } from '../workflows/exam/messages';
import { examWorkflowId } from '../workflows/names';
import { ApiError, unavailable } from './errors';
import { examUpdateError } from './exam-update-error';
import { auditIntent } from './plugins/audit';

/** The pause a client takes before sending again an event no worker took within the deadline (202, accepted: false). */
export const UNACCEPTED_RETRY_AFTER_SECONDS = 1;

/** The header a client sets to make a retried event return the first answer. */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,200}$/;

/** What an exam that has stopped taking updates knows of the events it applied. */
export interface ClosedExam {
  processedEventIds: ReadonlySet<string>;
  view: () => Promise<ExamStatusView>;
}

export interface EventDelivery<A, R> {
  examId: string;
  update: UpdateDefinition<R, [A]>;
  arg: A;
  /** the event's own identity when the client sends no Idempotency-Key (its event id, payment reference, task id) */
  naturalKey: string;
  /**
   * The exam no longer takes updates (closed, or the task already resolved): the answer the first delivery
   * gave when this event already took effect, or undefined when it did not (the refusal stands).
   */
  alreadyApplied?: (exam: ClosedExam) => Promise<R | undefined>;
  /** a staff member's update: who, in which role (and on which task) the API signs for (actor assertion) */
  actor?: { actor: string; role: string; taskId?: string };
  /**
   * What the API writes of the exam's answer before it replies: a staff update is answered before the exam records
   * the transition, so that the next read agrees with the answer. Not called for a 202.
   */
  show?: (answer: R) => Promise<void>;
}

export interface DeliveryDeps {
  db: Db;
  temporal: Client;
  /** how long the client waits for the exam's answer before a 202 */
  deadlineMs: number;
  /** the API's actor-assertion key (ACTOR_SIGNING_KEY); none: staff updates go unsigned */
  actorSigner?: ActorSigningKey;
}

/** The Temporal update id: the client's Idempotency-Key, else the event's own identity, scoped by update name. */
export function updateIdFor(request: FastifyRequest, updateName: string, naturalKey: string): string {
  const given = request.headers[IDEMPOTENCY_HEADER];
  if (given !== undefined) {
    if (typeof given !== 'string' || !IDEMPOTENCY_KEY.test(given)) {
      throw new ApiError(400, 'invalid_request', 'the Idempotency-Key header is invalid', [{ path: 'headers.idempotency-key', message: 'must be 1-200 letters, digits or . _ : -' }]);
    }
    return `${updateName}:key:${given}`;
  }
  const id = `${updateName}:${naturalKey}`;
  return id.length <= 200 ? id : `${updateName}:sha256:${createHash('sha256').update(naturalKey).digest('hex')}`;
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
const withDeadline = <T>(temporal: Client, deadline: number, fn: () => Promise<T>): Promise<T> => temporal.connection.withDeadline(deadline, fn);

function isDeadline(err: unknown): boolean {
  return err instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isGrpcDeadlineError(err);
}

/** True when the exam stopped taking this update: its workflow ended, or the exam refused it as not open / task not open. */
function isClosedRefusal(err: unknown): boolean {
  if (err instanceof WorkflowNotFoundError) return true;
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    return err.cause.type === ExamFailureType.notOpen || err.cause.type === ExamFailureType.taskNotOpen;
  }
  return false;
}

/**
 * Delivers one event to its exam as a Temporal Update, bounded and idempotent:
 * - the update id is the Idempotency-Key (or the event's natural id), so a retry attaches to the first
 *   delivery and returns its answer instead of applying the event again;
 * - the intent is audited before the delivery, the outcome after (audit plugin);
 * - the call waits for the exam to accept the update and then for its answer, at most `deadlineMs`;
 *   past it the answer is 202 with the exam's Location (the update stays with the exam; the same request
 *   with the same key returns its answer once there is one);
 * - an exam that has closed since the first delivery answers a retry as the first delivery did.
 */
export async function deliverEvent<A, R>(deps: DeliveryDeps, request: FastifyRequest, reply: FastifyReply, d: EventDelivery<A, R>): Promise<R | FastifyReply> {
  const { temporal } = deps;
  const updateId = updateIdFor(request, d.update.name, d.naturalKey);
  request.auditDetails = { ...(request.auditDetails ?? {}), updateId };
  await auditIntent(deps.db, request);

  const handle = temporal.workflow.getHandle(examWorkflowId(d.examId));
  const deadline = Date.now() + deps.deadlineMs;
  let accepted = false;
  try {
    // A staff member's update carries the API's signature over it: the worker believes no actor without one.
    const arg = deps.actorSigner && d.actor ? withActorAssertion(deps.actorSigner, d.update.name, d.arg as A & object, d.actor) : d.arg;
    const started = await withDeadline(temporal, deadline, () => handle.startUpdate(d.update, { args: [arg], updateId, waitForStage: WorkflowUpdateStage.ACCEPTED }));
    accepted = true;
    return await shown(d, await withDeadline(temporal, deadline, () => started.result()));
  } catch (err) {
    if (isDeadline(err)) return pending(deps, reply, d.examId, updateId, accepted);
    if (d.alreadyApplied && isClosedRefusal(err)) {
      // The closed exam cannot be asked (its query timed out): the refusal stands. A refusal of its own (a conflict) is the answer.
      const answer = await answerFromClosedExam(deps, d).catch((asked: unknown) => {
        if (asked instanceof ApiError) throw asked;
        return undefined;
      });
      if (answer !== undefined) return shown(d, answer);
    }
    throw examUpdateError(err);
  }
}

async function shown<A, R>(d: EventDelivery<A, R>, answer: R): Promise<R> {
  await d.show?.(answer);
  return answer;
}

async function answerFromClosedExam<A, R>(deps: DeliveryDeps, d: EventDelivery<A, R>): Promise<R | undefined> {
  const handle = deps.temporal.workflow.getHandle(examWorkflowId(d.examId));
  const deadline = Date.now() + deps.deadlineMs;
  const continuation: ExamWorkflowInput = await withDeadline(deps.temporal, deadline, () => handle.query(examContinuationQuery));
  const processed = new Set(continuation.carried?.lifecycle.processedEventIds ?? []);
  return d.alreadyApplied!({ processedEventIds: processed, view: () => withDeadline(deps.temporal, deadline, () => handle.query(examStatusQuery)) });
}

/**
 * The exam did not answer in time. Temporal reachable (the worker busy or down): 202 with the exam as Location.
 * `accepted: true`: the exam took the event (it is in its history) and its effect will show on the exam.
 * `accepted: false`: no worker took it yet; Temporal keeps such an update only while it waits in memory, so the
 * client sends the same request again (same Idempotency-Key: it never applies twice) until it gets a 200. The answer
 * carries Retry-After, which says so to any HTTP client.
 * Temporal unreachable: 503, nothing was delivered.
 */
async function pending(deps: DeliveryDeps, reply: FastifyReply, examId: string, updateId: string, accepted: boolean): Promise<FastifyReply> {
  const reachable = await withDeadline(deps.temporal, Date.now() + 2000, () => deps.temporal.workflow.getHandle(examWorkflowId(examId)).describe()).then(
    () => true,
    (err: unknown) => {
      if (outageOf(err) || isGrpcDeadlineError(err)) return false;
      return true;
    },
  );
  if (!reachable) throw unavailable('temporal');
  const location = `/v1/exams/${examId}`;
  // Not taken: Temporal may drop an update no worker has accepted (a failed workflow task clears them), so the
  // client must send it again; Retry-After says so in HTTP's own words, as a 503 or 429 does.
  if (!accepted) void reply.header('Retry-After', String(UNACCEPTED_RETRY_AFTER_SECONDS));
  return reply
    .status(202)
    .header('Location', location)
    .send({
      status: 'pending',
      accepted,
      examId,
      location,
      updateId,
      message: accepted
        ? `the exam accepted the event but has not answered within ${seconds(deps.deadlineMs)}: its effect will show on the exam (GET the Location); the same request with the same Idempotency-Key returns the answer`
        : `the exam has not taken the event within ${seconds(deps.deadlineMs)} (no worker free): send the same request with the same Idempotency-Key again shortly; it is applied once, whatever the number of tries`,
    });
}
