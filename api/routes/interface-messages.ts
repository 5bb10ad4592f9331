import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database';
import { notFound } from '../errors';
import { auditCommitted, auditIntent, auditOutcomeIn } from '../plugins/audit';
import { errorResponses } from '../schemas/common';

const ListQuery = z.object({
  status: z.enum(['received', 'applied', 'held', 'error']).optional(),
  accession: z.string().regex(/^[A-Za-z0-9-]{1,50}$/, 'must be an accession number').optional(),
  type: z.string().regex(/^[A-Z0-9]{3}(\^[A-Z0-9]{3})?$/, 'must be a message type like ORM^O01').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().regex(/^\d{1,19}$/, 'is not a cursor').optional(),
});

const MessageView = z.object({
  messageId: z.string(),
  sendingApplication: z.string(),
  sendingFacility: z.string(),
  controlId: z.string(),
  messageType: z.string(),
  accessionNumber: z.string().nullable(),
  examId: z.string().nullable(),
  event: z.string().nullable(),
  status: z.string(),
  ackCode: z.string(),
  errorCode: z.string().nullable(),
  errorField: z.string().nullable(),
  errorMessage: z.string().nullable(),
  taskId: z.string().nullable(),
  /** what a message that was taken came to, without PHI (e.g. no open exam of the patient) */
  note: z.string().nullable(),
  receivedAt: z.string(),
  updatedAt: z.string(),
});

/**
 * The HL7 messages the MLLP listener received, newest first, with their outcome: never the raw message (it holds
 * PHI and is stored only encrypted).
 */
export const interfaceMessageRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app;
  app.get(
    '/v1/interface/messages',
    {
      config: { access: { roles: ['supervisor'] }, audit: { objectType: 'interface-message', reads: true } },
      schema: {
        tags: ['interface'],
        summary: 'HL7 messages received over MLLP and their outcome (filters: status, accession, type); no raw message',
        querystring: ListQuery,
        response: { 200: z.object({ items: z.array(MessageView), nextCursor: z.string().nullable() }), ...errorResponses() },
      },
    },
    async (request) => {
      const q = request.query;
      let query = db.selectFrom('hl7_messages').select([
        'id', 'sending_application', 'sending_facility', 'control_id', 'message_type', 'accession_number', 'exam_id', 'event', 'status',
        'ack_code', 'error_code', 'error_field', 'error_message', 'task_id', 'note', 'received_at', 'updated_at',
      ]);
      if (q.status) query = query.where('status', '=', q.status);
      if (q.accession) query = query.where('accession_number', '=', q.accession);
      if (q.type) query = query.where('message_type', '=', q.type);
      if (q.cursor) query = query.where('id', '<', q.cursor);
      const rows = await query.orderBy('id', 'desc').limit(q.limit + 1).execute();
      const page = rows.slice(0, q.limit);
      return {
        items: page.map((r) => ({
          messageId: String(r.id),
          sendingApplication: r.sending_application,
          sendingFacility: r.sending_facility,
          controlId: r.control_id,
          messageType: r.message_type,
          accessionNumber: r.accession_number,
          examId: r.exam_id,
          event: r.event,
          status: r.status,
          ackCode: r.ack_code,
          errorCode: r.error_code,
          errorField: r.error_field,
          errorMessage: r.error_message,
          taskId: r.task_id,
          note: r.note,
          receivedAt: r.received_at.toISOString(),
          updatedAt: r.updated_at.toISOString(),
        })),
        nextCursor: rows.length > q.limit ? String(page[page.length - 1]!.id) : null,
      };
    },
  );

  app.post(
    '/v1/interface/messages/:messageId/replay',
    {
      config: { access: { roles: ['supervisor'] }, audit: { objectType: 'interface-message', intent: 'by-delivery' } },
      schema: {
        tags: ['interface'],
        summary: 'Replay a stored HL7 message after fixing its cause (profile or data at the source); resolves its interface-error task when it now applies',
        params: z.object({ messageId: z.string().regex(/^\d{1,19}$/, 'is not a message id') }),
        response: { 200: z.object({ messageId: z.string(), status: z.string(), ackCode: z.string(), errorField: z.string().nullable(), taskResolved: z.boolean() }), ...errorResponses(404, 409) },
      },
    },
    async (request) => {
      const { messageId } = request.params;
      request.auditObjectId = messageId;
      const row = await db.selectFrom('hl7_messages').select(['id', 'task_id']).where('id', '=', messageId).executeTakeFirst();
      if (!row) throw notFound('message');
      // The replay reaches an exam (outside PostgreSQL's transaction): its intent is recorded first. The task it
      // resolves is closed in one transaction with the outcome row.
      await auditIntent(db, request);
      const replayed = await app.interfaceReplay(messageId);
      const taskResolved = await db.transaction().execute(async (trx) => {
        let closed = false;
        if (row.task_id && replayed.ackCode === 'AA' && replayed.status !== 'error') {
          const now = new Date();
          const result = await trx.updateTable('tasks').set({ status: 'resolved', closed_at: now, resolution_action: 'retry', resolved_by: request.principal!.sub, updated_at: now })
            .where('task_id', '=', row.task_id).where('status', '=', 'open').executeTakeFirst();
          closed = Number(result.numUpdatedRows) > 0;
        }
        await auditOutcomeIn(request, trx as unknown as Db, 200, closed ? { taskResolved: row.task_id! } : {});
        return closed;
      });
      auditCommitted(request);
      return { messageId, ...replayed, taskResolved };
    },
  );
};
