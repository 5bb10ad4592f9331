import path from 'node:path';
import { Hl7Message } from '@medplum/core';
import { sql } from 'kysely';
import { openStalledExamTask } from '../../db/repositories/stalled-exams';
import { receiveHl7 } from '../../hl7/process';
import { loadProfiles } from '../../hl7/profile';
import { readMessages } from '../../hl7/send';
import { type ApiHarness, bearer, startApiHarness } from '../support/api-harness';
import { readSample } from '../domain/x12/support/samples';

/**
 * Changes made in PostgreSQL by payer-file uploads and by the resolutions of work no exam's workflow owns
 * (unmatched remittances, stalled exams, HL7 interface errors) are committed with their audit row, or not at
 * all; the part of a change that reaches an exam through Temporal is recorded as intended before it is made.
 */
let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(async () => h?.close());

const rowsOf = async (res: { headers: Record<string, unknown> }) =>
  h.database.db.selectFrom('audit_log').select(['status_code', 'object_id', 'actor_sub', 'request_id']).where('request_id', '=', String(res.headers['x-request-id'])).orderBy('id').execute();

/**
 * While `work` runs, PostgreSQL refuses every outcome row of `action` (an intent row, status 102, still goes in),
 * as a full disk or a lost connection at the moment of the audit write would.
 */
async function withAuditFailing<T>(action: string, work: () => Promise<T>): Promise<T> {
  const db = h.database.db;
  await sql.raw(`CREATE OR REPLACE FUNCTION test_audit_fails() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN IF NEW.action = '${action}' AND NEW.status_code <> 102 THEN RAISE EXCEPTION 'audit write failed'; END IF; RETURN NEW; END $$`).execute(db);
  await sql`CREATE TRIGGER test_audit_fails BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION test_audit_fails()`.execute(db);
  try {
    return await work();
  } finally {
    await sql`DROP TRIGGER test_audit_fails ON audit_log`.execute(db);
  }
}

/** A payer's 835 (claims that are none of ours) under a trace number of its own. */
const remittance = (trace: string) => Buffer.from(readSample('835', 'tasty__profee.edi')).toString('utf8').replace(/TRN\*1\*[^*~]+/, `TRN*1*${trace}`);
const upload = (x12: string) =>
  h.app.inject({ method: 'POST', url: '/v1/remittances', headers: { ...bearer(h.tokens.integration), 'content-type': 'application/edi-x12' }, payload: x12 });

async function delivered(fileId: string): Promise<{ unmatchedTaskId: string | null; claims: { claimReference: string }[] }> {
  for (let i = 0; i < 300; i += 1) {
    const file = (await h.app.inject({ method: 'GET', url: `/v1/remittances/${fileId}`, headers: bearer(h.tokens.biller) })).json<{ status: string; unmatchedTaskId: string | null; claims: { claimReference: string }[] }>();
    if (file.status === 'delivered') return file;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the file was not delivered');
}

describe('payer-file uploads', () => {
  test('a stored file and its audit row are one commit: one row, with the file id and the server request id', async () => {
    const res = await upload(remittance('AUD-TX-1'));
    expect(res.statusCode).toBe(202);
    const { fileId } = res.json<{ fileId: string }>();
    expect(await rowsOf(res)).toEqual([{ status_code: 202, object_id: fileId, actor_sub: 'user-integration', request_id: res.headers['x-request-id'] }]);
    // a repeat stores nothing and is recorded as such
    const again = await upload(remittance('AUD-TX-1'));
    expect(again.statusCode).toBe(200);
    expect((await rowsOf(again)).map((r) => [r.status_code, r.object_id])).toEqual([[200, fileId]]);
  });

  test('when the audit row cannot be written, the file is not stored', async () => {
    const res = await withAuditFailing('POST /v1/remittances', () => upload(remittance('AUD-TX-2')));
    expect(res.statusCode).toBe(503);
    const stored = await h.database.db.selectFrom('ingestion_files').select('file_id').where('trace_number', '=', 'AUD-TX-2').execute();
    expect(stored).toEqual([]);
    // sent again once the audit trail works: taken (the first attempt left nothing that would make it a repeat)
    const retry = await upload(remittance('AUD-TX-2'));
    expect(retry.statusCode).toBe(202);
  });
});

describe('resolutions of work no workflow owns', () => {
  let unmatchedTask: string;
  let references: string[];
  beforeAll(async () => {
    const res = await upload(remittance('AUD-TX-UNM'));
    const file = await delivered(res.json<{ fileId: string }>().fileId);
    unmatchedTask = file.unmatchedTaskId!;
    references = file.claims.map((c) => c.claimReference);
    expect(unmatchedTask).toBeTruthy();
  });
  const resolve = (taskId: string, payload: unknown, role: 'biller' | 'supervisor' | 'front_desk' = 'biller') =>
    h.app.inject({ method: 'POST', url: `/v1/tasks/${taskId}/resolve`, headers: bearer(h.tokens[role]), payload: payload as object });
  const claimStatus = async (reference: string) =>
    (await h.database.db.selectFrom('unmatched_remittance_claims').select('status').where('task_id', '=', unmatchedTask).where('claim_reference', '=', reference).executeTakeFirstOrThrow()).status;

  test('unmatched remittance: a resolution whose audit row fails is not made; a normal one leaves one row', async () => {
    const [first] = references;
    const failed = await withAuditFailing('POST /v1/tasks/:taskId/resolve', () => resolve(unmatchedTask, { action: 'not-ours', note: 'another provider', claimReference: first }));
    expect(failed.statusCode).toBe(503);
    expect(await claimStatus(first!)).toBe('open');

    const ok = await resolve(unmatchedTask, { action: 'not-ours', note: 'another provider', claimReference: first });
    expect(ok.statusCode).toBe(200);
    expect(await claimStatus(first!)).toBe('resolved');
    expect(await rowsOf(ok)).toEqual([{ status_code: 200, object_id: unmatchedTask, actor_sub: 'user-biller', request_id: ok.headers['x-request-id'] }]);
  });

  test('unmatched remittance matched to an exam: the delivery to the exam is recorded as intended before it is attempted', async () => {
    const file = await delivered((await upload(remittance('AUD-TX-UNM2'))).json<{ fileId: string }>().fileId);
    const res = await resolve(file.unmatchedTaskId!, { action: 'matched', examId: 'exm_none_such', claimReference: file.claims[0]!.claimReference });
    expect(res.statusCode).toBe(422);
    expect((await rowsOf(res)).map((r) => r.status_code)).toEqual([102, 422]);
  });

  test('stalled exam: an acknowledgment whose audit row fails is not made; a normal one leaves one row', async () => {
    const { ExamDriver } = await import('../support/exam-driver');
    const examId = await new ExamDriver(h).intake({ memberId: 'INACTIVE-3001' });
    const taskId = (await openStalledExamTask(h.database.db, { examId, at: new Date(), dueHours: 24, seen: {} }))!;
    const status = async () => (await h.database.db.selectFrom('tasks').select('status').where('task_id', '=', taskId).executeTakeFirstOrThrow()).status;
    const acks = async () => (await h.database.db.selectFrom('stalled_exam_acknowledgments').select('task_id').where('task_id', '=', taskId).execute()).length;

    const failed = await withAuditFailing('POST /v1/tasks/:taskId/resolve', () => resolve(taskId, { action: 'acknowledge', plan: 'payer called' }, 'supervisor'));
    expect(failed.statusCode).toBe(503);
    expect([await status(), await acks()]).toEqual(['open', 0]);

    const ok = await resolve(taskId, { action: 'acknowledge', plan: 'payer called' }, 'supervisor');
    expect(ok.statusCode).toBe(200);
    expect([await status(), await acks()]).toEqual(['resolved', 1]);
    expect(await rowsOf(ok)).toEqual([{ status_code: 200, object_id: taskId, actor_sub: 'user-supervisor', request_id: ok.headers['x-request-id'] }]);
  });

  test('HL7 interface error: a cancel whose audit row fails is not made; a replay is recorded as intended first, then with its outcome', async () => {
    const fixtures = path.join(__dirname, '..', 'fixtures', 'hl7');
    const deps = { db: h.database.db, temporal: h.env.client, taskQueue: h.config.temporal.taskQueue, deadlineMs: 10_000, profiles: loadProfiles(path.join(fixtures, 'profiles')), payloadKeys: h.config.payloadKeys };
    const [message] = readMessages(path.join(fixtures, 'orm-o01-bad-birth-date.hl7'));
    await receiveHl7(deps, Hl7Message.parse(message!));
    const row = await h.database.db.selectFrom('hl7_messages').select(['id', 'task_id']).where('control_id', '=', 'NR-0201').executeTakeFirstOrThrow();
    const taskId = row.task_id!;
    const status = async () => (await h.database.db.selectFrom('tasks').select('status').where('task_id', '=', taskId).executeTakeFirstOrThrow()).status;

    const replay = await h.app.inject({ method: 'POST', url: `/v1/interface/messages/${row.id}/replay`, headers: bearer(h.tokens.supervisor) });
    expect(replay.statusCode).toBe(200);
    expect((await rowsOf(replay)).map((r) => [r.status_code, r.object_id])).toEqual([[102, String(row.id)], [200, String(row.id)]]);

    const failed = await withAuditFailing('POST /v1/tasks/:taskId/resolve', () => resolve(taskId, { action: 'cancel', reason: 'sent again by the RIS' }, 'front_desk'));
    expect(failed.statusCode).toBe(503);
    expect(await status()).toBe('open');

    const ok = await resolve(taskId, { action: 'cancel', reason: 'sent again by the RIS' }, 'front_desk');
    expect(ok.statusCode).toBe(200);
    expect(await status()).toBe('resolved');
    expect(await rowsOf(ok)).toEqual([{ status_code: 200, object_id: taskId, actor_sub: 'user-front_desk', request_id: ok.headers['x-request-id'] }]);
  });
});
