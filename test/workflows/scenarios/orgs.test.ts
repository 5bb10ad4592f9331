import { hasErrors, validate837PFile } from '../../../domain/x12';
import type { FacilityInput } from '../../../domain/organisations/organisations';
import { REPLAY_CONFIG } from '../../replay/replay-key';
import type { ApiHarness } from '../../support/api-harness';
import { ExamDriver } from '../../support/exam-driver';
import { sampleIntake } from '../../support/intake-fixture';
import { startApiHarnessOnOwnServer } from '../../support/own-test-server';
import {
  IMAGING_CENTER_NPI, ORDERING_NPI, RADIOLOGIST_NPI, READING_GROUP_NPI, UNASSIGNED_RADIOLOGIST_NPI, UNREGISTERED_NPI,
  facility, imagingCenter, orderingPhysician, radiologist, readingGroup,
} from '../../support/organisation-fixture';

/**
 * Who bills and who is named on the claim, driven through the API and the exam workflow and read back from
 * the X12 actually sent: the facility's setup names the billing entity of each component, the provider
 * registry names the physicians.
 */

let h: ApiHarness;
let d: ExamDriver;
beforeAll(async () => {
  h = await startApiHarnessOnOwnServer(REPLAY_CONFIG);
  d = new ExamDriver(h);
  for (const [url, body] of [
    ['/v1/billing-entities/springfield-imaging', imagingCenter()],
    ['/v1/billing-entities/north-radiology', readingGroup()],
    ['/v1/billing-entities/springfield-general', imagingCenter({ id: 'springfield-general', name: 'Springfield General Hospital', npi: '1000000129', tin: '373333333', taxonomy: '282N00000X', kind: 'hospital', address: { line1: '800 Hospital Dr', city: 'Springfield', state: 'IL', postalCode: '627021234' } })],
    [`/v1/providers/${RADIOLOGIST_NPI}`, radiologist()],
    [`/v1/providers/${ORDERING_NPI}`, orderingPhysician()],
    [`/v1/providers/${UNASSIGNED_RADIOLOGIST_NPI}`, radiologist({ npi: UNASSIGNED_RADIOLOGIST_NPI, lastName: 'Hale', firstName: 'Ivo', middleName: undefined, reassignedTo: [] })],
  ] as const) {
    const res = await d.call('PUT', url, 'admin', body);
    expect([200, 201]).toContain(res.status);
  }
}, 120_000);
afterAll(async () => h?.close());

let facilityCount = 0;
/** A facility of its own for one scenario (the main fixture's setup, with what the scenario changes). */
async function setUpFacility(overrides: Partial<FacilityInput> = {}): Promise<string> {
  const id = `site-${++facilityCount}`;
  const res = await d.call('PUT', `/v1/facilities/${id}`, 'admin', facility({ id, ...overrides }));
  expect(res.status).toBe(201);
  return id;
}

interface ExamSpec {
  facilityId: string;
  arrangement?: 'global' | 'split' | 'professional' | 'technical';
  placeOfService?: string;
  cpt?: string;
  modality?: 'MR' | 'CT' | 'DX' | 'MG';
  diagnoses?: string[];
  orderingNpi?: string;
  radiologistNpi?: string;
  coverages?: Record<string, unknown>[];
}

/** An exam ordered, performed and signed at the facility: its claims are coded and sent. */
async function signedExam(spec: ExamSpec): Promise<string> {
  const scheduledAt = new Date((await d.now()) + 2 * 86_400_000).toISOString();
  const base = sampleIntake();
  const cpt = spec.cpt ?? '72148';
  const diagnoses = spec.diagnoses ?? ['M54.16'];
  const res = await d.call('POST', '/v1/exams', 'integration', sampleIntake({
    facility: { id: spec.facilityId, billingArrangement: spec.arrangement ?? 'global', placeOfService: spec.placeOfService ?? '11' },
    ...(spec.coverages ? { coverages: spec.coverages as never } : {}),
    order: { ...base.order, orderingProviderNpi: spec.orderingNpi ?? ORDERING_NPI, modality: spec.modality ?? 'MR', procedures: [{ cpt }], diagnoses, scheduledAt },
  }));
  expect(res.status).toBe(201);
  const examId = res.body.examId as string;
  await d.waitPhase(examId, 'awaiting_exam');
  expect((await d.performed(examId, { placeOfService: spec.placeOfService ?? '11', procedures: [{ cpt, units: 1 }] })).status).toBe(200);
  await d.waitPhase(examId, 'awaiting_report');
  expect((await d.report(examId, { radiologistNpi: spec.radiologistNpi ?? RADIOLOGIST_NPI, diagnoses })).status).toBe(200);
  return examId;
}

/** The exact X12 sent for a claim, once it is sent. */
/** A claim as sent; an 837P also passes the inbound validator (an 837I was checked by the outbound validator before it was sent). */
async function sentX12(claimId: string, form: '837P' | '837I' = '837P'): Promise<string> {
  const x12 = await d.sentX12(claimId);
  if (form === '837P') expect(hasErrors(validate837PFile(x12))).toBe(false);
  return x12;
}

/** The claim of one component (G, T, P) of the exam, as sent. */
async function claimX12(examId: string, suffix: 'G' | 'T' | 'P', form: '837P' | '837I' = '837P'): Promise<string> {
  const exam = await d.waitFor(examId, (e) => e.claims.some((c) => c.claimId.endsWith(`-${suffix}`)), `a -${suffix} claim`);
  return sentX12(exam.claims.find((c) => c.claimId.endsWith(`-${suffix}`))!.claimId, form);
}

const segments = (x12: string) => x12.split('~').map((s) => s.trim()).filter(Boolean);
const segment = (x12: string, prefix: string) => segments(x12).find((s) => s.startsWith(prefix));
/** The segments of one loop: from the segment that opens it up to (not including) the first that does not belong. */
function after(x12: string, opener: string, count: number): string[] {
  const all = segments(x12);
  const i = all.findIndex((s) => s.startsWith(opener));
  return i < 0 ? [] : all.slice(i, i + count);
}

describe('who bills', () => {
  test('reading group bills its professional claim under its own NPI/TIN; the imaging center bills the technical claim under its own', async () => {
    const site = await setUpFacility();
    const examId = await signedExam({ facilityId: site, arrangement: 'split' });
    const professional = await claimX12(examId, 'P');
    expect(segment(professional, 'NM1*85*')).toBe(`NM1*85*2*NORTH RADIOLOGY ASSOCIATES*****XX*${READING_GROUP_NPI}`);
    expect(professional).toContain('~REF*EI*372222222~');
    expect(professional).toContain('~PRV*BI*PXC*2085R0202X~');
    expect(professional).not.toContain(IMAGING_CENTER_NPI);
    const technical = await claimX12(examId, 'T');
    expect(segment(technical, 'NM1*85*')).toBe(`NM1*85*2*SPRINGFIELD IMAGING LLC*****XX*${IMAGING_CENTER_NPI}`);
    expect(technical).toContain('~REF*EI*371111111~');
    expect(technical).not.toContain(READING_GROUP_NPI);
  });

  test('pay-to 2010AB: payments of the reading group go to its lockbox, not the billing address', async () => {
    const site = await setUpFacility();
    const examId = await signedExam({ facilityId: site, arrangement: 'professional' });
    const x12 = await claimX12(examId, 'P');
    expect(after(x12, 'NM1*87*', 3)).toEqual(['NM1*87*2', 'N3*PO BOX 4410', 'N4*CHICAGO*IL*606804410']);
    // the imaging center has no pay-to address: its claims carry no 2010AB
    const technical = await claimX12(await signedExam({ facilityId: site, arrangement: 'technical' }), 'T');
    expect(technical).not.toContain('NM1*87*');
  });

  test('facility set up without an entity for the arrangement: claim-build-error naming the setup to complete', async () => {
    const site = await setUpFacility({ billing: { global: { technical: 'springfield-imaging' } } });
    const examId = await signedExam({ facilityId: site, arrangement: 'professional' });
    const task = await d.openTask(examId, 'claim-build-error');
    expect(task.context).toMatchObject({ errorType: 'ClaimBillingEntityNotSetUp', details: expect.arrayContaining(['billing-entity-not-named']) });
    expect(task.context.message).toContain(`facility ${site} names no billing entity for the professional component under the professional arrangement`);
  });

  test('facility without setup billed as before: the default billing profile, the legacy names, no rendering provider', async () => {
    const examId = await signedExam({ facilityId: 'not-set-up' });
    const x12 = await claimX12(examId, 'G');
    expect(segment(x12, 'NM1*85*')).toBe('NM1*85*2*IMAGING CENTER*****XX*1234567893');
    expect(x12).toContain('~REF*EI*371234567~');
    expect(segment(x12, 'NM1*DN*')).toBe(`NM1*DN*1*ORDERING PHYSICIAN*****XX*${ORDERING_NPI}`);
    expect(x12).not.toContain('NM1*82*');
    expect(x12).not.toContain('NM1*77*');
    expect(x12).not.toContain('NM1*87*');
  });
});

describe('who is named', () => {
  test('rendering radiologist 2310B with taxonomy when the billing provider is an organisation', async () => {
    const site = await setUpFacility();
    const x12 = await claimX12(await signedExam({ facilityId: site, arrangement: 'global' }), 'G');
    expect(after(x12, 'NM1*82*', 2)).toEqual([`NM1*82*1*WREN*ALICE*J***XX*${RADIOLOGIST_NPI}`, 'PRV*PE*PXC*2085R0202X']);
  });

  test('a technical claim names no rendering radiologist and needs no reassignment', async () => {
    const site = await setUpFacility();
    const x12 = await claimX12(await signedExam({ facilityId: site, arrangement: 'technical', radiologistNpi: UNASSIGNED_RADIOLOGIST_NPI }), 'T');
    expect(x12).not.toContain('NM1*82*');
    expect(segment(x12, 'NM1*85*')).toContain(IMAGING_CENTER_NPI);
  });

  test('ordering physician name from the provider registry (Medicare matches NPI and name)', async () => {
    const site = await setUpFacility();
    const x12 = await claimX12(await signedExam({ facilityId: site }), 'G');
    expect(segment(x12, 'NM1*DN*')).toBe(`NM1*DN*1*MARSH*OWEN****XX*${ORDERING_NPI}`);
    expect(x12).not.toContain('ORDERING PHYSICIAN');
  });

  test('ordering NPI not in the registry: the claim still goes out, and its history tells the biller to add the provider', async () => {
    const site = await setUpFacility();
    const examId = await signedExam({ facilityId: site, orderingNpi: UNREGISTERED_NPI });
    const x12 = await claimX12(examId, 'G');
    expect(segment(x12, 'NM1*DN*')).toBe(`NM1*DN*1*ORDERING PHYSICIAN*****XX*${UNREGISTERED_NPI}`);
    const claimId = (await d.exam(examId)).claims[0]!.claimId;
    const claim = await d.call('GET', `/v1/claims/${claimId}`, 'biller');
    const notes = (claim.body.history as { note: string | null }[]).map((x) => x.note ?? '');
    expect(notes.some((n) => n.includes('ordering-provider-not-registered') && n.includes(UNREGISTERED_NPI))).toBe(true);
  });

  test('radiologist not reassigned to the reading group: its professional claim is a claim-build-error (reassignment violation); the technical claim goes out', async () => {
    const site = await setUpFacility();
    const examId = await signedExam({ facilityId: site, arrangement: 'split', radiologistNpi: UNASSIGNED_RADIOLOGIST_NPI });
    const task = await d.openTask(examId, 'claim-build-error');
    expect(task.context.claimId as string).toMatch(/-P$/);
    expect(task.context).toMatchObject({ errorType: 'ClaimReassignmentViolation', details: expect.arrayContaining(['reassignment-violation']) });
    expect(task.context.message).toContain(`(NPI ${UNASSIGNED_RADIOLOGIST_NPI}) has not reassigned benefits to north-radiology`);
    const technical = await claimX12(examId, 'T');
    expect(segment(technical, 'NM1*85*')).toContain(IMAGING_CENTER_NPI);
    const sent = await h.database.db.selectFrom('claim_submissions').select('claim_id').where('exam_id', '=', examId).execute();
    expect(sent.map((s) => s.claim_id.slice(-2))).toEqual(['-T']);
  });

  test('radiologist unknown to the registry: a professional claim is refused rather than billed under an unverified reassignment', async () => {
    const site = await setUpFacility();
    const examId = await signedExam({ facilityId: site, arrangement: 'professional', radiologistNpi: UNREGISTERED_NPI });
    const task = await d.openTask(examId, 'claim-build-error');
    expect(task.context).toMatchObject({ errorType: 'ClaimReassignmentViolation' });
    expect(task.context.message).toContain('is not in the provider registry');
  });
});

describe('where and what', () => {
  test('service facility 2310C when the site differs from the billing address', async () => {
    const site = await setUpFacility({ name: 'Westside Imaging', address: { line1: '77 West Rd', city: 'Springfield', state: 'IL', postalCode: '627041234' }, npi: '1999999919' });
    const examId = await signedExam({ facilityId: site, arrangement: 'split' });
    for (const suffix of ['P', 'T'] as const) {
      const x12 = await claimX12(examId, suffix);
      expect(after(x12, 'NM1*77*', 3)).toEqual(['NM1*77*2*WESTSIDE IMAGING*****XX*1999999919', 'N3*77 WEST RD', 'N4*SPRINGFIELD*IL*627041234']);
    }
  });

  test('hospital outpatient split: the technical 837I under the hospital with the ordering physician named, the -26 837P under the reading group', async () => {
    const site = await setUpFacility({
      name: 'Springfield General Imaging', address: { line1: '800 Hospital Dr', city: 'Springfield', state: 'IL', postalCode: '627021234' }, placeOfService: '22',
      billing: { split: { technical: 'springfield-general', professional: 'north-radiology' } },
    });
    const examId = await signedExam({ facilityId: site, arrangement: 'split', placeOfService: '22' });
    const technical = await claimX12(examId, 'T', '837I');
    expect(technical).toContain('ST*837*');
    expect(segment(technical, 'NM1*85*')).toBe('NM1*85*2*SPRINGFIELD GENERAL HOSPITAL*****XX*1000000129');
    expect(technical).toContain('~REF*EI*373333333~');
    expect(segment(technical, 'NM1*DN*')).toBe(`NM1*DN*1*MARSH*OWEN****XX*${ORDERING_NPI}`);
    expect(technical).not.toContain('NM1*77*');
    const professional = await claimX12(examId, 'P');
    expect(segment(professional, 'NM1*85*')).toContain(READING_GROUP_NPI);
    expect(segment(professional, 'NM1*82*')).toBe(`NM1*82*1*WREN*ALICE*J***XX*${RADIOLOGIST_NPI}`);
    // the reading group bills from Chicago: the hospital is the service location
    expect(after(professional, 'NM1*77*', 3)).toEqual(['NM1*77*2*SPRINGFIELD GENERAL IMAGING', 'N3*800 HOSPITAL DR', 'N4*SPRINGFIELD*IL*627021234']);
  });

  test('no 2310C when the exam was performed at the billing address', async () => {
    const site = await setUpFacility();
    const x12 = await claimX12(await signedExam({ facilityId: site, arrangement: 'global' }), 'G');
    expect(x12).not.toContain('NM1*77*');
  });

  test('mammography claim carries REF*EW with the facility MQSA certificate', async () => {
    const site = await setUpFacility({ mqsaCertificate: 'MQSA-778899' });
    const examId = await signedExam({ facilityId: site, arrangement: 'global', cpt: '77067', modality: 'MG', diagnoses: ['Z12.31'] });
    const x12 = await claimX12(examId, 'G');
    expect(x12).toContain('~REF*EW*MQSA-778899~');
    // an MRI at the same site carries none
    const mri = await claimX12(await signedExam({ facilityId: site }), 'G');
    expect(mri).not.toContain('REF*EW');
  });

  test('MSP secondary claim with SBR05: Medicare billed second carries the MSP type, and the primary claim lists Medicare with it in 2320', async () => {
    const site = await setUpFacility();
    // (a screening mammogram: the commercial plan asks no prior authorization for it)
    const examId = await signedExam({
      facilityId: site, cpt: '77067', modality: 'MG', diagnoses: ['Z12.31'],
      coverages: [
        { payerId: 'commercial-a', memberId: 'COMA-77001', relationship: 'self', order: 'primary' },
        { payerId: 'medicare-b', memberId: '1EG4TE5MK73', relationship: 'self', order: 'secondary', mspType: '12' },
      ],
    });
    const primary = await claimX12(examId, 'G');
    // 2320: Medicare, paying second because of the working-aged rule
    expect(segment(primary, 'SBR*S*')).toBe('SBR*S*18***12****MB');
    expect(segment(primary, 'SBR*P*')).toBe('SBR*P*18*******CI');
    const billed = await d.waitFor(examId, (e) => e.claims.some((c) => c.claimId.endsWith('-S')), 'the secondary claim');
    const secondary = await sentX12(billed.claims.find((c) => c.claimId.endsWith('-S'))!.claimId);
    // 2000B: the destination payer is Medicare, secondary, with the MSP type
    expect(secondary).toMatch(/HL\*2\*1\*22\*0~SBR\*S\*18\*\*\*12\*\*\*\*MB~/);
    expect(segment(secondary, 'NM1*85*')).toContain(IMAGING_CENTER_NPI);
  });
});
