import type { Db } from '../../db/database';
import { ExamIntakeSchema, type ExamIntakeInput } from '../../workflows/exam/intake';
import { sampleIntake } from '../support/intake-fixture';
import { newExamId } from './claim-fixture';

/** An exam's read model row for the given payer and member (as recordExamIntake writes it). */
export async function insertExamFor(db: Db, opts: { payerId?: string; memberId?: string; mrn?: string; coverage?: Partial<ExamIntakeInput['coverages'][number]>; cpt?: string } = {}): Promise<string> {
  const examId = newExamId();
  const base = sampleIntake();
  const intake = ExamIntakeSchema.parse(sampleIntake({
    patient: { ...base.patient, mrn: opts.mrn ?? base.patient.mrn },
    coverages: [{ payerId: opts.payerId ?? 'medicare-b', memberId: opts.memberId ?? '1EG4TE5MK73', relationship: 'self', order: 'primary', ...opts.coverage }],
    order: { ...base.order, procedures: [{ cpt: opts.cpt ?? '72148' }] },
  }));
  await db.insertInto('exams').values({
    exam_id: examId, accession_number: intake.accessionNumber, facility_id: intake.facility.id, patient: JSON.stringify(intake.patient),
    coverages: JSON.stringify(intake.coverages), order: JSON.stringify(intake.order), phase: 'eligibility', status: 'open', scheduled_at: intake.order.scheduledAt,
  }).execute();
  return examId;
}
