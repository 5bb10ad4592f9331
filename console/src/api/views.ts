/** The shapes the screens read: the 200 bodies of the generated OpenAPI types (schema.d.ts). */
import type { paths } from './schema';

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
/** The JSON body of a 200 answer of a route in the generated document. */
export type Ok<P extends keyof paths, M extends 'get' | 'post' | 'put' = 'get'> = paths[P][M] extends { responses: { 200: infer R } } ? JsonOf<R> : never;

export type TaskPage = Ok<'/v1/tasks'>;
export type Task = TaskPage['tasks'][number];

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

export type DocumentList = Ok<'/v1/exams/{examId}/documents'>;
export type History = Ok<'/v1/exams/{examId}/history'>;
export type PayerList = Ok<'/v1/payers'>;
export type PayerDetail = Ok<'/v1/payers/{payerId}'>;
export type BillingEntities = Ok<'/v1/billing-entities'>;
export type Facilities = Ok<'/v1/facilities'>;
export type Providers = Ok<'/v1/providers'>;
export type Chargemaster = Ok<'/v1/chargemaster/{entityId}'>;
