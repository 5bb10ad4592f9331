import type { FastifyPluginAsync } from 'fastify';
import type { Role } from '../../platform/roles';
import { STAFF } from '../../platform/roles';
import { notImplemented } from '../errors';
import { errorResponses } from '../schemas/common';

type Method = 'GET' | 'POST' | 'PUT';

/**
 * Routes of the API contract (DESIGN §5) that this version does not serve yet: each answers 501 with
 * a JSON error (after the same authentication and role checks as the finished route will have), and
 * is listed in the README's status table. A route registered by a real plugin replaces its entry.
 */
const CONTRACT: [Method, string, readonly Role[], string][] = [
  ['GET', '/v1/exams/:examId/history', ['supervisor'], 'the exam history timeline'],
  ['POST', '/v1/exams/:examId/performed', ['integration'], 'the exam-performed event'],
  ['POST', '/v1/exams/:examId/report', ['integration'], 'the report event'],
  ['POST', '/v1/exams/:examId/payments', ['front_desk', 'biller', 'supervisor'], 'patient payments'],
  ['GET', '/v1/tasks', STAFF, 'the work queue'],
  ['GET', '/v1/tasks/:taskId', STAFF, 'task details'],
  ['POST', '/v1/tasks/:taskId/claim', STAFF, 'task assignment'],
  ['POST', '/v1/tasks/:taskId/release', STAFF, 'task assignment'],
  ['POST', '/v1/tasks/:taskId/resolve', STAFF, 'task resolution'],
  ['POST', '/v1/remittances', ['integration', 'biller', 'supervisor'], 'remittance (835) ingestion'],
  ['POST', '/v1/acknowledgments', ['integration', 'biller', 'supervisor'], 'acknowledgment (999/277CA) ingestion'],
  ['GET', '/v1/claims', STAFF, 'the claim list'],
  ['GET', '/v1/claims/:claimId', STAFF, 'claim details'],
  ['GET', '/v1/claims/:claimId/x12', STAFF, 'the X12 of a claim'],
  ['GET', '/v1/payers/:payerId', ['admin'], 'payer policies'],
  ['PUT', '/v1/payers/:payerId', ['admin'], 'payer policies'],
];

export const notBuiltRoutes: FastifyPluginAsync = async (app) => {
  for (const [method, url, roles, what] of CONTRACT) {
    if (app.hasRoute({ method, url })) continue;
    app.route({
      method,
      url,
      config: { access: { roles }, ...(method === 'GET' ? {} : { audit: { objectType: 'not-built' } }) },
      schema: { tags: ['not built yet'], summary: `${what} (501: not built yet)`, response: errorResponses(501) },
      handler: async () => {
        throw notImplemented(what);
      },
    });
  }
};
