import { z } from 'zod';

/**
 * Response schemas shared by the routes: the error body every 4xx/5xx carries (api/errors.ts `sendError`), and
 * the content of the non-JSON answers. They document the API (/docs, docs/openapi.json) and, through the
 * serializer, are what a response may hold.
 */

/** DESIGN §5: `{ error: { code, message, details } }`; details are the field problems of a 400/422, the request id of a 500, ... */
export const ApiErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'ApiError' });

const ERROR_DESCRIPTIONS = {
  400: 'The request is invalid (query, path, body or header): details lists each problem',
  401: 'No bearer token, or one that is invalid or expired',
  403: "The token's roles may not use this route (or this queue)",
  404: 'Not found',
  409: 'Conflicts with the current state (no longer open, assigned to someone else, sent before with another body)',
  413: 'The body is too large',
  415: 'The body is not of a content type this route takes',
  422: 'Well-formed but refused by the rules: details lists each problem',
  429: 'Too many requests; retry later',
  500: 'Internal error: details.requestId identifies it in the logs',
  501: 'Not built yet',
  503: 'The database or the workflow service is not reachable: retry after Retry-After seconds (a repeat is safe)',
} as const;

export type ErrorStatus = keyof typeof ERROR_DESCRIPTIONS;

/** The error answers of a public route: whatever the route, these can happen. */
const ALWAYS: ErrorStatus[] = [500];
/** ... and of a route behind authentication (the request checks, the token, its roles, the rate limit, an outage). */
const AUTHENTICATED: ErrorStatus[] = [400, 401, 403, 429, 500, 503];

type ErrorResponse = ReturnType<typeof json<typeof ApiErrorBody>>;

function responsesFor(statuses: ErrorStatus[]): Partial<Record<ErrorStatus, ErrorResponse>> {
  const out: Partial<Record<ErrorStatus, ErrorResponse>> = {};
  for (const status of [...new Set(statuses)].sort((a, b) => a - b)) out[status] = json(ApiErrorBody, ERROR_DESCRIPTIONS[status]);
  return out;
}

/** The error answers of an authenticated route: the common ones and the route's own (404, 409, 422, ...). */
export const errorResponses = (...own: ErrorStatus[]) => responsesFor([...AUTHENTICATED, ...own]);

/** The error answers of a public route (health, documentation). */
export const publicErrorResponses = (...own: ErrorStatus[]) => responsesFor([...ALWAYS, ...own]);

/**
 * A JSON answer with its description: the form for a schema that has a name of its own (`.meta({ id })`, a
 * component of the document), whose description belongs to the answer, not to the shared schema.
 */
export function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** A 2xx answer that is not JSON: its content type and what it holds (the serializer leaves such bodies as they are). */
export function fileResponse(contentTypes: readonly string[], description: string) {
  return {
    description,
    content: Object.fromEntries(contentTypes.map((type) => [type, { schema: z.string().describe(description) }])),
  };
}
