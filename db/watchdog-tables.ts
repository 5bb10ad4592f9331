import type { ColumnType, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** What the watchdog last saw of an exam it checked against Temporal (codes only, no PHI). */
export interface ExamWatchdogCheckTable {
  exam_id: string;
  checked_at: Timestamp;
  /** the exam's `updated_at` when checked: a later change makes the check stale */
  exam_updated_at: Timestamp;
  verdict: 'healthy' | 'stalled' | 'inconclusive';
  /** the exam's next timer: unchanged until then, it is not asked again */
  healthy_until: NullableTimestamp;
  /** a supervisor acknowledged it stalled: unchanged until then, no new `stalled-exam` task */
  acknowledged_until: NullableTimestamp;
  seen: JSONColumnType<Record<string, unknown>>;
}

/** A supervisor's acknowledgment of a `stalled-exam` task, with the plan. */
export interface StalledExamAcknowledgmentTable {
  task_id: string;
  exam_id: string;
  plan: string;
  note: string | null;
  acknowledged_by: string;
  acknowledged_at: Timestamp;
}

/** The last sweep of a watchdog and what it found. */
export interface WatchdogSweepTable {
  name: string;
  swept_at: Timestamp;
  candidates: number;
  checked: number;
  stalled: number;
  opened: number;
  superseded: number;
  inconclusive: number;
}
