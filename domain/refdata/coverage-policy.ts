import { z } from 'zod';
import { icd10InRange, toDotlessIcd10 } from './icd10-code';
import type { CoveragePolicy } from './ref-data';

const CoveragePolicySchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  cpts: z.array(z.string().regex(/^[0-9A-Z]{5}$/)).min(1),
  covered: z
    .array(z.object({ from: z.string(), to: z.string() }))
    .min(1)
    .refine((ranges) => ranges.every((r) => toDotlessIcd10(r.from) && toDotlessIcd10(r.to)), 'ranges must be ICD-10-CM codes'),
  source: z.string().min(1),
});

const CoveragePolicyFileSchema = z.object({
  version: z.string().min(1),
  policies: z.array(CoveragePolicySchema),
});

export interface CoveragePolicyFile {
  version: string;
  policies: CoveragePolicy[];
}

/** Validate the curated coverage policy document (already JSON-parsed). */
export function parseCoveragePolicies(json: unknown): CoveragePolicyFile {
  return CoveragePolicyFileSchema.parse(json);
}

/** True when the diagnosis falls in one of the policy's covered ranges. */
export function diagnosisSupports(policy: CoveragePolicy, diagnosis: string): boolean {
  return policy.covered.some((r) => icd10InRange(diagnosis, r.from, r.to));
}
