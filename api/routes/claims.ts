import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { APPEAL_FILE_NAME } from '../../activities/claims/submit-appeal';
import { AppealRequestView, claimAppealRequests } from '../claim-appeal-requests';
import type { Db } from '../../db/database';
import { hasControlCharacter, safeId } from '../../domain/text';
import { STAFF } from '../../platform/roles';
import { ApiError, notFound } from '../errors';
import { errorResponses, fileResponse } from '../schemas/common';

const ClaimSummary = z.object({
  claimId: z.string(),
  examId: z.string(),
  version: z.number(),
  payerId: z.string(),
  form: z.string(),
  kind: z.string(),
  status: z.string(),
  chargeCents: z.number(),
  paidCents: z.number(),
  patientResponsibilityCents: z.number(),
  dateOfService: z.string(),
  payerClaimNumber: z.string().nullable(),
  firstSubmittedAt: z.string().nullable(),
  lastSubmittedAt: z.string().nullable(),
  updatedAt: z.string(),
});

const ScrubFinding = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  field: z.string(),
  message: z.string(),
  fix: z.string(),
  autoFixed: z.boolean(),
});

/** One X12 file sent for the claim: a claim version (837, frequency 1 or 7) or an appeal (replacement claim asking for reconsideration). */
const SentDocument = z.object({
  kind: z.enum(['claim', 'appeal']),
  version: z.number(),
  appealLevel: z.number().nullable(),
  documentId: z.string(),
  fileName: z.string(),
  transactionType: z.string(),
  createdAt: z.string(),
  outcome: z.string().nullable(),
});

const ClaimDetail = ClaimSummary.extend({
  submissions: z.array(z.object({ version: z.number(), frequency: z.string(), fileName: z.string(), documentId: z.string(), transactionControlNumber: z.string(), channel: z.string(), status: z.string(), sentAt: z.string().nullable() })),
  /** every file sent for the claim, oldest first; each one's bytes at GET /v1/claims/{claimId}/x12?documentId= */
  documents: z.array(SentDocument),
  history: z.array(z.object({ version: z.number(), status: z.string(), source: z.string(), documentId: z.string().nullable(), statusCodes: z.array(z.string()), note: z.string().nullable(), at: z.string() })),
  /** what the scrubber found when the exam was last coded (errors a coder reviewed, warnings, what it fixed itself) */
  scrubFindings: z.array(ScrubFinding),
  scrub: z.object({ codedAt: z.string(), dateOfService: z.string(), referenceData: z.array(z.string()) }).nullable(),
  /** written appeal requests and reopenings (PDF documents; nothing sent as an 837), oldest first */
  appealRequests: z.array(AppealRequestView),
});

const ListQuery = z.object({
  examId: safeId(64).optional(),
  status: safeId(40).optional(),
  payerId: safeId(64).optional(),
  kind: z.enum(['global', 'professional', 'technical']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: safeId(200).optional(),
});

const ClaimParams = z.object({ claimId: safeId(64) });
const X12Query = z.object({
  version: z.coerce.number().int().min(1).max(9999).optional(),
  appealLevel: z.coerce.number().int().min(1).max(9).optional(),
  documentId: z.string().regex(/^x12_[0-9a-f]{24}$/, 'not a document id').optional(),
});

type ClaimRow = {
  claim_id: string; exam_id: string; version: number; payer_id: string; form: string; kind: string; status: string; charge_cents: number;
  paid_cents: number; patient_responsibility_cents: number; date_of_service: string; payer_claim_number: string | null;
  first_submitted_at: Date | null; last_submitted_at: Date | null; updated_at: Date;
};

function summary(r: ClaimRow): z.infer<typeof ClaimSummary> {
  return {
    claimId: r.claim_id, examId: r.exam_id, version: r.version, payerId: r.payer_id, form: r.form, kind: r.kind, status: r.status,
    chargeCents: r.charge_cents, paidCents: r.paid_cents, patientResponsibilityCents: r.patient_responsibility_cents, dateOfService: r.date_of_service,
    payerClaimNumber: r.payer_claim_number, firstSubmittedAt: r.first_submitted_at?.toISOString() ?? null, lastSubmittedAt: r.last_submitted_at?.toISOString() ?? null,
    updatedAt: r.updated_at.toISOString(),
  };
}

const likeLiteral = (v: string) => v.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Every outbound file of the claim: its submissions, then the appeal files (named after claim, version and level). */
async function sentDocuments(db: Db, claimId: string): Promise<z.infer<typeof SentDocument>[]> {
  const submitted = await db.selectFrom('claim_submissions').innerJoin('x12_documents', 'x12_documents.id', 'claim_submissions.document_id')
    .select(['claim_submissions.version', 'claim_submissions.document_id', 'claim_submissions.file_name', 'x12_documents.transaction_type', 'x12_documents.created_at', 'x12_documents.outcome'])
    .where('claim_submissions.claim_id', '=', claimId).orderBy('claim_submissions.version').execute();
  const appeals = await db.selectFrom('x12_documents').select(['id', 'file_name', 'transaction_type', 'created_at', 'outcome'])
    .where('direction', '=', 'outbound')
    .where((eb) => eb.or(['837P', '837I'].map((form) => eb('file_name', 'like', `${likeLiteral(`${form}-${claimId}-v`)}%-appeal%`))))
    .orderBy('created_at').orderBy('id').execute();
  const docs: z.infer<typeof SentDocument>[] = submitted.map((s) => ({
    kind: 'claim', version: s.version, appealLevel: null, documentId: s.document_id, fileName: s.file_name, transactionType: s.transaction_type, createdAt: s.created_at.toISOString(), outcome: s.outcome,
  }));
  for (const a of appeals) {
    const m = APPEAL_FILE_NAME.exec(a.file_name ?? '');
    if (!m || m[2] !== claimId) continue;
    docs.push({ kind: 'appeal', version: Number(m[3]), appealLevel: Number(m[4]), documentId: a.id, fileName: a.file_name!, transactionType: a.transaction_type, createdAt: a.created_at.toISOString(), outcome: a.outcome });
  }
  return docs.sort((x, y) => x.createdAt.localeCompare(y.createdAt));
}

const encodeCursor = (claimId: string) => Buffer.from(claimId, 'utf8').toString('base64url');
function decodeCursor(cursor: string): string {
  const v = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!v || encodeCursor(v) !== cursor || hasControlCharacter(v)) throw new ApiError(400, 'invalid_cursor', 'the cursor is not one this API returned');
  return v;
}

/** Claims as sent and as the payers answered: list, detail with status history, and the exact X12 sent. */
export const claimRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app;

  app.get(
    '/v1/claims',
    {
      config: { access: { roles: STAFF } },
      schema: { tags: ['claims'], summary: 'Claims, filtered by exam, status, payer or kind; cursor pagination', querystring: ListQuery, response: { 200: z.object({ items: z.array(ClaimSummary), nextCursor: z.string().nullable() }), ...errorResponses() } },
    },
    async (request) => {
      const q = request.query;
      let query = db.selectFrom('claims').selectAll();
      if (q.examId) query = query.where('exam_id', '=', q.examId);
      if (q.status) query = query.where('status', '=', q.status);
      if (q.payerId) query = query.where('payer_id', '=', q.payerId);
      if (q.kind) query = query.where('kind', '=', q.kind);
      if (q.cursor) query = query.where('claim_id', '>', decodeCursor(q.cursor));
      const rows = await query.orderBy('claim_id').limit(q.limit + 1).execute();
      const page = rows.slice(0, q.limit);
      return { items: page.map(summary), nextCursor: rows.length > q.limit ? encodeCursor(page[page.length - 1]!.claim_id) : null };
    },
  );

  app.get(
    '/v1/claims/:claimId',
    {
      config: { access: { roles: STAFF }, audit: { objectType: 'claim', reads: true } },
      schema: { tags: ['claims'], summary: 'One claim with its submissions and status history', params: ClaimParams, response: { 200: ClaimDetail, ...errorResponses(404) } },
    },
    async (request) => {
      const { claimId } = request.params;
      const row = await db.selectFrom('claims').selectAll().where('claim_id', '=', claimId).executeTakeFirst();
      if (!row) throw notFound('claim');
      const [subs, history, documents, scrubs, appealRequests] = await Promise.all([
        db.selectFrom('claim_submissions').selectAll().where('claim_id', '=', claimId).orderBy('version').execute(),
        db.selectFrom('claim_status_history').selectAll().where('claim_id', '=', claimId).orderBy('id').execute(),
        sentDocuments(db, claimId),
        db.selectFrom('claim_scrub_findings').selectAll().where('exam_id', '=', row.exam_id).orderBy('claim_kind').execute(),
        claimAppealRequests(db, claimId),
      ]);
      // The findings of the coded claim this claim bills; a global claim of an exam coded into technical and
      // professional claims before each was billed on its own (a hospital setting) shows the first coded claim's.
      const scrub = scrubs.find((s) => s.claim_kind === row.kind) ?? (row.kind === 'global' ? scrubs.find((s) => s.claim_kind === 'technical') : undefined);
      return {
        ...summary(row),
        submissions: subs.map((s) => ({ version: s.version, frequency: s.frequency, fileName: s.file_name, documentId: s.document_id, transactionControlNumber: s.transaction_control_number, channel: s.channel, status: s.status, sentAt: s.sent_at?.toISOString() ?? null })),
        documents,
        history: history.map((h) => ({ version: h.version, status: h.status, source: h.source, documentId: h.document_id, statusCodes: h.status_codes, note: h.note, at: h.at.toISOString() })),
        scrubFindings: scrub?.scrub_findings ?? [],
        scrub: scrub ? { codedAt: scrub.coded_at.toISOString(), dateOfService: scrub.date_of_service, referenceData: scrub.refdata_versions } : null,
        appealRequests,
      };
    },
  );

  app.get(
    '/v1/claims/:claimId/x12',
    {
      // The 837 carries the patient's whole identity: the people who work claims only.
      config: { access: { roles: ['biller', 'coder', 'supervisor'] }, audit: { objectType: 'claim', reads: true } },
      schema: {
        tags: ['claims'],
        summary: 'The exact X12 sent for the claim: the latest version, or ?version=; an appeal file with ?appealLevel= (and ?version=); any listed file with ?documentId=',
        params: ClaimParams,
        querystring: X12Query,
        response: { 200: fileResponse(['application/edi-x12'], 'The X12 file as it was sent, byte for byte (Content-Disposition names the file)'), ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const { claimId } = request.params;
      const q = request.query;
      let doc: { raw: string; file_name: string | null } | undefined;
      if (q.appealLevel !== undefined || q.documentId !== undefined) {
        const chosen = (await sentDocuments(db, claimId))
          .filter((d) => (q.documentId === undefined || d.documentId === q.documentId)
            && (q.appealLevel === undefined || (d.kind === 'appeal' && d.appealLevel === q.appealLevel))
            && (q.version === undefined || d.version === q.version))
          .at(-1);
        if (chosen) doc = await db.selectFrom('x12_documents').select(['raw', 'file_name']).where('id', '=', chosen.documentId).executeTakeFirst();
      } else {
        let query = db.selectFrom('claim_submissions').innerJoin('x12_documents', 'x12_documents.id', 'claim_submissions.document_id')
          .select(['x12_documents.raw', 'claim_submissions.file_name']).where('claim_submissions.claim_id', '=', claimId);
        if (q.version) query = query.where('claim_submissions.version', '=', q.version);
        doc = await query.orderBy('claim_submissions.version', 'desc').limit(1).executeTakeFirst();
      }
      if (!doc) throw notFound(q.appealLevel !== undefined ? 'appeal file' : 'claim submission');
      return reply
        .type('application/edi-x12')
        .header('Content-Disposition', `attachment; filename="${doc.file_name}"`)
        .header('Cache-Control', 'no-store')
        .send(doc.raw);
    },
  );
};
