import { z } from 'zod';
import { EligibilityResponseSchema, interpretEligibility, type EligibilityOutcome } from '../domain/eligibility';
import type { Modality } from '../domain/policy';
import { AuthorizationSchema, type Authorization } from '../domain/prior-auth';
import type { ClearinghousePort } from './clearinghouse/port';

export interface PayerExchangeDeps {
  clearinghouse: ClearinghousePort;
}

/**
 * Real-time questions to payers (eligibility, prior authorization, claim status) through the
 * clearinghouse port. The port carries text: X12 once the 270/271, 278 and 276/277 codecs exist;
 * until then the sandbox answers in the domain objects below, as JSON (`payer-exchange` wire).
 */
export const EligibilityInquirySchema = z.object({
  transaction: z.literal('270'),
  payerId: z.string(),
  memberId: z.string(),
  dateOfService: z.string(),
  modality: z.string(),
});
export type EligibilityInquiry = z.infer<typeof EligibilityInquirySchema>;

export const PriorAuthRequestSchema = z.object({
  transaction: z.literal('278'),
  payerId: z.string(),
  memberId: z.string(),
  procedures: z.array(z.string()),
  scheduledAt: z.string(),
  urgent: z.boolean(),
});
export type PriorAuthRequest = z.infer<typeof PriorAuthRequestSchema>;

export const PriorAuthAnswerSchema = z.object({
  decision: z.enum(['approved', 'denied', 'pending']),
  authorization: AuthorizationSchema.optional(),
  reason: z.string().max(500).optional(),
});
export type PriorAuthAnswer = z.infer<typeof PriorAuthAnswerSchema>;

export interface EligibilityCheck {
  outcome: EligibilityOutcome;
  /** reason codes only (no PHI) */
  reasons: string[];
}

function readJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function createPayerExchangeActivities({ clearinghouse }: PayerExchangeDeps) {
  return {
    async checkEligibility(input: { examId: string; payerId: string; memberId: string; modality: Modality; dateOfService: string }): Promise<EligibilityCheck> {
      const inquiry: EligibilityInquiry = { transaction: '270', payerId: input.payerId, memberId: input.memberId, dateOfService: input.dateOfService.slice(0, 10), modality: input.modality };
      const answer = await clearinghouse.eligibility(JSON.stringify(inquiry));
      if (answer === null) return { outcome: 'payer-unavailable', reasons: ['no-response'] };
      const parsed = EligibilityResponseSchema.safeParse(readJson(answer));
      if (!parsed.success) return { outcome: 'payer-unavailable', reasons: ['unreadable-271'] };
      const result = interpretEligibility(parsed.data, { modality: input.modality, dateOfService: input.dateOfService, memberId: input.memberId, expectedAllowedCents: 0 });
      return { outcome: result.outcome, reasons: result.reasons.map((r) => r.code) };
    },

    async requestPriorAuth(input: { examId: string; payerId: string; memberId: string; procedures: string[]; scheduledAt: string; urgent: boolean }): Promise<{ decision: PriorAuthAnswer['decision']; authorization?: Authorization; reason?: string }> {
      const request: PriorAuthRequest = { transaction: '278', payerId: input.payerId, memberId: input.memberId, procedures: input.procedures, scheduledAt: input.scheduledAt, urgent: input.urgent };
      const answer = await clearinghouse.priorAuthorization(JSON.stringify(request));
      if (answer === null) return { decision: 'pending' };
      const parsed = PriorAuthAnswerSchema.safeParse(readJson(answer));
      if (!parsed.success) return { decision: 'pending' };
      // An approval without its authorization cannot be matched later: staff take it from here.
      if (parsed.data.decision === 'approved' && !parsed.data.authorization) return { decision: 'pending' };
      return parsed.data;
    },

    async claimStatusInquiry(input: { examId: string; claimId: string; payerId: string }): Promise<{ answered: boolean }> {
      const answer = await clearinghouse.claimStatus(JSON.stringify({ transaction: '276', claimId: input.claimId, payerId: input.payerId }));
      return { answered: answer !== null };
    },
  };
}
