import type { AppealSubmission } from '../../workflows/exam/claim-submission';
import type { Db } from '../../db/database';
import { putDocument } from '../../db/repositories/documents';
import { claimNetOf, type CalendarDate } from '../../domain/ledger';
import { buildAppealLetter } from '../../domain/appeals';
import type { AdjustmentGroup } from '../../domain/denials';
import { loadLedger } from '../../db/repositories/ledger';
import { renderAppealLetter } from '../documents/render-appeal-letter';
import { DEFAULT_BILLING_PROFILE } from './billing-profile';
import { readPayerPolicy } from './payer-policy';

export interface AppealLetterRequest extends AppealSubmission {
  letterDate: CalendarDate;
  createdAt: string;
}

const GROUPS: readonly string[] = ['CO', 'PR', 'OA', 'PI'];

/** `CO-50` style codes the inbound path recorded for the claim's latest 835. */
function denialsOf(statusCodes: readonly string[]): { group: AdjustmentGroup; reasonCode: string }[] {
  return statusCodes
    .map((c) => /^([A-Z]{2})-([A-Z0-9]{1,5})$/.exec(c))
    .filter((m): m is RegExpExecArray => m !== null && GROUPS.includes(m[1]!))
    .map((m) => ({ group: m[1] as AdjustmentGroup, reasonCode: m[2]! }));
}

/**
 * The appeal letter of a denied claim (for payers that take paper), rendered to PDF from the claim,
 * its 835 denial codes and the exam ledger, and stored once per claim version and level. Only the
 * document id goes back to the workflow; null when the claim has no recorded denial to argue.
 */
export function createAppealLetterActivities({ db }: { db: Db }) {
  return {
    async storeAppealLetter(input: AppealLetterRequest): Promise<{ documentId: string } | null> {
      const [claim, exam, denial, ledger, payer] = await Promise.all([
        db.selectFrom('claims').select(['payer_claim_number', 'date_of_service', 'charge_cents']).where('claim_id', '=', input.claimId).executeTakeFirst(),
        db.selectFrom('exams').select(['patient', 'coverages']).where('exam_id', '=', input.examId).executeTakeFirst(),
        db.selectFrom('claim_status_history').select(['status_codes']).where('claim_id', '=', input.claimId).where('source', '=', '835').orderBy('at', 'desc').orderBy('id', 'desc').executeTakeFirst(),
        loadLedger(db, input.examId),
        readPayerPolicy(db, input.payerId),
      ]);
      const denials = denialsOf(denial?.status_codes ?? []);
      if (!claim || !exam || denials.length === 0) return null;
      const patient = exam.patient as { firstName?: string; lastName?: string; birthDate?: string };
      const coverage = (exam.coverages as { payerId?: string; memberId?: string }[]).find((c) => c.payerId === input.payerId);
      const charge = ledger.entries.find((e) => e.source.kind === 'charge' && e.claimId === input.claimId);
      const procedureCodes = [...new Set((charge?.lines ?? []).map((l) => l.memo?.procedureCode).filter((c): c is string => typeof c === 'string'))];
      const provider = DEFAULT_BILLING_PROFILE.billingProvider;
      const letter = buildAppealLetter({
        letterDate: input.letterDate,
        level: { id: `level-${input.level}`, name: input.levelName, reviewer: input.payerId, filingDays: 120 },
        payer: { name: payer?.name ?? input.payerId, addressLines: ['Appeals department'] },
        provider: { name: provider.lastOrOrgName, addressLines: [provider.address.line1, `${provider.address.city}, ${provider.address.state} ${provider.address.postalCode.slice(0, 5)}`], npi: provider.npi, phone: DEFAULT_BILLING_PROFILE.submitter.contact.phone ?? '' },
        patient: { name: [patient.firstName, patient.lastName].filter(Boolean).join(' '), memberId: coverage?.memberId ?? 'unknown', ...(patient.birthDate ? { birthDate: patient.birthDate } : {}) },
        claim: {
          claimId: input.claimId,
          payerClaimNumber: claim.payer_claim_number ?? '',
          serviceDate: claim.date_of_service,
          billedCents: claim.charge_cents,
          deniedCents: Math.max(0, ...Object.keys(ledger.netByAccount).filter((a) => a === `insurance_receivable:${input.payerId}`).map((a) => claimNetOf(ledger, input.claimId, a))),
          procedureCodes,
        },
        denials,
        documents: [],
      });
      const bytes = await renderAppealLetter(letter, { createdAt: input.createdAt });
      const stored = await putDocument(db, { examId: input.examId, claimId: input.claimId, kind: 'appeal-letter', contentType: 'application/pdf', bytes, idempotencyKey: `appeal-letter:${input.claimId}:v${input.version}:level${input.level}` });
      return { documentId: stored.documentId };
    },
  };
}
