import { z } from 'zod';

const VersionSchema = z.object({
  kind: z.enum(['icd10cm', 'pfs', 'ncci-ptp', 'mue', 'pos', 'hcpcs', 'cpt-descriptors', 'coverage-policies', 'gpci', 'oppscap']),
  source: z.enum(['cms', 'cdc', 'curated']),
  label: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
});

/** data/refdata/manifest.json: which file holds which data set, and its version. */
export const BundleManifestSchema = z.object({
  datasets: z.array(
    z.object({
      kind: z.enum(['icd10cm-order', 'icd10cm-codes', 'pfs', 'ncci-ptp', 'mue', 'pos', 'hcpcs', 'gpci', 'cpt-descriptors', 'coverage-policies', 'oppscap']),
      file: z.string(),
      fiscalYear: z.number().int().optional(),
      year: z.number().int().optional(),
      release: z.string().optional(),
      quarter: z.string().optional(),
      version: VersionSchema.optional(),
    }),
  ),
});
export type BundleManifest = z.infer<typeof BundleManifestSchema>;
