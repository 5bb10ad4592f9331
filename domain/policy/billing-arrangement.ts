import { z } from 'zod';

/**
 * Which claims an exam produces: `global` one claim for the whole service; `split` a technical (-TC)
 * claim by the center and a professional (-26) claim for the reading group; `professional` or
 * `technical` only one component.
 */
export const BillingArrangementSchema = z.enum(['global', 'split', 'professional', 'technical']);
export type BillingArrangement = z.infer<typeof BillingArrangementSchema>;
