import type { Client } from '@temporalio/client';
import type { Db } from '../db/database';
import type { EligibilityResponse } from '../domain/eligibility';
import { addDuration, calendarDate, days } from '../domain/policy';
import type { ClaimAdjudication } from '../domain/posting';
import type { AppealSubmission, ClaimSubmission } from '../workflows/exam/claim-submission';
import { examWorkflowId } from '../workflows/names';
import { type ClaimAcknowledgment, type ClaimRemittance, claimAcknowledgedSignal, remittanceReceivedSignal } from '../workflows/exam/payer-events';
import type { ClearinghousePort } from './clearinghouse/port';
import { EligibilityInquirySchema, PriorAuthRequestSchema, type PriorAuthAnswer } from './payer-exchange';

export interface ScriptedPayerDeps {
  db: Db;
  temporal: Client;
}

export interface ClaimChannel {
  submitClaim(input: ClaimSubmission): Promise<unknown>;
  submitAppeal(input: AppealSubmission): Promise<unknown>;
}

/**
 * A deterministic payer inside the process, for tests, the bench and a first `npm start`, until the
 * sandbox clearinghouse answers the port in X12. Scenarios follow DESIGN §4 by member id prefix:
 * INACTIVE, PAREQ, PADENY, REJECT, NORESP, DENY<carc>; anything else is paid with a 20 %
 * patient share (PAIDFULL: no patient share). Acknowledgments and remittances come back through
 * the exam's signals, as the inbound path delivers them.
 */
export function createScriptedPayer({ db, temporal }: ScriptedPayerDeps): { clearinghouse: ClearinghousePort; claims: ClaimChannel } {
  const sent = new Set<string>();

  async function memberIdOf(examId: string): Promise<string> {
    const row = await db.selectFrom('exams').select('coverages').where('exam_id', '=', examId).executeTakeFirst();
    const primary = (row?.coverages as { order?: string; memberId?: string }[] | undefined)?.find((c) => c.order === 'primary');
    return primary?.memberId?.toUpperCase() ?? '';
  }

  const signalAck = (examId: string, ack: ClaimAcknowledgment) => temporal.workflow.getHandle(examWorkflowId(examId)).signal(claimAcknowledgedSignal, ack);
  const signalRemit = (examId: string, r: ClaimRemittance) => temporal.workflow.getHandle(examWorkflowId(examId)).signal(remittanceReceivedSignal, r);

  function adjudication(claim: ClaimSubmission['claim'], claimId: string, outcome: { deniedCarc?: string; patientShare: boolean }): ClaimAdjudication {
    const charge = claim.lines.reduce((s, l) => s + l.chargeCents, 0);
    if (outcome.deniedCarc) {
      return {
        claimId, statusCode: '4', chargeCents: charge, paidCents: 0, patientResponsibilityCents: 0, payerClaimNumber: `SBX${claimId.slice(-8)}`,
        claimAdjustments: [{ group: 'CO', reasonCode: outcome.deniedCarc, amountCents: charge }], lines: [], remarkCodes: [],
      };
    }
    const patient = outcome.patientShare ? Math.round(charge * 0.2) : 0;
    return {
      claimId, statusCode: '1', chargeCents: charge, paidCents: charge - patient, patientResponsibilityCents: patient, payerClaimNumber: `SBX${claimId.slice(-8)}`,
      claimAdjustments: patient > 0 ? [{ group: 'PR', reasonCode: '2', amountCents: patient }] : [], lines: [], remarkCodes: [],
    };
  }

  const claimsById = new Map<string, ClaimSubmission>();

  const clearinghouse: ClearinghousePort = {
    kind: 'sandbox',
    async eligibility(text) {
      const q = EligibilityInquirySchema.parse(JSON.parse(text));
      const inactive = q.memberId.toUpperCase().startsWith('INACTIVE');
      const answer: EligibilityResponse = {
        payerId: q.payerId,
        rejections: [],
        subscriberMemberId: q.memberId,
        benefits: [{ code: inactive ? '6' : '1', serviceTypeCodes: ['30'] }],
      };
      return JSON.stringify(answer);
    },
    async priorAuthorization(text) {
      const q = PriorAuthRequestSchema.parse(JSON.parse(text));
      const member = q.memberId.toUpperCase();
      if (member.startsWith('PADENY')) return JSON.stringify({ decision: 'denied', reason: 'not medically necessary' } satisfies PriorAuthAnswer);
      if (!member.startsWith('PAREQ')) return null;
      const from = calendarDate(q.scheduledAt);
      const answer: PriorAuthAnswer = {
        decision: 'approved',
        authorization: {
          authNumber: `SBX${from.replace(/-/g, '')}${q.procedures.join('')}`.slice(0, 30),
          payerId: q.payerId, cpts: q.procedures, unitsAuthorized: q.procedures.length, unitsUsed: 0,
          validFrom: from, validTo: calendarDate(addDuration(from, days(60))), status: 'approved',
        },
      };
      return JSON.stringify(answer);
    },
    async claimStatus() {
      return null;
    },
    async submit() {
      return undefined;
    },
  };

  const claims: ClaimChannel = {
    async submitClaim(input) {
      if (sent.has(input.idempotencyKey)) return;
      sent.add(input.idempotencyKey);
      claimsById.set(input.claimId, input);
      const member = await memberIdOf(input.examId);
      const at = new Date().toISOString();
      const base = { claimId: input.claimId, claimVersion: input.version, receivedAt: at };
      await signalAck(input.examId, { ...base, kind: '999', documentId: `sbx-999-${input.idempotencyKey}`, accepted: true, statusCodes: ['A'] });
      if (member.startsWith('REJECT') && input.version === 1) {
        await signalAck(input.examId, { ...base, kind: '277CA', documentId: `sbx-277-${input.idempotencyKey}`, accepted: false, statusCodes: ['A7:562'], message: 'subscriber identifier invalid' });
        return;
      }
      await signalAck(input.examId, { ...base, kind: '277CA', documentId: `sbx-277-${input.idempotencyKey}`, accepted: true, statusCodes: ['A2:20'] });
      if (member.startsWith('NORESP')) return;
      const deny = /^DENY(\d{1,3})/.exec(member);
      const adj = adjudication(input.claim, input.claimId, { deniedCarc: deny?.[1], patientShare: !member.startsWith('PAIDFULL') });
      await signalRemit(input.examId, {
        remittance: { payerId: input.payerId, traceNumber: `SBX-${input.idempotencyKey}`, documentId: `sbx-835-${input.idempotencyKey}`, paymentDate: at.slice(0, 10) },
        claimVersion: input.version, adjudication: adj, receivedAt: at,
      });
    },
    async submitAppeal(input) {
      const key = `${input.claimId}:appeal:${input.level}`;
      if (sent.has(key)) return;
      sent.add(key);
      const original = claimsById.get(input.claimId);
      if (!original) return;
      const member = await memberIdOf(input.examId);
      const at = new Date().toISOString();
      await signalRemit(input.examId, {
        remittance: { payerId: input.payerId, traceNumber: `SBX-${key}`, documentId: `sbx-835-${key}`, paymentDate: at.slice(0, 10) },
        claimVersion: input.version,
        adjudication: adjudication(original.claim, input.claimId, { patientShare: !member.startsWith('PAIDFULL') }),
        receivedAt: at,
      });
    },
  };
  return { clearinghouse, claims };
}
