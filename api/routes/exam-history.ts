import type { temporal as proto } from '@temporalio/proto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { decodeArrayFromPayloads } from '@temporalio/common/lib/internal-non-workflow';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { TimelineRecord, TransitionRecord } from '../../workflows/exam/transition-record';
import { examWorkflowId } from '../../workflows/names';
import { notFound } from '../errors';
import { ExamIdParams, assertExamExists } from '../exam-lookup';
import { type DecodedHistoryEvent, type TimelineEntry, buildTimeline } from '../exam-timeline';
import { z } from 'zod';
import { errorResponses } from '../schemas/common';

const MAX_RUNS = 50;

const TIMELINE_KINDS = [
  'run-started', 'continued-as-new', 'run-completed', 'event', 'phase-changed', 'task-opened', 'task-closed', 'task-escalated',
  'timer-set', 'timer-cancelled', 'timer-fired', 'document-sent', 'document-received', 'work',
] as const satisfies readonly TimelineEntry['kind'][];

const ExamHistory = z.object({
  examId: z.string(),
  workflowId: z.string(),
  /** oldest first; each run's history in the Temporal Web UI when its address is configured */
  runs: z.array(z.object({ runId: z.string(), temporalUiUrl: z.string().nullable() })),
  /** oldest first; no patient data */
  timeline: z.array(
    z.object({
      at: z.string(),
      runId: z.string(),
      kind: z.enum(TIMELINE_KINDS),
      summary: z.string(),
      /** the token subject of the person or system behind the line */
      who: z.string().optional(),
      /** the ids the line is about (claim, version, task, document, ...) */
      ref: z.record(z.string(), z.union([z.string(), z.number(), z.null()]).optional()).optional(),
    }),
  ),
});

function isoOf(ts: { seconds?: { toString(): string } | number | null; nanos?: number | null } | null | undefined): string {
  if (!ts) return '';
  return new Date(Number(ts.seconds ?? 0) * 1000 + Math.floor((ts.nanos ?? 0) / 1e6)).toISOString();
}

/**
 * A run's history events with its locally recorded transitions put in at their time: a transition is recorded at the
 * start of the workflow task that made it, so it follows what came before that task (a signal, a fired timer) and
 * precedes what the task sent (an activity scheduled at the task's completion).
 */
function withTransitions(events: DecodedHistoryEvent[], transitions: DecodedHistoryEvent[]): DecodedHistoryEvent[] {
  const out: DecodedHistoryEvent[] = [];
  let i = 0;
  for (const e of events) {
    while (i < transitions.length && transitions[i]!.at < e.at) out.push(transitions[i++]!);
    out.push(e);
  }
  return out.concat(transitions.slice(i));
}

export const examHistoryRoutes: FastifyPluginAsyncZod<{ temporalUiUrl?: string; namespace: string }> = async (app, opts) => {
  const { temporal, db } = app;
  const converter = temporal.options.loadedDataConverter;

  async function decodeFirst(payloads: proto.api.common.v1.IPayloads | null | undefined): Promise<Record<string, unknown>> {
    const [first] = await decodeArrayFromPayloads(converter, payloads?.payloads ?? []);
    return first && typeof first === 'object' ? (first as Record<string, unknown>) : {};
  }

  async function decodeRun(workflowId: string, runId: string): Promise<{ events: DecodedHistoryEvent[]; previous: string | null }> {
    const history = await temporal.workflow.getHandle(workflowId, runId).fetchHistory();
    const out: DecodedHistoryEvent[] = [];
    let previous: string | null = null;
    for (const e of history.events ?? []) {
      const at = isoOf(e.eventTime);
      if (e.workflowExecutionStartedEventAttributes) {
        previous = e.workflowExecutionStartedEventAttributes.continuedExecutionRunId || null;
        out.push({ type: 'started', at, runId, continuedFrom: previous });
      } else if (e.workflowExecutionContinuedAsNewEventAttributes) {
        out.push({ type: 'continued-as-new', at, runId, newRunId: e.workflowExecutionContinuedAsNewEventAttributes.newExecutionRunId ?? null });
      } else if (e.workflowExecutionCompletedEventAttributes) {
        out.push({ type: 'completed', at, runId });
      } else if (e.activityTaskScheduledEventAttributes) {
        const a = e.activityTaskScheduledEventAttributes;
        const name = a.activityType?.name ?? '';
        const input = await decodeFirst(a.input);
        if (name === 'recordTransition') out.push({ type: 'transition', at, runId, record: input as unknown as TransitionRecord });
        else out.push({ type: 'activity', at, runId, name, input });
      } else if (e.workflowExecutionSignaledEventAttributes) {
        const s = e.workflowExecutionSignaledEventAttributes;
        out.push({ type: 'signal', at, runId, name: s.signalName ?? '', input: await decodeFirst(s.input) });
      }
    }
    return { events: out, previous };
  }

  app.get(
    '/v1/exams/:examId/history',
    {
      config: { access: { roles: ['supervisor'] }, audit: { objectType: 'exam', reads: true } },
      schema: { tags: ['exams'], summary: 'Readable timeline of the exam from the Temporal history of all its runs', params: ExamIdParams, response: { 200: ExamHistory, ...errorResponses(404) } },
    },
    async (request) => {
      const { examId } = request.params;
      await assertExamExists(db, examId);
      const workflowId = examWorkflowId(examId);
      let latest: string;
      try {
        latest = (await temporal.workflow.getHandle(workflowId).describe()).runId;
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) throw notFound('exam history');
        throw err;
      }
      const runs: { runId: string; events: DecodedHistoryEvent[] }[] = [];
      let runId: string | null = latest;
      while (runId && runs.length < MAX_RUNS) {
        const decoded = await decodeRun(workflowId, runId);
        runs.unshift({ runId, events: decoded.events });
        runId = decoded.previous;
      }
      // Transitions recorded locally are in PostgreSQL, not in the run's history: each goes in at its time.
      const recorded = await db
        .selectFrom('exam_transitions')
        .select(['run_id', 'seq', 'at', 'record'])
        .where('exam_id', '=', examId)
        .orderBy('at')
        .orderBy('seq')
        .execute();
      for (const run of runs) {
        const fromHistory = new Set(run.events.flatMap((e) => (e.type === 'transition' ? [e.record.seq] : [])));
        const rows = recorded.filter((r) => r.run_id === run.runId && !fromHistory.has(r.seq));
        if (rows.length > 0) run.events = withTransitions(run.events, rows.map((r) => ({ type: 'transition', at: new Date(r.at).toISOString(), runId: run.runId, record: r.record as unknown as TimelineRecord })));
      }
      const link = (id: string) => (opts.temporalUiUrl ? `${opts.temporalUiUrl}/namespaces/${encodeURIComponent(opts.namespace)}/workflows/${encodeURIComponent(workflowId)}/${id}/history` : null);
      return {
        examId,
        workflowId,
        runs: runs.map((r) => ({ runId: r.runId, temporalUiUrl: link(r.runId) })),
        timeline: buildTimeline(runs.flatMap((r) => r.events)),
      };
    },
  );
};
