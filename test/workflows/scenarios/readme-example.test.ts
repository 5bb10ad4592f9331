import { REPLAY_CONFIG } from '../../replay/replay-key';
import { type ApiHarness, bearer } from '../../support/api-harness';
import { ExamDriver } from '../../support/exam-driver';
import { sampleIntake } from '../../support/intake-fixture';
import { startApiHarnessOnOwnServer } from '../../support/own-test-server';

/**
 * The README's worked example, call for call: an imaging center whose reading group bills its own
 * professional claims, each priced from its own chargemaster. What a reader is told to expect is what
 * the payer receives.
 */
let h: ApiHarness;
let d: ExamDriver;
beforeAll(async () => {
  h = await startApiHarnessOnOwnServer(REPLAY_CONFIG);
  d = new ExamDriver(h);
});
afterAll(async () => h?.close());

const address = (line1: string, city: string, postalCode: string) => ({ line1, city, state: 'IL', postalCode });

async function admin(method: 'PUT' | 'POST', url: string, body: unknown, contentType = 'application/json') {
  const res = await h.app.inject({ method, url, headers: { ...bearer(h.tokens.admin), 'content-type': contentType }, payload: typeof body === 'string' ? body : JSON.stringify(body) });
  expect([200, 201]).toContain(res.statusCode);
  return res;
}

const sent = (examId: string, suffix: 'T' | 'P'): Promise<string> => d.sentComponentX12(examId, suffix);

test('README worked example: the technical claim under the center at $1,800, the professional claim under the reading group at $320 with pay-to, radiologist and service facility', async () => {
  await admin('PUT', '/v1/billing-entities/springfield-imaging', {
    id: 'springfield-imaging', name: 'Springfield Imaging LLC', npi: '1000000012', tin: '371111111', taxonomy: '261QR0200X', kind: 'imaging-center',
    address: address('100 Main St', 'Springfield', '627011234'),
  });
  await admin('PUT', '/v1/billing-entities/north-radiology', {
    id: 'north-radiology', name: 'North Radiology Associates', npi: '1000000020', tin: '372222222', taxonomy: '2085R0202X', kind: 'reading-group',
    address: address('9 Oak Ave', 'Chicago', '606011234'), payTo: address('PO Box 4410', 'Chicago', '606804410'),
  });
  await admin('PUT', '/v1/facilities/main', {
    id: 'main', name: 'Springfield Imaging Main', placeOfService: '11', timeZone: 'America/Chicago',
    address: address('100 Main St', 'Springfield', '627011234'), mqsaCertificate: 'MQSA-123456', defaultArrangement: 'split',
    billing: { global: { technical: 'springfield-imaging' }, split: { technical: 'springfield-imaging', professional: 'north-radiology' } },
  });
  await admin('PUT', '/v1/providers/1000000038', { npi: '1000000038', lastName: 'Wren', firstName: 'Alice', taxonomy: '2085R0202X', roles: ['radiologist'], reassignedTo: ['north-radiology', 'springfield-imaging'] });
  const header = 'code,modifier,price_cents,revenue_code,effective_from,effective_to,description\n';
  await admin('POST', '/v1/chargemaster/springfield-imaging/import', `${header}72148,TC,180000,0612,2026-01-01,,"MRI lumbar spine without contrast, technical"\n`, 'text/csv');
  await admin('POST', '/v1/chargemaster/north-radiology/import', `${header}72148,26,32000,,2026-01-01,,"MRI lumbar spine without contrast, reading"\n`, 'text/csv');
  await admin('PUT', '/v1/payers/medicaid/contracts/springfield-imaging', {
    medicareLocality: '06102-99',
    terms: [{ effectiveFrom: '2026-01-01', rate: { kind: 'percent-of-fee-schedule', percent: 70 }, tolerance: { cents: 100, percent: 1 } }],
  });

  const base = sampleIntake();
  const scheduledAt = new Date((await d.now()) + 2 * 86_400_000).toISOString();
  const intake = await d.call('POST', '/v1/exams', 'integration', sampleIntake({ facility: { id: 'main', billingArrangement: 'split', placeOfService: '11' }, order: { ...base.order, procedures: [{ cpt: '72148' }], scheduledAt } }));
  expect(intake.status).toBe(201);
  const examId = intake.body.examId as string;
  await d.waitPhase(examId, 'awaiting_exam');
  expect((await d.performed(examId, { placeOfService: '11', procedures: [{ cpt: '72148', units: 1 }] })).status).toBe(200);
  await d.waitPhase(examId, 'awaiting_report');
  expect((await d.report(examId, { radiologistNpi: '1000000038', diagnoses: ['M54.16'] })).status).toBe(200);

  const technical = await sent(examId, 'T');
  expect(technical).toContain('~NM1*85*2*SPRINGFIELD IMAGING LLC*****XX*1000000012~');
  expect(technical).toMatch(/~CLM\*[^*]+\*1800\*/);
  expect(technical).toContain('~SV1*HC:72148:TC*1800*UN*1');

  const professional = await sent(examId, 'P');
  expect(professional).toContain('~NM1*85*2*NORTH RADIOLOGY ASSOCIATES*****XX*1000000020~');
  expect(professional).toContain('~REF*EI*372222222~');
  expect(professional).toMatch(/~CLM\*[^*]+\*320\*/);
  expect(professional).toContain('~NM1*87*2~N3*PO BOX 4410~N4*CHICAGO*IL*606804410~');
  expect(professional).toMatch(/~NM1\*82\*1\*WREN\*ALICE\*+XX\*1000000038~PRV\*PE\*PXC\*2085R0202X~/);
  expect(professional).toMatch(/~NM1\*77\*2\*[^~]*~N3\*100 MAIN ST~N4\*SPRINGFIELD\*IL\*62701/);
});
