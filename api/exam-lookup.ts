import { z } from 'zod';
import { safeId } from '../domain/text';
import type { Db } from '../db/database';
import { findIntake } from '../db/repositories/exams';
import { isExamId } from '../workflows/names';
import { notFound } from './errors';

/** The `:examId` path parameter of every exam route. */
export const ExamIdParams = z.object({ examId: safeId(64) });

/** 404 unless the id is an exam id and the exam was taken in. */
export async function assertExamExists(db: Db, examId: string): Promise<void> {
  if (!isExamId(examId) || !(await findIntake(db, examId))) throw notFound('exam');
}
