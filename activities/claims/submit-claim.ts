import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { PayerPolicy } from '../../domain/policy';
import { X12BuildError, build837I, build837P, hasErrors, validate837I, validate837P, type ClaimFrequency, type EnvelopeParams, type X12Finding } from '../../domain/x12';
import type { ExamIntake } from '../../workflows/exam/intake';
import type { ClearinghousePort } from '../clearinghouse/port';
import { heartbeat, whileHeartbeating } from '../heartbeat';
import type { IdentityNote } from '../../domain/organisations/claim-identities';
import { type BillingProfile, billingProfileFor, facilityIdentities, profileWithBillingProvider } from './billing-profile';
import { ClaimFailureType, fail } from './claim-failure';
import { type SubmitClaimInput, toClaim837I, toClaim837P, toTransaction837I, toTransaction837P } from './map-claim-837';
import { readPayerPolicy, seedPolicy } from './payer-policy';

export { ClaimFailureType, fail, seedPolicy };

/** @deprecated the failure types are ClaimFailureType; kept for callers that name the first three */
export const ClaimSubmissionFailure = ClaimFailureType;

export interface SubmitClaimDeps {
  db: Db;
  clearinghouse: ClearinghousePort;
  now?: () => Date;
  profiles?: Readonly<Record<string, BillingProfile>>;
  /** the payer's policy; the payers table (seed payers and payers added through the API) by default */
  payerPolicy?: (payerId: string) => PayerPolicy | null | undefined | Promise<PayerPolicy | null | undefined>;
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
  /** CLM05-3 as sent: a replacement the payer never accepted an original of goes out as an original (1) */
  frequency?: ClaimFrequency;
}

class ConcurrentSubmission extends Error {}

/** The sequences of outbound X12 control numbers: the interchanges the engine sends, and the claim copies filed with appeals. */
const CONTROL_SEQUENCES = {
  interchange: 'x12_interchange_control_seq',
  'appeal-review': 'x12_appeal_review_control_seq',
} as const;

export type ControlCounter = keyof typeof CONTROL_SEQUENCES;

/**
 * Next value of a never-repeating counter: a PostgreSQL sequence, so concurrent callers get distinct values without
 * waiting for each other's transactions (a value taken by a transaction that rolls back is skipped).
 */
export async function nextControlNumber(db: Db, counter: ControlCounter = 'interchange'): Promise<number> {
  const { rows } = await sql<{ n: string }>`SELECT nextval(${CONTROL_SEQUENCES[counter]}) AS n`.execute(db);
  return Number(rows[0]!.n);
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
  /** CLM05-3 the file carries */
  frequency: ClaimFrequency;
  /** why the frequency differs from the one asked for (claim history note) */
  frequencyNote?: string;
  /** what the biller should know about the identities the claim carries (e.g. an ordering NPI not in the registry) */
  identityNotes?: IdentityNote[];
  /** the interchange under the given control number (ISA13/GS06 = n, ST02 = controlNumber) */
  build(envelope: EnvelopeParams, controlNumber: string): string;
}

export type PolicyOf = (payerId: string) => PayerPolicy | null | undefined | Promise<PayerPolicy | null | undefined>;

/** The claim-submission payer lookup: the deps' own, else the payers table. */
export function policyLookup(deps: Pick<SubmitClaimDeps, 'db' | 'payerPolicy'>): PolicyOf {
  return deps.payerPolicy ?? ((payerId) => readPayerPolicy(deps.db, payerId));
}

/** The payer a claim goes to, with an X12 payer id: else a typed, non-retryable failure naming the payer's data to fix. */
export async function billablePayer(policyOf: PolicyOf, payerId: string): Promise<PayerPolicy & { x12PayerId: string }> {
  const payer = await policyOf(payerId);
  if (!payer) fail(ClaimFailureType.payerUnknown, 'the payer is not configured or is inactive', { code: 'payer-unknown', payerId, paths: [`payers.${payerId}`] });
  if (!payer.x12PayerId) {
    fail(ClaimFailureType.payerWithoutX12Id, 'the payer has no X12 payer id (self-pay, or configured without one)', { code: 'payer-has-no-x12-id', payerId, paths: [`payers.${payerId}.x12PayerId`] });
  }
  return payer as PayerPolicy & { x12PayerId: string };
}

/**
 * Whether the payer ever took an earlier version of the claim into adjudication (a 277CA that accepted
 * it, or an 835): then it has a claim number for it, and a correction must replace, not duplicate, it.
 */
async function payerHasTheClaim(db: Db, claimId: string): Promise<boolean> {
  const row = await db.selectFrom('claim_status_history').select('id').where('claim_id', '=', claimId)
    .where((eb) => eb.or([eb('source', '=', '835'), eb.and([eb('source', '=', '277CA'), eb('status', '<>', 'rejected')])]))
    .limit(1).executeTakeFirst();
  return Boolean(row);
}

/**
 * Reads what the 837 needs (exam, patient, coverage, payer), maps the claim and validates it.
 * A claim that cannot be built or fails validation is a non-retryable failure with the findings.
 *
 * Frequency 7 (replacement) must carry the payer's claim number (REF*F8, required by the 5010
 * guides when CLM05-3 is 7 or 8). When none is on file and the payer never took an earlier
 * version into adjudication (it was rejected at the door by the 277CA, or never acknowledged), there
 * is nothing to replace: the claim goes out as a new original (frequency 1), as payers require for
 * front-end rejections. When the payer did take it, an original would be a duplicate: typed failure.
 */
export async function prepareClaimFile(
  db: Db,
  input: SubmitClaimInput,
  at: Date,
  opts: { policyOf: PolicyOf; profiles?: Readonly<Record<string, BillingProfile>>; frequencyFallback?: boolean },
): Promise<BuiltClaimFile & { profile: BillingProfile }> {
  const form = input.claim.form;
  if (form !== '837P' && form !== '837I') fail(ClaimFailureType.unsupportedForm, 'the claim form must be 837P or 837I', { code: 'unsupported-form', paths: ['claim.form'] });
  const exam = await db.selectFrom('exams').select(['facility_id', 'patient', 'coverages', 'order']).where('exam_id', '=', input.examId).executeTakeFirst();
  if (!exam) fail(ClaimFailureType.examNotRecorded, 'the exam is not recorded', { code: 'exam-not-recorded', examId: input.examId });
  const payer = await billablePayer(opts.policyOf, input.payerId);
  const coverages = exam.coverages as unknown as ExamIntake['coverages'];
  const coverage = coverages.find((c) => c.payerId === input.payerId) ?? coverages.find((c) => c.order === 'primary');
  if (!coverage) fail(ClaimFailureType.coverageMissing, 'the exam has no coverage for the payer', { code: 'coverage-missing', payerId: input.payerId, paths: ['coverages'] });
  const order = exam.order as unknown as ExamIntake['order'];
  let payerClaimNumber = input.payerClaimNumber;
  let frequency: ClaimFrequency = input.frequency;
  let frequencyNote: string | undefined;
  if (frequency === '7' && !payerClaimNumber) {
    const onFile = await db.selectFrom('claims').select(['payer_claim_number']).where('claim_id', '=', input.claimId).executeTakeFirst();
    payerClaimNumber = onFile?.payer_claim_number ?? undefined;
    if (!payerClaimNumber) {
      if (opts.frequencyFallback !== false && !(await payerHasTheClaim(db, input.claimId))) {
        frequency = '1';
        frequencyNote = 'sent as an original (frequency 1): the payer never accepted an earlier version, so there is no claim to replace';
      } else {
        fail(ClaimFailureType.payerClaimNumberMissing, `a replacement claim needs the payer claim number and none is on file`, {
          code: 'payer-claim-number-missing', claimId: input.claimId, paths: ['claims.payerClaimNumber'],
        });
      }
    }
  }
  // A facility with a setup bills the claim under the entity it names, with the providers' names from the registry.
  const orderingNpi = input.referringProviderNpi ?? order.orderingProviderNpi;
  const setup = await facilityIdentities(db, {
    facilityId: exam.facility_id, kind: input.claim.kind ?? input.component, form, orderingNpi,
    ...(input.arrangement ? { arrangement: input.arrangement } : {}),
    ...(input.radiologistNpi ? { radiologistNpi: input.radiologistNpi } : {}),
    procedureCodes: input.claim.lines.map((l) => l.cpt),
  });
  if (setup.setUp && !setup.ok) {
    const { problem } = setup;
    fail(problem.code === 'reassignment-violation' ? ClaimFailureType.reassignmentViolation : ClaimFailureType.billingEntityNotSetUp, problem.message, { code: problem.code, paths: problem.paths });
  }
  const identities = setup.setUp && setup.ok ? setup.identities : undefined;
  const baseProfile = billingProfileFor(exam.facility_id, opts.profiles);
  const profile = identities ? profileWithBillingProvider(baseProfile, identities) : baseProfile;
  // The exam's other coverages, in the order they pay (coordination of benefits, 2320/2330).
  const sequence = { primary: 0, secondary: 1, tertiary: 2 } as const;
  const others = coverages.filter((c) => c !== coverage && c.payerId !== input.payerId).sort((a, b) => sequence[a.order] - sequence[b.order]);
  const otherCoverages = (await Promise.all(others.map(async (c) => ({ coverage: c, payer: await opts.policyOf(c.payerId) }))))
    .flatMap((o) => (o.payer ? [{ coverage: o.coverage, payer: o.payer }] : []));
  const { payerClaimNumber: _asked, ...rest } = input;
  const mapping = {
    submission: { ...rest, frequency, ...(payerClaimNumber && frequency !== '1' ? { payerClaimNumber } : {}) },
    orderingProviderNpi: order.orderingProviderNpi,
    patient: exam.patient as unknown as ExamIntake['patient'],
    coverage, payer, profile, otherCoverages,
    ...(identities ? { identities } : {}),
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
    fail(ClaimFailureType.invalid, `the ${form} failed validation with ${findings.filter((f) => f.severity === 'error').length} error(s)`, { code: 'validation-failed', findings, paths: findingPaths(findings) });
  }

  return {
    form, chargeCents: built.chargeCents, frequency, ...(frequencyNote ? { frequencyNote } : {}),
    ...(identities?.notes.length ? { identityNotes: identities.notes } : {}),
    build: buildOrFail(built.build), profile,
  };
}

/** loop/segment/element of each error finding: where the data to fix goes. */
function findingPaths(findings: readonly X12Finding[]): string[] {
  return [...new Set(findings.filter((f) => f.severity === 'error').map((f) => [f.loop, f.segment, f.element].filter(Boolean).join('/')))];
}

/** A value that cannot be written is the same typed failure as a validation error. */
function buildOrFail(build: (env: EnvelopeParams, ctl: string) => string): (env: EnvelopeParams, ctl: string) => string {
  return (env, ctl) => {
    try {
      return build(env, ctl);
    } catch (err) {
      if (err instanceof X12BuildError) fail(ClaimFailureType.invalid, err.message, { code: err.code.toLowerCase(), findings: err.findings, paths: findingPaths(err.findings) });
      throw err;
    }
  };
}

/** An outbound claim file recorded in x12_documents before it is sent (the outbox row). */
export async function recordOutboundFile(
  trx: Db,
  file: { form: string; n: number; controlNumber: string; payerId: string; source: string; fileName: string; x12: string },
): Promise<string> {
  const documentId = `x12_${randomBytes(12).toString('hex')}`;
  await trx.insertInto('x12_documents').values({
    id: documentId, direction: 'outbound', transaction_type: file.form, interchange_control_number: String(file.n).padStart(9, '0'),
    group_control_number: String(file.n), transaction_control_numbers: [file.controlNumber], payer_id: file.payerId, source: file.source,
    file_name: file.fileName, sha256: createHash('sha256').update(file.x12, 'utf8').digest('hex'), size_bytes: Buffer.byteLength(file.x12, 'utf8'), raw: file.x12, outcome: 'prepared',
  }).execute();
  return documentId;
}

/**
 * submitClaim: build the 837 of one claim version, validate it (nothing invalid leaves), and record
 * it (the exact X12 with its control numbers) under the unique (claim id, version) key before it is
 * sent: the outbox. Then send it through the clearinghouse port, which is idempotent per file name
 * (claim id + version) across processes and restarts, and mark it sent. A run that died after the
 * send and before the mark re-sends the recorded file on retry, and the port does not deliver it
 * twice; concurrent runs of one version record it once and send it once. Heartbeats while sending.
 */
export function createSubmitClaim(deps: SubmitClaimDeps) {
  const now = deps.now ?? (() => new Date());
  const policyOf = policyLookup(deps);

  return async function submitClaim(input: SubmitClaimInput): Promise<SubmitClaimResult> {
    const { db, clearinghouse } = deps;
    heartbeat();
    const existing = await db.selectFrom('claim_submissions').selectAll().where('claim_id', '=', input.claimId).where('version', '=', input.version).executeTakeFirst();
    if (existing) {
      if (existing.status === 'sent') {
        return {
          claimId: input.claimId, version: input.version, submitted: false, documentId: existing.document_id, fileName: existing.file_name,
          transactionControlNumber: existing.transaction_control_number, submittedAt: (existing.sent_at ?? existing.created_at).toISOString(),
          frequency: existing.frequency as ClaimFrequency,
        };
      }
      const doc = await db.selectFrom('x12_documents').select(['raw']).where('id', '=', existing.document_id).executeTakeFirstOrThrow();
      return send(existing.document_id, existing.file_name, existing.transaction_control_number, doc.raw, existing.frequency as ClaimFrequency);
    }

    const at = now();
    const built = await prepareClaimFile(db, input, at, { policyOf, ...(deps.profiles ? { profiles: deps.profiles } : {}) });
    const { form, profile, frequency } = built;

    let prepared: { documentId: string; fileName: string; controlNumber: string; x12: string };
    try {
      prepared = await db.transaction().execute(async (trx) => {
        const n = await nextControlNumber(trx as unknown as Db);
        const controlNumber = String(n).padStart(4, '0');
        const x12 = built.build(outboundEnvelope(profile, n, at), controlNumber);
        const fileName = `${form}-${input.claimId}-v${input.version}.x12`;
        const documentId = await recordOutboundFile(trx as unknown as Db, { form, n, controlNumber, payerId: input.payerId, source: clearinghouse.kind, fileName, x12 });
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
          frequency, request: JSON.stringify({ ...input, frequency }), status: 'prepared',
        }).onConflict((oc) => oc.columns(['claim_id', 'version']).doNothing()).returning('id').executeTakeFirst();
        // A concurrent run recorded this version first: roll back (its transaction wins) and read its row.
        if (!inserted) throw new ConcurrentSubmission();
        const frequencyNote = built.frequencyNote ?? (frequency === '7' ? 'replacement claim (frequency 7)' : null);
        const notes = [frequencyNote, ...(built.identityNotes ?? []).map((n) => `${n.code}: ${n.message}`)].filter((n): n is string => Boolean(n));
        const note = notes.length > 0 ? notes.join('; ') : null;
        await trx.insertInto('claim_status_history').values({
          claim_id: input.claimId, version: input.version, status: 'submitted', source: 'engine', document_id: documentId, status_codes: [], note,
        }).execute();
        return { documentId, fileName, controlNumber, x12 };
      });
    } catch (err) {
      if (err instanceof ConcurrentSubmission) return submitClaim(input);
      throw err;
    }
    return send(prepared.documentId, prepared.fileName, prepared.controlNumber, prepared.x12, frequency);

    async function send(documentId: string, fileName: string, controlNumber: string, x12: string, sentFrequency: ClaimFrequency): Promise<SubmitClaimResult> {
      await whileHeartbeating(() => clearinghouse.submit({ name: fileName, x12 }));
      const sentAt = now();
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('claim_submissions').set({ status: 'sent', sent_at: sentAt }).where('claim_id', '=', input.claimId).where('version', '=', input.version).where('status', '=', 'prepared').execute();
        await trx.updateTable('x12_documents').set({ outcome: 'sent' }).where('id', '=', documentId).execute();
      });
      return { claimId: input.claimId, version: input.version, submitted: true, documentId, fileName, transactionControlNumber: controlNumber, submittedAt: sentAt.toISOString(), frequency: sentFrequency };
    }
  };
}
