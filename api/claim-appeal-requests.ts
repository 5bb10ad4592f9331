import { z } from 'zod';
import type { Db } from '../db/database';

/** A written appeal request or reopening of the claim: its vehicle, deadline and PDF. */
export const AppealRequestView = z.object({
  version: z.number(),
  /** 0: a reopening */
  level: z.number(),
  levelName: z.string(),
  /** the payer it is filed with (a secondary claim's: the secondary payer) */
  payerId: z.string(),
  vehicle: z.string(),
  form: z.string().nullable(),
  documentId: z.string(),
  /** the 835 date the deadline counts from, and the last day to file (YYYY-MM-DD) */
  remittanceDate: z.string(),
  deadline: z.string(),
  disputedCents: z.number(),
  /** filed: delivered to the payer electronically; to-send: staff send the PDF */
  status: z.string(),
  filedAt: z.string().nullable(),
  href: z.string(),
});
export type AppealRequestView = z.infer<typeof AppealRequestView>;

/** The claim's appeal requests, oldest first. */
export async function claimAppealRequests(db: Db, claimId: string): Promise<AppealRequestView[]> {
  const rows = await db.selectFrom('appeal_requests').selectAll().where('claim_id', '=', claimId).orderBy('created_at').orderBy('level').execute();
  return rows.map((r) => ({
    version: r.version, level: r.level, levelName: r.level_name, payerId: r.payer_id, vehicle: r.vehicle, form: r.form, documentId: r.document_id,
    remittanceDate: r.remittance_date, deadline: r.deadline, disputedCents: Number(r.disputed_cents), status: r.status,
    filedAt: r.filed_at ? new Date(r.filed_at).toISOString() : null,
    href: `/v1/exams/${r.exam_id}/documents/${encodeURIComponent(r.document_id)}`,
  }));
}
