import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { Db } from '../../db/database';
import {
  type StalledCandidate,
  examStateNow,
  findStalledCandidates,
  openStalledExamTask,
  recordSweep,
  recordWatchdogCheck,
  supersedeStalledExamTasks,
  supersedeStalledTasksOfEndedExams,
} from '../../db/repositories/stalled-exams';
import { DEFAULT_GLOBAL_CONFIG } from '../../domain/policy';
import type { Config } from '../../platform/config';
import { inspectExamWorkflow, judge } from './inspect-exam-workflow';

/** An exam with an open task or a timer ahead has its workflow looked at again after this long. */
const RECHECK_HEALTHY_MS = 24 * 3_600_000;
/** Exams asked of Temporal at the same time. */
const CONCURRENCY = 8;

export interface WatchdogDeps {
  db: Db;
  temporal: Client;
  config: Pick<Config, 'watchdog'>;
}

/** What one sweep did; the counts go to `watchdog_sweeps` (and `/metrics`). */
export interface SweepSummary {
  sweptAt: string;
  candidates: number;
  checked: number;
  stalled: number;
  opened: number;
  superseded: number;
  inconclusive: number;
}

/** Hours a supervisor has for a `stalled-exam` task (global config); also how long an acknowledgment keeps the exam quiet. */
export function stalledExamDueHours(): number {
  return DEFAULT_GLOBAL_CONFIG.policyDefaults.taskDueHours['stalled-exam'];
}

function heartbeat(details: unknown): void {
  try {
    Context.current().heartbeat(details);
  } catch {
    // called outside an activity (a script): nothing to report to
  }
}

/**
 * The safety net of "an open exam always has an activity in flight, a timer that will fire or an open task".
 * One sweep at `at` (the watchdog workflow's clock, the one exam timers and projections are written in):
 * candidates from PostgreSQL (bounded batch), each asked of Temporal; a stalled exam gets one open
 * `stalled-exam` task in the supervisor queue with what was seen, and the watchdog closes its own task
 * (superseded) once the exam is healthy again or no longer open.
 */
export function createWatchdogActivities({ db, temporal, config }: WatchdogDeps) {
  return {
    async sweepStalledExams(input: { at: string }): Promise<SweepSummary> {
      const at = new Date(input.at);
      const graceMs = config.watchdog.graceMinutes * 60_000;
      const summary: SweepSummary = { sweptAt: at.toISOString(), candidates: 0, checked: 0, stalled: 0, opened: 0, superseded: 0, inconclusive: 0 };
      summary.superseded += await supersedeStalledTasksOfEndedExams(db, at);
      const candidates = await findStalledCandidates(db, {
        at,
        changedBefore: new Date(at.getTime() - graceMs),
        recheckBefore: new Date(at.getTime() - RECHECK_HEALTHY_MS),
        limit: config.watchdog.batchSize,
      });
      summary.candidates = candidates.length;

      const check = async (c: StalledCandidate) => {
        const sight = await inspectExamWorkflow(temporal, c.examId);
        const verdict = judge(sight, at, graceMs);
        // Acted on only if the exam did not change while it was looked at (an event, a closing).
        const now = await examStateNow(db, c.examId);
        if (!now || now.status !== 'open' || now.updatedAt.getTime() !== c.updatedAt.getTime()) return;
        summary.checked += 1;
        const seen = {
          workflowStatus: sight.workflowStatus,
          pendingActivities: sight.pendingActivities,
          pendingActivityTypes: sight.pendingActivityTypes,
          maxActivityAttempt: sight.maxActivityAttempt,
          workflowTaskAttempt: sight.workflowTaskAttempt,
          workflowTaskScheduledAt: sight.workflowTaskScheduledAt,
          openTasks: sight.openTasks,
          nextTimer: sight.nextTimer,
          phase: sight.phase ?? c.phase,
          examUpdatedAt: c.updatedAt.toISOString(),
          minutesSinceLastChange: Math.floor((at.getTime() - c.updatedAt.getTime()) / 60_000),
          seenAt: at.toISOString(),
        };
        if (verdict.verdict === 'inconclusive') summary.inconclusive += 1;
        if (verdict.verdict === 'stalled') {
          summary.stalled += 1;
          if (!c.stalledTaskId && !c.acknowledged) {
            const opened = await openStalledExamTask(db, { examId: c.examId, at, dueHours: stalledExamDueHours(), seen: { reason: verdict.reason, ...seen } });
            if (opened) summary.opened += 1;
          }
        }
        if (verdict.verdict === 'healthy' && c.stalledTaskId) {
          summary.superseded += await supersedeStalledExamTasks(db, { examIds: [c.examId], at, reason: 'exam-healthy' });
        }
        await recordWatchdogCheck(db, {
          examId: c.examId,
          at,
          examUpdatedAt: c.updatedAt,
          verdict: verdict.verdict,
          healthyUntil: verdict.verdict === 'healthy' ? verdict.healthyUntil : null,
          seen: verdict.verdict === 'stalled' ? { reason: verdict.reason, ...seen } : seen,
        });
      };

      const queue = [...candidates];
      const lanes = Array.from({ length: Math.min(CONCURRENCY, queue.length) }, async () => {
        for (let c = queue.shift(); c; c = queue.shift()) {
          await check(c);
          heartbeat({ left: queue.length });
        }
      });
      await Promise.all(lanes);
      await recordSweep(db, {
        swept_at: at,
        candidates: summary.candidates,
        checked: summary.checked,
        stalled: summary.stalled,
        opened: summary.opened,
        superseded: summary.superseded,
        inconclusive: summary.inconclusive,
      });
      return summary;
    },
  };
}
