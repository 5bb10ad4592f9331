import { createHash, randomBytes } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '../../db/database';
import { seedPayerPolicy, type PayerPolicy } from '../../domain/policy';
import { X12BuildError, build837I, build837P, hasErrors, validate837I, validate837P, type EnvelopeParams, type X12Finding } from '../../domain/x12';
import type { ExamIntake } from '../../workflows/exam/intake';
import type { ClearinghousePort } from '../clearinghouse/port';
import { type BillingProfile, billingProfileFor } from './billing-profile';
import { type SubmitClaimInput, toClaim837I, toClaim837P, toTransaction837I, toTransaction837P } from './map-claim-837';

/** Failure types of claim submission the workflow branches on (all non-retryable). */
export const ClaimSubmissionFailure = {
  invalid: 'ClaimValidationFailed',
  missingData: 'ClaimDataMissing',
  unsupportedForm: 'ClaimFormNotSupported',
} as const;

export interface SubmitClaimDeps {
  db: Db;
  clearinghouse: ClearinghousePort;
  now?: () => Date;
  profiles?: Readonly<Record<string, BillingProfile>>;
  /** the payer's policy; the seed payers by default */
  payerPolicy?: (payerId: string) => PayerPolicy | undefined;
}

export interface SubmitClaimResult {
  claimId: string;
  version: number;
  /** false when this claim version had been sent before: nothing new left */
  submitted: boolean;
  documentId: string;
  fileName: string;
  /** ST02 of the 837: what the 999 acknowledges */
  transactionControlNumber: string;
  submittedAt: string;
}

class ConcurrentSubmission extends Error {}

export function fail(type: string, message: string, details?: unknown): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true, ...(details === undefined ? {} : { details: [details] }) });
}

export function seedPolicy(payerId: string): PayerPolicy | undefined {
  try {
    return seedPayerPolicy(payerId);
  } catch {
    return undefined;
  }
}

/** Next value of a never-repeating counter (row lock: concurrent callers get distinct values). */
export async function nextControlNumber(db: Db, name = 'interchange'): Promise<number> {
  await db.insertInto('x12_control_numbers').values({ name, last_value: 0 }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const row = await db.updateTable('x12_control_numbers').set((eb) => ({ last_value: eb('last_value', '+', 1) })).where('name', '=', name).returning('last_value').executeTakeFirstOrThrow();
  return Number(row.last_value);
}

/** ISA/GS of an outbound claim file: one counter value is the ISA13 and the GS06. */
export function outboundEnvelope(profile: BillingProfile, n: number, at: Date): EnvelopeParams {
  return {
    senderQualifier: 'ZZ', senderId: profile.interchangeSenderId, receiverQualifier: 'ZZ', receiverId: profile.interchangeReceiverId,
    interchangeControlNumber: n, groupControlNumber: n, date: isoDate(at), time: hhmm(at), usage: profile.usage, acknowledgmentRequested: true,
  };
}

export const isoDate = (d: Date) => d.toISOString().slice(0, 10);
export const hhmm = (d: Date) => d.toISOString().slice(11, 16).replace(':', '');

export interface BuiltClaimFile {
  form: '837P' | '837I';
  chargeCents: number;
  /** the interchange under the given control number (ISA13/GS06 = n, ST02 = controlNumber) */
  build(envelope: EnvelopeParams, controlNumber: string): string;
}

/**
 * Reads what the 837 needs (exam, patient, coverage, payer), maps the claim and validates it.
 * A claim that cannot be built or fails validation is a non-retryable failure with the findings.
 */
export async function prepareClaimFile(
  db: Db,
  input: SubmitClaimInput,
  at: Date,
  opts: { policyOf: (payerId: string) => PayerPolicy | undefined; profiles?: Readonly<Record<string, BillingProfile>> },
): Promise<BuiltClaimFile & { profile: BillingProfile }> {
  const form = input.claim.form;
  if (form !== '837P' && form !== '837I') fail(ClaimSubmissionFailure.unsupportedForm, 'the claim form must be 837P or 837I');
  const exam = await db.selectFrom('exams').select(['facility_id', 'patient', 'coverages', 'order']).where('exam_id', '=', input.examId).executeTakeFirst();
  if (!exam) fail(ClaimSubmissionFailure.missingData, 'the exam is not recorded');
  const payer = opts.policyOf(input.payerId);
  if (!payer || !payer.x12PayerId) fail(ClaimSubmissionFailure.missingData, 'the payer has no X12 payer id (self-pay or unknown payer)');
  const coverages = exam.coverages as unknown as ExamIntake['coverages'];
  const coverage = coverages.find((c) => c.payerId === input.payerId) ?? coverages.find((c) => c.order === 'primary');
  if (!coverage) fail(ClaimSubmissionFailure.missingData, 'the exam has no coverage for the payer');
  const order = exam.order as unknown as ExamIntake['order'];
  let payerClaimNumber = input.payerClaimNumber;
  if (input.frequency !== '1' && !payerClaimNumber) {
    const onFile = await db.selectFrom('claims').select(['payer_claim_number']).where('claim_id', '=', input.claimId).executeTakeFirst();
    payerClaimNumber = onFile?.payer_claim_number ?? undefined;
  }
  const profile = billingProfileFor(exam.facility_id, opts.profiles);
  // The exam's other coverages, in the order they pay (coordination of benefits, 2320/2330).
  const sequence = { primary: 0, secondary: 1, tertiary: 2 } as const;
  const otherCoverages = coverages
    .filter((c) => c !== coverage && c.payerId !== input.payerId)
    .sort((a, b) => sequence[a.order] - sequence[b.order])
    .flatMap((c) => {
      const policy = opts.policyOf(c.payerId);
      return policy ? [{ coverage: c, payer: policy }] : [];
    });
  const mapping = {
    submission: { ...input, ...(payerClaimNumber ? { payerClaimNumber } : {}) },
    orderingProviderNpi: order.orderingProviderNpi,
    patient: exam.patient as unknown as ExamIntake['patient'],
    coverage, payer, profile, otherCoverages,
  };
  // The technical component of a hospital outpatient exam is an 837I; everything else an 837P.
  const stamp = (controlNumber: string) => ({ controlNumber, date: isoDate(at), time: hhmm(at) });
  const built = form === '837I'
    ? (() => {
        const c = toClaim837I(mapping);
        return { chargeCents: c.totalChargeCents, validate: () => validate837I(toTransaction837I(c, profile, stamp('0001'))), build: (env: EnvelopeParams, ctl: string) => build837I(env, [toTransaction837I(c, profile, stamp(ctl))]) };
      })()
    : (() => {
        const c = toClaim837P(mapping);
        return { chargeCents: c.totalChargeCents, validate: () => validate837P(toTransaction837P(c, profile, stamp('0001'))), build: (env: EnvelopeParams, ctl: string) => build837P(env, [toTransaction837P(c, profile, stamp(ctl))]) };
      })();

  // Validate before a control number is spent.
  const findings: X12Finding[] = built.validate();
  if (hasErrors(findings)) {
    fail(ClaimSubmissionFailure.invalid, `the ${form} failed validation with ${findings.filter((f) => f.severity === 'error').length} error(s)`, { findings });
  }

  return { form, chargeCents: built.chargeCents, build: built.build, profile };
}

/**
 * submitClaim: build the 837P of one claim version, validate it (nothing invalid leaves), store the
 * exact X12, record the submission under the unique (claim id, version) key, and send it through the
 * clearinghouse port. Running it again for the same claim id and version sends nothing new; a run
 * that stopped between recording and sending re-sends the same stored file (the port is idempotent
 * on the file name).
 */
export function createSubmitClaim(deps: SubmitClaimDeps) {
  const now = deps.now ?? (() => new Date());
  const policyOf = deps.payerPolicy ?? seedPolicy;

  return async function submitClaim(input: SubmitClaimInput): Promise<SubmitClaimResult> {
    const { db, clearinghouse } = deps;
    const existing = await db.selectFrom('claim_submissions').selectAll().where('claim_id', '=', input.claimId).where('version', '=', input.version).executeTakeFirst();
    if (existing) {
      if (existing.status === 'sent') {
        return {
          claimId: input.claimId, version: input.version, submitted: false, documentId: existing.document_id, fileName: existing.file_name,
          transactionControlNumber: existing.transaction_control_number, submittedAt: (existing.sent_at ?? existing.created_at).toISOString(),
        };
      }
      const doc = await db.selectFrom('x12_documents').select(['raw']).where('id', '=', existing.document_id).executeTakeFirstOrThrow();
      return send(existing.document_id, existing.file_name, existing.transaction_control_number, doc.raw);
    }

    const at = now();
    const built = await prepareClaimFile(db, input, at, { policyOf, ...(deps.profiles ? { profiles: deps.profiles } : {}) });
    const { form, profile } = built;

    let prepared: { documentId: string; fileName: string; controlNumber: string; x12: string };
    try {
      prepared = await db.transaction().execute(async (trx) => {
        const n = await nextControlNumber(trx as unknown as Db);
        const controlNumber = String(n).padStart(4, '0');
        const envelope = outboundEnvelope(profile, n, at);
        let x12: string;
        try {
          x12 = built.build(envelope, controlNumber);
        } catch (err) {
          if (err instanceof X12BuildError) fail(ClaimSubmissionFailure.invalid, err.message, { findings: err.findings });
          throw err;
        }
        const documentId = `x12_${randomBytes(12).toString('hex')}`;
        const fileName = `${form}-${input.claimId}-v${input.version}.x12`;
        await trx.insertInto('x12_documents').values({
          id: documentId, direction: 'outbound', transaction_type: form, interchange_control_number: String(n).padStart(9, '0'),
          group_control_number: String(n), transaction_control_numbers: [controlNumber], payer_id: input.payerId, source: clearinghouse.kind,
          file_name: fileName, sha256: createHash('sha256').update(x12, 'utf8').digest('hex'), size_bytes: Buffer.byteLength(x12, 'utf8'), raw: x12, outcome: 'prepared',
        }).execute();
        await trx.insertInto('claims').values({
          claim_id: input.claimId, exam_id: input.examId, version: input.version, payer_id: input.payerId, form, kind: input.component,
          status: 'submitted', charge_cents: built.chargeCents, date_of_service: input.claim.dateOfService, first_submitted_at: at, last_submitted_at: at,
        }).onConflict((oc) => oc.column('claim_id').doUpdateSet({
          version: input.version, payer_id: input.payerId, status: 'submitted', charge_cents: built.chargeCents,
          paid_cents: 0, patient_responsibility_cents: 0, date_of_service: input.claim.dateOfService, last_submitted_at: at, updated_at: at,
        })).execute();
        const inserted = await trx.insertInto('claim_submissions').values({
          claim_id: input.claimId, version: input.version, exam_id: input.examId, document_id: documentId, file_name: fileName,
          interchange_control_number: String(n).padStart(9, '0'), transaction_control_number: controlNumber, channel: clearinghouse.kind,
          frequency: input.frequency, request: JSON.stringify(input), status: 'prepared',
        }).onConflict((oc) => oc.columns(['claim_id', 'version']).doNothing()).returning('id').executeTakeFirst();
        // A concurrent run recorded this version first: roll back (its transaction wins) and read its row.
        if (!inserted) throw new ConcurrentSubmission();
        await trx.insertInto('claim_status_history').values({
          claim_id: input.claimId, version: input.version, status: 'submitted', source: 'engine', document_id: documentId,
          status_codes: [], note: input.frequency === '7' ? 'replacement claim (frequency 7)' : null,
        }).execute();
        return { documentId, fileName, controlNumber, x12 };
      });
    } catch (err) {
      if (err instanceof ConcurrentSubmission) return submitClaim(input);
      throw err;
    }
    return send(prepared.documentId, prepared.fileName, prepared.controlNumber, prepared.x12);

    async function send(documentId: string, fileName: string, controlNumber: string, x12: string): Promise<SubmitClaimResult> {
      await clearinghouse.submit({ name: fileName, x12 });
      const sentAt = now();
      await db.updateTable('claim_submissions').set({ status: 'sent', sent_at: sentAt }).where('claim_id', '=', input.claimId).where('version', '=', input.version).execute();
      await db.updateTable('x12_documents').set({ outcome: 'sent' }).where('id', '=', documentId).execute();
      return { claimId: input.claimId, version: input.version, submitted: true, documentId, fileName, transactionControlNumber: controlNumber, submittedAt: sentAt.toISOString() };
    }
  };
}
