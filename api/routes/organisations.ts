import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database';
import {
  existingBillingEntityIds, listBillingEntities, listFacilities, listProviders, readBillingEntity, readFacility, readProvider,
} from '../../db/repositories/organisation-lists';
import { putBillingEntity, putFacility, putProvider, type Versioned } from '../../db/repositories/organisations';
import {
  BILLING_ENTITY_COLUMNS, type CsvImport, type CsvProblem, FACILITY_COLUMNS, PROVIDER_COLUMNS, facilityEntityRefs,
  importBillingEntities, importFacilities, importProviders,
} from '../../domain/organisations/csv';
import {
  BillingEntitySchema, type Facility, FacilitySchema, OrgId, type Provider, ProviderSchema,
} from '../../domain/organisations/organisations';
import { isValidNpi } from '../../domain/identifiers/npi';
import { auditedChange } from '../plugins/audit';
import { ApiError, notFound } from '../errors';
import { errorResponses } from '../schemas/common';

/**
 * Billing entities, facilities and providers: who bills, where exams are performed and which entity bills each
 * component there, and the physicians claims name. Administrators edit them (validated, audited); supervisors
 * read them. Each record can be replaced one at a time (PUT) or loaded from a CSV file, all or nothing.
 */

const IdParams = z.object({ id: OrgId });
const NpiParams = z.object({ npi: z.string().refine(isValidNpi, 'is not a valid NPI (10 digits with a valid check digit)') });
const ProviderQuery = z.object({
  cursor: z.string().regex(/^\d{10}$/, 'must be the cursor of the previous page').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  name: z.string().trim().min(1).max(60).optional(),
});
const AnyBody = z.record(z.string(), z.unknown());
const CsvBody = z.string();

/** The version of a stored record; `valid: false` (and the record null) when it no longer passes the rules of today. */
const Stored = { id: z.string(), version: z.number(), updatedAt: z.string(), updatedBy: z.string(), valid: z.boolean() };
const BillingEntityView = z.object({ ...Stored, billingEntity: BillingEntitySchema.nullable() });
const FacilityView = z.object({ ...Stored, facility: FacilitySchema.nullable() });
const { id: _id, ...StoredByNpi } = Stored;
const ProviderView = z.object({ npi: z.string(), ...StoredByNpi, provider: ProviderSchema.nullable() });
const ImportSummary = z.object({ imported: z.number(), created: z.number(), replaced: z.number(), ids: z.array(z.string()) });
const written = <T extends z.ZodType>(key: string, schema: T, idKey = 'id') => {
  const body = z.object({ [idKey]: z.string(), version: z.number(), [key]: schema });
  return { 200: body.describe('Replaced'), 201: body.describe('Created') };
};
const READ_ERRORS = errorResponses();
const ONE_ERRORS = errorResponses(404);
const WRITE_ERRORS = errorResponses(413, 415, 422);

const READ = { access: { roles: ['admin', 'supervisor'] } } as const;
const WRITE = (objectType: string) => ({ access: { roles: ['admin'] }, audit: { objectType, intent: 'in-transaction' } }) as const;

type Issue = { path: string; message: string };
const invalid = (code: string, what: string, details: Issue[]) => new ApiError(422, code, `the ${what} is invalid`, details);
const issuesOf = (error: z.ZodError): Issue[] => error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));

function shown<T>(v: Versioned<T | null>) {
  return { version: v.version, updatedAt: v.updatedAt.toISOString(), updatedBy: v.updatedBy, valid: v.record !== null };
}

/** The billing entities a facility names that are not on file, as issues on their paths. */
async function missingEntities(db: Db, facility: Facility): Promise<Issue[]> {
  const refs = facilityEntityRefs(facility);
  const known = await existingBillingEntityIds(db, refs.map((r) => r.id));
  return refs.filter((r) => !known.has(r.id)).map((r) => ({ path: r.column, message: `billing entity ${r.id} is not on file` }));
}

async function missingReassignments(db: Db, provider: Provider): Promise<Issue[]> {
  const known = await existingBillingEntityIds(db, provider.reassignedTo);
  return provider.reassignedTo.flatMap((id, i) => (known.has(id) ? [] : [{ path: `reassignedTo.${i}`, message: `billing entity ${id} is not on file` }]));
}

function csvRefused(problems: CsvProblem[]): ApiError {
  const rows = new Set(problems.map((p) => p.row)).size;
  return new ApiError(422, 'invalid_csv', `the file was not imported: ${problems.length} problem(s) on ${rows} row(s); nothing was changed`, problems);
}

function csvText(request: FastifyRequest): string {
  if (typeof request.body !== 'string') throw new ApiError(415, 'unsupported_media_type', 'the request body must be text/csv');
  return request.body;
}

function imported<T>(result: CsvImport<T>): { row: number; record: T }[] {
  if (!result.ok) throw csvRefused(result.problems);
  return result.records;
}

/** Every record of an import, in the caller's transaction (all or nothing, with its audit row). */
async function putAll<T>(trx: Db, records: T[], keyOf: (record: T) => string, put: (db: Db, record: T, by: string) => Promise<{ version: number; created: boolean }>, by: string) {
  const out: { id: string; version: number; created: boolean }[] = [];
  for (const record of records) out.push({ id: keyOf(record), ...(await put(trx, record, by)) });
  return out;
}

export const organisationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app;
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  // Billing entities

  app.get('/v1/billing-entities', { config: READ, schema: { tags: ['organisations'], summary: 'Billing entities (who bills and is paid)', response: { 200: z.object({ billingEntities: z.array(BillingEntityView) }), ...READ_ERRORS } } }, async () => {
    const rows = await listBillingEntities(db);
    return { billingEntities: rows.map((r) => ({ id: r.id, ...shown(r), billingEntity: r.record })) };
  });

  app.get('/v1/billing-entities/:id', { config: READ, schema: { tags: ['organisations'], summary: 'A billing entity', params: IdParams, response: { 200: BillingEntityView, ...ONE_ERRORS } } }, async (request) => {
    const row = await readBillingEntity(db, request.params.id);
    if (!row) throw notFound('billing entity');
    return { id: request.params.id, ...shown(row), billingEntity: row.record };
  });

  app.put(
    '/v1/billing-entities/:id',
    { config: WRITE('billing-entity'), schema: { tags: ['organisations'], summary: 'Create or replace a billing entity (validated)', params: IdParams, body: AnyBody, response: { ...written('billingEntity', BillingEntitySchema), ...WRITE_ERRORS } } },
    async (request, reply) => {
      const { id } = request.params;
      request.auditObjectId = id;
      const parsed = BillingEntitySchema.safeParse(request.body);
      if (!parsed.success) throw invalid('invalid_billing_entity', 'billing entity', issuesOf(parsed.error));
      if (parsed.data.id !== id) throw invalid('invalid_billing_entity', 'billing entity', [{ path: 'id', message: 'does not match the id in the path' }]);
      const { version, created } = await auditedChange(request, db, (trx) => putBillingEntity(trx, parsed.data, request.principal!.sub), (r) => (r.created ? 201 : 200));
      return reply.status(created ? 201 : 200).send({ id, version, billingEntity: parsed.data });
    },
  );

  app.post(
    '/v1/billing-entities/import',
    { config: WRITE('billing-entity-import'), schema: { tags: ['organisations'], summary: `Create or replace billing entities from a CSV file (text/csv), all or nothing. Columns: ${BILLING_ENTITY_COLUMNS.columns.join(', ')}`, body: CsvBody, response: { 200: ImportSummary, ...WRITE_ERRORS } } },
    async (request) => {
      const records = imported(importBillingEntities(csvText(request)));
      const by = request.principal!.sub;
      request.auditDetails = { imported: String(records.length) };
      const results = await auditedChange(request, db, (trx) => putAll(trx, records.map((r) => r.record), (record) => record.id, putBillingEntity, by), () => 200);
      return summary(results);
    },
  );

  // Facilities

  app.get('/v1/facilities', { config: READ, schema: { tags: ['organisations'], summary: 'Facilities and which entity bills each component there', response: { 200: z.object({ facilities: z.array(FacilityView) }), ...READ_ERRORS } } }, async () => {
    const rows = await listFacilities(db);
    return { facilities: rows.map((r) => ({ id: r.id, ...shown(r), facility: r.record })) };
  });

  app.get('/v1/facilities/:id', { config: READ, schema: { tags: ['organisations'], summary: 'A facility', params: IdParams, response: { 200: FacilityView, ...ONE_ERRORS } } }, async (request) => {
    const row = await readFacility(db, request.params.id);
    if (!row) throw notFound('facility');
    return { id: request.params.id, ...shown(row), facility: row.record };
  });

  app.put(
    '/v1/facilities/:id',
    { config: WRITE('facility'), schema: { tags: ['organisations'], summary: 'Create or replace a facility (validated; the billing entities it names must exist)', params: IdParams, body: AnyBody, response: { ...written('facility', FacilitySchema), ...WRITE_ERRORS } } },
    async (request, reply) => {
      const { id } = request.params;
      request.auditObjectId = id;
      const parsed = FacilitySchema.safeParse(request.body);
      if (!parsed.success) throw invalid('invalid_facility', 'facility', issuesOf(parsed.error));
      if (parsed.data.id !== id) throw invalid('invalid_facility', 'facility', [{ path: 'id', message: 'does not match the id in the path' }]);
      const missing = await missingEntities(db, parsed.data);
      if (missing.length > 0) throw invalid('invalid_facility', 'facility', missing);
      const { version, created } = await auditedChange(request, db, (trx) => putFacility(trx, parsed.data, request.principal!.sub), (r) => (r.created ? 201 : 200));
      return reply.status(created ? 201 : 200).send({ id, version, facility: parsed.data });
    },
  );

  app.post(
    '/v1/facilities/import',
    { config: WRITE('facility-import'), schema: { tags: ['organisations'], summary: `Create or replace facilities from a CSV file (text/csv), all or nothing. Columns: ${FACILITY_COLUMNS.columns.join(', ')}`, body: CsvBody, response: { 200: ImportSummary, ...WRITE_ERRORS } } },
    async (request) => {
      const records = imported(importFacilities(csvText(request)));
      const problems: CsvProblem[] = [];
      for (const { row, record } of records) {
        for (const m of await missingEntities(db, record)) problems.push({ row, column: m.path, message: m.message });
      }
      if (problems.length > 0) throw csvRefused(problems);
      const by = request.principal!.sub;
      request.auditDetails = { imported: String(records.length) };
      const results = await auditedChange(request, db, (trx) => putAll(trx, records.map((r) => r.record), (record) => record.id, putFacility, by), () => 200);
      return summary(results);
    },
  );

  // Providers

  app.get(
    '/v1/providers',
    { config: READ, schema: { tags: ['organisations'], summary: 'Providers (radiologists, ordering physicians) by NPI; `name` filters by the start of the last or first name', querystring: ProviderQuery, response: { 200: z.object({ providers: z.array(ProviderView), nextCursor: z.string().nullable() }), ...READ_ERRORS } } },
    async (request) => {
      const { cursor, limit, name } = request.query;
      const rows = await listProviders(db, { limit: limit + 1, ...(cursor ? { after: cursor } : {}), ...(name ? { name } : {}) });
      const page = rows.slice(0, limit);
      return {
        providers: page.map((r) => ({ npi: r.npi, ...shown(r), provider: r.record })),
        nextCursor: rows.length > limit ? page[page.length - 1]!.npi : null,
      };
    },
  );

  app.get('/v1/providers/:npi', { config: READ, schema: { tags: ['organisations'], summary: 'A provider', params: NpiParams, response: { 200: ProviderView, ...ONE_ERRORS } } }, async (request) => {
    const row = await readProvider(db, request.params.npi);
    if (!row) throw notFound('provider');
    return { npi: request.params.npi, ...shown(row), provider: row.record };
  });

  app.put(
    '/v1/providers/:npi',
    { config: WRITE('provider'), schema: { tags: ['organisations'], summary: 'Create or replace a provider (validated; the entities reassigned to must exist)', params: NpiParams, body: AnyBody, response: { ...written('provider', ProviderSchema, 'npi'), ...WRITE_ERRORS } } },
    async (request, reply) => {
      const { npi } = request.params;
      request.auditObjectId = npi;
      const parsed = ProviderSchema.safeParse(request.body);
      if (!parsed.success) throw invalid('invalid_provider', 'provider', issuesOf(parsed.error));
      if (parsed.data.npi !== npi) throw invalid('invalid_provider', 'provider', [{ path: 'npi', message: 'does not match the NPI in the path' }]);
      const missing = await missingReassignments(db, parsed.data);
      if (missing.length > 0) throw invalid('invalid_provider', 'provider', missing);
      const { version, created } = await auditedChange(request, db, (trx) => putProvider(trx, parsed.data, request.principal!.sub), (r) => (r.created ? 201 : 200));
      return reply.status(created ? 201 : 200).send({ npi, version, provider: parsed.data });
    },
  );

  app.post(
    '/v1/providers/import',
    { config: WRITE('provider-import'), schema: { tags: ['organisations'], summary: `Create or replace providers from a CSV file (text/csv), all or nothing. Columns: ${PROVIDER_COLUMNS.columns.join(', ')}`, body: CsvBody, response: { 200: ImportSummary, ...WRITE_ERRORS } } },
    async (request) => {
      const records = imported(importProviders(csvText(request)));
      const known = await existingBillingEntityIds(db, records.flatMap((r) => r.record.reassignedTo));
      const problems: CsvProblem[] = records.flatMap(({ row, record }) =>
        record.reassignedTo.filter((id) => !known.has(id)).map((id) => ({ row, column: 'reassignedTo', message: `billing entity ${id} is not on file` })));
      if (problems.length > 0) throw csvRefused(problems);
      const by = request.principal!.sub;
      request.auditDetails = { imported: String(records.length) };
      const results = await auditedChange(request, db, (trx) => putAll(trx, records.map((r) => r.record), (record) => record.npi, putProvider, by), () => 200);
      return summary(results);
    },
  );
};

function summary(results: { id: string; created: boolean }[]) {
  return { imported: results.length, created: results.filter((r) => r.created).length, replaced: results.filter((r) => !r.created).length, ids: results.map((r) => r.id) };
}
