import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { SubmitClaimInput } from '../../activities/claims/map-claim-837';
import type { Db } from '../../db/database';
import { ExamIntakeSchema } from '../../workflows/exam/intake';
import { sampleIntake } from '../support/intake-fixture';

export function newExamId(): string {
  return `ex_${BigInt(`0x${randomBytes(16).toString('hex')}`).toString(36).padStart(20, '0').slice(-20)}`;
}

/** An exam's read model row, as recordExamIntake writes it. */
export async function insertExam(db: Db, memberId = '1EG4TE5MK73', examId = newExamId()): Promise<string> {
  const intake = ExamIntakeSchema.parse(sampleIntake({ coverages: [{ payerId: 'medicare-b', memberId, relationship: 'self', order: 'primary' }] }));
  await db.insertInto('exams').values({
    exam_id: examId, accession_number: intake.accessionNumber, facility_id: intake.facility.id, patient: JSON.stringify(intake.patient),
    coverages: JSON.stringify(intake.coverages), order: JSON.stringify(intake.order), phase: 'submission', status: 'open', scheduled_at: intake.order.scheduledAt,
  }).execute();
  return examId;
}

export function claimSubmission(examId: string, overrides: Partial<SubmitClaimInput> = {}): SubmitClaimInput {
  const claimId = `${examId}-G`;
  return {
    examId, claimId, version: 1, idempotencyKey: `${claimId}:v1`, frequency: '1', component: 'global', payerId: 'medicare-b',
    claim: {
      kind: 'global', billedBy: 'facility', form: '837P', placeOfService: '11', dateOfService: '2026-11-25', diagnoses: ['M54.16'],
      lines: [{ lineNumber: 1, cpt: '72148', modifiers: [], units: 1, chargeCents: 150000, diagnosisPointers: [1] }],
    },
    renderingProviderNpi: '1679576722',
    ...overrides,
  };
}

export interface SentSignal {
  workflowId: string;
  name: string;
  arg: unknown;
}

/** A Temporal client stand-in that records signals (activity tests without a server); every exam workflow runs. */
export function recordingTemporal(): { client: Client; signals: SentSignal[] } {
  const signals: SentSignal[] = [];
  const client = {
    workflow: {
      // a workflow started (an ingestion of a stored payer file) is recorded as a signal to it named `start`
      start: async (_type: string, options: { workflowId: string; args?: unknown[] }) => {
        signals.push({ workflowId: options.workflowId, name: 'start', arg: options.args?.[0] });
        return { workflowId: options.workflowId };
      },
      getHandle: (workflowId: string) => ({
        describe: async () => ({ status: { name: 'RUNNING' } }),
        signal: async (def: { name: string }, arg: unknown) => {
          signals.push({ workflowId, name: def.name, arg });
        },
      }),
    },
  } as unknown as Client;
  return { client, signals };
}
