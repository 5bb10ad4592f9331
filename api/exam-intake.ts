import { createHash, randomBytes } from 'node:crypto';
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Db } from '../db/database';
import { claimAccessionNumber } from '../db/repositories/exams';
import { canonicalJson } from '../domain/canonical-json';
import type { ExamIntake } from '../workflows/exam/intake';
import type { ExamWorkflowInput } from '../workflows/exam/messages';
import { EXAM_WORKFLOW_TYPE, examWorkflowId } from '../workflows/names';

export interface IntakeDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  /** how long the start of the exam's workflow may take */
  deadlineMs: number;
}

export type IntakeOutcome = { outcome: 'new' | 'same'; examId: string } | { outcome: 'conflict'; examId: string };

function newExamId(): string {
  // 20 base-36 characters from 128 random bits: opaque, carries nothing about the patient.
  const n = BigInt(`0x${randomBytes(16).toString('hex')}`);
  return `ex_${n.toString(36).padStart(20, '0').slice(-20)}`;
}

async function startExamWorkflow(deps: IntakeDeps, input: ExamWorkflowInput): Promise<void> {
  try {
    // Bounded: with Temporal unreachable the caller ends in an error instead of waiting out the client's retries.
    await deps.temporal.connection.withDeadline(Date.now() + deps.deadlineMs, () => deps.temporal.workflow.start(EXAM_WORKFLOW_TYPE, {
      workflowId: examWorkflowId(input.examId),
      taskQueue: deps.taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    }));
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

/**
 * Order intake, idempotent on the accession number: reserves it (a different body under the same accession is a
 * conflict) and starts the exam's workflow. Used by `POST /v1/exams` and the HL7 listener alike.
 */
export async function receiveIntake(deps: IntakeDeps, intake: ExamIntake, onReserved?: (examId: string) => void): Promise<IntakeOutcome> {
  const claim = await claimAccessionNumber(deps.db, {
    accessionNumber: intake.accessionNumber,
    examId: newExamId(),
    bodySha256: createHash('sha256').update(canonicalJson(intake)).digest('hex'),
  });
  // the exam's id is known before its workflow starts (the API's audit names it even when the start fails)
  onReserved?.(claim.examId);
  if (claim.outcome === 'conflict') return { outcome: 'conflict', examId: claim.examId };
  // Also on a repeat: a crash between the reservation and the start is healed by the client's retry.
  await startExamWorkflow(deps, { examId: claim.examId, intake, receivedAt: claim.receivedAt });
  return { outcome: claim.outcome, examId: claim.examId };
}
