import path from 'node:path';
import type { Hl7Listener } from '../../hl7/listener';
import { ackCodeOf, readMessages, sendMessages } from '../../hl7/send';
import { type ApiHarness, bearer } from '../support/api-harness';
import type { ExamDriver } from '../support/exam-driver';
import { HL7_FIXTURES, type Hl7Stack, startHl7Stack } from '../support/hl7-stack';

/**
 * Registration updates from the RIS (ADT^A04/A08) over a real TCP MLLP connection: the patient's open exams found by
 * the MRN's keyed hash, their coverage and demographics replaced before the claim goes out, a biller's task after.
 */
const FIXTURES = HL7_FIXTURES;
let stack: Hl7Stack | undefined;
let h: ApiHarness;
let d: ExamDriver;
let listener: Hl7Listener;
let send: Hl7Stack['send'];

beforeAll(async () => {
  stack = await startHl7Stack('adt');
  ({ h, d, listener, send } = stack);
});
afterAll(async () => {
  await stack?.close();
});

async function message(controlId: string) {
  const res = await h.app.inject({ method: 'GET', url: '/v1/interface/messages?type=ADT^A08', headers: bearer(h.tokens.supervisor) });
  const res4 = await h.app.inject({ method: 'GET', url: '/v1/interface/messages?type=ADT^A04', headers: bearer(h.tokens.supervisor) });
  const items = [...res.json<{ items: Record<string, unknown>[] }>().items, ...res4.json<{ items: Record<string, unknown>[] }>().items];
  return items.find((m) => m.controlId === controlId);
}

/** What the exam shows of its coverage: the coverages on file (payer ids, no member ids). */
interface Registered {
  coverages: { payerId: string; order: string }[];
}

const examIdOf = (accession: string): Promise<string> => stack!.examIdOf(accession);
const sentX12 = (examId: string): Promise<string> => stack!.sentX12(examId);

test('an A08 replaces the coverage of an open exam: eligibility runs again for the new plan, and the 837 goes to the new payer and member id', async () => {
  const [order] = await send('orm-o01-order-inactive-coverage.hl7');
  expect(ackCodeOf(order!)).toBe('AA');
  const examId = await examIdOf('ACC-HL7-7301');
  // the Medicare member is inactive: the front desk has an eligibility review
  await d.openTask(examId, 'eligibility-review');

  const [update] = await send('adt-a08-coverage-change.hl7');
  expect(ackCodeOf(update!)).toBe('AA');
  expect(await message('NR-ADT-0002')).toMatchObject({ event: 'registration', status: 'applied', examId, note: 'registration applied to 1 open exam of the patient' });

  // the new plan is checked (active) and its prior authorization obtained: the review is no longer needed
  const ready = (await d.waitPhase(examId, 'awaiting_exam')) as unknown as Registered;
  expect(ready.coverages).toEqual([{ payerId: 'commercial-b', order: 'primary' }]);
  const review = (await d.tasks(examId)).find((t) => t.type === 'eligibility-review');
  expect(review).toMatchObject({ status: 'superseded' });

  const acks = await send('orm-oru-coverage-change-complete-and-report.hl7');
  expect(acks.map(ackCodeOf)).toEqual(['AA', 'AA']);
  const x12 = await sentX12(examId);
  expect(x12).toContain('~NM1*PR*2*');
  expect(x12).toMatch(/~NM1\*PR\*2\*[^~]*\*PI\*SBXCOMB~/);
  expect(x12).toMatch(/~NM1\*IL\*1\*ORIOLE-BANKS\*JUNE\*[^~]*\*MI\*PAREQ-HMO-7301~/);
  expect(x12).not.toContain('INACTIVE-7301');
  // the demographics of the update: the new address
  expect(x12).toContain('~N3*410 QUARRY LN*APT 2~');
});

test('an A08 after the claim went out: the claim stays as sent, the registration is recorded and the biller gets a coverage-change review', async () => {
  const acks = await send('orm-oru-claim-before-registration-change.hl7');
  expect(acks.map(ackCodeOf)).toEqual(['AA', 'AA', 'AA']);
  const examId = await examIdOf('ACC-HL7-7302');
  const before = await sentX12(examId);
  expect(before).toMatch(/\*MI\*3KR8VW2MN45~/);

  const [update] = await send('adt-a08-after-claim.hl7');
  expect(ackCodeOf(update!)).toBe('AA');
  const task = await d.openTask(examId, 'coverage-change-review');
  expect(task).toMatchObject({ queue: 'biller' });
  const full = await d.call('GET', `/v1/tasks/${task.taskId}`, 'biller');
  expect(full.body).toMatchObject({ context: { reason: 'coverage-changed-after-submission', billedPayerId: 'medicare-b', primaryPayerId: 'commercial-b', primaryChanged: true, secondaryChanged: true } });
  // no member id in the task (it is not PHI-protected)
  expect(JSON.stringify(full.body)).not.toMatch(/XKB5521907|3KR8VW2MN45/);
  const exam = (await d.exam(examId)) as unknown as Registered & { claims: { version: number }[] };
  // the claim is the one the payer has: not sent again
  expect(exam.claims.map((c) => c.version)).toEqual([1]);
  expect(await sentX12(examId)).toBe(before);
  expect(exam.coverages).toEqual([{ payerId: 'commercial-b', order: 'primary' }, { payerId: 'medicare-b', order: 'secondary' }]);
  // the biller says what was done
  const resolved = await d.resolve(task.taskId, 'biller', { action: 'corrected', reference: 'void sent, rebilled to the HMO' });
  expect(resolved.status).toBe(200);
});

test('an A04 for a patient with no open exam is taken (AA) and says there was nothing to update; a resend answers the same ACK', async () => {
  const [ack] = await send('adt-a04-no-open-exam.hl7');
  expect(ackCodeOf(ack!)).toBe('AA');
  expect(await message('NR-ADT-0009')).toMatchObject({ event: 'registration', status: 'received', examId: null, note: 'no open exam of this patient: nothing to update' });
  const [again] = await send('adt-a04-no-open-exam.hl7');
  expect(again!.toString()).toBe(ack!.toString());
});

test('ORC-1 XO before the exam changes its order (procedure, ordering provider); after the exam it is AE with an interface-error task', async () => {
  const [order] = await send('orm-o01-order-to-change.hl7');
  expect(ackCodeOf(order!)).toBe('AA');
  const examId = await examIdOf('ACC-HL7-7401');
  await d.waitPhase(examId, 'awaiting_exam');

  const [change] = await send('orm-o01-order-change.hl7');
  expect(ackCodeOf(change!)).toBe('AA');
  const changed = await d.waitFor(examId, (e) => (e as unknown as { order: { procedures: { cpt: string }[] } }).order.procedures[0]?.cpt === '72149', 'the changed order');
  expect((changed as unknown as { order: { procedures: unknown[] } }).order.procedures).toEqual([{ cpt: '72149' }]);
  await d.waitPhase(examId, 'awaiting_exam');

  const [performed, late] = await send('orm-o01-performed-then-late-change.hl7');
  expect(ackCodeOf(performed!)).toBe('AA');
  expect(ackCodeOf(late!)).toBe('AE');
  expect(late!.getSegment('ERR')?.toString()).toMatch(/^ERR\|\|ORC\^1\^1\^1\|207\^/);
  const res = await h.app.inject({ method: 'GET', url: '/v1/interface/messages?accession=ACC-HL7-7401', headers: bearer(h.tokens.supervisor) });
  const rows = res.json<{ items: Record<string, unknown>[] }>().items;
  expect(rows.map((m) => [m.controlId, m.event, m.status, m.ackCode])).toEqual([
    ['NR-XO-0004', 'order-change', 'error', 'AE'],
    ['NR-XO-0003', 'performed', 'applied', 'AA'],
    ['NR-XO-0002', 'order-change', 'applied', 'AA'],
    ['NR-XO-0001', 'intake', 'applied', 'AA'],
  ]);
  expect(rows[0]!.taskId).toMatch(/^hl7e_/);

  // the claim bills what was performed, referred by the provider of the change
  const report = readMessages(path.join(FIXTURES, 'oru-r01-final-report.hl7'))[0]!.replace('NR-0003', 'NR-XO-0005').replace(/ACC-HL7-5001/g, 'ACC-HL7-7401').replace(/PL-5001/g, 'PL-7401').replace(/72148\^MRI lumbar spine without contrast/g, '72149^MRI lumbar spine with contrast');
  const [reported] = await sendMessages({ host: '127.0.0.1', port: listener.port }, [report]);
  expect(ackCodeOf(reported!)).toBe('AA');
  const x12 = await sentX12(examId);
  expect(x12).toContain('~SV1*HC:72149');
  expect(x12).toMatch(/~NM1\*DN\*1\*[^~]*\*XX\*1306849450~/);
});
