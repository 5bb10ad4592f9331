import { z } from 'zod';
import { CptCodeSchema } from '../policy';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

export const AuthorizationStatusSchema = z.enum(['approved', 'pending', 'denied', 'expired', 'cancelled']);
export type AuthorizationStatus = z.infer<typeof AuthorizationStatusSchema>;

/** An authorization on file: issued for listed codes, or for a whole CPT family of the payer's policy. */
export const AuthorizationSchema = z
  .object({
    authNumber: z.string().min(1).max(50),
    payerId: z.string().min(1),
    cpts: z.array(CptCodeSchema),
    cptFamily: z.string().optional(),
    unitsAuthorized: z.number().int().positive(),
    unitsUsed: z.number().int().nonnegative(),
    validFrom: isoDate,
    validTo: isoDate,
    status: AuthorizationStatusSchema,
  })
  .refine((a) => a.cpts.length > 0 || a.cptFamily !== undefined, { message: 'an authorization covers codes or a family', path: ['cpts'] })
  .refine((a) => a.validFrom <= a.validTo, { message: 'validFrom must not be after validTo', path: ['validTo'] });
export type Authorization = z.infer<typeof AuthorizationSchema>;
