import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/database';
import type { IngestionFileStatus } from '../../db/ingestion-tables';
import { X12ParseError, decodeInput } from '../../domain/x12';
import { type InboundTransactionType, detectTransactionType } from './detect-transaction-type';
import { type DeliverableType, type InboundItem, errorFindings, inboundItems, parseInbound, remittancesOf } from './inbound-file-items';
import type { IngestionLimits } from './ingestion-limits';

export type InboundSource = 'api' | 'inbox' | 'sandbox';

export interface InboundFile {
  raw: string | Uint8Array;
  source: InboundSource;
  fileName?: string;
  /** what the caller accepts: a remittance endpoint takes 835s only, the acknowledgment one 999/277CA. */
  accept?: readonly InboundTransactionType[];
}

export interface ReceivedFile {
  ok: true;
  fileId: string;
  transactionType: DeliverableType;
  /** the same file was received before (same bytes, or an 835 with the same payer and trace number): this is the first one */
  duplicate: boolean;
  status: IngestionFileStatus;
  claimCount: number;
  findings: number;
  payerId?: string;
  traceNumber?: string;
}

/** Why a file was refused before anything was stored: `too-large` is a 413, the others a 422. */
export interface RefusedFile {
  ok: false;
  refusal: 'too-large' | 'too-many-segments' | 'too-many-claims' | 'unreadable' | 'wrong-type';
  error: { code: string; message: string; segmentPosition: number; segmentId: string };
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function refused(refusal: RefusedFile['refusal'], code: string, message: string, segmentPosition = 0, segmentId = ''): RefusedFile {
  return { ok: false, refusal, error: { code, message, segmentPosition, segmentId } };
}

export interface ReceiveHooks {
  /**
   * Runs in the transaction that stores a new file, before its commit (e.g. the audit row of an upload): when it
   * throws, nothing of the file is stored. Not called for a repeat of a file already stored.
   */
  onStored?: (trx: Db, fileId: string) => Promise<void>;
}

/** A concurrent receipt of the same file took one of its keys first: this transaction is rolled back. */
class KeyTaken extends Error {}

/**
 * The first step of every inbound payer file (API upload, filedrop inbox, sandbox): checked against the limits
 * and read, then stored with its claims listed, once. Refused files store nothing. The same file again (its bytes,
 * or an 835's payer and trace number) answers the first file with `duplicate: true`. Delivery to the exams is the
 * ingestion workflow's (start it with `startIngestion`).
 */
export async function receiveInboundFile(db: Db, file: InboundFile, limits: IngestionLimits, hooks: ReceiveHooks = {}): Promise<ReceivedFile | RefusedFile> {
  const bytes = typeof file.raw === 'string' ? Buffer.byteLength(file.raw, 'utf8') : file.raw.byteLength;
  if (bytes > limits.maxFileBytes) return refused('too-large', 'FILE_TOO_LARGE', `the file has ${bytes} bytes; at most ${limits.maxFileBytes} are taken`);
  let text: string;
  let type: InboundTransactionType;
  let parsed: ReturnType<typeof parseInbound>;
  try {
    text = decodeInput(file.raw, limits.maxFileBytes);
    // PostgreSQL cannot store a NUL in text: refused here, never a storage error that a retry cannot mend.
    const nul = text.indexOf('\u0000');
    if (nul >= 0) return refused('unreadable', 'NUL_CHARACTER', `the file holds a NUL byte (character ${nul + 1}); X12 text may not contain one`);
    type = detectTransactionType(text, { maxSegments: limits.maxSegments, maxBytes: limits.maxFileBytes });
    if (file.accept && !file.accept.includes(type)) {
      return refused('wrong-type', 'WRONG_TRANSACTION_TYPE', `a ${type} transaction set is not accepted here (expected ${file.accept.join(' or ')})`, 0, 'ST');
    }
    if (type !== '835' && type !== '999' && type !== '277CA') return refused('wrong-type', 'WRONG_TRANSACTION_TYPE', `${type} files are not taken by the inbound path`, 0, 'ST');
    parsed = parseInbound(text, type, { maxSegments: limits.maxSegments, maxBytes: limits.maxFileBytes });
  } catch (err) {
    if (!(err instanceof X12ParseError)) throw err;
    if (err.code === 'TOO_MANY_SEGMENTS') return refused('too-many-segments', err.code, `the file has more than ${limits.maxSegments} segments; split it`, err.segmentPosition, err.segmentId);
    if (err.code === 'INPUT_TOO_LARGE') return refused('too-large', 'FILE_TOO_LARGE', err.message);
    return refused('unreadable', err.code, err.message, err.segmentPosition, err.segmentId);
  }
  const items = inboundItems(parsed);
  if (items.length > limits.maxClaims) {
    return refused('too-many-claims', 'TOO_MANY_CLAIMS', `the file holds ${items.length} claims; at most ${limits.maxClaims} are taken per file: ask the payer for smaller files`);
  }
  const remittances = remittancesOf(parsed);
  const hash = sha256(text);
  const keys = [...new Set([`sha256:${hash}`, ...remittances.map((r) => `835:${r.payerId}:${r.traceNumber}`)])];
  const summary = {
    transactionType: type, claimCount: items.length, findings: errorFindings(parsed),
    ...(remittances[0] ? { payerId: remittances[0].payerId, traceNumber: remittances[0].traceNumber } : {}),
  };

  for (let attempt = 0; ; attempt += 1) {
    const first = await firstFileWith(db, keys);
    if (first) return { ok: true, ...summary, ...first, duplicate: true };
    const fileId = `x12_${randomBytes(12).toString('hex')}`;
    try {
      await db.transaction().execute(async (trx) => {
        const envelope = parsed.result.envelopes[0];
        await trx.insertInto('x12_documents').values({
          id: fileId, direction: 'inbound', transaction_type: type, interchange_control_number: envelope?.interchange?.controlNumber ?? null,
          group_control_number: envelope?.group?.controlNumber ?? null, transaction_control_numbers: parsed.result.envelopes.map((e) => e.controlNumber),
          payer_id: summary.payerId ?? null, source: file.source, file_name: file.fileName ?? null, sha256: hash, size_bytes: bytes, raw: text, outcome: 'received',
        }).execute();
        const taken = await trx.insertInto('ingestion_file_keys').values(keys.map((key) => ({ key, file_id: fileId })))
          .onConflict((oc) => oc.column('key').doNothing()).returning('key').execute();
        if (taken.length < keys.length) throw new KeyTaken();
        await trx.insertInto('ingestion_files').values({
          file_id: fileId, transaction_type: type, source: file.source, status: 'received', payer_id: summary.payerId ?? null,
          trace_number: summary.traceNumber ?? null, claim_count: items.length, findings: summary.findings,
        }).execute();
        // The exam each claim is for, as far as known now: a file's claims wait for the earlier files of their exam.
        const exams = await examsOfItems(trx, items);
        for (let i = 0; i < items.length; i += 500) {
          await trx.insertInto('ingestion_items').values(items.slice(i, i + 500).map((item, j) => ({
            file_id: fileId, item_index: i + j, claim_reference: item.reference, trace_number: item.kind === '835' ? item.traceNumber : null,
            exam_id: exams.get(i + j) ?? null,
          }))).execute();
        }
        for (const r of remittances) {
          const known = r.claimIds.length ? await trx.selectFrom('claims').select('claim_id').where('claim_id', 'in', r.claimIds).execute() : [];
          await trx.insertInto('remittances').values({
            payer_id: r.payerId, trace_number: r.traceNumber, document_id: fileId, payment_cents: r.paymentCents, payment_date: r.paymentDate || null,
            claim_count: r.claimIds.length, matched_count: known.length,
          }).onConflict((oc) => oc.columns(['payer_id', 'trace_number']).doNothing()).execute();
        }
        if (hooks.onStored) await hooks.onStored(trx as unknown as Db, fileId);
      });
      return { ok: true, ...summary, fileId, duplicate: false, status: 'received' };
    } catch (err) {
      // Another receipt of the same file committed first: answer with it.
      if (err instanceof KeyTaken && attempt < 3) continue;
      throw err;
    }
  }
}

/**
 * The exam of each item whose claim is ours (an 835's or 277CA's claim id, a 999's transaction set control
 * number), by item index. A hint for the order of delivery; the delivery finds the claim again.
 */
async function examsOfItems(db: Db, items: readonly InboundItem[]): Promise<Map<number, string>> {
  const claimIds = [...new Set(items.flatMap((item) => (item.kind === '835' ? [item.clp.claimId] : item.kind === '277CA' && item.claimId ? [item.claimId] : [])))];
  const controlNumbers = [...new Set(items.flatMap((item) => (item.kind === '999' ? [item.controlNumber] : [])))];
  const byClaim = new Map<string, string>();
  const byControl = new Map<string, string>();
  for (let i = 0; i < claimIds.length; i += 1000) {
    const rows = await db.selectFrom('claims').select(['claim_id', 'exam_id']).where('claim_id', 'in', claimIds.slice(i, i + 1000)).execute();
    for (const r of rows) byClaim.set(r.claim_id, r.exam_id);
  }
  for (let i = 0; i < controlNumbers.length; i += 1000) {
    const rows = await db.selectFrom('claim_submissions').select(['transaction_control_number', 'exam_id'])
      .where('transaction_control_number', 'in', controlNumbers.slice(i, i + 1000)).execute();
    for (const r of rows) if (r.transaction_control_number) byControl.set(r.transaction_control_number, r.exam_id);
  }
  const exams = new Map<number, string>();
  items.forEach((item, index) => {
    const examId = item.kind === '999' ? byControl.get(item.controlNumber) : byClaim.get(item.kind === '835' ? item.clp.claimId : item.claimId);
    if (examId) exams.set(index, examId);
  });
  return exams;
}

/** The first file that holds one of these keys (an 835 received before this table kept keys counts by its remittance). */
async function firstFileWith(db: Db, keys: string[]): Promise<{ fileId: string; status: IngestionFileStatus } | undefined> {
  const row = await db.selectFrom('ingestion_file_keys').innerJoin('ingestion_files', 'ingestion_files.file_id', 'ingestion_file_keys.file_id')
    .select(['ingestion_files.file_id', 'ingestion_files.status']).where('ingestion_file_keys.key', 'in', keys)
    .orderBy('ingestion_files.received_at').executeTakeFirst();
  return row ? { fileId: row.file_id, status: row.status } : undefined;
}
