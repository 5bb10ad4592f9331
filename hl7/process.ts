import { createHash, randomUUID } from 'node:crypto';
import { type Hl7Message as Hl7MessageType, Hl7Message, Hl7Segment } from '@medplum/core';
import { sql } from 'kysely';
import { type Client, WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError, WorkflowUpdateStage, isGrpcDeadlineError } from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import { receiveIntake } from '../api/exam-intake';
import type { Db } from '../db/database';
import type { Hl7MessageStatus } from '../db/hl7-tables';
import { canonicalJson } from '../domain/canonical-json';
import { PRIORITY_RANK, TASK_DEFINITIONS } from '../domain/lifecycle';
import { DEFAULT_GLOBAL_CONFIG } from '../domain/policy';
import { outageOf } from '../platform/outage';
import type { PayloadKey } from '../platform/payload-codec';
import { PhiCipher } from '../platform/phi-cipher';
import { ExamFailureType, cancelExamUpdate, orderChangeUpdate, performedUpdate, registrationChangeUpdate, reportUpdate } from '../workflows/exam/messages';
import { examWorkflowId } from '../workflows/names';
import { type Header, headerOf } from './fields';
import { HL7_ERROR, Hl7MappingError, Hl7Rejected, type Mapped, accessionOf, errorText, mapMessage, patientIdentifierOf } from './map';
import type { Hl7Profile, Hl7Profiles } from './profile';
import { openExamsOfPatient } from './patient-index';
import { openRaw, sealRaw } from './raw-cipher';

export interface Hl7Deps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  /** how long one message may wait for its exam's answer before it is ACKed as handed on */
  deadlineMs: number;
  profiles: Hl7Profiles;
  payloadKeys: { current?: PayloadKey; previous: PayloadKey[] };
  /** PHI_LOOKUP_KEY: the key of the MRN's keyed hash (by default derived from the current payload key) */
  phiLookupKey?: string;
  /** how many messages of different accessions may hold their ordering lock (a database connection each) at once; default 4 */
  orderingSlots?: number;
}

/**
 * Messages for one accession are applied one at a time, in the order they arrived, whichever connection (or listener
 * process) they came on: in this process a queue per accession, across processes a PostgreSQL advisory lock keyed by
 * the accession's hash, held on a connection of its own while the message is stored, applied and answered.
 * A registration (ADT) is ordered the same way by its patient.
 */
const queues = new Map<string, Promise<void>>();
let lockHolders = 0;
const lockWaiters: (() => void)[] = [];

/** The advisory lock id of an ordering key: the first 8 bytes of its SHA-256, as PostgreSQL's signed bigint. */
export function orderingLockId(key: string): string {
  return createHash('sha256').update(`imaging-rcm hl7 ${key}`).digest().readBigInt64BE(0).toString();
}

/** The ordering key of a message: its accession (orders, results, charges) or its patient (registrations), when readable. */
export function orderingKeyOf(deps: Pick<Hl7Deps, 'profiles'>, msg: Hl7MessageType, h: Header): string | undefined {
  const profile = deps.profiles.forSender(h.sender.application, h.sender.facility);
  try {
    if (h.code === 'ADT') {
      const id = patientIdentifierOf(msg, profile);
      return id ? `patient:${profile.facility.id}:${createHash('sha256').update(id.trim().toUpperCase()).digest('hex')}` : undefined;
    }
    return `accession:${accessionOf(msg, profile)}`;
  } catch {
    return undefined;
  }
}

async function inOrder<T>(deps: Hl7Deps, key: string | undefined, fn: () => Promise<T>): Promise<T> {
  if (!key) return fn();
  const before = queues.get(key) ?? Promise.resolve();
  let done!: () => void;
  const mine = before.then(() => new Promise<void>((resolve) => (done = resolve)));
  queues.set(key, mine);
  await before;
  try {
    const slots = deps.orderingSlots ?? 4;
    if (lockHolders >= slots) await new Promise<void>((resolve) => lockWaiters.push(resolve));
    lockHolders += 1;
    try {
      const id = orderingLockId(key);
      return await deps.db.connection().execute(async (conn) => {
        await sql`SELECT pg_advisory_lock(${id}::bigint)`.execute(conn);
        try {
          return await fn();
        } finally {
          await sql`SELECT pg_advisory_unlock(${id}::bigint)`.execute(conn);
        }
      });
    } finally {
      lockHolders -= 1;
      lockWaiters.shift()?.();
    }
  } finally {
    done();
    if (queues.get(key) === mine) queues.delete(key);
  }
}

/** The shared PHI cipher of the listener: the raw messages at rest, the MRN's keyed hash. */
function cipherOf(deps: Hl7Deps): PhiCipher {
  const { current, previous } = deps.payloadKeys;
  if (!current) throw new Error('no payload key configured: HL7 messages are stored only encrypted');
  return new PhiCipher(current, previous, deps.phiLookupKey);
}

/** What became of one message: its row's status, the ACK code, and the error (field, HL7 code, words without PHI). */
interface Outcome {
  status: Hl7MessageStatus;
  ackCode: 'AA' | 'AE' | 'AR';
  event?: string;
  accession?: string;
  examId?: string;
  error?: { code: string; field: string; message: string };
  /** nothing was decided (Temporal or the database unreachable): the ACK is not kept, a resend is processed again */
  transient?: boolean;
  /** an `interface-error` task is opened for it */
  task?: boolean;
  /** the failure type of an exam that refused the event (e.g. ExamNotOpen) */
  refusal?: string;
  /** what a message that was taken came to, without PHI */
  note?: string;
}

/** Escapes HL7 delimiters in text the engine writes into an ACK. */
function escapeHl7(text: string): string {
  return text.replace(/\\/g, '\\E\\').replace(/\|/g, '\\F\\').replace(/\^/g, '\\S\\').replace(/&/g, '\\T\\').replace(/~/g, '\\R\\').replace(/[\r\n]/g, ' ');
}

/** ERR-2 error location (segment^sequence^field^repetition^component) of a field written PID-7, IN1[2]-36 or PID-5.2. */
function locationOf(field: string): string {
  const m = /^([A-Z][A-Z0-9]{2})(?:\[(\d+)\])?(?:-(\d+)(?:\.(\d+))?)?/.exec(field);
  if (!m) return '';
  const [, segment, seq = '1', f, comp] = m;
  return [segment, seq, f ?? '', f ? '1' : '', comp ?? ''].join('^').replace(/\^+$/, '');
}

/** The original-mode ACK: MSA-1 AA/AE/AR, MSA-2 the message's control id, and an ERR naming the field when not AA. */
export function buildAck(msg: Hl7MessageType, o: Pick<Outcome, 'ackCode' | 'error'>): Hl7MessageType {
  const err = o.error
    ? new Hl7Segment(['ERR', '', locationOf(o.error.field), `${o.error.code}^${escapeHl7(errorText(o.error.code))}^HL70357`, 'E', '', '', '', escapeHl7(o.error.message.slice(0, 250))], msg.context)
    : undefined;
  const ack = msg.buildAck({ ackCode: o.ackCode, ...(err ? { errSegment: err } : {}) });
  const msa = ack.getSegment('MSA');
  if (msa) {
    const text = o.error ? escapeHl7(`${o.error.field}: ${o.error.message}`.slice(0, 80)) : '';
    ack.setSegment('MSA', new Hl7Segment(['MSA', o.ackCode, msa.getField(2)?.toString() ?? '', text], msg.context));
  }
  return ack;
}

const sentByOf = (h: Header) => `hl7:${h.sender.application.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 90) || 'unknown'}`;
const keyOf = (natural: string, body: unknown) => `${natural}:${createHash('sha256').update(canonicalJson(body)).digest('hex').slice(0, 16)}`;
const withDeadline = <T>(temporal: Client, deadline: number, fn: () => Promise<T>): Promise<T> => temporal.connection.withDeadline(deadline, fn);

function isDeadline(err: unknown): boolean {
  return err instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isGrpcDeadlineError(err);
}

/**
 * Delivers an event to its exam as the API's event routes do: the same Temporal Update, the same update id as a
 * JSON delivery without an Idempotency-Key (so an HL7 and a JSON copy of one event apply once), bounded.
 */
async function deliver<A>(deps: Hl7Deps, examId: string, update: UpdateDefinition<unknown, [A]>, arg: A, naturalKey: string): Promise<'applied' | Outcome> {
  const handle = deps.temporal.workflow.getHandle(examWorkflowId(examId));
  const updateId = `${update.name}:${naturalKey}`.length <= 200 ? `${update.name}:${naturalKey}` : `${update.name}:sha256:${createHash('sha256').update(naturalKey).digest('hex')}`;
  const deadline = Date.now() + deps.deadlineMs;
  let accepted = false;
  try {
    const started = await withDeadline(deps.temporal, deadline, () => handle.startUpdate(update, { args: [arg], updateId, waitForStage: WorkflowUpdateStage.ACCEPTED }));
    accepted = true;
    await withDeadline(deps.temporal, deadline, () => started.result());
    return 'applied';
  } catch (err) {
    // Accepted by the exam: it is in its history and takes effect there; the sender is answered now.
    if (accepted && isDeadline(err)) return 'applied';
    if (isDeadline(err) || outageOf(err)) return { status: 'received', ackCode: 'AE', transient: true, error: { code: HL7_ERROR.internalError, field: 'MSH-10', message: 'the engine could not reach the exam in time: send the message again' } };
    if (err instanceof WorkflowNotFoundError) return { status: 'error', ackCode: 'AE', task: true, error: { code: HL7_ERROR.unknownKey, field: 'ORC-3', message: 'the exam of this accession number no longer runs' } };
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
      return { status: 'error', ackCode: 'AE', task: true, ...(err.cause.type ? { refusal: err.cause.type } : {}), error: { code: HL7_ERROR.internalError, field: 'ORC-3', message: `the exam refused the event (${err.cause.type ?? 'refused'}): ${err.cause.message}`.slice(0, 240) } };
    }
    throw err;
  }
}

async function examOf(db: Db, accession: string): Promise<string | undefined> {
  const row = await db.selectFrom('exam_intakes').select('exam_id').where('accession_number', '=', accession).executeTakeFirst();
  return row?.exam_id;
}

/**
 * A registration update (ADT^A04/A08) for every open exam of the patient (the profile's MRN, found by its keyed hash
 * at the profile's facility), as the exam's registration-change update: the same update id for a resend, so each
 * exam applies it once. AA when every open exam took it, or when the patient has none (the message says so).
 */
async function applyRegistration(deps: Hl7Deps, h: Header, m: Extract<Mapped, { kind: 'registration' }>, profile: Hl7Profile): Promise<Outcome> {
  const base = { event: m.kind };
  const sentBy = sentByOf(h);
  const examIds = await openExamsOfPatient(deps.db, cipherOf(deps), profile.facility.id, m.mrn);
  const nothing = 'no open exam of this patient: nothing to update';
  if (examIds.length === 0) return { ...base, status: 'received', ackCode: 'AA', note: nothing };
  const eventId = `adt:${createHash('sha256').update(`${sentBy}|${h.sender.facility}|${h.controlId}`).digest('hex').slice(0, 40)}`;
  let applied = 0;
  for (const examId of examIds) {
    const r = await deliver(deps, examId, registrationChangeUpdate, { event: { ...m.change, eventId }, sentBy }, `registration:${eventId}`);
    if (r === 'applied') applied += 1;
    else if (r.refusal === ExamFailureType.notOpen || r.error?.code === HL7_ERROR.unknownKey) continue; // closed since it was found
    else return { ...base, examId, ...r, ...(r.error ? { error: { ...r.error, field: r.transient ? r.error.field : 'PID-3' } } : {}), note: `${applied} of ${examIds.length} open exams updated before one refused` };
  }
  if (applied === 0) return { ...base, status: 'received', ackCode: 'AA', note: nothing };
  return { ...base, ...(examIds.length === 1 ? { examId: examIds[0] } : {}), status: 'applied', ackCode: 'AA', note: `registration applied to ${applied} open exam${applied === 1 ? '' : 's'} of the patient` };
}

/** Applies one mapped message to the engine. */
async function apply(deps: Hl7Deps, h: Header, m: Mapped, profile: Hl7Profile): Promise<Outcome> {
  if (m.kind === 'registration') return applyRegistration(deps, h, m, profile);
  const base = { event: m.kind, accession: m.accession };
  const sentBy = sentByOf(h);
  if (m.kind === 'intake') {
    const r = await receiveIntake({ db: deps.db, temporal: deps.temporal, taskQueue: deps.taskQueue, deadlineMs: deps.deadlineMs }, m.intake);
    if (r.outcome === 'conflict') {
      return { ...base, examId: r.examId, status: 'error', ackCode: 'AE', task: true, error: { code: HL7_ERROR.internalError, field: 'ORC-3', message: 'this accession number was ordered before with different content (order changes are not taken over HL7)' } };
    }
    return { ...base, examId: r.examId, status: 'applied', ackCode: 'AA' };
  }
  const examId = await examOf(deps.db, m.accession);
  if (m.kind === 'no-action' || m.kind === 'preliminary-report') return { ...base, ...(examId ? { examId } : {}), status: 'received', ackCode: 'AA' };
  // No order yet: held, and applied when the order arrives.
  if (!examId) return { ...base, status: 'held', ackCode: 'AA' };
  let result: Awaited<ReturnType<typeof deliver>>;
  if (m.kind === 'cancel') {
    result = await deliver(deps, examId, cancelExamUpdate, { reason: m.reason, requestedBy: sentBy }, keyOf(`cancel:${sentBy}`, { reason: m.reason }));
  } else if (m.kind === 'order-change') {
    const eventId = `xo:${createHash('sha256').update(`${sentBy}|${h.sender.facility}|${h.controlId}`).digest('hex').slice(0, 40)}`;
    result = await deliver(deps, examId, orderChangeUpdate, { event: { ...m.change, eventId }, sentBy }, `order:${eventId}`);
    // Performed (or closed) already: the exam keeps what was done; the front desk reconciles the order with the RIS.
    if (typeof result !== 'string' && !result.transient && result.refusal) {
      result = { ...result, error: { code: HL7_ERROR.internalError, field: 'ORC-1', message: 'ORC-1 XO: the exam was already performed (or is closed), so its order is no longer changed from HL7; the front desk reconciles it with the RIS' } };
    }
  } else if (m.kind === 'performed') {
    result = await deliver(deps, examId, performedUpdate, { event: m.event, sentBy }, keyOf(m.event.eventId ?? `performed:${m.event.performedAt}`, m.event));
  } else {
    result = await deliver(deps, examId, reportUpdate, { event: m.event, sentBy }, keyOf(m.event.eventId ?? `report:${m.event.status}:${m.event.signedAt}`, m.event));
  }
  return typeof result === 'string' ? { ...base, examId, status: result, ackCode: 'AA' } : { ...base, examId, ...result };
}

/** Maps and applies a parsed message; mapping failures are AE (the field named), types the engine does not take AR. */
async function decide(deps: Hl7Deps, msg: Hl7MessageType, h: Header): Promise<Outcome> {
  if (!h.controlId) return { status: 'error', ackCode: 'AR', error: { code: HL7_ERROR.requiredFieldMissing, field: 'MSH-10', message: 'MSH-10 (message control id) is required' } };
  const profile = deps.profiles.forSender(h.sender.application, h.sender.facility);
  let mapped: Mapped;
  try {
    mapped = mapMessage(msg, h, profile);
  } catch (err) {
    if (err instanceof Hl7Rejected) return { status: 'error', ackCode: 'AR', error: { code: err.code, field: err.field, message: err.message } };
    if (err instanceof Hl7MappingError) {
      // the accession number when it at least can be read: the error is listed (and worked) under it
      let accession: string | undefined;
      try {
        accession = accessionOf(msg, profile);
      } catch {
        accession = undefined;
      }
      return { status: 'error', ackCode: 'AE', task: true, ...(accession ? { accession } : {}), error: { code: err.code, field: err.field, message: err.message } };
    }
    throw err;
  }
  return apply(deps, h, mapped, profile);
}

function dueHours(): number {
  return DEFAULT_GLOBAL_CONFIG.policyDefaults.taskDueHours['interface-error'];
}

/** The work item of a message that could not be used: an `interface-error` task of the front desk, once per message. */
export const interfaceErrorTaskId = (messageId: string) => `hl7e_${messageId}`;

async function openInterfaceError(db: Db, id: string, h: Header, o: Outcome, now: Date): Promise<string> {
  const taskId = interfaceErrorTaskId(id);
  const definition = TASK_DEFINITIONS['interface-error'];
  await db.insertInto('tasks').values({
    task_id: taskId, exam_id: null, type: 'interface-error', queue: definition.queue, priority: definition.priority, priority_rank: PRIORITY_RANK[definition.priority],
    claim_id: null, status: 'open', escalated: false, due_at: new Date(now.getTime() + dueHours() * 3_600_000), opened_at: now, closed_at: null,
    context: JSON.stringify({
      source: 'hl7',
      work: 'hl7-message',
      messageId: id,
      messageType: h.type,
      sendingApplication: h.sender.application,
      sendingFacility: h.sender.facility,
      controlId: h.controlId,
      accessionNumber: o.accession ?? null,
      examId: o.examId ?? null,
      errorCode: o.error?.code ?? null,
      errorField: o.error?.field ?? null,
      reason: o.error?.message ?? 'the message could not be used',
      // fix the profile or the data at the source, then `retry` replays the stored message; `cancel` (reason) sets it aside
      actions: ['retry', 'cancel'],
    }),
    resolution_action: null, resolved_by: null, version: 0,
  }).onConflict((oc) => oc.column('task_id').doNothing()).execute();
  return taskId;
}

async function record(deps: Hl7Deps, id: string, h: Header, msg: Hl7MessageType, o: Outcome): Promise<Hl7MessageType> {
  const ack = buildAck(msg, o);
  const now = new Date();
  const taskId = o.task ? await openInterfaceError(deps.db, id, h, o, now) : null;
  await deps.db.updateTable('hl7_messages').set({
    status: o.status,
    event: o.event ?? null,
    accession_number: o.accession ?? null,
    exam_id: o.examId ?? null,
    error_code: o.error?.code ?? null,
    error_field: o.error?.field ?? null,
    error_message: o.error?.message ?? null,
    note: o.note ?? null,
    ack_code: o.ackCode,
    // a transient failure keeps no ACK: the sender's resend of the control id is processed again
    ack: o.transient ? '' : ack.toString(),
    ...(taskId ? { task_id: taskId } : {}),
    updated_at: now,
  }).where('id', '=', id).execute();
  return ack;
}

/** Applies the messages held for an accession (results before their order), in the order they came. */
async function applyHeld(deps: Hl7Deps, accession: string): Promise<void> {
  const held = await deps.db.selectFrom('hl7_messages').select(['id', 'raw_key_id', 'raw_encrypted']).where('accession_number', '=', accession).where('status', '=', 'held').orderBy('id').execute();
  for (const row of held) {
    const msg = Hl7Message.parse(openRaw(cipherOf(deps), row.raw_encrypted, row.raw_key_id, keysOf(deps)));
    const h = headerOf(msg);
    const o = await decide(deps, msg, h);
    await record(deps, row.id, h, msg, o);
  }
}

const keysOf = (deps: Hl7Deps): PayloadKey[] => [...(deps.payloadKeys.current ? [deps.payloadKeys.current] : []), ...deps.payloadKeys.previous];

/**
 * One message from the listener: stored (raw encrypted) before anything else, then mapped and applied, its
 * outcome and ACK kept on its row. A repeated control id of a sender answers the ACK kept for it and does nothing.
 */
export async function receiveHl7(deps: Hl7Deps, msg: Hl7MessageType): Promise<Hl7MessageType> {
  const h = headerOf(msg);
  return inOrder(deps, orderingKeyOf(deps, msg, h), () => receiveInOrder(deps, msg, h));
}

async function receiveInOrder(deps: Hl7Deps, msg: Hl7MessageType, h: Header): Promise<Hl7MessageType> {
  const cipher = cipherOf(deps);
  const controlId = h.controlId || `missing-${randomUUID()}`;
  const sender = { sending_application: h.sender.application.slice(0, 180), sending_facility: h.sender.facility.slice(0, 180) };
  const find = () => deps.db.selectFrom('hl7_messages').select(['id', 'ack']).where('sending_application', '=', sender.sending_application)
    .where('sending_facility', '=', sender.sending_facility).where('control_id', '=', controlId.slice(0, 200)).executeTakeFirst();
  let row = await find();
  if (row?.ack) return Hl7Message.parse(row.ack);
  if (!row) {
    const raw = sealRaw(cipher, msg.toString());
    row = await deps.db.insertInto('hl7_messages').values({
      ...sender, control_id: controlId.slice(0, 200), message_type: h.type.slice(0, 20) || '(none)', status: 'received', ack_code: '', ack: '',
      raw_key_id: raw.keyId, raw_encrypted: raw.data,
    }).onConflict((oc) => oc.columns(['sending_application', 'sending_facility', 'control_id']).doNothing()).returning(['id', 'ack']).executeTakeFirst() ?? await find();
    if (!row) throw new Error('the HL7 message could not be stored');
    if (row.ack) return Hl7Message.parse(row.ack);
  }
  const outcome = await decide(deps, msg, h);
  const ack = await record(deps, row.id, h, msg, outcome);
  if (outcome.event === 'intake' && outcome.status === 'applied' && outcome.accession) await applyHeld(deps, outcome.accession);
  return ack;
}

/**
 * Replays a stored message after its cause was fixed (the profile, or the data at the source): mapped and applied
 * again with the profiles in force now. Returns the message's new status and the ACK it would now answer.
 */
export async function replayHl7(deps: Hl7Deps, id: string): Promise<{ status: Hl7MessageStatus; ackCode: string; errorField: string | null }> {
  const row = await deps.db.selectFrom('hl7_messages').select(['id', 'raw_key_id', 'raw_encrypted', 'status']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new Error('no such message');
  const msg = Hl7Message.parse(openRaw(cipherOf(deps), row.raw_encrypted, row.raw_key_id, keysOf(deps)));
  const h = headerOf(msg);
  return inOrder(deps, orderingKeyOf(deps, msg, h), async () => {
    const o = await decide(deps, msg, h);
    await record(deps, row.id, h, msg, { ...o, task: false });
    if (o.event === 'intake' && o.status === 'applied' && o.accession) await applyHeld(deps, o.accession);
    return { status: o.status, ackCode: o.ackCode, errorField: o.error?.field ?? null };
  });
}

/**
 * Messages held longer than the wait (a result whose order never came) become interface errors: status `error`,
 * an `interface-error` task for the front desk. A later order does not pick them up; the task's retry replays them.
 * Returns how many were given up on.
 */
export async function expireHeld(deps: Pick<Hl7Deps, 'db'>, heldBefore: Date, now = new Date()): Promise<number> {
  const rows = await deps.db.selectFrom('hl7_messages')
    .select(['id', 'sending_application', 'sending_facility', 'control_id', 'message_type', 'accession_number', 'event'])
    .where('status', '=', 'held').where('received_at', '<', heldBefore).orderBy('id').limit(500).execute();
  for (const r of rows) {
    const error = { code: HL7_ERROR.unknownKey, field: 'ORC-3', message: 'no order arrived for this accession number within the wait: send the order, then retry' };
    const h: Header = { sender: { application: r.sending_application, facility: r.sending_facility }, controlId: r.control_id, type: r.message_type, code: '', trigger: '', version: '' };
    const taskId = await openInterfaceError(deps.db, r.id, h, { status: 'error', ackCode: 'AE', error, ...(r.accession_number ? { accession: r.accession_number } : {}) }, now);
    await deps.db.updateTable('hl7_messages').set({ status: 'error', error_code: error.code, error_field: error.field, error_message: error.message, task_id: taskId, updated_at: now })
      .where('id', '=', r.id).where('status', '=', 'held').execute();
  }
  return rows.length;
}
