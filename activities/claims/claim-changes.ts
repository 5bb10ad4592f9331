import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '../../db/database';
import { putDocument } from '../../db/repositories/documents';
import type { Claim } from '../../domain/coding/claim';
import { claimChangeVehicles } from '../../domain/policy';
import type { ClearinghousePort } from '../clearinghouse/port';
import { renderClaimChangeRequest, type ClaimChangeRequestContent } from '../documents/render-claim-change-request';
import { heartbeat } from '../heartbeat';
import { DEFAULT_BILLING_PROFILE } from './billing-profile';
import { ClaimFailureType } from './claim-failure';
import type { SubmitClaimInput } from './map-claim-837';
import { readPayerPolicy } from './payer-policy';
import { createSubmitClaim } from './submit-claim';

export interface WithdrawClaimInput {
  examId: string;
  claimId: string;
  /** the void's own claim version (one more than the version the payer has) */
  version: number;
  payerId: string;
  reason: 'exam-cancelled' | 'primary-reversed';
  /** false: the payer never took the claim (rejected at the door): nothing is sent */
  toPayer: boolean;
  requestedAt: string;
}

export interface ClaimChangeResult {
  claimId: string;
  version: number;
  vehicle: 'frequency-8' | 'reopening-request' | 'none';
  /** false when this change had been made before: nothing new left */
  sent: boolean;
  documentId: string | null;
}

export interface ReopeningRequestInput {
  examId: string;
  claimId: string;
  /** the corrected claim's version */
  version: number;
  payerId: string;
  /** the corrected claim as coded (codes and charges only) */
  claim: Claim;
  requestedAt: string;
}

/** Failures of the 837 build a void falls back from to the written request (the claim could not be sent as frequency 8). */
const CANNOT_BUILD: readonly string[] = [ClaimFailureType.invalid, ClaimFailureType.payerClaimNumberMissing, ClaimFailureType.versionNotSubmitted, ClaimFailureType.coverageMissing];

const REASONS: Record<WithdrawClaimInput['reason'], string> = {
  'exam-cancelled': 'the exam was cancelled: the service was not rendered as billed',
  'primary-reversed': 'the primary payer reversed its adjudication of the claim this secondary claim was billed from',
};

/**
 * Changes to a claim the payer already has, each once per claim version (claim_change_requests, recorded before it
 * is sent): a void by the payer's vehicle (frequency 8 with REF*F8 through the claim outbox, or a cancel request on
 * paper), and a correction by reopening request for payers that take no replacement claims.
 */
export function createClaimChangeActivities(deps: { db: Db; clearinghouse: ClearinghousePort }) {
  const submitClaim = createSubmitClaim({ db: deps.db, clearinghouse: deps.clearinghouse });
  const { db } = deps;

  /** The claim as the payer has it: its latest submission before `version`, and the payer's claim number. */
  async function sentBefore(claimId: string, version: number) {
    const [submission, claim] = await Promise.all([
      db.selectFrom('claim_submissions').select(['request', 'version']).where('claim_id', '=', claimId).where('version', '<', version).orderBy('version', 'desc').limit(1).executeTakeFirst(),
      db.selectFrom('claims').select(['payer_claim_number', 'charge_cents', 'date_of_service']).where('claim_id', '=', claimId).executeTakeFirst(),
    ]);
    return { request: submission ? (submission.request as unknown as SubmitClaimInput) : undefined, claim };
  }

  async function record(input: { examId: string; claimId: string; version: number; payerId: string; kind: 'void' | 'correction'; vehicle: ClaimChangeResult['vehicle']; reason: string; payerClaimNumber: string | null }) {
    await db.insertInto('claim_change_requests').values({
      claim_id: input.claimId, version: input.version, exam_id: input.examId, payer_id: input.payerId, kind: input.kind, vehicle: input.vehicle,
      reason: input.reason, payer_claim_number: input.payerClaimNumber, status: 'prepared',
    }).onConflict((oc) => oc.columns(['claim_id', 'version']).doNothing()).execute();
    return db.selectFrom('claim_change_requests').selectAll().where('claim_id', '=', input.claimId).where('version', '=', input.version).executeTakeFirstOrThrow();
  }

  async function markSent(claimId: string, version: number, documentId: string | null, status: string, note: string) {
    const at = new Date();
    await db.transaction().execute(async (trx) => {
      const updated = await trx.updateTable('claim_change_requests').set({ status: 'sent', sent_at: at, document_id: documentId })
        .where('claim_id', '=', claimId).where('version', '=', version).where('status', '=', 'prepared').returning('claim_id').executeTakeFirst();
      if (!updated) return;
      await trx.updateTable('claims').set({ status, version, updated_at: at }).where('claim_id', '=', claimId).execute();
      await trx.insertInto('claim_status_history').values({ claim_id: claimId, version, status, source: 'engine', document_id: null, status_codes: [], note }).execute();
    });
  }

  async function requestDocument(examId: string, content: Omit<ClaimChangeRequestContent, 'patient' | 'provider'>, idempotencyKey: string, createdAt: string): Promise<string> {
    const exam = await db.selectFrom('exams').select(['patient', 'coverages']).where('exam_id', '=', examId).executeTakeFirst();
    const patient = (exam?.patient ?? {}) as { firstName?: string; lastName?: string; birthDate?: string };
    const payerId = (await db.selectFrom('claim_change_requests').select('payer_id').where('claim_id', '=', content.claim.claimId).orderBy('version', 'desc').limit(1).executeTakeFirst())?.payer_id;
    const coverage = ((exam?.coverages ?? []) as { payerId?: string; memberId?: string }[]).find((c) => c.payerId === payerId);
    const provider = DEFAULT_BILLING_PROFILE.billingProvider;
    const bytes = await renderClaimChangeRequest({
      ...content,
      patient: { name: [patient.firstName, patient.lastName].filter(Boolean).join(' '), memberId: coverage?.memberId ?? 'unknown', ...(patient.birthDate ? { birthDate: patient.birthDate } : {}) },
      provider: {
        name: provider.lastOrOrgName, npi: provider.npi, phone: DEFAULT_BILLING_PROFILE.submitter.contact.phone ?? '',
        addressLines: [provider.address.line1, `${provider.address.city}, ${provider.address.state} ${provider.address.postalCode.slice(0, 5)}`],
      },
    }, { createdAt });
    const stored = await putDocument(db, { examId, claimId: content.claim.claimId, kind: 'claim-change-request', contentType: 'application/pdf', bytes, idempotencyKey });
    return stored.documentId;
  }

  const linesOf = (claim: Claim | undefined) => (claim?.lines ?? []).map((l) => ({ cpt: l.cpt, modifiers: [...l.modifiers], units: l.units, chargeCents: l.chargeCents }));

  return {
    /**
     * Withdraws a claim from its payer (the exam was cancelled, or the primary it was billed after reversed it): by
     * the payer's void vehicle, frequency 8 (REF*F8 with the payer's claim number, the claim's lines as sent) or a
     * written cancel request (PDF) where the payer takes no frequency 8, or when the claim cannot reference the
     * payer's claim. A claim the payer never took is only marked voided. Once per claim version, ever.
     */
    async withdrawClaim(input: WithdrawClaimInput): Promise<ClaimChangeResult> {
      heartbeat();
      const done = await db.selectFrom('claim_change_requests').select(['vehicle', 'status', 'document_id']).where('claim_id', '=', input.claimId).where('version', '=', input.version).executeTakeFirst();
      if (done?.status === 'sent') return { claimId: input.claimId, version: input.version, vehicle: done.vehicle, sent: false, documentId: done.document_id };
      const { request, claim } = await sentBefore(input.claimId, input.version);
      const policy = await readPayerPolicy(db, input.payerId);
      const payerClaimNumber = claim?.payer_claim_number ?? null;
      let vehicle: ClaimChangeResult['vehicle'] = !input.toPayer || !request ? 'none' : policy ? claimChangeVehicles(policy).void : 'frequency-8';
      // Frequency 8 must name the payer's claim (REF*F8): without its number, the written request.
      if (vehicle === 'frequency-8' && !payerClaimNumber) vehicle = 'reopening-request';
      const row = await record({ ...input, kind: 'void', vehicle: done?.vehicle ?? vehicle, reason: REASONS[input.reason], payerClaimNumber });
      vehicle = row.vehicle;

      let documentId: string | null = null;
      if (vehicle === 'frequency-8' && request) {
        try {
          const { payerClaimNumber: _before, ...asSent } = request;
          const sent = await submitClaim({ ...asSent, examId: input.examId, version: input.version, idempotencyKey: `${input.claimId}:v${input.version}`, frequency: '8', payerClaimNumber: payerClaimNumber! });
          documentId = sent.documentId;
        } catch (err) {
          if (!(err instanceof ApplicationFailure) || !CANNOT_BUILD.includes(err.type ?? '')) throw err;
          vehicle = 'reopening-request';
          await db.updateTable('claim_change_requests').set({ vehicle }).where('claim_id', '=', input.claimId).where('version', '=', input.version).execute();
        }
      }
      if (vehicle === 'reopening-request') {
        documentId = await requestDocument(input.examId, {
          kind: 'void',
          requestDate: input.requestedAt.slice(0, 10),
          payer: { name: policy?.name ?? input.payerId },
          claim: { claimId: input.claimId, payerClaimNumber, serviceDate: request?.claim.dateOfService ?? claim?.date_of_service ?? '', billedCents: claim?.charge_cents ?? 0 },
          original: linesOf(request?.claim),
          reason: REASONS[input.reason],
        }, `claim-change:${input.claimId}:v${input.version}`, input.requestedAt);
      }
      const note = vehicle === 'frequency-8' ? 'voided: frequency 8 sent with the payer claim number (REF*F8)'
        : vehicle === 'reopening-request' ? 'voided: the payer takes no frequency 8; a written cancel request was prepared'
          : 'voided: the payer never took the claim; nothing sent';
      await markSent(input.claimId, input.version, documentId, 'voided', `${note} (${input.reason})`);
      return { claimId: input.claimId, version: input.version, vehicle, sent: true, documentId };
    },

    /**
     * A corrected claim for a payer that takes no replacement claims (Medicare Part B): a reopening request (PDF) with
     * the lines as billed and as corrected. Once per claim version, ever.
     */
    async requestReopening(input: ReopeningRequestInput): Promise<ClaimChangeResult> {
      heartbeat();
      const done = await db.selectFrom('claim_change_requests').select(['status', 'document_id']).where('claim_id', '=', input.claimId).where('version', '=', input.version).executeTakeFirst();
      if (done?.status === 'sent') return { claimId: input.claimId, version: input.version, vehicle: 'reopening-request', sent: false, documentId: done.document_id };
      const { request, claim } = await sentBefore(input.claimId, input.version);
      const policy = await readPayerPolicy(db, input.payerId);
      const payerClaimNumber = claim?.payer_claim_number ?? null;
      const reason = 'clerical error: the claim is corrected (reopening)';
      await record({ ...input, kind: 'correction', vehicle: 'reopening-request', reason, payerClaimNumber });
      const documentId = await requestDocument(input.examId, {
        kind: 'correction',
        requestDate: input.requestedAt.slice(0, 10),
        payer: { name: policy?.name ?? input.payerId },
        claim: { claimId: input.claimId, payerClaimNumber, serviceDate: input.claim.dateOfService, billedCents: claim?.charge_cents ?? 0 },
        original: linesOf(request?.claim),
        corrected: { lines: linesOf(input.claim), diagnoses: [...input.claim.diagnoses] },
        reason,
      }, `claim-change:${input.claimId}:v${input.version}`, input.requestedAt);
      await markSent(input.claimId, input.version, documentId, 'reopening-requested', 'corrected claim: the payer takes no replacement claims; a reopening request was prepared');
      return { claimId: input.claimId, version: input.version, vehicle: 'reopening-request', sent: true, documentId };
    },
  };
}
