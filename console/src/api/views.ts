/**
 * The shapes the screens read, for the responses whose schema the OpenAPI document does not (yet) spell
 * out; the rest come from the generated types (schema.d.ts) through `Ok`.
 */
import type { paths } from './schema';

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
/** The JSON body of a 200 answer of a route in the generated document. */
export type Ok<P extends keyof paths, M extends 'get' | 'post' | 'put' = 'get'> = paths[P][M] extends { responses: { 200: infer R } } ? JsonOf<R> : never;

export interface Task {
  taskId: string;
  examId: string | null;
  type: string;
  queue: string;
  priority: string;
  claimId: string | null;
  status: string;
  escalated: boolean;
  dueAt: string;
  overdue: boolean;
  openedAt: string;
  closedAt: string | null;
  assignee: string | null;
  resolutionAction: string | null;
  resolvedBy: string | null;
  context: Record<string, unknown>;
}
export interface TaskPage {
  tasks: Task[];
  nextCursor: string | null;
}

export type Exam = Ok<'/v1/exams/{examId}'>;
export type ClaimDetail = Ok<'/v1/claims/{claimId}'>;
export type ClaimList = Ok<'/v1/claims'>;
export type Ledger = Ok<'/v1/exams/{examId}/ledger'>;
export type AgingReport = Ok<'/v1/reports/ar-aging'>;
export type KpiReport = Ok<'/v1/reports/kpis'>;
export type DenialReport = Ok<'/v1/reports/denials'>;
export type AuditPage = Ok<'/v1/audit'>;
export type AuditVerify = Ok<'/v1/audit/verify'>;
export type FileStatus = Ok<'/v1/remittances/{fileId}'>;
export type Accepted = Ok<'/v1/remittances', 'post'>;

export interface DocumentList {
  documents: { documentId: string; kind: string; claimId: string | null; contentType: string; sizeBytes: number; sha256: string; createdAt: string; href: string }[];
}

export interface TimelineItem {
  at: string;
  runId: string;
  kind: string;
  summary: string;
  who?: string;
  ref?: Record<string, string | number | null>;
}
export interface History {
  examId: string;
  workflowId: string;
  runs: { runId: string; temporalUiUrl: string | null }[];
  timeline: TimelineItem[];
}

export interface PayerList {
  payers: { payerId: string; name: string; payerType: string; active: boolean; version: number }[];
}
export interface PayerDetail {
  payerId: string;
  version: number;
  updatedAt: string;
  updatedBy: string | null;
  policy: Record<string, unknown>;
}
export interface OrgRow {
  id?: string;
  npi?: string;
  version?: number;
  updatedAt?: string;
  [key: string]: unknown;
}
