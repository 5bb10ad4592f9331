import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { InboundTransactionType } from '../../activities/ingestion/detect-transaction-type';
import { ingestionLimits } from '../../activities/ingestion/ingestion-limits';
import { ingestionFileView } from '../../activities/ingestion/ingestion-status';
import type { ReceivedFile } from '../../activities/ingestion/receive-inbound-file';
import { receiveAndDeliver } from '../../activities/ingestion/start-ingestion';
import type { Role } from '../../platform/roles';
import { ApiError, notFound } from '../errors';
import { errorResponses } from '../schemas/common';

const INGEST_ROLES: readonly Role[] = ['integration', 'biller', 'supervisor'];
const X12_TYPES = ['application/edi-x12', 'application/edi', 'text/plain', 'application/octet-stream'];

const Accepted = z.object({
  fileId: z.string(),
  statusUrl: z.string(),
  status: z.enum(['received', 'delivering', 'delivered', 'failed']),
  transactionType: z.string(),
  duplicate: z.boolean(),
  claimCount: z.number(),
  findings: z.number(),
  payerId: z.string().optional(),
  traceNumber: z.string().optional(),
});

const FileStatus = z.object({
  fileId: z.string(),
  transactionType: z.string(),
  source: z.string(),
  status: z.enum(['received', 'delivering', 'delivered', 'failed']),
  payerId: z.string().nullable(),
  traceNumber: z.string().nullable(),
  fileName: z.string().nullable(),
  receivedAt: z.string(),
  deliveredAt: z.string().nullable(),
  error: z.string().nullable(),
  claimCount: z.number(),
  findings: z.number(),
  counts: z.object({ pending: z.number(), signaled: z.number(), reopened: z.number(), alreadyPosted: z.number(), examEnded: z.number(), unmatched: z.number() }),
  unmatchedTaskId: z.string().nullable(),
  claims: z.array(z.object({
    claimReference: z.string(),
    traceNumber: z.string().nullable(),
    examId: z.string().nullable(),
    claimId: z.string().nullable(),
    claimVersion: z.number().nullable(),
    claimStatus: z.string().nullable(),
    outcome: z.enum(['signaled', 'reopened', 'already-posted', 'exam-ended', 'unmatched']).nullable(),
    signaled: z.boolean(),
    reason: z.string().nullable(),
  })),
  nextOffset: z.number().nullable(),
});

const FileParams = z.object({ fileId: z.string().regex(/^x12_[0-9a-z]{1,64}$/, 'not a file id') });
const PageQuery = z.object({ offset: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(1000).default(500) });

/**
 * Payer responses uploaded through the API (integration systems, or a biller with a file from the clearinghouse
 * portal): raw X12 in the body (`application/edi-x12` or `text/plain`) or one file of a `multipart/form-data`
 * upload. The file is checked against the limits, stored, and handed to its ingestion workflow, as the filedrop
 * inbox and the sandbox do: 202 with the status URL, where each claim's delivery shows once done.
 */
export const payerResponseRoutes: FastifyPluginAsyncZod = async (app) => {
  const limits = ingestionLimits();
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser(X12_TYPES, { parseAs: 'buffer', bodyLimit: limits.maxFileBytes }, (_request, body, done) => done(null, body));
  await app.register(multipart, { limits: { fileSize: limits.maxFileBytes, files: 1, fields: 10, parts: 11 } });
  const tooLarge = () => new ApiError(413, 'file_too_large', `the file is larger than ${limits.maxFileBytes} bytes; ask the payer for smaller files`);

  async function upload(request: FastifyRequest): Promise<{ raw: unknown; fileName?: string }> {
    if (!request.isMultipart()) return { raw: request.body };
    try {
      const file = await request.file();
      if (!file) return { raw: undefined };
      const raw = await file.toBuffer();
      const fileName = file.filename?.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 120);
      return { raw, ...(fileName ? { fileName } : {}) };
    } catch (err) {
      // a multipart body without its boundary, cut short or otherwise unreadable is the client's to mend
      if ((err as { statusCode?: number }).statusCode === 413 || (err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
      throw new ApiError(400, 'malformed_multipart', 'the multipart/form-data body could not be read (is its boundary given?); send one file part');
    }
  }

  async function take(request: FastifyRequest, reply: FastifyReply, accept: readonly InboundTransactionType[], base: string) {
    const { raw, fileName } = await upload(request);
    if (!Buffer.isBuffer(raw) || raw.length === 0) {
      throw new ApiError(400, 'empty_body', 'send the X12 file as the request body (Content-Type: application/edi-x12) or as a multipart file');
    }
    let result: Awaited<ReturnType<typeof receiveAndDeliver>>;
    try {
      result = await receiveAndDeliver({ db: app.db, temporal: app.temporal, taskQueue: app.taskQueue, limits }, { raw: new Uint8Array(raw), source: 'api', accept, ...(fileName ? { fileName } : {}) });
    } catch (err) {
      // PostgreSQL or Temporal unreachable: a stored file whose workflow did not start is started by the same file sent
      // again, or by the watchdog's next run once it has waited a minute.
      request.log.warn({ err: { name: (err as Error).name } }, 'payer file not accepted');
      void reply.header('Retry-After', '5');
      throw new ApiError(503, 'temporarily_unavailable', 'the file could not be taken now; send it again shortly (a repeat is safe)');
    }
    if (!result.ok) {
      if (result.refusal === 'too-large') throw tooLarge();
      const where = result.error.segmentPosition ? ` at segment ${result.error.segmentPosition}${result.error.segmentId ? ` (${result.error.segmentId})` : ''}` : '';
      const code = result.refusal === 'too-many-segments' || result.refusal === 'too-many-claims' ? 'file_over_limit' : 'x12_unreadable';
      throw new ApiError(422, code, `${result.error.message}${where}`, result.error);
    }
    request.auditObjectId = result.fileId;
    const statusUrl = `${base}/${result.fileId}`;
    void reply.header('Location', statusUrl);
    return reply.status(result.duplicate ? 200 : 202).send(accepted(result, statusUrl));
  }

  const accepted = (r: ReceivedFile, statusUrl: string): z.infer<typeof Accepted> => ({
    fileId: r.fileId, statusUrl, status: r.status, transactionType: r.transactionType, duplicate: r.duplicate, claimCount: r.claimCount, findings: r.findings,
    ...(r.payerId ? { payerId: r.payerId } : {}), ...(r.traceNumber ? { traceNumber: r.traceNumber } : {}),
  });

  async function status(fileId: string, types: readonly string[], page: z.infer<typeof PageQuery>) {
    const view = await ingestionFileView(app.db, fileId, page);
    if (!view || !types.includes(view.transactionType)) throw notFound('file');
    return view;
  }

  for (const [path, types, objectType, summary] of [
    ['/v1/remittances', ['835'], 'remittance', 'Raw 835: checked against the file limits, stored once per payer and trace number (or identical bytes), then delivered to the exams of its claims by an ingestion workflow. 202 with the status URL; a repeat answers 200 with the first file'],
    ['/v1/acknowledgments', ['999', '277CA'], 'acknowledgment', 'Raw 999 or 277CA: stored once (identical bytes) and delivered to the exams of the claims it acknowledges by an ingestion workflow. 202 with the status URL; a repeat answers 200 with the first file'],
  ] as const) {
    app.post(
      path,
      {
        bodyLimit: limits.maxFileBytes,
        config: { access: { roles: INGEST_ROLES }, audit: { objectType } },
        schema: { tags: ['claims'], summary, response: { 200: Accepted.describe('Received before: the first file'), 202: Accepted.describe('Stored; its delivery runs (GET the status URL)'), ...errorResponses(413, 415, 422) } },
      },
      async (request, reply) => take(request, reply, types, path),
    );
    app.get(
      `${path}/:fileId`,
      {
        config: { access: { roles: INGEST_ROLES } },
        schema: {
          tags: ['claims'],
          summary: 'The delivery of an uploaded or received file: its status (received, delivering, delivered, failed) and where each claim went (signaled, reopened, already-posted, exam-ended, unmatched; null while pending)',
          params: FileParams,
          querystring: PageQuery,
          response: { 200: FileStatus, ...errorResponses(404) },
        },
      },
      async (request) => status(request.params.fileId, types, request.query),
    );
  }
};
