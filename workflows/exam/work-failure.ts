import { ActivityFailure, ApplicationFailure, TimeoutFailure } from '@temporalio/workflow';
import type { Effect, ExamEventOf } from '../../domain/lifecycle';

/** The patch that turns an activity failing for good into the lifecycle's `work-failed` (a task), instead of failing the exam. */
export const WORK_FAILURE_PATCH = 'exam-work-failure-tasks';

const MAX_DETAILS = 50;
const code = (v: unknown): string | undefined => (typeof v === 'string' && /^[A-Za-z0-9_.:*/@ -]{1,100}$/.test(v) ? v : undefined);

/**
 * What a failure's details say, as codes and element references only (an X12 finding becomes
 * `DELIMITER_IN_VALUE@2010BA/N3/N301`): values, messages and anything else that could carry patient
 * data are left out.
 */
export function failureDetails(details: readonly unknown[] | undefined | null): string[] {
  const out: string[] = [];
  for (const d of details ?? []) {
    if (!d || typeof d !== 'object') continue;
    const record = d as Record<string, unknown>;
    const findings = Array.isArray(record.findings) ? (record.findings as Record<string, unknown>[]) : [];
    for (const f of findings) {
      const c = code(f?.code);
      if (!c) continue;
      const where = [code(f.loop), code(f.segment), code(f.element)].filter(Boolean).join('/');
      out.push(where ? `${c}@${where}` : c);
    }
    const c = code(record.code);
    if (c) out.push(c);
  }
  return out.slice(0, MAX_DETAILS);
}

/** The failure of an activity as the lifecycle keeps it: its type, its message (activities keep PHI out of it) and its codes. */
export function describeFailure(err: unknown): ExamEventOf<'work-failed'>['failure'] {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (cause instanceof ApplicationFailure) {
    return { type: (cause.type ?? 'ApplicationFailure').slice(0, 100), message: cause.message.slice(0, 500), details: failureDetails(cause.details) };
  }
  if (cause instanceof TimeoutFailure) return { type: 'ActivityTimeout', message: `the work did not finish in time (${cause.timeoutType})`.slice(0, 500), details: [] };
  const message = cause instanceof Error ? cause.message : 'the work failed';
  return { type: cause instanceof Error ? cause.name.slice(0, 100) : 'ActivityFailure', message: message.slice(0, 500), details: [] };
}

/** The lifecycle event for work that failed for good: the effect as it was emitted (run again on `retry`) and the failure. */
export function workFailedEvent(effect: Effect, failure: ExamEventOf<'work-failed'>['failure'], key: string): ExamEventOf<'work-failed'> {
  return { type: 'work-failed', eventId: `failed:${key}`, effect: JSON.parse(JSON.stringify(effect)) as ExamEventOf<'work-failed'>['effect'], failure };
}
