import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findDocument, listExamDocuments } from '../../db/repositories/documents';
import { safeId } from '../../domain/text';
import { isExamId } from '../../workflows/names';
import { notFound } from '../errors';
import { ExamIdParams, assertExamExists } from '../exam-lookup';
import { errorResponses, fileResponse } from '../schemas/common';

const ROLES = ['front_desk', 'biller', 'supervisor'] as const;
const DocumentParams = ExamIdParams.extend({ documentId: safeId(128) });

const DocumentView = z.object({
  documentId: z.string(),
  kind: z.enum(['statement', 'appeal-letter', 'claim-change-request']),
  claimId: z.string().nullable(),
  contentType: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  createdAt: z.string(),
  href: z.string(),
});

/** The documents rendered for an exam (patient statements, appeal letters): the list, and each one as it was rendered. */
export const documentRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app;

  app.get(
    '/v1/exams/:examId/documents',
    {
      config: { access: { roles: ROLES }, audit: { objectType: 'document', reads: true } },
      schema: { tags: ['exams'], summary: "The exam's rendered documents (statements, appeal letters)", params: ExamIdParams, response: { 200: z.object({ examId: z.string(), documents: z.array(DocumentView) }), ...errorResponses(404) } },
    },
    async (request) => {
      const { examId } = request.params;
      await assertExamExists(db, examId);
      const rows = await listExamDocuments(db, examId);
      return {
        examId,
        documents: rows.map((d) => ({
          documentId: d.id,
          kind: d.kind,
          claimId: d.claim_id,
          contentType: d.content_type,
          sizeBytes: d.size_bytes,
          sha256: d.sha256,
          createdAt: new Date(d.created_at).toISOString(),
          href: `/v1/exams/${examId}/documents/${encodeURIComponent(d.id)}`,
        })),
      };
    },
  );

  app.get(
    '/v1/exams/:examId/documents/:documentId',
    {
      config: { access: { roles: ROLES }, audit: { objectType: 'document', reads: true } },
      schema: { tags: ['exams'], summary: 'One rendered document, byte for byte (application/pdf)', params: DocumentParams, response: { 200: fileResponse(['application/pdf'], 'The document as it was rendered, byte for byte'), ...errorResponses(404) } },
    },
    async (request, reply) => {
      const { examId, documentId } = request.params;
      if (!isExamId(examId)) throw notFound('document');
      const doc = await findDocument(db, documentId);
      // A document of another exam is as unknown as a missing one.
      if (!doc || doc.exam_id !== examId) throw notFound('document');
      const name = `${doc.kind}-${doc.id}.pdf`.replace(/[^A-Za-z0-9._-]/g, '_');
      return reply
        .header('content-type', doc.content_type)
        .header('content-disposition', `inline; filename="${name}"`)
        .header('cache-control', 'no-store')
        .send(doc.bytes);
    },
  );
};
