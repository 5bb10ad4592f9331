import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { PayerPolicySchema } from '../../domain/policy';
import { safeId } from '../../domain/text';
import { examWorkflowId } from '../../workflows/names';
import { policyChangedSignal } from '../../workflows/exam/messages';
import { ApiError, notFound } from '../errors';
import { auditedChange } from '../plugins/audit';
import { errorResponses } from '../schemas/common';

const PayerIdParams = z.object({ payerId: safeId(64) });

/** A stored payer policy: the body of PUT /v1/payers/{payerId} as validated then (older policies keep the fields they had). */
const StoredPolicy = z.looseObject({}).describe('The payer policy as stored (see PayerPolicySchema in domain/policy)');
const PayerList = z.object({ payers: z.array(z.object({ payerId: z.string(), name: z.string(), payerType: z.string(), active: z.boolean(), version: z.number() })) });
const PayerView = z.object({ payerId: z.string(), version: z.number(), updatedAt: z.string(), updatedBy: z.string().nullable(), policy: StoredPolicy });
const PayerWritten = z.object({ payerId: z.string(), version: z.number(), policy: StoredPolicy });

export const payerRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, temporal } = app;

  app.get(
    '/v1/payers',
    { config: { access: { roles: ['admin', 'supervisor'] } }, schema: { tags: ['payers'], summary: 'Payers and their policies', response: { 200: PayerList, ...errorResponses() } } },
    async () => {
      const rows = await db.selectFrom('payers').selectAll().orderBy('payer_id').execute();
      return { payers: rows.map((r) => ({ payerId: r.payer_id, name: r.name, payerType: r.payer_type, active: r.active, version: r.version })) };
    },
  );

  app.get(
    '/v1/payers/:payerId',
    { config: { access: { roles: ['admin'] } }, schema: { tags: ['payers'], summary: 'A payer and its policy', params: PayerIdParams, response: { 200: PayerView, ...errorResponses(404) } } },
    async (request) => {
      const row = await db.selectFrom('payers').selectAll().where('payer_id', '=', request.params.payerId).executeTakeFirst();
      if (!row) throw notFound('payer');
      return { payerId: row.payer_id, version: row.version, updatedAt: row.updated_at.toISOString(), updatedBy: row.updated_by, policy: row.policy };
    },
  );

  app.put(
    '/v1/payers/:payerId',
    {
      config: { access: { roles: ['admin'] }, audit: { objectType: 'payer', intent: 'in-transaction' } },
      schema: { tags: ['payers'], summary: 'Create or replace a payer policy (validated); open exams of the payer (primary or secondary) reload it', params: PayerIdParams, body: z.record(z.string(), z.unknown()), response: { 200: PayerWritten.describe('The policy replaced'), 201: PayerWritten.describe('The payer created'), ...errorResponses(413, 415, 422) } },
    },
    async (request, reply) => {
      const { payerId } = request.params;
      const parsed = PayerPolicySchema.safeParse(request.body);
      if (!parsed.success) {
        throw new ApiError(422, 'invalid_policy', 'the payer policy is invalid', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
      }
      const policy = parsed.data;
      if (policy.id !== payerId) throw new ApiError(422, 'invalid_policy', 'the policy id must match the payer id in the path', [{ path: 'id', message: 'does not match the path' }]);
      const existing = await db.selectFrom('payers').select('payer_id').where('payer_id', '=', payerId).executeTakeFirst();
      const row = await auditedChange(request, db, (trx) => trx
        .insertInto('payers')
        .values({ payer_id: payerId, name: policy.name, payer_type: policy.payerType, active: policy.active, policy: JSON.stringify(policy), updated_by: request.principal!.sub })
        .onConflict((oc) =>
          oc.column('payer_id').doUpdateSet({
            name: policy.name, payer_type: policy.payerType, active: policy.active, policy: JSON.stringify(policy),
            updated_by: request.principal!.sub, updated_at: sql`now()`, version: sql`payers.version + 1`,
          }),
        )
        .returningAll()
        .executeTakeFirstOrThrow(), () => (existing ? 200 : 201));
      // Open exams of this payer, as primary or as secondary coverage, pick up the new rules (timers already set keep
      // their due time; a secondary claim's waiting timers are set again from the secondary payer's policy).
      // The coverages are encrypted at rest: read page by page and matched here, not by PostgreSQL.
      const open: { exam_id: string }[] = [];
      for (let after = ''; open.length < 1000;) {
        const page = await db.selectFrom('exams').select(['exam_id', 'coverages']).where('status', '=', 'open').where('exam_id', '>', after).orderBy('exam_id').limit(1000).execute();
        for (const e of page) {
          const coverages = (Array.isArray(e.coverages) ? e.coverages : []) as { payerId?: unknown; order?: unknown }[];
          if (coverages.some((c) => c.payerId === payerId && (c.order === 'primary' || c.order === 'secondary')) && open.length < 1000) open.push({ exam_id: e.exam_id });
        }
        if (page.length < 1000) break;
        after = page.at(-1)!.exam_id;
      }
      // Bounded: with Temporal unreachable the request does not hang (an exam not reached keeps the policy it has).
      const deadline = Date.now() + app.updateDeadlineMs;
      await Promise.all(
        open.map((e) =>
          temporal.connection.withDeadline(deadline, () => temporal.workflow.getHandle(examWorkflowId(e.exam_id)).signal(policyChangedSignal, { payerId, policy })).catch(() => undefined),
        ),
      );
      return reply.status(existing ? 200 : 201).send({ payerId, version: row.version, policy: row.policy });
    },
  );
};
