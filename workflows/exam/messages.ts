import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import type { ExamIntake } from './intake';

export interface ExamWorkflowInput {
  examId: string;
  intake: ExamIntake;
  receivedAt: string;
}

export interface ExamStatusView {
  examId: string;
  accessionNumber: string;
  facilityId: string;
  order: { modality: string; procedures: { cpt: string }[]; scheduledAt: string };
  coverages: { payerId: string; order: string }[];
  phase: string;
  status: 'open' | 'closed' | 'cancelled';
  cancellation?: { reason: string; at: string };
  openTasks: { taskId: string; type: string; queue: string; dueAt: string | null }[];
  nextTimers: { kind: string; dueAt: string }[];
}

export const CancelRequestSchema = z.strictObject({
  reason: z.string().trim().min(3).max(500),
  requestedBy: z.string().min(1).max(200),
});
export type CancelRequest = z.infer<typeof CancelRequestSchema>;

export const examStatusQuery = defineQuery<ExamStatusView>('status');
export const cancelExamUpdate = defineUpdate<ExamStatusView, [CancelRequest]>('cancel');
