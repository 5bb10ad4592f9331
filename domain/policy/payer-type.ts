import { z } from 'zod';

export const PayerTypeSchema = z.enum(['medicare', 'medicare-advantage', 'medicaid', 'commercial', 'self-pay']);
export type PayerType = z.infer<typeof PayerTypeSchema>;

/**
 * Claim filing indicator (837 SBR09). MB Medicare Part B, MA Medicare Part A, 16 HMO Medicare risk
 * (Medicare Advantage), HM HMO, MC Medicaid, CI commercial, BL Blue Cross/Blue Shield, 12 PPO,
 * 13 POS, 14 EPO, 15 indemnity, FI federal employees, VA, CH TRICARE, WC workers' compensation,
 * 09 self-pay, 11 other non-federal, ZZ mutually defined.
 */
export const ClaimFilingIndicatorSchema = z.enum([
  'MB', 'MA', '16', 'HM', 'MC', 'CI', 'BL', '12', '13', '14', '15', 'FI', 'VA', 'CH', 'WC', '09', '11', 'ZZ',
]);
export type ClaimFilingIndicator = z.infer<typeof ClaimFilingIndicatorSchema>;
