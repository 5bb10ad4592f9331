import { createHash, randomBytes } from 'node:crypto';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { APPEAL_FILE_NAME } from '../claims/submit-appeal';
import { SEED_PAYER_POLICIES } from '../../domain/policy';
import { type ClaimPayment835, X12ParseError, decodeInput, parse277CA, parse835, parse999, type Remittance835 } from '../../domain/x12';
import { secondaryClaimId } from '../claims/submit-secondary-claim';
import { examWorkflowId, isExamId } from '../../workflows/names';
import { type ClaimAcknowledgment, type ClaimRemittance, claimAcknowledgedSignal } from '../../workflows/exam/payer-events';
import { type RemittanceDelivery, deliverRemittance } from './deliver-remittance';
import { type InboundTransactionType, detectTransactionType } from './detect-transaction-type';
import { claimStatusAfterRemittance, toClaimAdjudication } from './to-claim-adjudication';
import { recordClaimRemittance } from './record-claim-remittance';
import { recordUnmatchedWork } from './unmatched-work';
import { remittanceTraceNumber } from './stored-claim-payment';

export type InboundSource = 'api' | 'inbox' | 'sandbox';

export interface IngestInput {
  raw: string | Uint8Array;
  source: InboundSource;
  fileName?: string;
  /** what the caller accepts: a remittance endpoint takes 835s only, the acknowledgment one 999/277CA. */
  accept?: readonly InboundTransactionType[];
}

export interface RoutedClaim {
  claimId: string;
  claimVersion?: number;
  /** absent when no claim of ours matched (recorded as remittance-unmatched work) */
  examId?: string;
  status?: string;
  /** false when the exam's workflow is not running (closed long ago); the document stays stored */
  signaled: boolean;
  /** a remittance's way to its exam: `reopened` for a closed exam, `unmatched` when recorded as work instead */
  delivery?: RemittanceDelivery['outcome'];
}

export type IngestResult =
  | {
      ok: true;
      documentId: string;
      transactionType: InboundTransactionType;
      duplicate: boolean;
      claims: RoutedClaim[];
      unmatched: number;
      /** 835 identity */
      payerId?: string;
      traceNumber?: string;
      /** error findings of the lenient parser (counts, balancing); the file was still taken */
      findings: number;
    }
  | { ok: false; error: { code: string; message: string; segmentPosition: number; segmentId: string } };

export interface IngestDeps {
  db: Db;
  temporal: Client;
  now?: () => Date;
}

const ACCEPTED_277_CATEGORIES = new Set(['A0', 'A1', 'A2', 'A5']);

function newDocumentId(): string {
  return `x12_${randomBytes(12).toString('hex')}`;
}

function payerKey(remit: Remittance835): string {
  const x12Id = remit.payer.references.find((r) => r.qualifier === '2U')?.value || remit.trace.payerId || remit.payer.id || remit.payer.name;
  return SEED_PAYER_POLICIES.find((p) => p.x12PayerId === x12Id)?.id ?? x12Id;
}

function parseError(err: unknown): IngestResult {
  if (err instanceof X12ParseError) {
    return { ok: false, error: { code: err.code, message: err.message, segmentPosition: err.segmentPosition, segmentId: err.segmentId } };
  }
  throw err;
}

/**
 * The one inbound path for payer responses, whatever brought them (API upload, filedrop inbox, the
 * sandbox clearinghouse): parse, store the original, route each claim to its exam and signal the
 * exam's workflow. Idempotent: an 835 is taken once per payer and trace number, and an identical
 * acknowledgment file once; a repeat changes nothing and says `duplicate: true`.
 * Any byte string gives a result: unreadable X12 is `ok: false` naming the segment.
 */
export async function ingestX12(deps: IngestDeps, input: IngestInput): Promise<IngestResult> {
  const now = deps.now ?? (() => new Date());
  let text: string;
  let type: InboundTransactionType;
  try {
    text = decodeInput(input.raw);
    type = detectTransactionType(text);
  } catch (err) {
    return parseError(err);
  }
  if (input.accept && !input.accept.includes(type)) {
    return { ok: false, error: { code: 'WRONG_TRANSACTION_TYPE', message: `a ${type} transaction set is not accepted here (expected ${input.accept.join(' or ')})`, segmentPosition: 0, segmentId: 'ST' } };
  }
  try {
    switch (type) {
      case '835':
        return await ingest835(deps, input, text, now);
      case '999':
      case '277CA':
        return await ingestAcknowledgment(deps, input, text, type, now);
      default:
        return { ok: false, error: { code: 'WRONG_TRANSACTION_TYPE', message: `${type} files are not taken by the inbound path`, segmentPosition: 0, segmentId: 'ST' } };
    }
  } catch (err) {
    return parseError(err);
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

async function insertDocument(db: Db, input: IngestInput, text: string, type: string, fields: { icn?: string; gcn?: string; stControlNumbers: string[]; payerId?: string }): Promise<string> {
  const id = newDocumentId();
  await db
    .insertInto('x12_documents')
    .values({
      id,
      direction: 'inbound',
      transaction_type: type,
      interchange_control_number: fields.icn ?? null,
      group_control_number: fields.gcn ?? null,
      transaction_control_numbers: fields.stControlNumbers,
      payer_id: fields.payerId ?? null,
      source: input.source,
      file_name: input.fileName ?? null,
      sha256: sha256(text),
      size_bytes: Buffer.byteLength(text, 'utf8'),
      raw: text,
      outcome: 'received',
    })
    .execute();
  return id;
}

async function signalExam(deps: IngestDeps, examId: string, send: (handle: ReturnType<Client['workflow']['getHandle']>) => Promise<void>): Promise<boolean> {
  if (!isExamId(examId)) return false;
  try {
    await send(deps.temporal.workflow.getHandle(examWorkflowId(examId)));
    return true;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
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

async function ingest835(deps: IngestDeps, input: IngestInput, text: string, now: () => Date): Promise<IngestResult> {
  const { db } = deps;
  const parsed = parse835(text);
  const findings = parsed.findings.filter((f) => f.severity === 'error').length;
  const first = parsed.envelopes[0];
  let duplicate = true;
  const routed: RoutedClaim[] = [];
  let unmatched = 0;
  let documentId = '';
  for (const [i, remit] of parsed.transactions.entries()) {
    const payerId = payerKey(remit);
    const traceNumber = remittanceTraceNumber(parsed, i);
    const existing = await db.selectFrom('remittances').innerJoin('x12_documents', 'x12_documents.id', 'remittances.document_id')
      .select(['remittances.document_id', 'x12_documents.outcome']).where('remittances.payer_id', '=', payerId).where('remittances.trace_number', '=', traceNumber).executeTakeFirst();
    // Recorded before but not every signal confirmed (a crash or an unreachable Temporal): deliver again;
    // the exam workflow takes a remittance once per document.
    const resume = Boolean(existing) && existing!.outcome !== 'routed';
    if (existing) {
      documentId ||= existing.document_id;
      if (!resume) continue;
    } else {
      duplicate = false;
    }
    if (!documentId) {
      documentId = await insertDocument(db, input, text, '835', {
        icn: first?.interchange?.controlNumber, gcn: first?.group?.controlNumber,
        stControlNumbers: parsed.envelopes.map((e) => e.controlNumber), payerId,
      });
    }
    const claimIds = remit.claims.map((c) => c.claimId);
    const rows = claimIds.length
      ? await db.selectFrom('claims').select(['claim_id', 'exam_id', 'version', 'payer_id']).where('claim_id', 'in', claimIds).execute()
      : [];
    const byId = new Map(rows.map((r) => [r.claim_id, r]));
    const matched = remit.claims.filter((c) => byId.has(c.claimId));
    // The payer + trace number is taken once; each claim's status is written after its exam took the payment.
    const inserted = resume || Boolean(await db
      .insertInto('remittances')
      .values({
        payer_id: payerId, trace_number: traceNumber, document_id: documentId, payment_cents: remit.payment.amountCents,
        payment_date: remit.payment.date || null, claim_count: remit.claims.length, matched_count: matched.length,
      })
      .onConflict((oc) => oc.columns(['payer_id', 'trace_number']).doNothing())
      .returning('id')
      .executeTakeFirst());
    if (!inserted) continue;
    const receivedAt = now().toISOString();
    for (const { clp, reversals } of paymentsByClaim(remit.claims)) {
      const row = byId.get(clp.claimId);
      if (!row) {
        unmatched += 1;
        await recordUnmatchedWork(db, { documentId, type: '835', payerId, trace: traceNumber, reference: clp.claimId, charge: clp.chargeCents, paid: clp.paidCents, reason: 'no claim with this patient control number (CLP01)' }, now());
        routed.push({ claimId: clp.claimId, signaled: false });
        continue;
      }
      // One delivery per claim and trace number: the correction when the payer sent one with its reversal.
      const event: ClaimRemittance = {
        remittance: { payerId, traceNumber, documentId, paymentDate: remit.payment.date },
        claimVersion: row.version,
        adjudication: toClaimAdjudication(clp, remit),
        receivedAt,
      };
      const delivery = await deliverRemittance(deps, row.exam_id, event);
      let recordedOn = row.claim_id;
      if (delivery.outcome === 'unmatched') {
        unmatched += 1;
        await recordUnmatchedWork(db, { documentId, type: '835', payerId, trace: traceNumber, reference: clp.claimId, charge: clp.chargeCents, paid: clp.paidCents, reason: delivery.reason, examId: row.exam_id }, now());
      } else {
        // Only a payment its exam took changes the claim: a cancelled exam's claim keeps its status. A secondary
        // payer answering under the primary's claim id (a crossover) pays the secondary claim.
        const target = await remittanceClaim(db, row, payerId, now());
        recordedOn = target.claim_id;
        await recordClaimRemittance(db, { claimId: target.claim_id, claimVersion: target.version, examId: row.exam_id, payerId, traceNumber, documentId, clp, reversals, remit }, now());
      }
      const signaled = delivery.outcome !== 'unmatched';
      routed.push({ claimId: recordedOn, claimVersion: row.version, examId: row.exam_id, status: claimStatusAfterRemittance(clp), signaled, delivery: delivery.outcome });
    }
  }
  if (documentId && routed.length > 0) await db.updateTable('x12_documents').set({ outcome: 'routed' }).where('id', '=', documentId).execute();
  const firstRemit = parsed.transactions[0];
  return {
    ok: true, documentId, transactionType: '835', duplicate, claims: routed, unmatched, findings,
    ...(firstRemit ? { payerId: payerKey(firstRemit), traceNumber: firstRemit.trace.number } : {}),
  };
}

/**
 * The claim payments of one 835 transaction by claim reference (CLP01), in file order: the payment that speaks
 * for the claim (the last correction, or the reversal when the payer sent no correction) and the reversals (CLP02
 * 22) that came with it. A payer reverses and corrects a claim in one file; the exam takes both as one payment.
 */
function paymentsByClaim(claims: readonly ClaimPayment835[]): { clp: ClaimPayment835; reversals: ClaimPayment835[] }[] {
  const byRef = new Map<string, ClaimPayment835[]>();
  for (const c of claims) byRef.set(c.claimId, [...(byRef.get(c.claimId) ?? []), c]);
  return [...byRef.values()].map((clps) => {
    const clp = [...clps].reverse().find((c) => c.status !== '22') ?? clps.at(-1)!;
    return { clp, reversals: clps.filter((c) => c.status === '22' && c !== clp) };
  });
}

type ClaimRow = { claim_id: string; exam_id: string; version: number; payer_id: string };

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
  const secondary = await db.selectFrom('claims').select(['claim_id', 'exam_id', 'version', 'payer_id']).where('claim_id', '=', secondaryId).executeTakeFirstOrThrow();
  return secondary;
}

async function ingestAcknowledgment(deps: IngestDeps, input: IngestInput, text: string, type: '999' | '277CA', now: () => Date): Promise<IngestResult> {
  const { db } = deps;
  const hash = sha256(text);
  const seen = await db.selectFrom('x12_documents').select(['id']).where('direction', '=', 'inbound').where('sha256', '=', hash).where('outcome', '=', 'routed').executeTakeFirst();
  if (seen) return { ok: true, documentId: seen.id, transactionType: type, duplicate: true, claims: [], unmatched: 0, findings: 0 };

  const receivedAt = now().toISOString();
  const events: { examId: string; ack: ClaimAcknowledgment; status: string }[] = [];
  const unmatchedRefs: { reference: string; charge?: number; reason: string }[] = [];
  let documentId: string;
  let findings: number;

  if (type === '999') {
    const parsed = parse999(text);
    findings = parsed.findings.filter((f) => f.severity === 'error').length;
    const first = parsed.envelopes[0];
    documentId = await insertDocument(db, input, text, '999', { icn: first?.interchange?.controlNumber, gcn: first?.group?.controlNumber, stControlNumbers: parsed.envelopes.map((e) => e.controlNumber) });
    for (const ack of parsed.transactions) {
      for (const t of ack.transactions) {
        const subs = await submissionsAcknowledged(db, t.controlNumber);
        if (subs.length === 0) {
          unmatchedRefs.push({ reference: `ST02:${t.controlNumber}`, reason: 'no submission with this transaction set control number (AK202)' });
          continue;
        }
        const accepted = t.status === 'A' || t.status === 'E';
        for (const s of subs) {
          events.push({
            examId: s.exam_id,
            status: accepted ? 'acknowledged' : 'rejected',
            ack: {
              kind: '999', documentId, claimId: s.claim_id, claimVersion: s.version, accepted,
              statusCodes: [`IK5:${t.status}`, ...t.errorCodes.map((c) => `IK502:${c}`), ...t.segmentErrors.map((e) => `IK3:${e.segmentId}:${e.position}:${e.errorCode}`)],
              ...(accepted ? {} : { message: `the clearinghouse rejected the claim file (${t.segmentErrors.length} segment error(s)); correct and resubmit` }),
              receivedAt,
            },
          });
        }
      }
    }
  } else {
    const parsed = parse277CA(text);
    findings = parsed.findings.filter((f) => f.severity === 'error').length;
    const first = parsed.envelopes[0];
    documentId = await insertDocument(db, input, text, '277CA', { icn: first?.interchange?.controlNumber, gcn: first?.group?.controlNumber, stControlNumbers: parsed.envelopes.map((e) => e.controlNumber) });
    for (const ack of parsed.transactions) {
      for (const c of ack.claims) {
        const row = c.claimId ? await db.selectFrom('claims').select(['claim_id', 'version', 'exam_id']).where('claim_id', '=', c.claimId).executeTakeFirst() : undefined;
        if (!row) {
          unmatchedRefs.push({ reference: c.claimId || '(no TRN02)', charge: c.statuses[0]?.chargeCents, reason: 'no claim with this claim id (277CA TRN02)' });
          continue;
        }
        const codes = c.statuses.flatMap((s) => s.codes);
        const accepted = codes.length > 0 && ACCEPTED_277_CATEGORIES.has(codes[0]!.category);
        events.push({
          examId: row.exam_id,
          status: accepted ? 'accepted' : 'rejected',
          ack: {
            kind: '277CA', documentId, claimId: row.claim_id, claimVersion: row.version, accepted,
            statusCodes: codes.map((s) => [s.category, s.code, s.entity].filter(Boolean).join(':')),
            ...(accepted ? {} : { message: 'the payer rejected the claim; correct the data the status codes name and resubmit' }),
            ...(c.payerClaimControlNumber ? { payerClaimNumber: c.payerClaimControlNumber } : {}),
            receivedAt,
          },
        });
      }
    }
  }

  await db.transaction().execute(async (trx) => {
    for (const e of events) {
      await trx.updateTable('claims').set({
        status: e.status, updated_at: now(), ...(e.ack.payerClaimNumber ? { payer_claim_number: e.ack.payerClaimNumber } : {}),
      }).where('claim_id', '=', e.ack.claimId).where('version', '=', e.ack.claimVersion)
        // a late acknowledgment never moves a claim back from its remittance
        .where('status', 'not in', ['paid', 'denied', 'adjudicated', 'reversed'])
        .execute();
      await trx.insertInto('claim_status_history').values({
        claim_id: e.ack.claimId, version: e.ack.claimVersion, status: e.status, source: type, document_id: documentId, status_codes: e.ack.statusCodes, note: e.ack.message ?? null,
      }).execute();
    }
  });
  for (const u of unmatchedRefs) await recordUnmatchedWork(db, { documentId, type, reference: u.reference, charge: u.charge, reason: u.reason }, now());

  const claims: RoutedClaim[] = [];
  for (const e of events) {
    const signaled = await signalExam(deps, e.examId, (h) => h.signal(claimAcknowledgedSignal, e.ack));
    claims.push({ claimId: e.ack.claimId, claimVersion: e.ack.claimVersion, examId: e.examId, status: e.status, signaled });
  }
  for (const u of unmatchedRefs) claims.push({ claimId: u.reference, signaled: false });
  await db.updateTable('x12_documents').set({ outcome: 'routed' }).where('id', '=', documentId).execute();
  return { ok: true, documentId, transactionType: type, duplicate: false, claims, unmatched: unmatchedRefs.length, findings };
}

