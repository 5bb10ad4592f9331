import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { CONTROL_CHARACTER_MESSAGE, hasControlCharacter } from '../../domain/text';
import { ApiError } from '../errors';

/** Longest value of one query or path parameter (ids, filters, cursors, dates). */
export const MAX_PARAMETER_LENGTH = 1000;
/** Deepest nesting of a JSON body the API reads; no schema of the API goes near it. */
const MAX_DEPTH = 32;

type Problem = { path: string; message: string };

function walkParameters(source: unknown, prefix: string, out: Problem[]): void {
  if (!source || typeof source !== 'object') return;
  for (const [key, raw] of Object.entries(source as Record<string, unknown>)) {
    const path = `${prefix}.${key}`;
    if (hasControlCharacter(key)) out.push({ path: prefix, message: `a parameter name ${CONTROL_CHARACTER_MESSAGE}` });
    for (const value of Array.isArray(raw) ? raw : [raw]) {
      if (typeof value !== 'string') continue;
      if (hasControlCharacter(value)) out.push({ path, message: CONTROL_CHARACTER_MESSAGE });
      else if (value.length > MAX_PARAMETER_LENGTH) out.push({ path, message: `must be at most ${MAX_PARAMETER_LENGTH} characters` });
    }
  }
}

/**
 * Strings anywhere in a JSON body: NUL and the other control characters are refused whatever the field
 * (tabs and line breaks are left to each field's schema, which refuses them where a field is one line).
 */
function walkBody(value: unknown, path: string, depth: number, out: Problem[]): void {
  if (out.length >= 20) return;
  if (typeof value === 'string') {
    if (hasControlCharacter(value, true)) out.push({ path, message: CONTROL_CHARACTER_MESSAGE });
    return;
  }
  if (!value || typeof value !== 'object') return;
  if (depth > MAX_DEPTH) {
    out.push({ path, message: `nests deeper than ${MAX_DEPTH} levels` });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => walkBody(v, `${path}.${i}`, depth + 1, out));
    return;
  }
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (hasControlCharacter(key, true)) out.push({ path, message: `a field name ${CONTROL_CHARACTER_MESSAGE}` });
    else walkBody(v, `${path}.${key}`, depth + 1, out);
  }
}

/**
 * The door: before any route's schema runs, every path and query parameter and every string of a JSON
 * body is checked for control characters (and parameters for length), so that no route, present or
 * future, passes a NUL to PostgreSQL or into an exam's history. Refused with 400 naming the field path.
 */
export const inputGuardPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('preValidation', async (request) => {
    const problems: Problem[] = [];
    walkParameters(request.params, 'params', problems);
    walkParameters(request.query, 'querystring', problems);
    const body: unknown = request.body;
    if (body && typeof body === 'object' && !Buffer.isBuffer(body)) walkBody(body, 'body', 0, problems);
    if (problems.length > 0) throw new ApiError(400, 'invalid_request', 'the request holds characters or values the API does not accept', problems);
  });
});
