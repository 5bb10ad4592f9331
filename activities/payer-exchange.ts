import type { Db } from '../db/database';
import { expectedReimbursement } from '../domain/fee-schedule/expected-reimbursement';
import type { RefData } from '../domain/refdata/ref-data';
import { interpretEligibility, serviceTypesForModality, type EligibilityOutcome, type PatientEstimate } from '../domain/eligibility';
import { addDuration, calendarDate, days, type Modality } from '../domain/policy';
import type { Authorization } from '../domain/prior-auth';
import {
  X12BuildError, build270, build276, build278Request, parse271, parse277, parse278Response, toEligibilityResponse,
  type ClaimStatus277, type StatusInfo277, type UmResponse278, type UmServiceResult278,
} from '../domain/x12';
import { saveAuthorization } from '../db/repositories/authorizations';
import { type BillingProfile, billingProfileFor } from './claims/billing-profile';
import type { ClearinghousePort } from './clearinghouse/port';
import { bundledRefData } from './refdata/bundled-refdata';
import {
  type ExamParties, hhmm, icdWithoutDot, isoDate, nextControlNumber, patientKeyOf, readExamParties, readPayerPolicy, realTimeEnvelope,
  setDocumentOutcome, storeRealTimeDocument, subscriberAndDependent, traceOriginator,
} from './real-time-x12';

export interface PayerExchangeDeps {
  db: Db;
  clearinghouse: ClearinghousePort;
  now?: () => Date;
  profiles?: Readonly<Record<string, BillingProfile>>;
  /** the authorization period asked for in a 278 request, from the date of service (default 60 days) */
  requestedAuthorizationDays?: number;
  /** the fee schedule behind the patient estimate (the bundled reference data by default) */
  refData?: () => RefData;
}

export interface EligibilityCheck {
  outcome: EligibilityOutcome;
  /** reason codes only (no PHI) */
  reasons: string[];
  /** the 270 sent and the 271 received (x12_documents ids) */
  documentIds: string[];
  /** the patient's expected share: the 271's benefits applied to the fee schedule amount of the order */
  estimate?: PatientEstimate;
}

export type PriorAuthDecision = 'approved' | 'denied' | 'pending' | 'not-required';

export interface PriorAuthAnswer {
  decision: PriorAuthDecision;
  authorization?: Authorization;
  /** why (a code and short words; no PHI) */
  reason?: string;
  /** the 278 request sent and the response received (x12_documents ids) */
  documentIds: string[];
}

export interface ClaimStatusAnswer {
  answered: boolean;
  /** STC01-1 claim status category of the claim (A4 not found, P1 pending, F1 finalized/paid...) */
  category?: string;
  /** category:status codes as the payer sent them */
  statusCodes?: string[];
  /** the status recorded in the claim's history */
  status?: string;
  reason?: string;
  documentIds: string[];
}

/** Claim status category (STC01-1) in the words of the claim's history. */
function claimStatusLabel(category: string): string {
  if (category === 'A4') return 'not-found';
  if (category === 'A3' || category === 'A6' || category === 'A7' || category === 'A8') return 'returned';
  if (category.startsWith('A')) return 'acknowledged';
  if (category.startsWith('P')) return 'pending';
  if (category === 'F2') return 'finalized-denied';
  if (category.startsWith('F')) return 'finalized';
  if (category.startsWith('R')) return 'information-requested';
  if (category.startsWith('E')) return 'payer-error';
  return 'status-reported';
}

/** The transactions of an answer; none when it is not readable X12 of that type. */
function transactionsOrNone<T>(parse: () => { transactions: T[] }): T[] {
  try {
    return parse().transactions;
  } catch {
    return [];
  }
}

/**
 * Real-time questions to payers through the clearinghouse port, in X12 5010: eligibility (270/271),
 * prior authorization (278) and claim status (276/277). Each reads what it needs about the patient
 * from the exams table (the workflow passes ids only), stores the request and the answer in
 * x12_documents, and returns codes the workflow can act on. A channel without a real-time path
 * (filedrop) or an unreadable answer is never a crash: payer unavailable, pending, not answered.
 */
export function createPayerExchangeActivities(deps: PayerExchangeDeps) {
  const { db, clearinghouse } = deps;
  const now = deps.now ?? (() => new Date());
  const windowDays = deps.requestedAuthorizationDays ?? 60;
  const refData = deps.refData ?? bundledRefData;

  /** The fee schedule amount of the ordered procedures (global, national); 0 when not priced. */
  function expectedAllowed(parties: ExamParties, dos: string, placeOfService: string): number {
    try {
      const lines = parties.order.procedures.map((p) => ({ cpt: p.cpt, modifiers: [], units: p.units ?? 1 }));
      return expectedReimbursement({ dateOfService: dos, placeOfService, lines }, refData()).totalCents;
    } catch {
      return 0;
    }
  }

  async function begin(examId: string, payerId: string) {
    const parties = await readExamParties(db, examId);
    const policy = await readPayerPolicy(db, payerId);
    return { parties, policy };
  }

  async function sendAndStore(
    type: '270' | '278' | '276',
    answerType: '271' | '278' | '277',
    payerId: string,
    build: (n: number, controlNumber: string, at: Date) => string,
    send: (x12: string) => Promise<string | null>,
  ): Promise<{ built: false; reason: string } | { built: true; documentIds: string[]; answer: string | null; answerId?: string }> {
    const at = now();
    const n = await nextControlNumber(db);
    const controlNumber = String(n).padStart(4, '0');
    let x12: string;
    try {
      x12 = build(n, controlNumber, at);
    } catch (err) {
      if (err instanceof X12BuildError) return { built: false, reason: `${type}-not-buildable` };
      throw err;
    }
    const requestId = await storeRealTimeDocument(db, { direction: 'outbound', type, x12, payerId, source: clearinghouse.kind, interchangeControlNumber: n, controlNumber, outcome: 'sent' });
    const answer = await send(x12);
    if (answer === null) {
      await setDocumentOutcome(db, requestId, 'no-response');
      return { built: true, documentIds: [requestId], answer: null };
    }
    const answerId = await storeRealTimeDocument(db, { direction: 'inbound', type: answerType, x12: answer, payerId, source: clearinghouse.kind, outcome: 'received' });
    return { built: true, documentIds: [requestId, answerId], answer, answerId };
  }

  return {
    /**
     * 270 -> 271 for the exam's primary coverage on the date of service, read with the eligibility
     * rules. The workflow passes ids and codes; the subscriber comes from the exams table.
     */
    async checkEligibility(input: { examId: string; payerId: string; modality: Modality; dateOfService: string; placeOfService?: string }): Promise<EligibilityCheck> {
      const { parties, policy } = await begin(input.examId, input.payerId);
      if (!parties) return { outcome: 'payer-unavailable', reasons: ['exam-not-recorded'], documentIds: [] };
      if (!policy?.x12PayerId) return { outcome: 'payer-unavailable', reasons: ['payer-has-no-x12-id'], documentIds: [] };
      const profile = billingProfileFor(parties.facilityId, deps.profiles);
      const dos = calendarDate(input.dateOfService);
      const { subscriber, dependent } = subscriberAndDependent(parties);
      let trace = '';
      const sent = await sendAndStore('270', '271', input.payerId, (n, controlNumber, at) => {
        trace = `EL${n}`;
        return build270(realTimeEnvelope(profile, n, at), [{
          controlNumber, reference: `EL${n}`, createdDate: isoDate(at), createdTime: hhmm(at),
          source: { name: policy.name.toUpperCase().slice(0, 60), payerId: policy.x12PayerId! },
          receiver: { name: { entityType: '2', lastOrOrgName: profile.billingProvider.lastOrOrgName }, idQualifier: 'XX', id: profile.billingProvider.npi },
          inquiries: [{
            trace: { number: trace, originatorId: traceOriginator(profile) },
            subscriber, ...(dependent ? { dependent } : {}),
            serviceDate: dos,
            serviceTypeCodes: ['30', serviceTypesForModality(input.modality)[0]!],
          }],
        }]);
      }, (x12) => clearinghouse.eligibility(x12));
      if (!sent.built) return { outcome: 'payer-unavailable', reasons: [sent.reason], documentIds: [] };
      const { documentIds } = sent;
      if (sent.answer === null) return { outcome: 'payer-unavailable', reasons: ['no-response'], documentIds };
      const tx = transactionsOrNone(() => parse271(sent.answer!))[0];
      if (!tx) {
        await setDocumentOutcome(db, sent.answerId!, 'unreadable');
        return { outcome: 'payer-unavailable', reasons: ['unreadable-271'], documentIds };
      }
      const response = toEligibilityResponse(tx, trace);
      const allowed = expectedAllowed(parties, dos, input.placeOfService ?? '11');
      const result = interpretEligibility(
        response,
        { modality: input.modality, dateOfService: dos, memberId: parties.coverage.memberId, expectedAllowedCents: allowed },
        policy.patientShareDefaults,
      );
      await setDocumentOutcome(db, sent.answerId!, `eligibility:${result.outcome}`);
      return {
        outcome: result.outcome,
        reasons: result.reasons.map((r) => r.code),
        documentIds,
        ...(result.estimate && allowed > 0 ? { estimate: result.estimate } : {}),
      };
    },

    /**
     * 278 request for the ordered procedures over the authorization period from the date of
     * service; the response read as approved (an authorization, recorded on file for the patient),
     * denied (with the reason), not required, or pending (staff follow up).
     */
    async requestPriorAuth(input: { examId: string; payerId: string; procedures: string[]; scheduledAt: string; urgent: boolean; placeOfService?: string }): Promise<PriorAuthAnswer> {
      const { parties, policy } = await begin(input.examId, input.payerId);
      if (!parties) return { decision: 'pending', reason: 'exam-not-recorded', documentIds: [] };
      if (!policy?.x12PayerId) return { decision: 'pending', reason: 'payer-has-no-x12-id', documentIds: [] };
      const profile = billingProfileFor(parties.facilityId, deps.profiles);
      const from = calendarDate(input.scheduledAt);
      const to = calendarDate(addDuration(from, days(windowDays)));
      const { subscriber, dependent } = subscriberAndDependent(parties);
      const unitsOf = (cpt: string) => parties.order.procedures.filter((p) => p.cpt === cpt).reduce((s, p) => s + (p.units ?? 1), 0) || 1;
      const cpts = [...new Set(input.procedures)];
      const provider = { entityType: '2' as const, lastOrOrgName: profile.billingProvider.lastOrOrgName, npi: profile.billingProvider.npi };
      let trace = '';
      const sent = await sendAndStore('278', '278', input.payerId, (n, controlNumber, at) => {
        trace = `PA${n}`;
        return build278Request(realTimeEnvelope(profile, n, at), [{
          controlNumber, reference: `PA${n}`, createdDate: isoDate(at), createdTime: hhmm(at),
          umo: { name: policy.name.toUpperCase().slice(0, 60), payerId: policy.x12PayerId! },
          requester: provider,
          subscriber, ...(dependent ? { dependent } : {}),
          trace: { number: trace, originatorId: traceOriginator(profile) },
          requestCategory: 'HS',
          // UM02 I initial; an urgent order is asked for as such through the service type and the response window.
          certificationType: 'I',
          serviceType: ['CT', 'MR', 'PT'].includes(parties.order.modality) ? '62' : '4',
          ...(input.placeOfService ? { facilityCode: input.placeOfService } : {}),
          eventDate: from, eventDateEnd: to,
          diagnoses: parties.order.diagnoses.map(icdWithoutDot).slice(0, 12),
          serviceProvider: provider,
          services: cpts.map((cpt) => ({ procedure: { qualifier: 'HC', code: cpt, modifiers: [] }, units: unitsOf(cpt), serviceDate: from, serviceDateEnd: to })),
        }]);
      }, (x12) => clearinghouse.priorAuthorization(x12));
      if (!sent.built) return { decision: 'pending', reason: sent.reason, documentIds: [] };
      const { documentIds } = sent;
      if (sent.answer === null) return { decision: 'pending', reason: 'no-response', documentIds };
      const responses = transactionsOrNone(() => parse278Response(sent.answer!));
      const tx = responses.find((r) => r.traces.some((t) => t.type === '2' && t.number === trace)) ?? responses[0];
      if (!tx) {
        await setDocumentOutcome(db, sent.answerId!, 'unreadable');
        return { decision: 'pending', reason: 'unreadable-278', documentIds };
      }
      const answer = readReview(tx, { payerId: input.payerId, from, to, requested: cpts.map((cpt) => ({ cpt, units: unitsOf(cpt) })) });
      await setDocumentOutcome(db, sent.answerId!, `prior-auth:${answer.decision}`);
      if (answer.decision === 'approved' && answer.authorization) {
        await saveAuthorization(db, { patientKey: patientKeyOf(parties), authorization: answer.authorization, source: '278', examId: input.examId, documentId: sent.answerId ?? null });
      }
      return { ...answer, documentIds };
    },

    /**
     * 276 -> 277 for one claim: the status the payer reports is recorded in the claim's history
     * (source 277) and returned as its category code.
     */
    async claimStatusInquiry(input: { examId: string; claimId: string; payerId: string }): Promise<ClaimStatusAnswer> {
      const { parties, policy } = await begin(input.examId, input.payerId);
      const claim = await db
        .selectFrom('claims')
        .select(['claim_id', 'version', 'charge_cents', 'payer_claim_number', 'form', 'date_of_service as dos'])
        .where('claim_id', '=', input.claimId)
        .executeTakeFirst();
      if (!parties || !claim) return { answered: false, reason: 'claim-not-on-file', documentIds: [] };
      if (!policy?.x12PayerId) return { answered: false, reason: 'payer-has-no-x12-id', documentIds: [] };
      const profile = billingProfileFor(parties.facilityId, deps.profiles);
      const { subscriber, dependent } = subscriberAndDependent(parties);
      let trace = '';
      const sent = await sendAndStore('276', '277', input.payerId, (n, controlNumber, at) => {
        trace = `CS${n}`;
        return build276(realTimeEnvelope(profile, n, at), [{
          controlNumber, reference: `CS${n}`, createdDate: isoDate(at), createdTime: hhmm(at),
          payer: { name: policy.name.toUpperCase().slice(0, 60), payerId: policy.x12PayerId! },
          receiver: { name: profile.submitter.name, id: profile.submitter.id },
          claims: [{
            provider: { name: { entityType: '2', lastOrOrgName: profile.billingProvider.lastOrOrgName }, npi: profile.billingProvider.npi },
            subscriber: { name: subscriber.name, memberId: subscriber.memberId, birthDate: subscriber.birthDate, gender: subscriber.gender },
            ...(dependent ? { dependent: { name: dependent.name, birthDate: dependent.birthDate, gender: dependent.gender } } : {}),
            traceNumber: trace,
            claimId: claim.claim_id,
            ...(claim.payer_claim_number ? { payerClaimControlNumber: claim.payer_claim_number } : {}),
            chargeCents: claim.charge_cents,
            serviceDate: claim.dos,
            lines: [],
          }],
        }]);
      }, (x12) => clearinghouse.claimStatus(x12));
      if (!sent.built) return { answered: false, reason: sent.reason, documentIds: [] };
      const { documentIds } = sent;
      if (sent.answer === null) return { answered: false, reason: 'no-response', documentIds };
      const responses = transactionsOrNone(() => parse277(sent.answer!));
      const found = findClaimStatus(responses.flatMap((r) => r.claims), trace, input.claimId);
      const receiverLevel = responses.find((r) => r.receiverStatus)?.receiverStatus?.statuses[0];
      const status = found?.statuses[0] ?? receiverLevel;
      if (!status || status.codes.length === 0) {
        await setDocumentOutcome(db, sent.answerId!, 'unreadable');
        return { answered: false, reason: 'unreadable-277', documentIds };
      }
      const statusCodes = status.codes.map((c) => `${c.category}:${c.code}${c.entity ? `:${c.entity}` : ''}`);
      const category = status.codes[0]!.category;
      const label = claimStatusLabel(category);
      await db.insertInto('claim_status_history').values({
        claim_id: claim.claim_id, version: claim.version, status: label, source: '277', document_id: sent.answerId ?? null,
        status_codes: statusCodes, note: noteOf(status),
      }).execute();
      await setDocumentOutcome(db, sent.answerId!, `claim-status:${label}`);
      return { answered: true, category, statusCodes, status: label, documentIds };
    },
  };
}

function findClaimStatus(claims: readonly ClaimStatus277[], trace: string, claimId: string): ClaimStatus277 | undefined {
  return claims.find((c) => c.traceNumber === trace) ?? claims.find((c) => c.claimId === claimId);
}

function noteOf(status: StatusInfo277): string {
  const parts = ['claim status inquiry (276/277)'];
  if (status.paidCents !== undefined) parts.push(`paid ${status.paidCents} cents`);
  if (status.adjudicationDate) parts.push(`adjudicated ${status.adjudicationDate}`);
  return parts.join(', ');
}

const CERTIFIED = ['A1', 'A2', 'A6'];

/** What a 278 response decides for the requested services. */
function readReview(
  tx: UmResponse278,
  request: { payerId: string; from: string; to: string; requested: { cpt: string; units: number }[] },
): Omit<PriorAuthAnswer, 'documentIds'> {
  const action = tx.decision?.action ?? tx.services.find((s) => s.decision)?.decision?.action;
  if (!action) {
    const aaa = tx.rejections[0] ?? tx.subscriber.rejections[0] ?? tx.umo.rejections[0] ?? tx.requester.rejections[0];
    return { decision: 'pending', reason: aaa ? `request-rejected:${aaa.reasonCode}` : 'no-decision' };
  }
  if (action === 'A3') return { decision: 'denied', reason: tx.decision?.reasonCode ? `not certified (reason ${tx.decision.reasonCode})` : 'not certified' };
  if (action === 'NA') return { decision: 'not-required', reason: 'payer: no review required' };
  if (!CERTIFIED.includes(action)) return { decision: 'pending', reason: `review ${action}` };
  const certified = (s: UmServiceResult278) => !s.decision || CERTIFIED.includes(s.decision.action);
  const services = tx.services.filter(certified);
  const authNumber = tx.authorizationNumber ?? tx.decision?.certificationNumber ?? services.find((s) => s.authorizationNumber)?.authorizationNumber;
  if (!authNumber) return { decision: 'pending', reason: 'certified-without-number' };
  const cpts = services.length > 0 ? [...new Set(services.map((s) => s.procedure.code))] : request.requested.map((r) => r.cpt);
  const units = services.length > 0
    ? services.reduce((s, x) => s + (x.units ?? request.requested.find((r) => r.cpt === x.procedure.code)?.units ?? 1), 0)
    : request.requested.reduce((s, r) => s + r.units, 0);
  const validFrom = tx.eventDate ?? services[0]?.serviceDate ?? request.from;
  const validTo = tx.eventDateEnd ?? services[0]?.serviceDateEnd ?? request.to;
  if (units <= 0 || validFrom > validTo) return { decision: 'pending', reason: 'certification-unreadable' };
  return {
    decision: 'approved',
    authorization: { authNumber: authNumber.slice(0, 50), payerId: request.payerId, cpts, unitsAuthorized: units, unitsUsed: 0, validFrom, validTo, status: 'approved' },
    reason: `certified ${action}`,
  };
}

