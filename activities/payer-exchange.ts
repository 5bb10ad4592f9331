import { createHash } from 'node:crypto';
import { sql } from 'kysely';
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
import { whileHeartbeating } from './heartbeat';
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

  /** the request's interchange control number `n` names its trace numbers (EL<n>, PA<n>, CS<n>) */
  type Exchanged = { built: false; reason: string } | { built: true; n: number; documentIds: string[]; answer: string | null; answerId?: string };

  /**
   * One real-time exchange per request key, ever answered once: the request is recorded (with its
   * control numbers) before it is sent; an answered key returns the stored result (or reads the
   * stored answer again) without asking the payer; a request that died between the send and the
   * answer is sent again as the same interchange; one never answered (no response) is asked anew.
   * Callers of one key wait for each other (advisory lock), so concurrent retries ask once.
   */
  async function exchangeOnce<R>(
    key: { requestKey: string; examId: string },
    type: '270' | '278' | '276',
    answerType: '271' | '278' | '277',
    payerId: string,
    build: (n: number, controlNumber: string, at: Date) => string,
    send: (x12: string) => Promise<string | null>,
    read: (sent: Exchanged, q: Db) => Promise<R>,
  ): Promise<R> {
    // Everything under the lock goes through the locked connection: a caller never holds one connection while waiting for another.
    return db.connection().execute(async (q) => {
      await sql`SELECT pg_advisory_lock(${REAL_TIME_LOCK_CLASS}, hashtext(${key.requestKey}))`.execute(q);
      try {
        const row = await q.selectFrom('real_time_requests').selectAll().where('request_key', '=', key.requestKey).executeTakeFirst();
        if (row?.status === 'answered' && row.result !== null) return row.result as R;
        let sent: Exchanged;
        if (row?.status === 'answered') {
          // Answered, then the worker died before reading it: read the stored answer, do not ask again.
          const answer = await q.selectFrom('x12_documents').select('raw').where('id', '=', row.answer_document_id!).executeTakeFirstOrThrow();
          const request = await q.selectFrom('x12_documents').select('interchange_control_number').where('id', '=', row.request_document_id).executeTakeFirstOrThrow();
          sent = { built: true, n: Number(request.interchange_control_number), documentIds: [row.request_document_id, row.answer_document_id!], answer: answer.raw, answerId: row.answer_document_id! };
        } else {
          sent = await sendAndStore(q, key, row?.status === 'prepared' ? row.request_document_id : undefined, type, answerType, payerId, build, send);
        }
        const result = await read(sent, q);
        if (sent.built && sent.answer !== null) {
          await q.updateTable('real_time_requests').set({ result: JSON.stringify(result) }).where('request_key', '=', key.requestKey).execute();
        }
        return result;
      } finally {
        await sql`SELECT pg_advisory_unlock(${REAL_TIME_LOCK_CLASS}, hashtext(${key.requestKey}))`.execute(q);
      }
    });
  }

  async function sendAndStore(
    q: Db,
    key: { requestKey: string; examId: string },
    recordedRequestId: string | undefined,
    type: '270' | '278' | '276',
    answerType: '271' | '278' | '277',
    payerId: string,
    build: (n: number, controlNumber: string, at: Date) => string,
    send: (x12: string) => Promise<string | null>,
  ): Promise<Exchanged> {
    let requestId: string;
    let x12: string;
    let n: number;
    if (recordedRequestId) {
      requestId = recordedRequestId;
      const recorded = await q.selectFrom('x12_documents').select(['raw', 'interchange_control_number']).where('id', '=', requestId).executeTakeFirstOrThrow();
      x12 = recorded.raw;
      n = Number(recorded.interchange_control_number);
    } else {
      const at = now();
      n = await nextControlNumber(q);
      const controlNumber = String(n).padStart(4, '0');
      try {
        x12 = build(n, controlNumber, at);
      } catch (err) {
        if (err instanceof X12BuildError) return { built: false, reason: `${type}-not-buildable` };
        throw err;
      }
      requestId = await storeRealTimeDocument(q, { direction: 'outbound', type, x12, payerId, source: clearinghouse.kind, interchangeControlNumber: n, controlNumber, outcome: 'prepared' });
      await q.insertInto('real_time_requests')
        .values({ request_key: key.requestKey, transaction_type: type, exam_id: key.examId, payer_id: payerId, request_document_id: requestId, status: 'prepared' })
        .onConflict((oc) => oc.column('request_key').doUpdateSet({ request_document_id: requestId, status: 'prepared', answer_document_id: null, result: null, answered_at: null }))
        .execute();
    }
    const answer = await whileHeartbeating(() => send(x12));
    if (answer === null) {
      await setDocumentOutcome(q, requestId, 'no-response');
      await q.updateTable('real_time_requests').set({ status: 'no-response' }).where('request_key', '=', key.requestKey).execute();
      return { built: true, n, documentIds: [requestId], answer: null };
    }
    await setDocumentOutcome(q, requestId, 'sent');
    const answerId = await storeRealTimeDocument(q, { direction: 'inbound', type: answerType, x12: answer, payerId, source: clearinghouse.kind, outcome: 'received' });
    await q.updateTable('real_time_requests').set({ status: 'answered', answer_document_id: answerId, answered_at: now() }).where('request_key', '=', key.requestKey).execute();
    return { built: true, n, documentIds: [requestId, answerId], answer, answerId };
  }

  return {
    /**
     * 270 -> 271 for the exam's primary coverage on the date of service, read with the eligibility
     * rules. The workflow passes ids and codes; the subscriber comes from the exams table. Asked once
     * per request key (`requestKey`, else the exam, payer, date of service, modality and coverage
     * asked about): a retry returns the stored answer.
     */
    async checkEligibility(input: { examId: string; payerId: string; modality: Modality; dateOfService: string; placeOfService?: string; requestKey?: string }): Promise<EligibilityCheck> {
      const { parties, policy } = await begin(input.examId, input.payerId);
      if (!parties) return { outcome: 'payer-unavailable', reasons: ['exam-not-recorded'], documentIds: [] };
      if (!policy?.x12PayerId) return { outcome: 'payer-unavailable', reasons: ['payer-has-no-x12-id'], documentIds: [] };
      const profile = billingProfileFor(parties.facilityId, deps.profiles);
      const dos = calendarDate(input.dateOfService);
      const { subscriber, dependent } = subscriberAndDependent(parties);
      const requestKey = input.requestKey ?? `270:${input.examId}:${input.payerId}:${digest([dos, input.modality, input.placeOfService ?? '', policy.x12PayerId, subscriber, dependent ?? null])}`;
      return exchangeOnce({ requestKey, examId: input.examId }, '270', '271', input.payerId, (n, controlNumber, at) =>
        build270(realTimeEnvelope(profile, n, at), [{
          controlNumber, reference: `EL${n}`, createdDate: isoDate(at), createdTime: hhmm(at),
          source: { name: policy.name.toUpperCase(), payerId: policy.x12PayerId! },
          receiver: { name: { entityType: '2', lastOrOrgName: profile.billingProvider.lastOrOrgName }, idQualifier: 'XX', id: profile.billingProvider.npi },
          inquiries: [{
            trace: { number: `EL${n}`, originatorId: traceOriginator(profile) },
            subscriber, ...(dependent ? { dependent } : {}),
            serviceDate: dos,
            serviceTypeCodes: ['30', serviceTypesForModality(input.modality)[0]!],
          }],
        }]), (x12) => clearinghouse.eligibility(x12), async (sent, q): Promise<EligibilityCheck> => {
        if (!sent.built) return { outcome: 'payer-unavailable', reasons: [sent.reason], documentIds: [] };
        const { documentIds } = sent;
        if (sent.answer === null) return { outcome: 'payer-unavailable', reasons: ['no-response'], documentIds };
        const tx = transactionsOrNone(() => parse271(sent.answer!))[0];
        if (!tx) {
          await setDocumentOutcome(q, sent.answerId!, 'unreadable');
          return { outcome: 'payer-unavailable', reasons: ['unreadable-271'], documentIds };
        }
        const response = toEligibilityResponse(tx, `EL${sent.n}`);
        const allowed = expectedAllowed(parties, dos, input.placeOfService ?? '11');
        const result = interpretEligibility(
          response,
          { modality: input.modality, dateOfService: dos, memberId: parties.coverage.memberId, expectedAllowedCents: allowed },
          policy.patientShareDefaults,
        );
        await setDocumentOutcome(q, sent.answerId!, `eligibility:${result.outcome}`);
        return {
          outcome: result.outcome,
          reasons: result.reasons.map((r) => r.code),
          documentIds,
          ...(result.estimate && allowed > 0 ? { estimate: result.estimate } : {}),
        };
      });
    },

    /**
     * 278 request for the ordered procedures over the authorization period from the date of
     * service; the response read as approved (an authorization, recorded on file for the patient),
     * denied (with the reason), not required, or pending (staff follow up). Asked once per request
     * key (`requestKey`, else the exam, payer, procedures, period and coverage asked about).
     */
    async requestPriorAuth(input: { examId: string; payerId: string; procedures: string[]; scheduledAt: string; urgent: boolean; placeOfService?: string; requestKey?: string }): Promise<PriorAuthAnswer> {
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
      const services = cpts.map((cpt) => ({ procedure: { qualifier: 'HC', code: cpt, modifiers: [] }, units: unitsOf(cpt), serviceDate: from, serviceDateEnd: to }));
      const requestKey = input.requestKey
        ?? `278:${input.examId}:${input.payerId}:${digest([from, to, input.urgent, input.placeOfService ?? '', policy.x12PayerId, services, parties.order.diagnoses, subscriber, dependent ?? null])}`;
      return exchangeOnce({ requestKey, examId: input.examId }, '278', '278', input.payerId, (n, controlNumber, at) =>
        build278Request(realTimeEnvelope(profile, n, at), [{
          controlNumber, reference: `PA${n}`, createdDate: isoDate(at), createdTime: hhmm(at),
          umo: { name: policy.name.toUpperCase(), payerId: policy.x12PayerId! },
          requester: provider,
          subscriber, ...(dependent ? { dependent } : {}),
          trace: { number: `PA${n}`, originatorId: traceOriginator(profile) },
          requestCategory: 'HS',
          // UM02 I initial; an urgent order is asked for as such through the service type and the response window.
          certificationType: 'I',
          serviceType: ['CT', 'MR', 'PT'].includes(parties.order.modality) ? '62' : '4',
          ...(input.placeOfService ? { facilityCode: input.placeOfService } : {}),
          eventDate: from, eventDateEnd: to,
          diagnoses: parties.order.diagnoses.map(icdWithoutDot).slice(0, 12),
          serviceProvider: provider,
          services,
        }]), (x12) => clearinghouse.priorAuthorization(x12), async (sent, q): Promise<PriorAuthAnswer> => {
        if (!sent.built) return { decision: 'pending', reason: sent.reason, documentIds: [] };
        const { documentIds } = sent;
        if (sent.answer === null) return { decision: 'pending', reason: 'no-response', documentIds };
        const trace = `PA${sent.n}`;
        const responses = transactionsOrNone(() => parse278Response(sent.answer!));
        const tx = responses.find((r) => r.traces.some((t) => t.type === '2' && t.number === trace)) ?? responses[0];
        if (!tx) {
          await setDocumentOutcome(q, sent.answerId!, 'unreadable');
          return { decision: 'pending', reason: 'unreadable-278', documentIds };
        }
        const answer = readReview(tx, { payerId: input.payerId, from, to, requested: cpts.map((cpt) => ({ cpt, units: unitsOf(cpt) })) });
        await setDocumentOutcome(q, sent.answerId!, `prior-auth:${answer.decision}`);
        if (answer.decision === 'approved' && answer.authorization) {
          await saveAuthorization(q, { patientKey: patientKeyOf(parties), authorization: answer.authorization, source: '278', examId: input.examId, documentId: sent.answerId ?? null });
        }
        return { ...answer, documentIds };
      });
    },

    /**
     * 276 -> 277 for one claim: the status the payer reports is recorded in the claim's history
     * (source 277) and returned as its category code. Asked once per request key: `requestKey` (the
     * workflow's inquiry number), else the claim version and the day asked (follow-ups are days apart;
     * a retry the same day returns the stored answer).
     */
    async claimStatusInquiry(input: { examId: string; claimId: string; payerId: string; requestKey?: string }): Promise<ClaimStatusAnswer> {
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
      const requestKey = input.requestKey ?? `276:${input.examId}:${claim.claim_id}:v${claim.version}:${input.payerId}:${isoDate(now())}`;
      return exchangeOnce({ requestKey, examId: input.examId }, '276', '277', input.payerId, (n, controlNumber, at) =>
        build276(realTimeEnvelope(profile, n, at), [{
          controlNumber, reference: `CS${n}`, createdDate: isoDate(at), createdTime: hhmm(at),
          payer: { name: policy.name.toUpperCase(), payerId: policy.x12PayerId! },
          receiver: { name: profile.submitter.name, id: profile.submitter.id },
          claims: [{
            provider: { name: { entityType: '2', lastOrOrgName: profile.billingProvider.lastOrOrgName }, npi: profile.billingProvider.npi },
            subscriber: { name: subscriber.name, memberId: subscriber.memberId, birthDate: subscriber.birthDate, gender: subscriber.gender },
            ...(dependent ? { dependent: { name: dependent.name, birthDate: dependent.birthDate, gender: dependent.gender } } : {}),
            traceNumber: `CS${n}`,
            claimId: claim.claim_id,
            ...(claim.payer_claim_number ? { payerClaimControlNumber: claim.payer_claim_number } : {}),
            chargeCents: claim.charge_cents,
            serviceDate: claim.dos,
            lines: [],
          }],
        }]), (x12) => clearinghouse.claimStatus(x12), async (sent, q): Promise<ClaimStatusAnswer> => {
        if (!sent.built) return { answered: false, reason: sent.reason, documentIds: [] };
        const { documentIds } = sent;
        if (sent.answer === null) return { answered: false, reason: 'no-response', documentIds };
        const responses = transactionsOrNone(() => parse277(sent.answer!));
        const found = findClaimStatus(responses.flatMap((r) => r.claims), `CS${sent.n}`, input.claimId);
        const receiverLevel = responses.find((r) => r.receiverStatus)?.receiverStatus?.statuses[0];
        const status = found?.statuses[0] ?? receiverLevel;
        if (!status || status.codes.length === 0) {
          await setDocumentOutcome(q, sent.answerId!, 'unreadable');
          return { answered: false, reason: 'unreadable-277', documentIds };
        }
        const statusCodes = status.codes.map((c) => `${c.category}:${c.code}${c.entity ? `:${c.entity}` : ''}`);
        const category = status.codes[0]!.category;
        const label = claimStatusLabel(category);
        // Once per answer: an answer read again after a crash does not add a second history row.
        const recorded = await q.selectFrom('claim_status_history').select('id').where('claim_id', '=', claim.claim_id).where('document_id', '=', sent.answerId!).executeTakeFirst();
        if (!recorded) {
          await q.insertInto('claim_status_history').values({
            claim_id: claim.claim_id, version: claim.version, status: label, source: '277', document_id: sent.answerId ?? null,
            status_codes: statusCodes, note: noteOf(status),
          }).execute();
        }
        await setDocumentOutcome(q, sent.answerId!, `claim-status:${label}`);
        return { answered: true, category, statusCodes, status: label, documentIds };
      });
    },
  };
}

/** A short, stable digest of what a request asks (its key): the same question gives the same key. */
function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value), 'utf8').digest('hex').slice(0, 24);
}

/** Lock namespace of the real-time request keys' advisory locks. */
const REAL_TIME_LOCK_CLASS = 0x0270;

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

