import type { Db } from '../../db/database';
import type { AppealSubmission } from '../../workflows/exam/claim-submission';
import { heartbeat, whileHeartbeating } from '../heartbeat';
import { ClaimFailureType, fail } from './claim-failure';
import type { SubmitClaimInput } from './map-claim-837';
import { type SubmitClaimDeps, nextControlNumber, outboundEnvelope, policyLookup, prepareClaimFile, recordOutboundFile } from './submit-claim';

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

class ConcurrentAppeal extends Error {}

/**
 * submitAppeal: the claim version the payer denied, sent again as a replacement claim (frequency 7,
 * REF*F8 with the payer's claim number) that asks for reconsideration; once per claim version and
 * appeal level, ever. The appeal file is recorded under the unique (claim id, version, level) key
 * before it is sent (concurrent runs: one records, both send the same file, the port delivers it
 * once); a run that died after the send re-sends the recorded file and the port does not deliver it
 * again. Appeal letters for payers that want paper are rendered by the documents activities.
 */
export function createSubmitAppeal(deps: SubmitClaimDeps) {
  const now = deps.now ?? (() => new Date());
  const policyOf = policyLookup(deps);

  return async function submitAppeal(input: AppealSubmission): Promise<SubmitAppealResult> {
    const db: Db = deps.db;
    heartbeat();
    const submission = await db.selectFrom('claim_submissions').select(['request']).where('claim_id', '=', input.claimId).where('version', '=', input.version).executeTakeFirst();
    if (!submission) fail(ClaimFailureType.versionNotSubmitted, 'this claim version was never submitted', { code: 'claim-version-not-submitted', claimId: input.claimId, version: input.version });
    const original = submission.request as unknown as SubmitClaimInput;
    const fileName = `${original.claim.form}-${input.claimId}-v${input.version}-appeal${input.level}.x12`;
    const result = (documentId: string, submitted: boolean): SubmitAppealResult => ({ claimId: input.claimId, version: input.version, level: input.level, submitted, documentId, fileName });

    const existing = await db.selectFrom('appeal_submissions').innerJoin('x12_documents', 'x12_documents.id', 'appeal_submissions.document_id')
      .select(['appeal_submissions.document_id', 'appeal_submissions.status', 'x12_documents.raw'])
      .where('claim_id', '=', input.claimId).where('version', '=', input.version).where('level', '=', input.level).executeTakeFirst();
    if (existing) {
      if (existing.status === 'sent') return result(existing.document_id, false);
      return send(existing.document_id, existing.raw);
    }
    // Appeals sent before they had their own key: the file of that name went out.
    const before = await db.selectFrom('x12_documents').select(['id']).where('direction', '=', 'outbound').where('file_name', '=', fileName).where('outcome', '=', 'sent').executeTakeFirst();
    if (before) return result(before.id, false);

    const claim = await db.selectFrom('claims').select(['payer_claim_number']).where('claim_id', '=', input.claimId).executeTakeFirst();
    if (!claim?.payer_claim_number) {
      // An appeal asks the payer to reconsider its decision on a claim it has: it must name that claim (REF*F8).
      fail(ClaimFailureType.payerClaimNumberMissing, 'the payer claim number is not known (no 277CA or 835 yet): the appeal cannot reference the claim', {
        code: 'payer-claim-number-missing', claimId: input.claimId, paths: ['claims.payerClaimNumber'],
      });
    }
    const at = now();
    const built = await prepareClaimFile(db, { ...original, frequency: '7', payerClaimNumber: claim.payer_claim_number, payerId: input.payerId }, at, {
      policyOf, frequencyFallback: false, ...(deps.profiles ? { profiles: deps.profiles } : {}),
    });

    let prepared: { documentId: string; x12: string };
    try {
      prepared = await db.transaction().execute(async (trx) => {
        const n = await nextControlNumber(trx as unknown as Db);
        const controlNumber = String(n).padStart(4, '0');
        const x12 = built.build(outboundEnvelope(built.profile, n, at), controlNumber);
        const documentId = await recordOutboundFile(trx as unknown as Db, { form: built.form, n, controlNumber, payerId: input.payerId, source: deps.clearinghouse.kind, fileName, x12 });
        const inserted = await trx.insertInto('appeal_submissions').values({
          claim_id: input.claimId, version: input.version, level: input.level, exam_id: input.examId, document_id: documentId, file_name: fileName, status: 'prepared',
        }).onConflict((oc) => oc.doNothing()).returning('level').executeTakeFirst();
        // A concurrent run recorded this appeal first: roll back (its transaction wins) and send its file.
        if (!inserted) throw new ConcurrentAppeal();
        await trx.updateTable('claims').set({ status: 'appealed', last_submitted_at: at, updated_at: at }).where('claim_id', '=', input.claimId).execute();
        await trx.insertInto('claim_status_history').values({
          claim_id: input.claimId, version: input.version, status: 'appealed', source: 'engine', document_id: documentId,
          status_codes: [], note: `appeal level ${input.level} (${input.levelName.slice(0, 80)}): replacement claim (frequency 7)`,
        }).execute();
        return { documentId, x12 };
      });
    } catch (err) {
      if (err instanceof ConcurrentAppeal) return submitAppeal(input);
      throw err;
    }
    return send(prepared.documentId, prepared.x12);

    async function send(documentId: string, x12: string): Promise<SubmitAppealResult> {
      await whileHeartbeating(() => deps.clearinghouse.submit({ name: fileName, x12 }));
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('appeal_submissions').set({ status: 'sent', sent_at: now() })
          .where('claim_id', '=', input.claimId).where('version', '=', input.version).where('level', '=', input.level).where('status', '=', 'prepared').execute();
        await trx.updateTable('x12_documents').set({ outcome: 'sent' }).where('id', '=', documentId).execute();
      });
      return result(documentId, true);
    }
  };
}
