import { ApplicationFailure } from '@temporalio/common';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { IngestionItemOutcome } from '../../db/ingestion-tables';
import { examWorkflowId, isExamId } from '../../workflows/names';
import { type ClaimAcknowledgment, type ClaimRemittance, claimAcknowledgedSignal } from '../../workflows/exam/payer-events';
import { APPEAL_FILE_NAME } from '../claims/submit-appeal';
import { secondaryClaimId } from '../claims/submit-secondary-claim';
import { deliverRemittance } from './deliver-remittance';
import { type DeliverableType, type InboundItem, inboundItems, parseInbound } from './inbound-file-items';
import { recordClaimRemittance } from './record-claim-remittance';
import { claimStatusAfterRemittance, toClaimAdjudication } from './to-claim-adjudication';
import { openUnmatchedWork, recordUnmatchedClaim } from './unmatched-work';

export interface DeliveryDeps {
  db: Db;
  temporal: Client;
  now?: () => Date;
}

/** Where one item of a file went. */
export interface DeliveredItem {
  index: number;
  claimReference: string;
  examId?: string;
  claimId?: string;
  claimVersion?: number;
  /** the claim's status after this payer response */
  claimStatus?: string;
  outcome: IngestionItemOutcome;
  reason?: string;
}

export interface DeliverySummary {
  fileId: string;
  claimCount: number;
  unmatched: number;
  unmatchedTaskId: string | null;
}

/** The error types of ingestion that no retry mends. */
export const IngestionErrorType = {
  FileUnreadable: 'INGESTION_FILE_UNREADABLE',
  /** a claim waits for an earlier file of its exam to be delivered first (retried) */
  EarlierFilePending: 'INGESTION_EARLIER_FILE_PENDING',
} as const;

export interface DeliveryOrder {
  /**
   * Deliver each claim only after the claims of its exam in files received earlier (999, then 277CA, then 835
   * arriving together, or two uploads in a row): an exam hears of its payer's files in the order they came.
   */
  inOrder?: boolean;
  /** how long one call waits for an earlier file before it fails (retried by the workflow); default 20 s */
  maxWaitMs?: number;
  /** the first pause between two looks at the earlier files, doubled after each look up to `maxPollMs`; default 100 ms */
  pollMs?: number;
  /** the longest pause between two looks; default 1 s */
  maxPollMs?: number;
}

/** Whether a file received before this one (and not failed) still has an undelivered claim for the exam. */
async function earlierFilePending(db: Db, fileId: string, examId: string): Promise<boolean> {
  const row = await sql<{ file_id: string }>`
    SELECT i.file_id FROM ingestion_items i
    JOIN ingestion_files f ON f.file_id = i.file_id
    JOIN ingestion_files me ON me.file_id = ${fileId}
    WHERE i.exam_id = ${examId} AND i.outcome IS NULL AND i.file_id <> ${fileId}
      AND f.status IN ('received', 'delivering') AND (f.received_at, f.file_id) < (me.received_at, me.file_id)
    LIMIT 1`.execute(db);
  return row.rows.length > 0;
}

/**
 * Waits until no earlier file has an undelivered claim for the exam. The pause between looks doubles (100 ms, 200 ms
 * ... 1 s): an earlier file is usually delivered within moments, but when the exams are slow to take their events
 * (a backlog), a look every 100 ms from each waiting claim was the database's most frequent statement.
 */
async function waitForEarlierFiles(db: Db, fileId: string, examId: string, order: DeliveryOrder, heartbeat: () => void): Promise<void> {
  const deadline = Date.now() + (order.maxWaitMs ?? 20_000);
  const firstPause = order.pollMs ?? 100;
  const longestPause = Math.max(firstPause, order.maxPollMs ?? 1000);
  let pause = firstPause;
  while (await earlierFilePending(db, fileId, examId)) {
    if (Date.now() >= deadline) {
      throw ApplicationFailure.create({ type: IngestionErrorType.EarlierFilePending, message: 'an earlier file for the same exam is not delivered yet', nonRetryable: false });
    }
    heartbeat();
    await new Promise((resolve) => setTimeout(resolve, Math.min(pause, Math.max(0, deadline - Date.now()))));
    pause = Math.min(pause * 2, longestPause);
  }
}

interface LoadedFile {
  type: DeliverableType;
  items: InboundItem[];
  receivedAt: string;
}

/** Parsed files of the deliveries in progress: a batch of a file reads it once, not once per batch. */
const loaded = new Map<string, LoadedFile>();

async function loadFile(db: Db, fileId: string): Promise<LoadedFile> {
  const cached = loaded.get(fileId);
  if (cached) return cached;
  const row = await db.selectFrom('ingestion_files').innerJoin('x12_documents', 'x12_documents.id', 'ingestion_files.file_id')
    .select(['x12_documents.raw', 'ingestion_files.transaction_type', 'ingestion_files.received_at']).where('ingestion_files.file_id', '=', fileId).executeTakeFirst();
  if (!row || !['835', '999', '277CA'].includes(row.transaction_type)) {
    throw ApplicationFailure.create({ type: IngestionErrorType.FileUnreadable, message: 'no stored payer file with this id', nonRetryable: true });
  }
  let items: InboundItem[];
  try {
    items = inboundItems(parseInbound(row.raw, row.transaction_type as DeliverableType));
  } catch (err) {
    throw ApplicationFailure.create({ type: IngestionErrorType.FileUnreadable, message: `the stored file cannot be read again: ${(err as Error).message}`, nonRetryable: true });
  }
  const file: LoadedFile = { type: row.transaction_type as DeliverableType, items, receivedAt: new Date(row.received_at).toISOString() };
  if (loaded.size >= 4) loaded.delete(loaded.keys().next().value!);
  loaded.set(fileId, file);
  return file;
}

/** Marks the file as being delivered (again, after a failure) and says how many claims it holds. */
export async function beginDelivery(deps: DeliveryDeps, fileId: string): Promise<{ claimCount: number }> {
  const now = deps.now ?? (() => new Date());
  await deps.db.updateTable('ingestion_files').set({ status: 'delivering', error: null, updated_at: now() })
    .where('file_id', '=', fileId).where('status', 'in', ['received', 'failed']).execute();
  const row = await deps.db.selectFrom('ingestion_files').select(['claim_count']).where('file_id', '=', fileId).executeTakeFirst();
  if (!row) throw ApplicationFailure.create({ type: IngestionErrorType.FileUnreadable, message: 'no stored payer file with this id', nonRetryable: true });
  return { claimCount: row.claim_count };
}

/**
 * Delivers the items `from` (inclusive) to `to` (exclusive) of a stored file that are not delivered yet, each to
 * its exam, and records where each went. Idempotent: an item delivered before is skipped; one whose record was
 * lost in a crash is delivered again, and its exam takes it once (its event ids) while our rows are written once.
 * `heartbeat` is called after each item with its index. With `order.inOrder`, a claim whose exam has claims in an
 * earlier file not yet delivered waits for them (see DeliveryOrder).
 */
export async function deliverItems(
  deps: DeliveryDeps,
  input: { fileId: string; from: number; to: number },
  heartbeat: (index: number) => void = () => undefined,
  order: DeliveryOrder = {},
): Promise<DeliveredItem[]> {
  const { db } = deps;
  const pending = await db.selectFrom('ingestion_items').select(['item_index', 'exam_id']).where('file_id', '=', input.fileId)
    .where('item_index', '>=', input.from).where('item_index', '<', input.to).where('outcome', 'is', null).orderBy('item_index').execute();
  if (pending.length === 0) return [];
  const file = await loadFile(db, input.fileId);
  const delivered: DeliveredItem[] = [];
  for (const { item_index: index, exam_id: examId } of pending) {
    const item = file.items[index];
    if (!item) throw ApplicationFailure.create({ type: IngestionErrorType.FileUnreadable, message: `the stored file has no item ${index}`, nonRetryable: true });
    if (order.inOrder && examId) await waitForEarlierFiles(db, input.fileId, examId, order, () => heartbeat(index - 1));
    const result = await deliverItem(deps, input.fileId, file, item);
    const done: DeliveredItem = { index, claimReference: item.reference, ...result };
    await db.updateTable('ingestion_items').set({
      exam_id: done.examId ?? null, claim_id: done.claimId ?? null, claim_version: done.claimVersion ?? null, claim_status: done.claimStatus ?? null,
      outcome: done.outcome, reason: done.reason ?? null, delivered_at: (deps.now ?? (() => new Date()))(),
    }).where('file_id', '=', input.fileId).where('item_index', '=', index).execute();
    delivered.push(done);
    heartbeat(index);
  }
  return delivered;
}

/**
 * Closes a file's delivery once every item went somewhere: its unmatched claims become one work item, and the
 * file is `delivered`. Idempotent.
 */
export async function finishDelivery(deps: DeliveryDeps, fileId: string): Promise<DeliverySummary> {
  const { db } = deps;
  const now = (deps.now ?? (() => new Date()))();
  const counts = await db.selectFrom('ingestion_items')
    .select([sql<number>`count(*) filter (where outcome is null)::int`.as('pending'), sql<number>`count(*) filter (where outcome = 'unmatched')::int`.as('unmatched'), sql<number>`count(*)::int`.as('total')])
    .where('file_id', '=', fileId).executeTakeFirstOrThrow();
  if (counts.pending > 0) throw new Error(`${counts.pending} claims of the file are not delivered yet`);
  const taskId = await openUnmatchedWork(db, fileId, now);
  await db.updateTable('ingestion_files').set({ status: 'delivered', delivered_at: now, updated_at: now, unmatched_task_id: taskId }).where('file_id', '=', fileId).execute();
  await db.updateTable('x12_documents').set({ outcome: 'routed' }).where('id', '=', fileId).execute();
  return { fileId, claimCount: counts.total, unmatched: counts.unmatched, unmatchedTaskId: taskId };
}

/** A delivery that no retry mends (the stored file cannot be read): the file's status says so. */
export async function failDelivery(deps: DeliveryDeps, fileId: string, reason: string): Promise<void> {
  const now = (deps.now ?? (() => new Date()))();
  await deps.db.updateTable('ingestion_files').set({ status: 'failed', error: reason.slice(0, 500), updated_at: now }).where('file_id', '=', fileId).execute();
}

type ItemResult = Omit<DeliveredItem, 'index' | 'claimReference'>;

async function deliverItem(deps: DeliveryDeps, fileId: string, file: LoadedFile, item: InboundItem): Promise<ItemResult> {
  switch (item.kind) {
    case '835':
      return deliverPayment(deps, fileId, file, item);
    case '999':
      return deliverAck999(deps, fileId, file, item);
    case '277CA':
      return deliverAck277CA(deps, fileId, file, item);
  }
}

type ClaimRow = { claim_id: string; exam_id: string; version: number; payer_id: string };

async function deliverPayment(deps: DeliveryDeps, fileId: string, file: LoadedFile, item: Extract<InboundItem, { kind: '835' }>): Promise<ItemResult> {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const { clp, remit, payerId, traceNumber } = item;
  const unmatched = async (reason: string, examId?: string): Promise<ItemResult> => {
    await recordUnmatchedClaim(db, { documentId: fileId, type: '835', payerId, trace: traceNumber, reference: clp.claimId, charge: clp.chargeCents, paid: clp.paidCents, reason, ...(examId ? { examId } : {}) });
    return { outcome: 'unmatched', reason, ...(examId ? { examId } : {}) };
  };
  const row = await db.selectFrom('claims').select(['claim_id', 'exam_id', 'version', 'payer_id']).where('claim_id', '=', clp.claimId).executeTakeFirst();
  if (!row) return unmatched('no claim with this patient control number (CLP01)');
  // One delivery per claim and trace number: the correction when the payer sent one with its reversal.
  const event: ClaimRemittance = {
    remittance: { payerId, traceNumber, documentId: fileId, paymentDate: remit.payment.date },
    claimVersion: row.version,
    adjudication: toClaimAdjudication(clp, remit),
    receivedAt: file.receivedAt,
  };
  let target: ClaimRow | undefined;
  // Only a payment its exam takes changes the claim (a cancelled exam's claim keeps its status), and it is written
  // before the exam hears of it. A secondary payer answering under the primary's claim id (a crossover) pays the secondary claim.
  const record = async () => {
    target ??= await remittanceClaim(db, row, payerId, now());
    await recordClaimRemittance(db, { claimId: target.claim_id, claimVersion: target.version, examId: row.exam_id, payerId, traceNumber, documentId: fileId, clp, reversals: item.reversals, remit }, now());
  };
  const delivery = await deliverRemittance(deps, row.exam_id, event, { beforeSignal: record });
  if (delivery.outcome === 'unmatched') return unmatched(delivery.reason, row.exam_id);
  if (!target) await record();
  return { examId: row.exam_id, claimId: target!.claim_id, claimVersion: row.version, claimStatus: claimStatusAfterRemittance(clp), outcome: delivery.outcome };
}

/**
 * The claim an 835's payment is recorded on: the claim it names, unless its payer is the exam's secondary coverage
 * and not the payer that claim was billed to (a crossover: the secondary answers under the primary's claim id).
 * Then it is the secondary claim, whose row is made from the primary's when the secondary was never billed by us.
 */
async function remittanceClaim(db: Db, row: ClaimRow, payerId: string, at: Date): Promise<ClaimRow> {
  if (row.payer_id === payerId) return row;
  const exam = await db.selectFrom('exams').select(['coverages']).where('exam_id', '=', row.exam_id).executeTakeFirst();
  const coverages = (exam?.coverages ?? []) as unknown as { payerId: string; order: string }[];
  if (!coverages.some((c) => c.order === 'secondary' && c.payerId === payerId)) return row;
  const secondaryId = secondaryClaimId(row.claim_id);
  const primary = await db.selectFrom('claims').select(['form', 'kind', 'charge_cents', 'date_of_service']).where('claim_id', '=', row.claim_id).executeTakeFirstOrThrow();
  await db.insertInto('claims').values({
    claim_id: secondaryId, exam_id: row.exam_id, version: row.version, payer_id: payerId, form: primary.form, kind: primary.kind,
    status: 'accepted', charge_cents: primary.charge_cents, date_of_service: primary.date_of_service, first_submitted_at: null, last_submitted_at: null,
    created_at: at, updated_at: at,
  }).onConflict((oc) => oc.column('claim_id').doNothing()).execute();
  return db.selectFrom('claims').select(['claim_id', 'exam_id', 'version', 'payer_id']).where('claim_id', '=', secondaryId).executeTakeFirstOrThrow();
}

/** The claim versions an 837 transaction set carried: a submission, or an appeal file (named after its claim). */
async function submissionsAcknowledged(db: Db, stControlNumber: string): Promise<{ claim_id: string; version: number; exam_id: string }[]> {
  const subs = await db.selectFrom('claim_submissions').select(['claim_id', 'version', 'exam_id']).where('transaction_control_number', '=', stControlNumber).execute();
  if (subs.length > 0) return subs;
  const docs = await db.selectFrom('x12_documents').select(['file_name']).where('direction', '=', 'outbound')
    .where('transaction_control_numbers', '@>', sql<string[]>`ARRAY[${stControlNumber}]::text[]`).execute();
  const out: { claim_id: string; version: number; exam_id: string }[] = [];
  for (const d of docs) {
    const m = APPEAL_FILE_NAME.exec(d.file_name ?? '');
    if (!m) continue;
    const claim = await db.selectFrom('claims').select(['claim_id', 'exam_id']).where('claim_id', '=', m[2]!).executeTakeFirst();
    if (claim) out.push({ claim_id: claim.claim_id, version: Number(m[3]), exam_id: claim.exam_id });
  }
  return out;
}

/** Statuses an acknowledgment never moves a claim back from: its remittance's, a 277CA's over a 999's, and a void (the payer acknowledging it). */
const AFTER_REMITTANCE = ['paid', 'denied', 'adjudicated', 'reversed', 'voided'];

/** Writes an acknowledgment on its claim (status and a history line, once per document), then signals the exam. */
async function acknowledge(deps: DeliveryDeps, examId: string, ack: ClaimAcknowledgment, status: string): Promise<IngestionItemOutcome> {
  const { db } = deps;
  const now = (deps.now ?? (() => new Date()))();
  await db.transaction().execute(async (trx) => {
    const seen = await trx.selectFrom('claim_status_history').select('id').where('claim_id', '=', ack.claimId).where('version', '=', ack.claimVersion)
      .where('source', '=', ack.kind).where('document_id', '=', ack.documentId).executeTakeFirst();
    if (seen) return;
    // a late 999 (after its 277CA) leaves the payer's word standing
    const keep = ack.kind === '999' && ack.accepted ? [...AFTER_REMITTANCE, 'accepted', 'rejected'] : AFTER_REMITTANCE;
    await trx.updateTable('claims').set({ status, updated_at: now, ...(ack.payerClaimNumber ? { payer_claim_number: ack.payerClaimNumber } : {}) })
      .where('claim_id', '=', ack.claimId).where('version', '=', ack.claimVersion).where('status', 'not in', keep).execute();
    await trx.insertInto('claim_status_history').values({
      claim_id: ack.claimId, version: ack.claimVersion, status, source: ack.kind, document_id: ack.documentId, status_codes: ack.statusCodes, note: ack.message ?? null,
    }).execute();
  });
  if (!isExamId(examId)) return 'exam-ended';
  try {
    await deps.temporal.workflow.getHandle(examWorkflowId(examId)).signal(claimAcknowledgedSignal, ack);
    return 'signaled';
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return 'exam-ended';
    throw err;
  }
}

async function deliverAck999(deps: DeliveryDeps, fileId: string, file: LoadedFile, item: Extract<InboundItem, { kind: '999' }>): Promise<ItemResult> {
  const subs = await submissionsAcknowledged(deps.db, item.controlNumber);
  if (subs.length === 0) {
    const reason = 'no submission with this transaction set control number (AK202)';
    await recordUnmatchedClaim(deps.db, { documentId: fileId, type: '999', reference: item.reference, reason });
    return { outcome: 'unmatched', reason };
  }
  const status = item.accepted ? 'acknowledged' : 'rejected';
  let outcome: IngestionItemOutcome = 'signaled';
  for (const s of subs) {
    const ack: ClaimAcknowledgment = {
      kind: '999', documentId: fileId, claimId: s.claim_id, claimVersion: s.version, accepted: item.accepted, statusCodes: item.statusCodes,
      ...(item.accepted ? {} : { message: `the clearinghouse rejected the claim file (${item.segmentErrors} segment error(s)); correct and resubmit` }),
      receivedAt: file.receivedAt,
    };
    if ((await acknowledge(deps, s.exam_id, ack, status)) === 'exam-ended') outcome = 'exam-ended';
  }
  const first = subs[0]!;
  return { examId: first.exam_id, claimId: first.claim_id, claimVersion: first.version, claimStatus: status, outcome };
}

async function deliverAck277CA(deps: DeliveryDeps, fileId: string, file: LoadedFile, item: Extract<InboundItem, { kind: '277CA' }>): Promise<ItemResult> {
  const row = item.claimId ? await deps.db.selectFrom('claims').select(['claim_id', 'version', 'exam_id']).where('claim_id', '=', item.claimId).executeTakeFirst() : undefined;
  if (!row) {
    const reason = 'no claim with this claim id (277CA TRN02)';
    await recordUnmatchedClaim(deps.db, { documentId: fileId, type: '277CA', reference: item.reference, charge: item.chargeCents, reason });
    return { outcome: 'unmatched', reason };
  }
  const status = item.accepted ? 'accepted' : 'rejected';
  const ack: ClaimAcknowledgment = {
    kind: '277CA', documentId: fileId, claimId: row.claim_id, claimVersion: row.version, accepted: item.accepted, statusCodes: item.statusCodes,
    ...(item.accepted ? {} : { message: 'the payer rejected the claim; correct the data the status codes name and resubmit' }),
    ...(item.payerClaimNumber ? { payerClaimNumber: item.payerClaimNumber } : {}),
    receivedAt: file.receivedAt,
  };
  const outcome = await acknowledge(deps, row.exam_id, ack, status);
  return { examId: row.exam_id, claimId: row.claim_id, claimVersion: row.version, claimStatus: status, outcome };
}
