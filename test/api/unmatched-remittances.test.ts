import { bundledRefData } from '../../activities/refdata/bundled-refdata';
import { answerEnvelope, respondToClaimFile } from '../../domain/sandbox-payer';
import { build835, parse835 } from '../../domain/x12';
import { REPLAY_CONFIG } from '../replay/replay-key';
import { type ApiHarness, bearer, startApiHarness } from '../support/api-harness';
import { ExamDriver, type TaskJson } from '../support/exam-driver';

let h: ApiHarness;
let d: ExamDriver;

beforeAll(async () => {
  h = await startApiHarness(REPLAY_CONFIG);
  d = new ExamDriver(h);
});
afterAll(async () => h?.close());

const HOUR = 3_600_000;

/** An exam whose claim the payer accepted and never paid: it waits in adjudication for its 835. */
async function examAwaitingPayment(): Promise<{ examId: string; claimId: string }> {
  const examId = await d.intake({ memberId: 'NORESP01' });
  await d.waitPhase(examId, 'awaiting_exam');
  await d.performed(examId);
  await d.report(examId);
  const waiting = await d.waitPhase(examId, 'adjudication');
  return { examId, claimId: waiting.claims[0]!.claimId };
}

/**
 * The payer's answer files to the claim as it was sent (the sandbox payer paying it), under a trace number of
 * its own, with the claim named by `reference` instead of our claim id (a payer keying error, or another provider's claim).
 */
async function payerFiles(claimId: string, trace: string, reference: string): Promise<{ remittance: string; acknowledgment: string }> {
  const sent = await h.app.inject({ method: 'GET', url: `/v1/claims/${claimId}/x12`, headers: bearer(h.tokens.biller) });
  expect(sent.statusCode).toBe(200);
  const files = respondToClaimFile(sent.body.replace('NORESP01', 'PAYLATE1'), bundledRefData(), { date: '2027-01-15', time: '0900' });
  const remit = files.find((f) => f.transactionType === '835');
  const ack = files.find((f) => f.transactionType === '277CA');
  if (!remit || !ack) throw new Error('the sandbox payer sent no 835 or 277CA');
  return {
    remittance: remit.x12.replace(/TRN\*1\*[^*~]+/, `TRN*1*${trace}`).replace(`CLP*${claimId}*`, `CLP*${reference}*`),
    acknowledgment: ack.x12.split(claimId).join(reference),
  };
}

type FileStatus = { fileId: string; status: string; counts: { unmatched: number }; unmatchedTaskId: string | null; claims: { claimReference: string; outcome: string | null; signaled: boolean }[] };

/** Uploads a file (202, or 200 for a repeat) and reads its status URL until its delivery is done. */
async function upload(url: string, x12: string): Promise<{ statusCode: number; duplicate: boolean; file: FileStatus }> {
  const res = await h.app.inject({ method: 'POST', url, headers: { ...bearer(h.tokens.integration), 'content-type': 'application/edi-x12' }, payload: x12 });
  expect([200, 202]).toContain(res.statusCode);
  const { statusUrl, duplicate } = res.json<{ statusUrl: string; duplicate: boolean }>();
  for (let i = 0; i < 300; i += 1) {
    const file = (await h.app.inject({ method: 'GET', url: statusUrl, headers: bearer(h.tokens.biller) })).json<FileStatus>();
    if (file.status === 'delivered') return { statusCode: res.statusCode, duplicate, file };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the file was not delivered');
}

async function unmatchedWork(role: 'biller' | 'supervisor' = 'biller', query = ''): Promise<TaskJson[]> {
  const res = await d.call('GET', `/v1/tasks?type=remittance-unmatched${query}`, role);
  expect(res.status).toBe(200);
  return res.body.tasks as TaskJson[];
}
const byReference = (tasks: TaskJson[], reference: string) => tasks.filter((t) => t.context.claimReference === reference);

test('a claim payment no exam owns is remittance-unmatched work in the biller queue: listed, shown, claimed, not added twice', async () => {
  const { claimId } = await examAwaitingPayment();
  const { remittance } = await payerFiles(claimId, 'UNM0001', 'PCN-OTHER-1');
  const before = Date.now();
  const res = await upload('/v1/remittances', remittance);
  expect(res.statusCode).toBe(202);
  expect(res.file).toMatchObject({ counts: { unmatched: 1 }, claims: [{ claimReference: 'PCN-OTHER-1', outcome: 'unmatched', signaled: false }] });
  const documentId = res.file.fileId;

  const [item, ...more] = byReference(await unmatchedWork('biller', '&queue=biller&status=open'), 'PCN-OTHER-1');
  expect(more).toEqual([]);
  expect(item).toMatchObject({ examId: null, type: 'remittance-unmatched', queue: 'biller', priority: 'normal', status: 'open', overdue: false, assignee: null });
  // due 48 hours after it opened (global config)
  const due = Date.parse(item!.dueAt);
  expect(due).toBeGreaterThanOrEqual(before + 48 * HOUR - 1_000);
  expect(due).toBeLessThanOrEqual(Date.now() + 48 * HOUR + 1_000);
  expect(item!.taskId).not.toContain('PCN-OTHER-1');
  expect(item!.taskId).toBe(res.file.unmatchedTaskId);

  const shown = await d.call('GET', `/v1/tasks/${item!.taskId}`, 'biller');
  expect(shown.status).toBe(200);
  expect(shown.body.context).toMatchObject({
    transactionType: '835', payerId: 'medicare-b', traceNumber: 'UNM0001', claimReference: 'PCN-OTHER-1', documentId, examId: null,
    chargeCents: expect.any(Number), paidCents: expect.any(Number), reason: expect.stringContaining('CLP01'),
  });
  expect((shown.body.context as { paidCents: number }).paidCents).toBeGreaterThan(0);

  // The same 835 again adds nothing.
  const again = await upload('/v1/remittances', remittance);
  expect(again).toMatchObject({ statusCode: 200, duplicate: true, file: { fileId: documentId } });
  expect(byReference(await unmatchedWork('supervisor', '&status=all'), 'PCN-OTHER-1')).toHaveLength(1);

  // Other queues do not see it; claim and release work as for exam tasks.
  expect((await d.call('GET', '/v1/tasks?type=remittance-unmatched', 'front_desk')).body.tasks).toEqual([]);
  const claimed = await d.call('POST', `/v1/tasks/${item!.taskId}/claim`, 'biller');
  expect(claimed).toMatchObject({ status: 200, body: { assignee: 'user-biller' } });
  expect(byReference(await unmatchedWork('biller', '&assignee=user-biller'), 'PCN-OTHER-1')).toHaveLength(1);
  expect((await d.call('POST', `/v1/tasks/${item!.taskId}/release`, 'biller')).body).toMatchObject({ assignee: null });
  expect((await d.resolve(item!.taskId, 'front_desk', { action: 'not-ours', note: 'x' })).status).toBe(403);
});

test('cursor pagination and sort over unmatched work are the work queue\'s own', async () => {
  const { claimId } = await examAwaitingPayment();
  for (const [trace, reference] of [['UNM0101', 'PCN-PAGE-1'], ['UNM0102', 'PCN-PAGE-2'], ['UNM0103', 'PCN-PAGE-3']] as const) {
    expect((await upload('/v1/remittances', (await payerFiles(claimId, trace, reference)).remittance)).statusCode).toBe(202);
  }
  const all = await unmatchedWork('biller', '&limit=200');
  const seen: TaskJson[] = [];
  let cursor: string | null = null;
  do {
    const page = await d.call('GET', `/v1/tasks?type=remittance-unmatched&limit=2${cursor ? `&cursor=${cursor}` : ''}`, 'biller');
    expect(page.status).toBe(200);
    seen.push(...(page.body.tasks as TaskJson[]));
    cursor = page.body.nextCursor as string | null;
  } while (cursor);
  expect(seen.map((t) => t.taskId)).toEqual(all.map((t) => t.taskId));
  expect(new Set(seen.map((t) => t.taskId)).size).toBe(seen.length);
  const dues = seen.map((t) => t.dueAt);
  expect([...dues].sort()).toEqual(dues);
  expect(['PCN-PAGE-1', 'PCN-PAGE-2', 'PCN-PAGE-3'].every((r) => byReference(seen, r).length === 1)).toBe(true);
});

test('matched: the stored payment goes to the exam the biller names, through the inbound delivery; the exam posts it', async () => {
  const { examId, claimId } = await examAwaitingPayment();
  const other = await examAwaitingPayment();
  const { remittance } = await payerFiles(claimId, 'UNM0201', 'PCN-TYPO-7');
  expect((await upload('/v1/remittances', remittance)).file).toMatchObject({ counts: { unmatched: 1 } });
  const [item] = byReference(await unmatchedWork(), 'PCN-TYPO-7');

  // Refused resolutions change nothing (422).
  const refused = [
    [{ action: 'teleport' }, 'invalid_event'],
    [{ action: 'not-ours' }, 'invalid_event'],
    [{ action: 'not-ours', note: '   ' }, 'invalid_event'],
    [{ action: 'returned-to-payer' }, 'invalid_event'],
    [{ action: 'matched' }, 'invalid_event'],
    [{ action: 'matched', examId: 'ex_doesnotexist000000000' }, 'unknown_exam'],
    [{ action: 'matched', examId, claimId: other.claimId }, 'unknown_claim'],
  ] as const;
  for (const [body, code] of refused) {
    const r = await d.resolve(item!.taskId, 'biller', body);
    expect({ body, status: r.status, code: (r.body.error as { code: string }).code }).toEqual({ body, status: 422, code });
  }
  expect((await d.call('GET', `/v1/tasks/${item!.taskId}`, 'biller')).body).toMatchObject({ status: 'open' });
  expect((await d.exam(examId)).phase).toBe('adjudication');

  const resolved = await d.resolve(item!.taskId, 'biller', { action: 'matched', examId, note: 'payer keyed the claim number wrong' });
  expect(resolved.status).toBe(200);
  expect(resolved.body).toMatchObject({
    task: { taskId: item!.taskId, status: 'resolved', resolutionAction: 'matched', resolvedBy: 'user-biller', context: { resolution: { action: 'matched', examId, claimId, delivery: 'signaled' } } },
    delivery: 'signaled',
  });
  expect(JSON.stringify(resolved.body)).not.toContain('keyed');

  // The exam took the payment: the claim is paid and the patient's share is billed.
  const paid = await d.waitFor(examId, (e) => e.claims[0]?.status === 'paid', 'claim paid after the match');
  expect(['patient_balance', 'closed']).toContain(paid.phase);
  const claimRow = await h.database.db.selectFrom('claims').select(['status', 'paid_cents']).where('claim_id', '=', claimId).executeTakeFirstOrThrow();
  expect(claimRow.status).toBe('paid');
  expect(claimRow.paid_cents).toBeGreaterThan(0);
  // ... and its ledger posts the payer's payment from the stored 835.
  const deadline = Date.now() + 30_000;
  let ledger = await d.call('GET', `/v1/exams/${examId}/ledger`, 'biller');
  while ((ledger.body.totals as { paymentsCents: number }).paymentsCents === 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    ledger = await d.call('GET', `/v1/exams/${examId}/ledger`, 'biller');
  }
  expect((ledger.body.totals as { paymentsCents: number; balanced: boolean })).toMatchObject({ paymentsCents: claimRow.paid_cents, balanced: true });

  // No longer open: 409; the other exam is untouched.
  const twice = await d.resolve(item!.taskId, 'biller', { action: 'not-ours', note: 'again' });
  expect(twice.status).toBe(409);
  expect((await d.exam(other.examId)).phase).toBe('adjudication');

  // Audited with the actor, like every resolution.
  const audit = await d.call('GET', `/v1/audit?objectId=${item!.taskId}`, 'supervisor');
  const entries = audit.body.items as { actorSub: string; action: string; statusCode: number }[];
  expect(entries).toEqual(expect.arrayContaining([expect.objectContaining({ actorSub: 'user-biller', action: 'POST /v1/tasks/:taskId/resolve', statusCode: 200 })]));
  expect(entries.filter((e) => e.statusCode === 422).length).toBeGreaterThanOrEqual(refused.length);
});

test('returned-to-payer and not-ours close the work with what the biller said; a 277CA for a claim not ours is work too', async () => {
  const { examId, claimId } = await examAwaitingPayment();
  const returned = await payerFiles(claimId, 'UNM0301', 'PCN-RET-1');
  expect((await upload('/v1/remittances', returned.remittance)).statusCode).toBe(202);
  const [ret] = byReference(await unmatchedWork(), 'PCN-RET-1');
  const r1 = await d.resolve(ret!.taskId, 'supervisor', { action: 'returned-to-payer', reference: 'RETURN-CHK-1' });
  expect(r1).toMatchObject({ status: 200, body: { task: { status: 'resolved', resolutionAction: 'returned-to-payer', resolvedBy: 'user-supervisor', context: { resolution: { action: 'returned-to-payer', reference: 'RETURN-CHK-1' } } } } });

  const ack = await upload('/v1/acknowledgments', returned.acknowledgment);
  expect(ack.statusCode).toBe(202);
  expect(ack.file).toMatchObject({ counts: { unmatched: 1 } });
  const [ackWork] = byReference(await unmatchedWork(), 'PCN-RET-1').filter((t) => t.status === 'open');
  expect(ackWork).toMatchObject({ examId: null, context: expect.objectContaining({ transactionType: '277CA', claimReference: 'PCN-RET-1' }) });
  const notRemit = await d.resolve(ackWork!.taskId, 'biller', { action: 'matched', examId });
  expect(notRemit).toMatchObject({ status: 422, body: { error: { code: 'not_a_remittance' } } });
  const r2 = await d.resolve(ackWork!.taskId, 'biller', { action: 'not-ours', note: 'acknowledgment for another practice' });
  expect(r2).toMatchObject({ status: 200, body: { task: { status: 'resolved', resolutionAction: 'not-ours' } } });
  const stored = await h.database.db.selectFrom('unmatched_remittance_claims').select(['status', 'resolution', 'resolved_by']).where('task_id', '=', ackWork!.taskId).executeTakeFirstOrThrow();
  expect(stored).toMatchObject({ status: 'resolved', resolved_by: 'user-biller', resolution: { action: 'not-ours', note: 'acknowledgment for another practice' } });

  // Resolved work leaves the open queue.
  expect(byReference(await unmatchedWork(), 'PCN-RET-1')).toEqual([]);
  expect(byReference(await unmatchedWork('biller', '&status=resolved'), 'PCN-RET-1')).toHaveLength(2);
  expect((await d.exam(examId)).phase).toBe('adjudication');
});

test('the unmatched claims of one file are one work item listing them, resolved claim by claim', async () => {
  const { claimId } = await examAwaitingPayment();
  const { remittance } = await payerFiles(claimId, 'UNM0501', 'PCN-GRP-1');
  const remit = parse835(remittance).transactions[0]!;
  const clp = remit.claims[0]!;
  remit.claims = ['PCN-GRP-1', 'PCN-GRP-2', 'PCN-GRP-3'].map((ref) => ({ ...clp, claimId: ref }));
  remit.payment.amountCents = clp.paidCents * 3;
  const uploaded = await upload('/v1/remittances', build835(answerEnvelope(undefined, { date: '2027-01-15', time: '0900' }), [remit]));
  expect(uploaded.file).toMatchObject({ counts: { unmatched: 3 } });
  const items = (await unmatchedWork('biller', '&limit=200')).filter((t) => t.context.fileId === uploaded.file.fileId);
  expect(items).toHaveLength(1);
  const [item] = items;
  expect(item!.context).toMatchObject({ claimCount: 3, claims: [{ claimReference: 'PCN-GRP-1' }, { claimReference: 'PCN-GRP-2' }, { claimReference: 'PCN-GRP-3' }] });

  expect(await d.resolve(item!.taskId, 'biller', { action: 'not-ours', note: 'which one?' })).toMatchObject({ status: 422, body: { error: { code: 'claim_reference_required' } } });
  expect(await d.resolve(item!.taskId, 'biller', { action: 'not-ours', note: 'x', claimReference: 'PCN-NOPE' })).toMatchObject({ status: 422, body: { error: { code: 'unknown_claim_reference' } } });
  expect(await d.resolve(item!.taskId, 'biller', { action: 'not-ours', note: 'another practice', claimReference: 'PCN-GRP-1' })).toMatchObject({ status: 200, body: { task: { status: 'open' } } });
  expect(await d.resolve(item!.taskId, 'biller', { action: 'returned-to-payer', reference: 'RET-2', claimReference: 'PCN-GRP-2' })).toMatchObject({ status: 200, body: { task: { status: 'open' } } });
  // the last open claim needs no reference; it closes the work item
  const last = await d.resolve(item!.taskId, 'biller', { action: 'not-ours', note: 'another practice' });
  expect(last).toMatchObject({ status: 200, body: { task: { status: 'resolved', context: { resolution: { claimReference: 'PCN-GRP-3' } } } } });
  expect(((last.body.task as { context: { resolutions: unknown[] } }).context.resolutions)).toHaveLength(3);
  const rows = await h.database.db.selectFrom('unmatched_remittance_claims').select(['claim_reference', 'status']).where('document_id', '=', uploaded.file.fileId).orderBy('claim_reference').execute();
  expect(rows).toEqual(['PCN-GRP-1', 'PCN-GRP-2', 'PCN-GRP-3'].map((claim_reference) => ({ claim_reference, status: 'resolved' })));
});

test('unmatched claims recorded before the work queue showed them become open work when the schema is migrated', async () => {
  const migration = await import('../../db/migrations/2026-11-24T0010-unmatched-work');
  const { claimId } = await examAwaitingPayment();
  const res = await upload('/v1/remittances', (await payerFiles(claimId, 'UNM0401', 'PCN-OLD-1')).remittance);
  const documentId = res.file.fileId;
  const db = h.database.db as unknown as Parameters<typeof migration.up>[0];
  await migration.down(db);
  await h.database.db.insertInto('unmatched_remittance_claims').values({
    document_id: documentId, transaction_type: '835', payer_id: 'medicare-b', trace_number: 'UNM0401', claim_reference: 'PCN-OLD-2', charge_cents: 12_300, paid_cents: 4_500, reason: 'no claim with this patient control number (CLP01)',
  }).execute();
  await migration.up(db);
  const [old] = byReference(await unmatchedWork(), 'PCN-OLD-2');
  expect(old).toMatchObject({ examId: null, queue: 'biller', priority: 'normal', status: 'open', context: expect.objectContaining({ traceNumber: 'UNM0401', chargeCents: 12_300, paidCents: 4_500, documentId }) });
  expect(Date.parse(old!.dueAt) - Date.parse((old as unknown as { openedAt: string }).openedAt)).toBe(48 * HOUR);
  const done = await d.resolve(old!.taskId, 'biller', { action: 'not-ours', note: 'another practice' });
  expect(done.status).toBe(200);
});
