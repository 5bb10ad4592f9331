import { createHash } from 'node:crypto';
import type { Db } from '../../db/database';
import { buildAppealRequest, type AppealRequestInput } from '../../domain/appeals';
import type { AdjustmentGroup } from '../../domain/denials';
import type { AppealRequestFiling } from '../../workflows/exam/claim-submission';
import { renderAppealRequest } from '../documents/render-appeal-request';
import { heartbeat, whileHeartbeating } from '../heartbeat';
import { ClaimFailureType, fail } from './claim-failure';
import type { SubmitClaimInput } from './map-claim-837';
import { type SubmitClaimDeps, nextControlNumber, outboundEnvelope, policyLookup, prepareClaimFile } from './submit-claim';

export interface FileAppealRequestResult {
  documentId: string;
  /** filed: delivered to the payer electronically; to-send: staff send the PDF (mail, fax, portal) */
  status: 'filed' | 'to-send';
}

const GROUPS: readonly string[] = ['CO', 'PR', 'OA', 'PI'];

/** The payer adjustments of the latest 835 that denied the claim (claim_denials, written by the inbound path). */
async function latestDenials(db: Db, claimId: string) {
  const last = await db.selectFrom('claim_denials').select(['trace_number', 'payment_date']).where('claim_id', '=', claimId).orderBy('received_at', 'desc').orderBy('id', 'desc').executeTakeFirst();
  if (!last) return [];
  return db.selectFrom('claim_denials').select(['group_code', 'reason_code', 'remark_codes', 'procedure_code', 'amount_cents'])
    .where('claim_id', '=', claimId).where('trace_number', '=', last.trace_number).orderBy('seq').execute();
}

/**
 * fileAppealRequest: a written appeal request of a denied claim (Medicare redetermination CMS-20027,
 * reconsideration CMS-20033, ALJ OMHA-100...; a payer's appeal letter; a reopening request), rendered to PDF with
 * the claim and denial facts, stored under the document id the exam chose, recorded once per claim version and
 * level (appeal_requests) and listed on the claim. It is filed with the payer where the clearinghouse has an
 * electronic path (the sandbox payer reviews it and answers with an 835); otherwise it waits for staff to send
 * it (status to-send). Nothing goes out as an 837.
 */
export function createFileAppealRequest(deps: SubmitClaimDeps) {
  const now = deps.now ?? (() => new Date());
  const policyOf = policyLookup(deps);

  return async function fileAppealRequest(input: AppealRequestFiling): Promise<FileAppealRequestResult> {
    const { db } = deps;
    heartbeat();
    const existing = await db.selectFrom('appeal_requests').select(['status', 'document_id'])
      .where('claim_id', '=', input.claimId).where('version', '=', input.version).where('level', '=', input.level).executeTakeFirst();
    if (existing && existing.status !== 'prepared') return { documentId: existing.document_id, status: existing.status };

    const [claim, submission, exam, denials, payer] = await Promise.all([
      db.selectFrom('claims').select(['payer_claim_number', 'date_of_service', 'charge_cents', 'paid_cents', 'form']).where('claim_id', '=', input.claimId).executeTakeFirst(),
      db.selectFrom('claim_submissions').select(['request']).where('claim_id', '=', input.claimId).where('version', '<=', input.version).orderBy('version', 'desc').executeTakeFirst(),
      db.selectFrom('exams').select(['patient', 'coverages']).where('exam_id', '=', input.examId).executeTakeFirst(),
      latestDenials(db, input.claimId),
      policyOf(input.payerId),
    ]);
    if (!claim || !submission) fail(ClaimFailureType.versionNotSubmitted, 'this claim was never submitted: there is no decision to appeal', { code: 'claim-version-not-submitted', claimId: input.claimId, version: input.version });
    if (!exam) fail(ClaimFailureType.examNotRecorded, 'the exam is not recorded', { code: 'exam-not-recorded', examId: input.examId });
    const original = submission.request as unknown as SubmitClaimInput;
    const patient = exam.patient as { firstName?: string; lastName?: string; birthDate?: string };
    const coverage = (exam.coverages as { payerId?: string; memberId?: string }[]).find((c) => c.payerId === input.payerId);
    const at = now();
    const built = await prepareClaimFile(db, { ...original, frequency: '7', ...(claim.payer_claim_number ? { payerClaimNumber: claim.payer_claim_number } : {}), payerId: input.payerId }, at, {
      policyOf, frequencyFallback: true, ...(deps.profiles ? { profiles: deps.profiles } : {}),
    });
    const provider = built.profile.billingProvider;
    const disputes = denials.filter((d) => GROUPS.includes(d.group_code) && d.group_code !== 'PR');
    const disputedCents = disputes.reduce((t, d) => t + Number(d.amount_cents), 0);
    const priorDecisions = input.level > 1
      ? (await db.selectFrom('appeal_requests').select(['level_name', 'level']).where('claim_id', '=', input.claimId).where('level', '>', 0).where('level', '<', input.level).orderBy('level').execute())
        .map((p) => ({ levelName: p.level_name, date: input.remittanceDate }))
      : [];
    const content: AppealRequestInput = {
      vehicle: input.vehicle,
      form: input.form,
      levelName: input.levelName,
      requestDate: input.filedAt.slice(0, 10),
      remittanceDate: input.remittanceDate,
      deadline: input.deadline,
      payer: { name: payer?.name ?? input.payerId, addressLines: [input.level === 0 ? 'Reopenings' : 'Appeals department'] },
      provider: {
        name: provider.lastOrOrgName, npi: provider.npi, taxId: provider.taxId,
        addressLines: [provider.address.line1, `${provider.address.city}, ${provider.address.state} ${provider.address.postalCode.slice(0, 5)}`],
        ...(built.profile.submitter.contact.phone ? { phone: built.profile.submitter.contact.phone } : {}),
      },
      patient: { name: [patient.firstName, patient.lastName].filter(Boolean).join(' '), memberId: coverage?.memberId ?? 'unknown', ...(patient.birthDate ? { birthDate: patient.birthDate } : {}) },
      claim: {
        claimId: input.claimId,
        payerClaimNumber: claim.payer_claim_number ?? '',
        datesOfService: { from: original.claim.dateOfService, to: original.claim.dateOfService },
        diagnoses: original.claim.diagnoses,
        lines: original.claim.lines.map((l) => ({ cpt: l.cpt, modifiers: l.modifiers, units: l.units, chargeCents: l.chargeCents })),
        billedCents: Number(claim.charge_cents),
        paidCents: Number(claim.paid_cents),
      },
      denials: disputes.map((d) => ({ group: d.group_code as AdjustmentGroup, reasonCode: d.reason_code, remarkCodes: d.remark_codes, procedureCode: d.procedure_code, amountCents: Number(d.amount_cents) })),
      disputedCents,
      priorDecisions,
    };
    const bytes = await renderAppealRequest(buildAppealRequest(content), { createdAt: input.filedAt });

    await db.transaction().execute(async (trx) => {
      await trx.insertInto('documents').values({
        id: input.documentId, exam_id: input.examId, claim_id: input.claimId, kind: 'appeal-letter', content_type: 'application/pdf',
        idempotency_key: `appeal-request:${input.claimId}:v${input.version}:level${input.level}`,
        sha256: createHash('sha256').update(bytes).digest('hex'), size_bytes: bytes.length, bytes,
      }).onConflict((oc) => oc.doNothing()).execute();
      const inserted = await trx.insertInto('appeal_requests').values({
        claim_id: input.claimId, version: input.version, level: input.level, exam_id: input.examId, payer_id: input.payerId,
        level_name: input.levelName.slice(0, 120), vehicle: input.vehicle, form: input.form, document_id: input.documentId,
        remittance_date: input.remittanceDate, deadline: input.deadline, disputed_cents: disputedCents, status: 'prepared',
      }).onConflict((oc) => oc.doNothing()).returning('level').executeTakeFirst();
      if (!inserted) return;
      await trx.updateTable('claims').set({ status: 'appealed', updated_at: at }).where('claim_id', '=', input.claimId).execute();
      await trx.insertInto('claim_status_history').values({
        claim_id: input.claimId, version: input.version, status: 'appealed', source: 'engine', document_id: input.documentId, status_codes: [],
        note: `${input.level === 0 ? 'reopening' : `appeal level ${input.level}`} (${input.levelName.slice(0, 80)}): ${input.vehicle}${input.form ? ` (${input.form})` : ''}, filed by ${input.deadline}`,
      }).execute();
    });

    const file = deps.clearinghouse.fileAppealRequest?.bind(deps.clearinghouse);
    let status: FileAppealRequestResult['status'] = 'to-send';
    if (file) {
      // The payer's copy of the claim under appeal (for the sandbox's review): never recorded or sent as an 837.
      const n = await nextControlNumber(db, 'appeal-review');
      const controlNumber = String(n).padStart(4, '0');
      const claimX12 = built.build(outboundEnvelope(built.profile, 900_000_000 + n, at), controlNumber);
      await whileHeartbeating(() => file({ name: `${claim.form}-${input.claimId}-v${input.version}-appeal${input.level}.x12`, documentId: input.documentId, level: input.level, claimX12 }));
      status = 'filed';
    }
    await db.updateTable('appeal_requests').set({ status, filed_at: status === 'filed' ? now() : null })
      .where('claim_id', '=', input.claimId).where('version', '=', input.version).where('level', '=', input.level).where('status', '=', 'prepared').execute();
    return { documentId: input.documentId, status };
  };
}
