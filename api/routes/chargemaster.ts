import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ChargemasterSchema, EntityIdSchema, overlappingItems, parseChargemasterCsv } from '../../domain/contracts/chargemaster-item';
import { parseCsv } from '../../domain/refdata/parse-csv';
import { listChargemasterItems, replaceChargemaster } from '../../db/repositories/chargemaster';
import { getBillingEntity } from '../../db/repositories/organisations';
import { auditedChange } from '../plugins/audit';
import { ApiError, notFound } from '../errors';
import { errorResponses } from '../schemas/common';

const EntityParams = z.object({ entityId: EntityIdSchema });
const ItemsQuery = z.object({
  /** only the items in effect on this date of service */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').optional(),
  code: z.string().regex(/^[0-9A-Z]{5}$/, 'must be a CPT or HCPCS code').optional(),
});
const CSV_TYPES = ['text/csv', 'application/csv'];
const MAX_CSV_BYTES = 5 * 1024 * 1024;

/** A chargemaster replaced: how many items it had, how many it has now. */
const Replaced = z.object({ entityId: z.string(), removed: z.number(), stored: z.number() });

const ItemView = z.object({
  id: z.number(), code: z.string(), modifier: z.string(), priceCents: z.number(), revenueCode: z.string().nullable(),
  effectiveFrom: z.string(), effectiveTo: z.string().nullable(), description: z.string(), updatedBy: z.string(), updatedAt: z.string(),
});

/**
 * A billing entity's chargemaster: its price of each code (and modifier) over dates of service, and the revenue
 * code of its institutional claims. Admins replace it whole (JSON or a CSV import, all or nothing); supervisors
 * read it. Coding prices an exam from the chargemaster of the entity that bills each claim, on its date of service.
 */
export const chargemasterRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app;
  app.addContentTypeParser(CSV_TYPES, { parseAs: 'string', bodyLimit: MAX_CSV_BYTES }, (_request, body, done) => done(null, body));

  async function entityOrNotFound(entityId: string): Promise<void> {
    if (!(await getBillingEntity(db, entityId))) throw notFound('billing entity');
  }

  app.get(
    '/v1/chargemaster/:entityId',
    {
      config: { access: { roles: ['admin', 'supervisor'] } },
      schema: { tags: ['chargemaster'], summary: "A billing entity's chargemaster items (optionally those in effect on a date)", params: EntityParams, querystring: ItemsQuery, response: { 200: z.object({ entityId: z.string(), items: z.array(ItemView) }), ...errorResponses(404) } },
    },
    async (request) => {
      const { entityId } = request.params;
      await entityOrNotFound(entityId);
      const items = await listChargemasterItems(db, entityId, { ...(request.query.date ? { onDate: request.query.date } : {}), ...(request.query.code ? { code: request.query.code } : {}) });
      return { entityId, items: items.map((i) => ({ ...i, revenueCode: i.revenueCode ?? null, effectiveTo: i.effectiveTo ?? null })) };
    },
  );

  app.put(
    '/v1/chargemaster/:entityId',
    {
      config: { access: { roles: ['admin'] }, audit: { objectType: 'chargemaster', intent: 'in-transaction' } },
      schema: { tags: ['chargemaster'], summary: "Replace a billing entity's chargemaster with the given items (validated, all or nothing)", params: EntityParams, body: z.record(z.string(), z.unknown()), response: { 200: Replaced, ...errorResponses(404, 413, 415, 422) } },
    },
    async (request) => {
      const { entityId } = request.params;
      request.auditObjectId = entityId;
      await entityOrNotFound(entityId);
      const parsed = ChargemasterSchema.safeParse(request.body);
      if (!parsed.success) {
        throw new ApiError(422, 'invalid_chargemaster', 'the chargemaster is invalid; nothing was stored', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
      }
      const overlaps = overlappingItems(parsed.data.items);
      if (overlaps.length > 0) {
        throw new ApiError(422, 'invalid_chargemaster', 'two items of one code and modifier cover the same date of service; nothing was stored',
          overlaps.map(([a, b]) => ({ path: `items.${b}.effectiveFrom`, message: `overlaps the dates of items.${a}` })));
      }
      const result = await auditedChange(request, db, (trx) => replaceChargemaster(trx, entityId, parsed.data.items, request.principal!.sub), () => 200);
      return { entityId, ...result };
    },
  );

  app.post(
    '/v1/chargemaster/:entityId/import',
    {
      config: { access: { roles: ['admin'] }, audit: { objectType: 'chargemaster', intent: 'in-transaction' } },
      bodyLimit: MAX_CSV_BYTES,
      schema: {
        tags: ['chargemaster'],
        summary: "Replace a billing entity's chargemaster from a CSV file (text/csv; header: code, modifier, price_cents or price, revenue_code, effective_from, effective_to, description); all or nothing, 422 names each bad row and column",
        params: EntityParams,
        response: { 200: Replaced, ...errorResponses(404, 413, 415, 422) },
      },
    },
    async (request) => {
      const { entityId } = request.params;
      request.auditObjectId = entityId;
      if (!CSV_TYPES.some((t) => (request.headers['content-type'] ?? '').toLowerCase().startsWith(t))) {
        throw new ApiError(415, 'unsupported_media_type', 'send the chargemaster as text/csv');
      }
      await entityOrNotFound(entityId);
      const text = typeof request.body === 'string' ? request.body : '';
      if (text.includes('\u0000')) throw new ApiError(422, 'invalid_chargemaster', 'the file is not readable text; nothing was stored');
      const parsed = parseChargemasterCsv(text, parseCsv);
      if (!parsed.ok) {
        throw new ApiError(422, 'invalid_chargemaster', `the file has ${parsed.problems.length} problem(s); nothing was stored`, parsed.problems.slice(0, 200));
      }
      const result = await auditedChange(request, db, (trx) => replaceChargemaster(trx, entityId, parsed.items, request.principal!.sub), () => 200);
      return { entityId, ...result };
    },
  );
};
