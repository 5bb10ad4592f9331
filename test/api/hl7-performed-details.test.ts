import type { Hl7Message } from '@medplum/core';
import { ackCodeOf } from '../../hl7/send';
import { bearer } from '../support/api-harness';
import { type Hl7Stack, startHl7Stack } from '../support/hl7-stack';

/**
 * The performed facts the RIS sends beyond procedures: the technologist who performed the exam (OBR-34), and the
 * diagnoses each charge points to (DFT^P03 FT1-19), over a real MLLP connection and through the JSON route.
 */
let stack: Hl7Stack | undefined;

beforeAll(async () => {
  stack = await startHl7Stack('performed-details');
});
afterAll(async () => {
  await stack?.close();
});
const msa = (ack: Hl7Message) => ({ code: ackCodeOf(ack), controlId: ack.getSegment('MSA')?.getField(2)?.toString() });

interface TimelineJson {
  timeline: { kind: string; summary: string; ref?: Record<string, unknown> }[];
}

test('a center that sends charges: DFT^P03 FT1-19 diagnoses and a report without any make the 837 HI, and each line points to its own', async () => {
  const { send, d } = stack!;
  const acks = await send('charges-only-center.hl7');
  expect(acks.map(msa)).toEqual([
    { code: 'AA', controlId: 'NR-1301' },
    { code: 'AA', controlId: 'NR-1302' },
    { code: 'AA', controlId: 'NR-1303' },
  ]);
  const examId = await stack!.examIdOf('ACC-HL7-5301');
  const x12 = await stack!.sentX12(examId);
  // the charges' diagnoses in the order they were charged (M5416 sent without its dot), not the order's M54.50
  expect(x12).toMatch(/~HI\*ABK:M5416\*ABF:M5126\*ABF:M5020~/);
  expect(x12).not.toContain('M5450');
  // SV1-7: the lumbar MRI points to its two codes, the cervical MRI to its own
  expect(x12).toMatch(/~SV1\*HC:72148\*[^~]*\*1:2~/);
  expect(x12).toMatch(/~SV1\*HC:72141\*[^~]*\*3~/);
  const exam = await d.exam(examId);
  expect(exam.openTasks.map((t) => t.type)).not.toContain('coding-review');
});

test('an exam-complete ORM with OBR-34 records the technologist, shown on the exam\'s history', async () => {
  const { send, d } = stack!;
  const acks = await send('exam-complete-technologist.hl7');
  expect(acks.map((a) => msa(a).code)).toEqual(['AA', 'AA']);
  const examId = await stack!.examIdOf('ACC-HL7-5311');
  await d.waitPhase(examId, 'awaiting_report');
  const history = await d.call('GET', `/v1/exams/${examId}/history`, 'supervisor');
  expect(history.status).toBe(200);
  const performed = (history.body as unknown as TimelineJson).timeline.filter((e) => e.kind === 'event' && e.summary.startsWith('performed'));
  expect(performed).toEqual([expect.objectContaining({ summary: 'performed by technologist TECH44 (SAMIRA QUILL)', ref: expect.objectContaining({ technologistId: 'TECH44' }) })]);
  // the message list names no one
  const listed = await d.call('GET', '/v1/interface/messages?accession=ACC-HL7-5311', 'supervisor');
  expect(JSON.stringify(listed.body)).not.toMatch(/QUILL|SAMIRA|TECH44/);
});

test('an FT1-19 that is not an ICD-10-CM code gets AE with an ERR naming the field, and an interface-error task', async () => {
  const { send, h } = stack!;
  const [ack] = await send('dft-p03-bad-diagnosis.hl7');
  expect(msa(ack!)).toEqual({ code: 'AE', controlId: 'NR-1321' });
  expect(ack!.getSegment('ERR')?.toString()).toMatch(/^ERR\|\|FT1\^1\^19\^1\|102\^Data type error\^HL70357\|E\|/);
  // the words name the field, never the value
  expect(ack!.toString()).not.toContain('40213');
  const tasks = await h.app.inject({ method: 'GET', url: '/v1/tasks?type=interface-error&queue=front_desk', headers: bearer(h.tokens.front_desk) });
  const task = tasks.json<{ tasks: { taskId: string; context: Record<string, unknown> }[] }>().tasks.find((t) => t.context.controlId === 'NR-1321');
  expect(task).toMatchObject({ context: { source: 'hl7', errorField: 'FT1-19', messageType: 'DFT^P03', accessionNumber: 'ACC-HL7-5321' } });
});

test('POST /v1/exams/{id}/performed takes the technologist and per-procedure diagnoses; a charge the signed report disagrees with opens coding review showing both', async () => {
  const { d } = stack!;
  const examId = await d.intake({ diagnoses: ['M54.50'] });
  await d.waitPhase(examId, 'awaiting_exam');
  const performedAt = new Date(await d.now()).toISOString();
  const body = {
    performedAt,
    placeOfService: '11',
    contrast: false,
    procedures: [{ cpt: '72148', diagnoses: ['M54.17'] }],
    technologist: { id: 'TECH-0042', familyName: 'Rivera', givenName: 'Ana' },
  };
  // bad input is a 400 naming the field
  const badCode = await d.call('POST', `/v1/exams/${examId}/performed`, 'integration', { ...body, procedures: [{ cpt: '72148', diagnoses: ['not-a-code'] }] });
  expect(badCode.status).toBe(400);
  expect(JSON.stringify(badCode.body)).toContain('diagnoses');
  const thirteen = await d.call('POST', `/v1/exams/${examId}/performed`, 'integration', { ...body, procedures: [{ cpt: '72148', diagnoses: Array.from({ length: 13 }, () => 'M54.17') }] });
  expect(thirteen.status).toBe(400);
  const badTech = await d.call('POST', `/v1/exams/${examId}/performed`, 'integration', { ...body, technologist: { id: 'TECH 42' } });
  expect(badTech.status).toBe(400);
  expect(JSON.stringify(badTech.body)).toContain('technologist');

  const performed = await d.call('POST', `/v1/exams/${examId}/performed`, 'integration', body);
  expect(performed.status).toBe(200);
  await d.waitPhase(examId, 'awaiting_report');
  const report = await d.call('POST', `/v1/exams/${examId}/report`, 'integration', { status: 'final', signedAt: new Date(await d.now()).toISOString(), radiologistNpi: '1234567893', diagnoses: ['M54.16'] });
  expect(report.status).toBe(200);
  const task = await d.openTask(examId, 'coding-review');
  const full = await d.call('GET', `/v1/tasks/${task.taskId}`, 'coder');
  const context = (full.body as { context: { scrubFindings: { code: string; field: string; message: string }[]; performed?: Record<string, unknown> } }).context;
  expect(context.scrubFindings).toContainEqual(expect.objectContaining({ code: 'DX_CHARGE_REPORT_DIFFER', field: 'procedures[0].diagnoses', message: expect.stringContaining('M54.17') }));
  expect(context.performed).toEqual({ technologist: { id: 'TECH-0042', familyName: 'Rivera', givenName: 'Ana' }, chargeDiagnoses: [{ cpt: '72148', diagnoses: ['M54.17'] }] });
});
