import { z } from 'zod';

/** A five-character CPT or HCPCS Level II code (72148, 0042T, G0279). */
export const CptCodeSchema = z.string().regex(/^[0-9A-Z]{4}[0-9A-Z]$/, 'expected a 5-character CPT/HCPCS code');
export type CptCode = z.infer<typeof CptCodeSchema>;

/** A single code or an inclusive range of codes with the same shape ('70450'-'70498'). */
export const CptMatcherSchema = z.union([
  CptCodeSchema,
  z
    .object({ from: CptCodeSchema, to: CptCodeSchema })
    .refine((r) => r.from <= r.to, { message: 'range start must not be after its end' }),
]);
export type CptMatcher = z.infer<typeof CptMatcherSchema>;

export function cptMatches(matcher: CptMatcher, cpt: string): boolean {
  if (typeof matcher === 'string') return matcher === cpt;
  return cpt.length === matcher.from.length && cpt >= matcher.from && cpt <= matcher.to;
}

export function cptMatchesAny(matchers: readonly CptMatcher[], cpt: string): boolean {
  return matchers.some((m) => cptMatches(m, cpt));
}
