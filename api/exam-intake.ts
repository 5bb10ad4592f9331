import { createHash, randomBytes } from 'node:crypto';
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Db } from '../db/database';
import { type IntakeClaim, claimAccessionNumber, recordExamRow } from '../db/repositories/exams';
import { canonicalJson } from '../domain/canonical-json';
import type { ExamIntake } from '../workflows/exam/intake';
import type { ExamWorkflowInput } from '../workflows/exam/messages';
import { EXAM_WORKFLOW_TYPE, examWorkflowId } from '../workflows/names';

/**
 * Runs the intake's writes in one database transaction; the API's runner adds the request's audit row to the
 * same transaction (`auditedChange`). Without one, a plain transaction.
 */
export type IntakeTransaction = (change: (trx: Db) => Promise<IntakeClaim>) => Promise<IntakeClaim>;

export interface IntakeDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  /** how long the start of the exam's workflow may take */
  deadlineMs: number;
  /** the transaction the reservation and the exam's row are written in (the API's carries its audit row) */
  inTransaction?: IntakeTransaction;
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

/** A value PostgreSQL cannot store (SQLSTATE class 22, e.g. a NUL in a name): the exam's own records report it. */
function isUnstorable(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('22');
}

/**
 * Order intake, idempotent on the accession number: reserves it (a different body under the same accession is a
 * conflict), writes the exam's row in the same transaction (the exam reads back as soon as the intake answers),
 * then starts the exam's workflow. Used by `POST /v1/exams` and the HL7 listener alike.
 */
export async function receiveIntake(deps: IntakeDeps, intake: ExamIntake, onReserved?: (examId: string) => void): Promise<IntakeOutcome> {
  const inTransaction: IntakeTransaction = deps.inTransaction ?? ((change) => deps.db.transaction().execute((trx) => change(trx as unknown as Db)));
  const reservation = { accessionNumber: intake.accessionNumber, examId: newExamId(), bodySha256: createHash('sha256').update(canonicalJson(intake)).digest('hex') };
  const reserve = (withRow: boolean) =>
    inTransaction(async (trx) => {
      const claim = await claimAccessionNumber(trx, reservation);
      // the exam's id is known before its workflow starts (the API's audit names it even when the start fails)
      onReserved?.(claim.examId);
      // Also on a repeat: an order reserved before its row was written by the intake gets it now.
      if (withRow && claim.outcome !== 'conflict') await recordExamRow(trx, { examId: claim.examId, intake, receivedAt: claim.receivedAt });
      return claim;
    });
  let claim: IntakeClaim;
  let recorded = true;
  try {
    claim = await reserve(true);
  } catch (err) {
    // An order the records cannot store is reserved without its row; the exam turns it into the front desk's
    // interface-error, as it always did.
    if (!isUnstorable(err)) throw err;
    recorded = false;
    claim = await reserve(false);
  }
  if (claim.outcome === 'conflict') return { outcome: 'conflict', examId: claim.examId };
  // Also on a repeat: a crash between the reservation and the start is healed by the client's retry.
  await startExamWorkflow(deps, { examId: claim.examId, intake, receivedAt: claim.receivedAt, ...(recorded ? { intakeRecorded: true } : {}) });
  return { outcome: claim.outcome, examId: claim.examId };
}
