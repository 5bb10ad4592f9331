import { createHash, randomBytes } from 'node:crypto';
import { X12BuildError } from '../../domain/x12';
import type { Db } from '../../db/database';
import type { AppealSubmission } from '../../workflows/exam/claim-submission';
import type { SubmitClaimInput } from './map-claim-837';
import { ClaimSubmissionFailure, type SubmitClaimDeps, fail, nextControlNumber, outboundEnvelope, prepareClaimFile, seedPolicy } from './submit-claim';

export interface SubmitAppealResult {
  claimId: string;
  version: number;
  level: number;
  /** false when this appeal level had been sent before: nothing new left */
  submitted: boolean;
  documentId: string;
  fileName: string;
}

/** File names of appeal files; the inbound path reads the claim back from them (999 routing). */
export const APPEAL_FILE_NAME = /^(837[PI])-(.+)-v(\d+)-appeal(\d+)\.x12$/;

/**
 * submitAppeal: the claim version the payer denied, sent again as a replacement claim (frequency 7,
 * REF*F8 with the payer's claim number) that asks for reconsideration; once per claim version and
 * appeal level (the file name is the key). Appeal letters for payers that want paper are rendered by
 * the documents activities.
 */
export function createSubmitAppeal(deps: SubmitClaimDeps) {
  const now = deps.now ?? (() => new Date());
  const policyOf = deps.payerPolicy ?? seedPolicy;

  return async function submitAppeal(input: AppealSubmission): Promise<SubmitAppealResult> {
    const db: Db = deps.db;
    const submission = await db.selectFrom('claim_submissions').select(['request']).where('claim_id', '=', input.claimId).where('version', '=', input.version).executeTakeFirst();
    if (!submission) fail(ClaimSubmissionFailure.missingData, 'this claim version was never submitted');
    const original = submission.request as unknown as SubmitClaimInput;
    const fileName = `${original.claim.form}-${input.claimId}-v${input.version}-appeal${input.level}.x12`;
    const result = (documentId: string, submitted: boolean): SubmitAppealResult => ({ claimId: input.claimId, version: input.version, level: input.level, submitted, documentId, fileName });

    const existing = await db.selectFrom('x12_documents').select(['id', 'raw', 'outcome']).where('direction', '=', 'outbound').where('file_name', '=', fileName).executeTakeFirst();
    if (existing) {
      if (existing.outcome === 'sent') return result(existing.id, false);
      await deps.clearinghouse.submit({ name: fileName, x12: existing.raw });
      await db.updateTable('x12_documents').set({ outcome: 'sent' }).where('id', '=', existing.id).execute();
      return result(existing.id, true);
    }

    const claim = await db.selectFrom('claims').select(['payer_claim_number']).where('claim_id', '=', input.claimId).executeTakeFirst();
    if (!claim?.payer_claim_number) fail(ClaimSubmissionFailure.missingData, 'the payer claim number is not known (no 277CA or 835 yet): the appeal cannot reference the claim');
    const at = now();
    const built = await prepareClaimFile(db, { ...original, frequency: '7', payerClaimNumber: claim.payer_claim_number }, at, { policyOf, ...(deps.profiles ? { profiles: deps.profiles } : {}) });

    const prepared = await db.transaction().execute(async (trx) => {
      const n = await nextControlNumber(trx as unknown as Db);
      const controlNumber = String(n).padStart(4, '0');
      let x12: string;
      try {
        x12 = built.build(outboundEnvelope(built.profile, n, at), controlNumber);
      } catch (err) {
        if (err instanceof X12BuildError) fail(ClaimSubmissionFailure.invalid, err.message, { findings: err.findings });
        throw err;
      }
      const documentId = `x12_${randomBytes(12).toString('hex')}`;
      await trx.insertInto('x12_documents').values({
        id: documentId, direction: 'outbound', transaction_type: built.form, interchange_control_number: String(n).padStart(9, '0'),
        group_control_number: String(n), transaction_control_numbers: [controlNumber], payer_id: input.payerId, source: deps.clearinghouse.kind,
        file_name: fileName, sha256: createHash('sha256').update(x12, 'utf8').digest('hex'), size_bytes: Buffer.byteLength(x12, 'utf8'), raw: x12, outcome: 'prepared',
      }).execute();
      await trx.updateTable('claims').set({ status: 'appealed', last_submitted_at: at, updated_at: at }).where('claim_id', '=', input.claimId).execute();
      await trx.insertInto('claim_status_history').values({
        claim_id: input.claimId, version: input.version, status: 'appealed', source: 'engine', document_id: documentId,
        status_codes: [], note: `appeal level ${input.level} (${input.levelName.slice(0, 80)}): replacement claim (frequency 7)`,
      }).execute();
      return { documentId, x12 };
    });
    await deps.clearinghouse.submit({ name: fileName, x12: prepared.x12 });
    await db.updateTable('x12_documents').set({ outcome: 'sent' }).where('id', '=', prepared.documentId).execute();
    return result(prepared.documentId, true);
  };
}
