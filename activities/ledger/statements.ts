import type { Db } from '../../db/database';
import { putDocument } from '../../db/repositories/documents';
import { loadLedger } from '../../db/repositories/ledger';
import { type CalendarDate } from '../../domain/ledger';
import { DEFAULT_PATIENT_BALANCE_POLICY, buildStatementContent, type StatementParty } from '../../domain/patient-balance';
import { renderStatement } from '../documents/render-statement';
import { DEFAULT_BILLING_PROFILE } from '../claims/billing-profile';
import { withLedgerFailures } from './ledger-failure';

interface PatientRecord {
  firstName?: string;
  lastName?: string;
  address?: { line1?: string; line2?: string; city?: string; state?: string; postalCode?: string };
}

function practice(): StatementParty & { phone: string } {
  const provider = DEFAULT_BILLING_PROFILE.billingProvider;
  const a = provider.address;
  const phone = DEFAULT_BILLING_PROFILE.submitter.contact?.phone ?? '';
  return {
    name: provider.lastOrOrgName,
    addressLines: [a.line1, `${a.city}, ${a.state} ${a.postalCode.slice(0, 5)}`],
    phone: phone.length === 10 ? `(${phone.slice(0, 3)}) ${phone.slice(3, 6)}-${phone.slice(6)}` : phone,
  };
}

function guarantor(patient: PatientRecord): StatementParty {
  const a = patient.address ?? {};
  return {
    name: [patient.firstName, patient.lastName].filter(Boolean).join(' '),
    addressLines: [a.line1, a.line2, [a.city, a.state].filter(Boolean).join(', ') + (a.postalCode ? ` ${a.postalCode.slice(0, 5)}` : '')].filter((l): l is string => Boolean(l && l.trim())),
  };
}

export interface SendStatementResult {
  /** the stored PDF (only this id enters the exam's history) */
  documentId: string;
  amountDueCents: number;
}

export function createStatementActivities({ db }: { db: Db }) {
  return {
    /** Renders the patient statement from the exam ledger and stores the PDF; once per statement sequence. */
    async sendStatement(input: { examId: string; sequence: number; statementDate: CalendarDate; createdAt: string }): Promise<SendStatementResult> {
      return withLedgerFailures(async () => {
        const key = `statement:${input.examId}:${input.sequence}`;
        const [ledger, exam] = await Promise.all([
          loadLedger(db, input.examId),
          db.selectFrom('exams').select(['patient', 'accession_number']).where('exam_id', '=', input.examId).executeTakeFirst(),
        ]);
        const content = buildStatementContent({
          ledger,
          statementId: `${input.examId.slice(-8)}-${input.sequence}`,
          statementDate: input.statementDate,
          paymentDueDays: DEFAULT_PATIENT_BALANCE_POLICY.paymentDueDays,
          accountNumber: exam?.accession_number ?? input.examId,
          practice: practice(),
          guarantor: guarantor((exam?.patient ?? {}) as PatientRecord),
          messages: input.sequence > 1 ? ['This balance is past due. Please pay or call us to set up a payment plan.'] : [],
        });
        const bytes = await renderStatement(content, { createdAt: input.createdAt });
        const stored = await putDocument(db, { examId: input.examId, kind: 'statement', contentType: 'application/pdf', bytes, idempotencyKey: key });
        return { documentId: stored.documentId, amountDueCents: content.summary.amountDueCents };
      });
    },
  };
}
