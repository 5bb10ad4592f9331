import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EntityIdSchema } from '../../domain/contracts/chargemaster-item';
import { PayerContractSchema } from '../../domain/contracts/payer-contract';
import { PayerIdSchema } from '../../domain/policy';
import { getPayerContract, listPayerContracts, putPayerContract } from '../../db/repositories/payer-contracts';
import { getBillingEntity } from '../../db/repositories/organisations';
import { readPayerPolicy } from '../../activities/claims/payer-policy';
import { auditedChange } from '../plugins/audit';
import { ApiError, notFound } from '../errors';
import { errorResponses } from '../schemas/common';

const PayerParams = z.object({ payerId: PayerIdSchema });
const ContractParams = z.object({ payerId: PayerIdSchema, entityId: EntityIdSchema });

const ContractList = z.object({ payerId: z.string(), contracts: z.array(z.object({ entityId: z.string(), version: z.number(), updatedAt: z.string() })) });
const StoredContract = z.object({ payerId: z.string(), entityId: z.string(), contract: PayerContractSchema, version: z.number(), updatedBy: z.string(), updatedAt: z.string() });
const ContractWritten = z.object({ payerId: z.string(), entityId: z.string(), version: z.number(), contract: PayerContractSchema });

/**
 * Payer contracts: per payer and billing entity, dated terms (a percent of the locality fee schedule, or per-code
 * rates) with an underpayment tolerance. Posting an 835 compares what the payer recognised with the contract's
 * expected amount. Admins write them, supervisors read them.
 */
export const payerContractRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app;

  async function payerOrNotFound(payerId: string): Promise<void> {
    const row = await db.selectFrom('payers').select('payer_id').where('payer_id', '=', payerId).executeTakeFirst();
    if (!row && !(await readPayerPolicy(db, payerId))) throw notFound('payer');
  }

  app.get(
    '/v1/payers/:payerId/contracts',
    { config: { access: { roles: ['admin', 'supervisor'] } }, schema: { tags: ['payers'], summary: "A payer's contracts, by billing entity", params: PayerParams, response: { 200: ContractList, ...errorResponses(404) } } },
    async (request) => {
      await payerOrNotFound(request.params.payerId);
      return { payerId: request.params.payerId, contracts: await listPayerContracts(db, request.params.payerId) };
    },
  );

  app.get(
    '/v1/payers/:payerId/contracts/:entityId',
    { config: { access: { roles: ['admin', 'supervisor'] } }, schema: { tags: ['payers'], summary: "A payer's contract with a billing entity", params: ContractParams, response: { 200: StoredContract, ...errorResponses(404) } } },
    async (request) => {
      const { payerId, entityId } = request.params;
      const stored = await getPayerContract(db, payerId, entityId);
      if (!stored) throw notFound('contract');
      return stored;
    },
  );

  app.put(
    '/v1/payers/:payerId/contracts/:entityId',
    {
      config: { access: { roles: ['admin'] }, audit: { objectType: 'payer-contract', intent: 'in-transaction' } },
      schema: { tags: ['payers'], summary: "Create or replace a payer's contract with a billing entity (validated)", params: ContractParams, body: z.record(z.string(), z.unknown()), response: { 200: ContractWritten.describe('The contract replaced'), 201: ContractWritten.describe('The contract created'), ...errorResponses(404, 413, 415, 422) } },
    },
    async (request, reply) => {
      const { payerId, entityId } = request.params;
      request.auditObjectId = `${payerId}/${entityId}`;
      await payerOrNotFound(payerId);
      if (!(await getBillingEntity(db, entityId))) throw notFound('billing entity');
      const parsed = PayerContractSchema.safeParse(request.body);
      if (!parsed.success) {
        throw new ApiError(422, 'invalid_contract', 'the contract is invalid', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
      }
      const result = await auditedChange(request, db, (trx) => putPayerContract(trx, payerId, entityId, parsed.data, request.principal!.sub), (r) => (r.created ? 201 : 200));
      return reply.status(result.created ? 201 : 200).send({ payerId, entityId, version: result.version, contract: parsed.data });
    },
  );
};
