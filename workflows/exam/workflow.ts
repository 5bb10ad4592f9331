import { ApplicationFailure, allHandlersFinished, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { createActivities } from '../../activities';
import { CancelRequestSchema, type ExamWorkflowInput, cancelExamUpdate, examStatusQuery } from './messages';
import { ExamState } from './state';

const records = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', nonRetryableErrorTypes: ['InvalidExamData'] },
});

/** One exam, from order intake to closed. Its type name is API (see names.ts). */
export async function examWorkflow(input: ExamWorkflowInput): Promise<{ phase: string }> {
  const exam = new ExamState(input);

  setHandler(examStatusQuery, () => exam.view());
  setHandler(
    cancelExamUpdate,
    async (request) => {
      exam.cancel(request.reason, new Date().toISOString());
      await records.recordExamPhase({ examId: input.examId, phase: exam.phase, status: exam.view().status });
      return exam.view();
    },
    {
      validator: (request) => {
        CancelRequestSchema.parse(request);
        if (exam.isTerminal) throw ApplicationFailure.create({ type: 'ExamNotOpen', message: `exam is ${exam.phase}`, nonRetryable: true });
      },
    },
  );

  await records.recordExamIntake({ examId: input.examId, intake: input.intake, receivedAt: input.receivedAt });

  await condition(() => exam.isTerminal);
  await condition(allHandlersFinished);
  return { phase: exam.phase };
}
