import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../database';
import type { DocumentTable } from '../document-tables';

export interface NewDocument {
  readonly examId?: string;
  readonly claimId?: string;
  readonly kind: DocumentTable['kind'];
  readonly contentType: string;
  readonly bytes: Buffer;
  readonly idempotencyKey: string;
}

function newDocumentId(): string {
  return `doc_${randomBytes(12).toString('hex')}`;
}

/** Stores a document once per idempotency key and returns its id (the first one's on a repeat). */
export async function putDocument(db: Db, doc: NewDocument): Promise<{ documentId: string; created: boolean }> {
  const inserted = await db
    .insertInto('documents')
    .values({
      id: newDocumentId(),
      exam_id: doc.examId ?? null,
      claim_id: doc.claimId ?? null,
      kind: doc.kind,
      content_type: doc.contentType,
      idempotency_key: doc.idempotencyKey,
      sha256: createHash('sha256').update(doc.bytes).digest('hex'),
      size_bytes: doc.bytes.length,
      bytes: doc.bytes,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { documentId: inserted.id, created: true };
  const existing = await db.selectFrom('documents').select('id').where('idempotency_key', '=', doc.idempotencyKey).executeTakeFirstOrThrow();
  return { documentId: existing.id, created: false };
}

export async function findDocument(db: Db, documentId: string) {
  return db.selectFrom('documents').select(['id', 'exam_id', 'claim_id', 'kind', 'content_type', 'size_bytes', 'sha256', 'bytes', 'created_at']).where('id', '=', documentId).executeTakeFirst();
}

/** The documents of an exam, oldest first, without their bytes. */
export async function listExamDocuments(db: Db, examId: string) {
  return db
    .selectFrom('documents')
    .select(['id', 'claim_id', 'kind', 'content_type', 'size_bytes', 'sha256', 'created_at'])
    .where('exam_id', '=', examId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
