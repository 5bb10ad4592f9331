import { secondaryClaimIdFor } from '../domain/lifecycle/claim-flow';
import type { TimelineRecord } from '../workflows/exam/transition-record';

/** One line of an exam's history as a supervisor reads it. */
export interface TimelineEntry {
  at: string;
  runId: string;
  kind:
    | 'run-started'
    | 'continued-as-new'
    | 'run-completed'
    | 'event'
    | 'phase-changed'
    | 'task-opened'
    | 'task-closed'
    | 'task-escalated'
    | 'timer-set'
    | 'timer-cancelled'
    | 'timer-fired'
    | 'document-sent'
    | 'document-received'
    | 'work';
  summary: string;
  who?: string;
  ref?: Record<string, string | number | null>;
}

/** What the history route hands over, per history event, after decoding payloads. */
export type DecodedHistoryEvent =
  | { type: 'started'; at: string; runId: string; continuedFrom: string | null }
  | { type: 'continued-as-new'; at: string; runId: string; newRunId: string | null }
  | { type: 'completed'; at: string; runId: string }
  | { type: 'transition'; at: string; runId: string; record: TimelineRecord }
  | { type: 'activity'; at: string; runId: string; name: string; input: Record<string, unknown> }
  | { type: 'signal'; at: string; runId: string; name: string; input: Record<string, unknown> };

const SENT: Record<string, string> = {
  submitClaim: 'claim (837) submitted',
  submitSecondaryClaim: 'secondary claim (837, coordination of benefits) submitted',
  submitAppeal: 'appeal submitted',
  checkEligibility: 'eligibility inquiry (270) sent',
  requestPriorAuth: 'prior authorization request (278) sent',
  claimStatusInquiry: 'claim status inquiry (276) sent',
};

const str = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);

/** Turns decoded history events of every run into timeline entries, oldest first. No patient data. */
export function buildTimeline(events: DecodedHistoryEvent[]): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const e of events) {
    const base = { at: e.at, runId: e.runId };
    switch (e.type) {
      case 'started':
        out.push({ ...base, kind: 'run-started', summary: e.continuedFrom ? 'run continued from the previous one (continue-as-new)' : 'exam workflow started' });
        break;
      case 'continued-as-new':
        out.push({ ...base, kind: 'continued-as-new', summary: 'history handed over to a new run, state carried whole', ref: { newRunId: e.newRunId } });
        break;
      case 'completed':
        out.push({ ...base, kind: 'run-completed', summary: 'exam workflow finished' });
        break;
      case 'activity': {
        const summary = SENT[e.name];
        if (!summary) break;
        // The secondary claim goes out under its own id (the activity is given the primary's).
        const primaryId = str(e.input.claimId);
        const claimId = e.name === 'submitSecondaryClaim' && primaryId ? secondaryClaimIdFor(primaryId) : primaryId;
        out.push({
          ...base, kind: 'document-sent', summary,
          ref: { claimId, version: str(e.input.version), level: str(e.input.level), ...(e.name === 'submitSecondaryClaim' ? { payerId: str(e.input.secondaryPayerId), primaryClaimId: primaryId } : {}) },
        });
        break;
      }
      case 'signal': {
        if (e.name === 'claimAcknowledged') {
          const accepted = e.input.accepted === true;
          out.push({ ...base, kind: 'document-received', summary: `${str(e.input.kind) ?? 'acknowledgment'} ${accepted ? 'accepted' : 'rejected'} the claim`, ref: { documentId: str(e.input.documentId), claimId: str(e.input.claimId), version: str(e.input.claimVersion) } });
        } else if (e.name === 'remittanceReceived') {
          const remittance = (e.input.remittance ?? {}) as Record<string, unknown>;
          const adjudication = (e.input.adjudication ?? {}) as Record<string, unknown>;
          out.push({ ...base, kind: 'document-received', summary: 'remittance (835) received', ref: { documentId: str(remittance.documentId), claimId: str(adjudication.claimId), paidCents: str(adjudication.paidCents) } });
        } else if (e.name === 'policyChanged') {
          out.push({ ...base, kind: 'event', summary: 'payer policy changed' });
        }
        break;
      }
      case 'transition': {
        const r = e.record;
        const who = r.cause.actor ? `${r.cause.actor.sub} (${r.cause.actor.role})` : undefined;
        if (r.cause.eventType === 'timer-fired') out.push({ ...base, kind: 'timer-fired', summary: `timer fired: ${timerKind(r.cause.eventId)}`, ref: { timerId: r.cause.eventId.replace(/^timer:/, '') } });
        else if (r.cause.eventType === 'task-resolved') {
          const task = r.tasks.find((t) => t.taskId === r.cause.taskId);
          out.push({ ...base, kind: 'task-closed', summary: `task ${task?.type ?? ''} resolved: ${task?.resolutionAction ?? ''}`.trim(), who, ref: { taskId: r.cause.taskId ?? null } });
        } else if (r.cause.eventType === 'performed' && r.cause.technologist) {
          // the performed facts: who performed the exam (staff, not billed)
          const t = r.cause.technologist;
          const name = [t.givenName, t.familyName].filter(Boolean).join(' ');
          out.push({ ...base, kind: 'event', summary: `performed by technologist ${t.id}${name ? ` (${name})` : ''}`, who, ref: { eventId: r.cause.eventId, technologistId: t.id } });
        } else out.push({ ...base, kind: 'event', summary: r.cause.eventType, who, ref: { eventId: r.cause.eventId } });
        for (const x of r.effects) {
          switch (x.type) {
            case 'phase-changed':
              out.push({ ...base, kind: 'phase-changed', summary: `${x.from} -> ${x.to}` });
              break;
            case 'task-opened':
              out.push({ ...base, kind: 'task-opened', summary: `task ${x.taskType} opened for ${x.queue} (${x.priority}), due ${x.dueAt}`, ref: { taskId: x.taskId, claimId: x.claimId } });
              break;
            case 'task-closed':
              if (x.status !== 'resolved' || x.taskId !== r.cause.taskId) out.push({ ...base, kind: 'task-closed', summary: `task ${x.status}`, ref: { taskId: x.taskId } });
              break;
            case 'task-escalated':
              out.push({ ...base, kind: 'task-escalated', summary: `task escalated to ${x.priority}`, ref: { taskId: x.taskId } });
              break;
            case 'timer-set':
              out.push({ ...base, kind: 'timer-set', summary: `timer ${x.kind} set for ${x.dueAt}`, ref: { timerId: x.timerId, claimId: x.claimId } });
              break;
            case 'timer-cancelled':
              out.push({ ...base, kind: 'timer-cancelled', summary: `timer ${timerKind(x.timerId)} cancelled`, ref: { timerId: x.timerId } });
              break;
            case 'work':
              out.push({ ...base, kind: 'work', summary: x.detail ? `${x.what}: ${x.detail}` : x.what, ref: { claimId: x.claimId ?? null, version: x.version ?? null } });
              break;
          }
        }
        break;
      }
    }
  }
  return out;
}

/** Timer ids read `<examId>:timer-<kind>:<n>`. */
function timerKind(id: string): string {
  return /:timer-([a-z0-9-]+):\d+$/.exec(id)?.[1] ?? 'timer';
}
