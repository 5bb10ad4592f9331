import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/database';
import type { EntityName, EnvelopeParams } from '../domain/x12';
import type { ExamIntake } from '../workflows/exam/intake';
import type { BillingProfile } from './claims/billing-profile';
import { readPayerPolicy } from './claims/payer-policy';
import { hhmm, isoDate, nextControlNumber } from './claims/submit-claim';

/**
 * What a real-time exchange (270, 278, 276) needs to know about an exam, read from the exams table
 * so that no identifier travels through the workflow. Holds PHI: never logged.
 */
export interface ExamParties {
  examId: string;
  facilityId: string;
  patient: ExamIntake['patient'];
  coverage: ExamIntake['coverages'][number];
  order: ExamIntake['order'];
}

export async function readExamParties(db: Db, examId: string): Promise<ExamParties | null> {
  const row = await db.selectFrom('exams').select(['facility_id', 'patient', 'coverages', 'order']).where('exam_id', '=', examId).executeTakeFirst();
  if (!row) return null;
  const coverages = row.coverages as unknown as ExamIntake['coverages'];
  const coverage = coverages.find((c) => c.order === 'primary') ?? coverages[0];
  if (!coverage) return null;
  return {
    examId,
    facilityId: row.facility_id,
    patient: row.patient as unknown as ExamIntake['patient'],
    coverage,
    order: row.order as unknown as ExamIntake['order'],
  };
}

export { readPayerPolicy };

/**
 * The key that finds a patient's authorizations across exams: a digest of the MRN, the payer and the
 * member id (normalized), so the table never holds the identifiers themselves.
 */
export function patientKey(mrn: string, payerId: string, memberId: string): string {
  const norm = (v: string) => v.replace(/[\s-]/g, '').toUpperCase();
  return createHash('sha256').update(`${norm(mrn)}|${payerId}|${norm(memberId)}`, 'utf8').digest('hex');
}

export function patientKeyOf(parties: ExamParties): string {
  return patientKey(parties.patient.mrn, parties.coverage.payerId, parties.coverage.memberId);
}

/** Names upper-cased as payers expect; the X12 element writer cleans and cuts them like every other free text. */
const x12Text = (v: string) => v.toUpperCase();

export function personName(p: { lastName: string; firstName: string }): EntityName {
  return { entityType: '1', lastOrOrgName: x12Text(p.lastName), firstName: x12Text(p.firstName) };
}

/** INS02 of a dependent: 01 spouse, 19 child, 34 other adult. */
function dependentRelationship(relationship: ExamIntake['coverages'][number]['relationship']): '01' | '19' | '34' {
  return relationship === 'spouse' ? '01' : relationship === 'child' ? '19' : '34';
}

/**
 * The subscriber (always) and the patient as a dependent (when the patient is not the subscriber),
 * as the 270, 278 and 276 name them.
 */
export function subscriberAndDependent(parties: ExamParties) {
  const { patient, coverage } = parties;
  const self = coverage.relationship === 'self' || !coverage.subscriber;
  const holder = self ? patient : coverage.subscriber!;
  const subscriber = { name: personName(holder), memberId: coverage.memberId, birthDate: holder.birthDate, gender: holder.sex };
  const dependent = self
    ? undefined
    : { name: personName(patient), birthDate: patient.birthDate, gender: patient.sex, relationship: dependentRelationship(coverage.relationship) };
  return { subscriber, dependent };
}

/** ISA/GS of a real-time request: one counter value is the ISA13 and GS06. */
export function realTimeEnvelope(profile: BillingProfile, n: number, at: Date): EnvelopeParams {
  return {
    senderQualifier: 'ZZ', senderId: profile.interchangeSenderId, receiverQualifier: 'ZZ', receiverId: profile.interchangeReceiverId,
    interchangeControlNumber: n, groupControlNumber: n, date: isoDate(at), time: hhmm(at), usage: profile.usage,
  };
}

/** TRN03: "1" followed by the billing provider's EIN. */
export const traceOriginator = (profile: BillingProfile) => `1${profile.billingProvider.taxId}`.slice(0, 10);

export { hhmm, isoDate, nextControlNumber };

/** Stores one X12 document of a real-time exchange (the request sent or the answer received); returns its id. */
export async function storeRealTimeDocument(
  db: Db,
  doc: { direction: 'outbound' | 'inbound'; type: string; x12: string; payerId: string; source: string; interchangeControlNumber?: number; controlNumber?: string; outcome: string },
): Promise<string> {
  const id = `x12_${randomBytes(12).toString('hex')}`;
  await db
    .insertInto('x12_documents')
    .values({
      id,
      direction: doc.direction,
      transaction_type: doc.type,
      interchange_control_number: doc.interchangeControlNumber === undefined ? null : String(doc.interchangeControlNumber).padStart(9, '0'),
      group_control_number: doc.interchangeControlNumber === undefined ? null : String(doc.interchangeControlNumber),
      transaction_control_numbers: doc.controlNumber ? [doc.controlNumber] : [],
      payer_id: doc.payerId,
      source: doc.source,
      file_name: null,
      sha256: createHash('sha256').update(doc.x12, 'utf8').digest('hex'),
      size_bytes: Buffer.byteLength(doc.x12, 'utf8'),
      raw: doc.x12,
      outcome: doc.outcome,
    })
    .execute();
  return id;
}

export async function setDocumentOutcome(db: Db, id: string, outcome: string): Promise<void> {
  await db.updateTable('x12_documents').set({ outcome }).where('id', '=', id).execute();
}

/** ICD-10-CM as X12 writes it: without the dot. */
export const icdWithoutDot = (code: string) => code.replace('.', '');
