import fs from 'node:fs';
import path from 'node:path';
import type { Hl7Message } from '@medplum/core';
import type { Hl7Listener } from '../../hl7/listener';
import { sql } from 'kysely';
import { expireHeld, orderingLockId } from '../../hl7/process';
import { ackCodeOf, readMessages, sendMessages } from '../../hl7/send';
import { type ApiHarness, bearer } from '../support/api-harness';
import type { ExamDriver } from '../support/exam-driver';
import { HL7_FIXTURES, type Hl7Stack, startHl7Stack } from '../support/hl7-stack';

/**
 * The RIS front door over a real TCP MLLP connection: the listener on a port of its own, the sample messages of
 * test/fixtures/hl7 sent by the MLLP client, the exams they make read back through the API.
 */
const FIXTURES = HL7_FIXTURES;
let stack: Hl7Stack | undefined;
let h: ApiHarness;
let d: ExamDriver;
let listener: Hl7Listener;
let profilesDir: string;
let send: Hl7Stack['send'];

beforeAll(async () => {
  stack = await startHl7Stack('mllp');
  ({ h, d, listener, profilesDir, send } = stack);
});
afterAll(async () => {
  await stack?.close();
});
const msa = (ack: Hl7Message) => ({ code: ackCodeOf(ack), controlId: ack.getSegment('MSA')?.getField(2)?.toString() });
const err = (ack: Hl7Message) => ack.getSegment('ERR')?.toString() ?? '';

async function messages(query = '') {
  const res = await h.app.inject({ method: 'GET', url: `/v1/interface/messages${query}`, headers: bearer(h.tokens.supervisor) });
  expect(res.statusCode).toBe(200);
  return res.json<{ items: Record<string, unknown>[]; nextCursor: string | null }>().items;
}

const examIdOf = (accession: string): Promise<string> => stack!.examIdOf(accession);
const sentX12 = (examId: string): Promise<string> => stack!.sentX12(examId);

test('ORM^O01 NW -> exam complete -> ORU^R01 final: the exam reaches submission and the 837 carries the ordered code and the signed diagnoses', async () => {
  const [order] = await send('orm-o01-new-order.hl7');
  expect(msa(order!)).toEqual({ code: 'AA', controlId: 'NR-0001' });
  const examId = await examIdOf('ACC-HL7-5001');
  await d.waitPhase(examId, 'awaiting_exam');
  const exam = (await d.call('GET', `/v1/exams/${examId}`, 'supervisor')).body as { order: { procedures: unknown[]; scheduledAt: string }; coverages: unknown[] };
  expect(exam.order.procedures).toEqual([{ cpt: '72148' }]);
  // ORC-7.4 in the profile's zone (-0600)
  expect(exam.order.scheduledAt).toBe('2026-11-25T14:00:00-06:00');
  expect(exam.coverages).toEqual([{ payerId: 'medicare-b', order: 'primary' }]);

  const [complete, preliminary] = await send('orm-o01-exam-complete.hl7', 'oru-r01-preliminary-report.hl7');
  expect(msa(complete!).code).toBe('AA');
  expect(msa(preliminary!).code).toBe('AA');
  await d.waitPhase(examId, 'awaiting_report');

  const [report] = await send('oru-r01-final-report.hl7');
  expect(msa(report!)).toEqual({ code: 'AA', controlId: 'NR-0003' });
  const x12 = await sentX12(examId);
  expect(x12).toContain('~SV1*HC:72148');
  // the signed diagnoses (DG1 of the ORU, M5416 written without its dot), not the order's alone
  expect(x12).toMatch(/~HI\*ABK:M5416\*ABF:M5126~/);

  const listed = await messages('?accession=ACC-HL7-5001');
  expect(listed.map((m) => [m.controlId, m.messageType, m.event, m.status, m.ackCode])).toEqual([
    ['NR-0003', 'ORU^R01', 'report', 'applied', 'AA'],
    ['NR-0004', 'ORU^R01', 'preliminary-report', 'received', 'AA'],
    ['NR-0002', 'ORM^O01', 'performed', 'applied', 'AA'],
    ['NR-0001', 'ORM^O01', 'intake', 'applied', 'AA'],
  ]);
  // no raw message, no patient data in the list
  expect(JSON.stringify(listed)).not.toMatch(/KESTREL|19580312|MRN-7001|1EG4TE5MK73/);
  // as stored (the handle without its PHI plugin, which would open it)
  const stored = await h.database.db.withoutPlugins().selectFrom('hl7_messages').select('raw_encrypted').where('control_id', '=', 'NR-0001').executeTakeFirstOrThrow();
  expect(stored.raw_encrypted.toString('latin1')).not.toContain('KESTREL');
});

test('a repeated MSH-10 is a no-op that answers the same ACK', async () => {
  const before = await h.database.db.selectFrom('hl7_messages').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const [first] = await send('orm-o01-cancel-order.hl7');
  const [again] = await send('orm-o01-cancel-order.hl7');
  expect(msa(first!).code).toBe('AA');
  expect(again!.toString()).toBe(first!.toString());
  const after = await h.database.db.selectFrom('hl7_messages').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  expect(Number(after.n) - Number(before.n)).toBe(1);
});

test('ORC-1 CA cancels the exam of the accession', async () => {
  const examId = await examIdOf('ACC-HL7-5004');
  const [cancel] = await send('orm-o01-cancel.hl7');
  expect(msa(cancel!).code).toBe('AA');
  await d.waitFor(examId, (e) => e.status === 'cancelled', 'cancelled');
  const exam = (await d.call('GET', `/v1/exams/${examId}`, 'supervisor')).body as { cancellation?: { reason: string } };
  expect(exam.cancellation?.reason).toBe('cancelled by the RIS: Patient cancelled');
});

test('a malformed message gets AE with an ERR naming the field, and an interface-error task for the front desk', async () => {
  const [ack] = await send('orm-o01-bad-birth-date.hl7');
  expect(msa(ack!)).toEqual({ code: 'AE', controlId: 'NR-0201' });
  expect(err(ack!)).toMatch(/^ERR\|\|PID\^1\^7\^1\|102\^Data type error\^HL70357\|E\|/);
  const [row] = await messages('?status=error&type=ORM^O01');
  expect(row).toMatchObject({ controlId: 'NR-0201', status: 'error', errorField: 'PID-7', errorCode: '102', accessionNumber: 'ACC-HL7-5003' });
  const tasks = await h.app.inject({ method: 'GET', url: '/v1/tasks?type=interface-error&queue=front_desk', headers: bearer(h.tokens.front_desk) });
  const task = tasks.json<{ tasks: { taskId: string; examId: string | null; context: Record<string, unknown> }[] }>().tasks.find((t) => t.context.controlId === 'NR-0201');
  expect(task).toMatchObject({ examId: null, context: { source: 'hl7', errorField: 'PID-7', messageType: 'ORM^O01', accessionNumber: 'ACC-HL7-5003' } });
  expect(row!.taskId).toBe(task!.taskId);
});

test('a message type the engine does not take gets AR', async () => {
  const [ack] = await send('siu-s12-unsupported.hl7');
  expect(msa(ack!)).toEqual({ code: 'AR', controlId: 'NR-0402' });
  expect(err(ack!)).toMatch(/\|MSH\^1\^9\^1\|200\^Unsupported message type\^HL70357\|E\|/);
  const [row] = await messages('?type=SIU^S12');
  expect(row).toMatchObject({ status: 'error', ackCode: 'AR', errorCode: '200', taskId: null });
});

test('a result before its order is held, and applied when the order arrives', async () => {
  const [early] = await send('oru-r01-before-order.hl7');
  expect(msa(early!).code).toBe('AA');
  expect(await messages('?accession=ACC-HL7-5002')).toEqual([expect.objectContaining({ controlId: 'NR-0101', status: 'held', examId: null })]);

  const [order] = await send('orm-o01-late-order.hl7');
  expect(msa(order!).code).toBe('AA');
  const examId = await examIdOf('ACC-HL7-5002');
  expect((await messages('?accession=ACC-HL7-5002')).map((m) => [m.controlId, m.status, m.examId])).toEqual([
    ['NR-0102', 'applied', examId],
    ['NR-0101', 'applied', examId],
  ]);
  await d.waitPhase(examId, 'awaiting_exam');
  const [complete] = await send('orm-o01-late-complete.hl7');
  expect(msa(complete!).code).toBe('AA');
  // the held final report was kept by the exam: performed, it goes straight on to its claim
  const x12 = await sentX12(examId);
  expect(x12).toMatch(/~HI\*ABK:M5416\*ABF:M5126~/);
});

test('GET /v1/interface/messages is for supervisors', async () => {
  const res = await h.app.inject({ method: 'GET', url: '/v1/interface/messages', headers: bearer(h.tokens.front_desk) });
  expect(res.statusCode).toBe(403);
  const bad = await h.app.inject({ method: 'GET', url: '/v1/interface/messages?status=nope', headers: bearer(h.tokens.supervisor) });
  expect(bad.statusCode).toBe(400);
});

test('interface-error retry: after the profile learns the RIS code, the stored message is replayed, applies, and its task is resolved', async () => {
  const [ack] = await send('orm-o01-local-procedure-code.hl7');
  expect(msa(ack!).code).toBe('AE');
  expect(err(ack!)).toContain('|OBR^1^4^1|103^Table value not found^HL70357|');
  const [row] = await messages('?accession=ACC-HL7-5005');
  const taskId = row!.taskId as string;
  // still failing: the task stays open and says so
  const early = await d.resolve(taskId, 'front_desk', { action: 'retry' });
  expect(early.status).toBe(422);
  expect(early.body).toMatchObject({ error: { code: 'still_failing' } });

  const file = path.join(profilesDir, 'northris.json');
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as { procedureCodes: Record<string, string> };
  profile.procedureCodes.MRCSPNWO = '72141';
  fs.writeFileSync(file, JSON.stringify(profile));

  const resolved = await d.resolve(taskId, 'front_desk', { action: 'retry' });
  expect(resolved.status).toBe(200);
  expect(resolved.body).toMatchObject({ task: { status: 'resolved', resolutionAction: 'retry', context: { resolution: { action: 'retry', messageStatus: 'applied' } } } });
  const [after] = await messages('?accession=ACC-HL7-5005');
  expect(after).toMatchObject({ status: 'applied', ackCode: 'AA', errorField: null });
  const examId = await examIdOf('ACC-HL7-5005');
  const exam = (await d.call('GET', `/v1/exams/${examId}`, 'supervisor')).body as { order: { procedures: unknown[] } };
  expect(exam.order.procedures).toEqual([{ cpt: '72141' }]);
});

test('a message over the size bound closes its connection, and nothing of it is stored', async () => {
  const big = readMessages(path.join(FIXTURES, 'orm-o01-new-order.hl7'))[0]!.replace('NR-0001', 'NR-0601') + `\rNTE|1||${'x'.repeat(70 * 1024)}`;
  await expect(sendMessages({ host: '127.0.0.1', port: listener.port }, [big], 2000)).rejects.toThrow();
  const row = await h.database.db.selectFrom('hl7_messages').select('id').where('control_id', '=', 'NR-0601').executeTakeFirst();
  expect(row).toBeUndefined();
});

test('backlog replay: a file of day-old orders over one connection, each ACKed AA in order and each an exam', async () => {
  const acks = await send('backlog-day-old-orders.hl7');
  expect(acks.map((a) => msa(a))).toEqual([
    { code: 'AA', controlId: 'NR-BL-1' },
    { code: 'AA', controlId: 'NR-BL-2' },
    { code: 'AA', controlId: 'NR-BL-3' },
  ]);
  for (const [accession, cpt] of [['ACC-HL7-6001', '71250'], ['ACC-HL7-6002', '73721'], ['ACC-HL7-6003', '71046']] as const) {
    const examId = await examIdOf(accession);
    const exam = await d.waitFor(examId, () => true, 'recorded');
    expect(exam.phase).not.toBe('intake');
    const view = (await d.call('GET', `/v1/exams/${examId}`, 'supervisor')).body as { order: { procedures: unknown[] } };
    expect(view.order.procedures).toEqual([{ cpt }]);
  }
});

test('a result whose order never comes becomes an interface-error task after the wait', async () => {
  const text = readMessages(path.join(FIXTURES, 'oru-r01-before-order.hl7'))[0]!.replace('NR-0101', 'NR-0701').replace(/ACC-HL7-5002/g, 'ACC-HL7-5007');
  const [ack] = await sendMessages({ host: '127.0.0.1', port: listener.port }, [text]);
  expect(msa(ack!).code).toBe('AA');
  expect(await expireHeld({ db: h.database.db }, new Date(Date.now() - 3_600_000))).toBe(0);
  expect(await expireHeld({ db: h.database.db }, new Date(Date.now() + 1000))).toBe(1);
  const [row] = await messages('?accession=ACC-HL7-5007');
  expect(row).toMatchObject({ status: 'error', errorField: 'ORC-3', errorCode: '204', taskId: expect.stringMatching(/^hl7e_/) });
  const task = await d.call('GET', `/v1/tasks/${row!.taskId as string}`, 'front_desk');
  expect(task.body).toMatchObject({ type: 'interface-error', queue: 'front_desk', status: 'open', context: { source: 'hl7', controlId: 'NR-0701' } });
});

test('DFT^P03 charges stand for the performed event: the exam goes on to wait for its report', async () => {
  const order = readMessages(path.join(FIXTURES, 'orm-o01-new-order.hl7'))[0]!.replace('NR-0001', 'NR-0901').replace(/ACC-HL7-5001/g, 'ACC-HL7-5009').replace(/PL-5001/g, 'PL-5009');
  const charges = readMessages(path.join(FIXTURES, 'dft-p03-charges.hl7'))[0]!.replace('NR-0801', 'NR-0902').replace('ACC-HL7-5001', 'ACC-HL7-5009');
  const [ordered] = await sendMessages({ host: '127.0.0.1', port: listener.port }, [order]);
  expect(msa(ordered!).code).toBe('AA');
  const examId = await examIdOf('ACC-HL7-5009');
  await d.waitPhase(examId, 'awaiting_exam');
  const [charged] = await sendMessages({ host: '127.0.0.1', port: listener.port }, [charges]);
  expect(msa(charged!)).toEqual({ code: 'AA', controlId: 'NR-0902' });
  await d.waitPhase(examId, 'awaiting_report');
  expect((await messages('?type=DFT^P03'))[0]).toMatchObject({ event: 'performed', status: 'applied', examId });
});

test('messages for one accession on two connections are applied in the order they arrived, also while another listener process holds the accession', async () => {
  // another listener process working on ACC-HL7-7501: it holds the accession's advisory lock
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const other = h.database.db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${orderingLockId('accession:ACC-HL7-7501')}::bigint)`.execute(conn);
    locked();
    await released;
    await sql`SELECT pg_advisory_unlock(${orderingLockId('accession:ACC-HL7-7501')}::bigint)`.execute(conn);
  });
  await isLocked;
  const target = { host: '127.0.0.1', port: listener.port };
  const order = sendMessages(target, readMessages(path.join(FIXTURES, 'two-connections-order.hl7')));
  await new Promise((r) => setTimeout(r, 200));
  const cancel = sendMessages(target, readMessages(path.join(FIXTURES, 'two-connections-cancel.hl7')));
  // another accession is not held up
  const [unrelated] = await send('adt-a08-update.hl7');
  expect(msa(unrelated!).code).toBe('AA');
  await new Promise((r) => setTimeout(r, 500));
  const stored = await h.database.db.selectFrom('hl7_messages').select('control_id').where('control_id', 'in', ['NR-ORD-7501', 'NR-CAN-7501']).execute();
  expect(stored).toEqual([]);

  release();
  await other;
  const [[ordered], [cancelled]] = await Promise.all([order, cancel]);
  expect(msa(ordered!)).toEqual({ code: 'AA', controlId: 'NR-ORD-7501' });
  expect(msa(cancelled!)).toEqual({ code: 'AA', controlId: 'NR-CAN-7501' });
  // the cancel was decided after the order was applied: applied to the exam, never held for an order
  const rows = await messages('?accession=ACC-HL7-7501');
  expect(rows.map((m) => [m.controlId, m.event, m.status])).toEqual([
    ['NR-CAN-7501', 'cancel', 'applied'],
    ['NR-ORD-7501', 'intake', 'applied'],
  ]);
  const examId = await examIdOf('ACC-HL7-7501');
  await d.waitFor(examId, (e) => e.status === 'cancelled', 'cancelled');
});
