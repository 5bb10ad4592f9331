import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { InboundTransactionType } from '../../activities/ingestion/detect-transaction-type';
import { type IngestResult, ingestX12 } from '../../activities/ingestion/ingest-x12';
import type { Role } from '../../platform/roles';
import { ApiError } from '../errors';

const INGEST_ROLES: readonly Role[] = ['integration', 'biller', 'supervisor'];
const X12_TYPES = ['application/edi-x12', 'application/edi', 'text/plain', 'application/octet-stream'];
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const IngestResponse = z.object({
  documentId: z.string(),
  transactionType: z.string(),
  duplicate: z.boolean(),
  payerId: z.string().optional(),
  traceNumber: z.string().optional(),
  claims: z.array(z.object({ claimId: z.string(), claimVersion: z.number().optional(), examId: z.string().optional(), status: z.string().optional(), signaled: z.boolean(), delivery: z.enum(['signaled', 'reopened', 'already-posted', 'unmatched']).optional() })),
  unmatched: z.number(),
  findings: z.number(),
});

/**
 * Payer responses uploaded through the API (integration systems, or a biller with a file from the
 * clearinghouse portal): raw X12 in the body (`application/edi-x12` or `text/plain`) or one file of a
 * `multipart/form-data` upload, through the same inbound path as the filedrop inbox and the sandbox.
 */
export const payerResponseRoutes: FastifyPluginAsyncZod = async (app) => {
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser(X12_TYPES, { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, parts: 11 } });

  async function upload(request: FastifyRequest): Promise<{ raw: unknown; fileName?: string }> {
    if (!request.isMultipart()) return { raw: request.body };
    const file = await request.file();
    if (!file) return { raw: undefined };
    const raw = await file.toBuffer();
    const fileName = file.filename?.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 120);
    return { raw, ...(fileName ? { fileName } : {}) };
  }

  async function take(request: FastifyRequest, accept: readonly InboundTransactionType[]): Promise<Extract<IngestResult, { ok: true }>> {
    const { raw, fileName } = await upload(request);
    if (!Buffer.isBuffer(raw) || raw.length === 0) {
      throw new ApiError(400, 'empty_body', 'send the X12 file as the request body (Content-Type: application/edi-x12) or as a multipart file');
    }
    let result: IngestResult;
    try {
      result = await ingestX12({ db: app.db, temporal: app.temporal }, { raw: new Uint8Array(raw), source: 'api', accept, ...(fileName ? { fileName } : {}) });
    } catch (err) {
      // Temporal or PostgreSQL unreachable mid-way: what was recorded stays, a retry of the same file completes it.
      request.log.warn({ err: { name: (err as Error).name } }, 'payer response not fully delivered');
      throw new ApiError(503, 'temporarily_unavailable', 'the file could not be delivered completely; send it again shortly (a repeat is safe)');
    }
    if (!result.ok) {
      const where = result.error.segmentPosition ? ` at segment ${result.error.segmentPosition}${result.error.segmentId ? ` (${result.error.segmentId})` : ''}` : '';
      throw new ApiError(422, 'x12_unreadable', `${result.error.message}${where}`, result.error);
    }
    return result;
  }

  const respond = (result: Extract<IngestResult, { ok: true }>) => ({
    documentId: result.documentId,
    transactionType: result.transactionType,
    duplicate: result.duplicate,
    ...(result.payerId ? { payerId: result.payerId } : {}),
    ...(result.traceNumber ? { traceNumber: result.traceNumber } : {}),
    claims: result.claims,
    unmatched: result.unmatched,
    findings: result.findings,
  });

  app.post(
    '/v1/remittances',
    {
      config: { access: { roles: INGEST_ROLES }, audit: { objectType: 'remittance' } },
      schema: {
        tags: ['claims'],
        summary: 'Raw 835: stored, parsed, matched to claims and delivered to their exams; idempotent per payer and trace number',
        response: { 200: IngestResponse, 201: IngestResponse },
      },
    },
    async (request, reply) => {
      const result = await take(request, ['835']);
      request.auditObjectId = result.documentId;
      return reply.status(result.duplicate ? 200 : 201).send(respond(result));
    },
  );

  app.post(
    '/v1/acknowledgments',
    {
      config: { access: { roles: INGEST_ROLES }, audit: { objectType: 'acknowledgment' } },
      schema: {
        tags: ['claims'],
        summary: 'Raw 999 or 277CA: stored, parsed and delivered to the exams of the claims it acknowledges',
        response: { 200: IngestResponse, 201: IngestResponse },
      },
    },
    async (request, reply) => {
      const result = await take(request, ['999', '277CA']);
      request.auditObjectId = result.documentId;
      return reply.status(result.duplicate ? 200 : 201).send(respond(result));
    },
  );
};
