import { sql } from 'kysely';
import type { Db } from '../db/database';
import { PRIORITY_RANK } from '../domain/lifecycle';
import type { PayerPolicy } from '../domain/policy';
import { storedPolicy } from './claims/payer-policy';
import type { CoverageUpdate } from '../domain/lifecycle';
import { type TransitionRecord, timelineRecord } from '../workflows/exam/transition-record';

export interface LifecycleRecordsDeps {
  db: Db;
}

/** Reads and writes of the exam lifecycle's projections. Each is one write, or reads then a write. */
export function createLifecycleRecordActivities({ db }: LifecycleRecordsDeps) {
  return {
    /** The payer's current policy; null for an unknown or inactive payer. */
    async loadPayerPolicy(input: { payerId: string }): Promise<{ policy: PayerPolicy | null }> {
      const row = await db.selectFrom('payers').select(['policy', 'active']).where('payer_id', '=', input.payerId).executeTakeFirst();
      if (!row || !row.active) return { policy: null };
      return { policy: storedPolicy(input.payerId, row.policy) };
    },

    /**
     * One exam transition: the exam's phase and flags, and every task it touched, in one database
     * transaction. Idempotent and ordered: a row is only overwritten by the same or a later transition.
     */
    async recordTransition(record: TransitionRecord): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('exams')
          .set({
            phase: record.phase,
            status: record.status,
            escalated: record.escalated,
            updated_at: record.at,
            ...(record.view ? { exam_view: JSON.stringify(record.view), exam_view_seq: record.seq } : {}),
          })
          .where('exam_id', '=', record.examId)
          // the API wrote a later transition's view from the exam's answer: the row stays at that one
          .where((eb) => eb.or([eb('exam_view_seq', 'is', null), eb('exam_view_seq', '<=', record.seq)]))
          .execute();
        // The supervisor's timeline line of this transition (a run that records them locally has them only here).
        if (record.runId) {
          await trx
            .insertInto('exam_transitions')
            .values({ exam_id: record.examId, run_id: record.runId, seq: record.seq, at: record.at, record: JSON.stringify(timelineRecord(record)) })
            .onConflict((oc) => oc.columns(['exam_id', 'run_id', 'seq']).doNothing())
            .execute();
        }
        for (const t of record.tasks) {
          const values = {
            task_id: t.taskId,
            exam_id: record.examId,
            type: t.type,
            queue: t.queue,
            priority: t.priority,
            priority_rank: PRIORITY_RANK[t.priority],
            claim_id: t.claimId,
            status: t.status,
            escalated: t.escalated,
            due_at: t.dueAt,
            opened_at: t.openedAt,
            closed_at: t.closedAt,
            context: JSON.stringify(t.context),
            resolution_action: t.resolutionAction,
            resolved_by: t.resolvedBy,
            version: record.seq,
          };
          await trx
            .insertInto('tasks')
            .values(values)
            .onConflict((oc) =>
              oc
                .column('task_id')
                .doUpdateSet({
                  priority: (eb) => eb.ref('excluded.priority'),
                  priority_rank: (eb) => eb.ref('excluded.priority_rank'),
                  status: (eb) => eb.ref('excluded.status'),
                  escalated: (eb) => eb.ref('excluded.escalated'),
                  due_at: (eb) => eb.ref('excluded.due_at'),
                  closed_at: (eb) => eb.ref('excluded.closed_at'),
                  context: (eb) => eb.ref('excluded.context'),
                  resolution_action: (eb) => eb.ref('excluded.resolution_action'),
                  resolved_by: (eb) => eb.ref('excluded.resolved_by'),
                  version: (eb) => eb.ref('excluded.version'),
                  updated_at: sql`now()`,
                })
                .where('tasks.version', '<=', (eb) => eb.ref('excluded.version')),
            )
            .execute();
        }
      });
    },

    /**
     * The patient's registration as the source sent it since intake (demographics, coverages): the exam's records
     * follow, so that the claims and statements made from now on carry it.
     */
    async recordRegistration(input: { examId: string; patient: Record<string, unknown>; coverages: Record<string, unknown>[] }): Promise<void> {
      await db.updateTable('exams').set({ patient: JSON.stringify(input.patient), coverages: JSON.stringify(input.coverages), updated_at: new Date() }).where('exam_id', '=', input.examId).execute();
    },

    /** The order as the source changed it before the exam was performed (procedures, ordering provider). */
    async recordOrder(input: { examId: string; order: Record<string, unknown> }): Promise<void> {
      await db.updateTable('exams').set({ order: JSON.stringify(input.order), updated_at: new Date() }).where('exam_id', '=', input.examId).execute();
    },

    /** A person corrected the primary coverage (payer, member id): the read model follows. */
    async updateCoverage(input: { examId: string; coverage: CoverageUpdate }): Promise<void> {
      const row = await db.selectFrom('exams').select('coverages').where('exam_id', '=', input.examId).executeTakeFirst();
      if (!row) return;
      const coverages = (row.coverages as Record<string, unknown>[]).map((c) =>
        c.order === 'primary' ? { ...c, ...input.coverage } : c,
      );
      await db.updateTable('exams').set({ coverages: JSON.stringify(coverages), updated_at: new Date() }).where('exam_id', '=', input.examId).execute();
    },
  };
}
