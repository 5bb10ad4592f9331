import { bundledRefData } from '../../../activities/refdata/bundled-refdata';
import { revenueCodeFor } from '../../../activities/claims/revenue-code';
import { institutionalPayer, toClaim837I } from '../../../activities/claims/map-claim-837';
import { DEFAULT_BILLING_PROFILE } from '../../../activities/claims/billing-profile';
import { codeExam } from '../../../domain/coding/code-exam';
import { unitPriceCents, type Chargemaster } from '../../../domain/coding/chargemaster';
import { parseChargemasterCsv } from '../../../domain/contracts/chargemaster-item';
import { expectedPayment } from '../../../domain/contracts/expected-payment';
import { PayerContractSchema, type PayerContractInput } from '../../../domain/contracts/payer-contract';
import { expectedReimbursement } from '../../../domain/fee-schedule/expected-reimbursement';
import { PayerPolicySchema, seedPayerPolicy } from '../../../domain/policy';
import { postClaimPayment } from '../../../domain/posting';
import { parseCsv } from '../../../domain/refdata/parse-csv';
import { adjudication, BILLED, chargedLedger, line, remit } from '../money/money-fixtures';

const ref = bundledRefData();
const contract = (c: PayerContractInput) => PayerContractSchema.parse(c);
const DOS = '2025-06-10';

describe('revenue codes by code family (NUBC)', () => {
  it.each([
    ['77067', '0403', 'screening mammography'],
    ['G0202', '0403', 'screening mammography (HCPCS)'],
    ['77065', '0401', 'diagnostic mammography'],
    ['77066', '0401', 'diagnostic mammography, both breasts'],
    ['70450', '0351', 'CT head'],
    ['74177', '0352', 'CT abdomen and pelvis'],
    ['72131', '0350', 'CT lumbar spine'],
    ['70553', '0611', 'MRI brain'],
    ['72148', '0612', 'MRI lumbar spine'],
    ['73721', '0614', 'MRI knee'],
    ['76700', '0402', 'ultrasound abdomen'],
    ['78815', '0404', 'PET/CT'],
    ['78452', '0341', 'nuclear cardiology'],
    ['A9552', '0343', 'FDG, a diagnostic radiopharmaceutical'],
    ['A9500', '0343', 'technetium sestamibi'],
    ['A9606', '0344', 'radium-223, therapeutic'],
    ['A9579', '0636', 'gadolinium contrast'],
    ['Q9967', '0636', 'low osmolar contrast'],
    ['71046', '0324', 'chest X-ray'],
    ['73030', '0320', 'shoulder X-ray'],
  ])('%s -> %s (%s)', (code, rev) => {
    expect(revenueCodeFor(code)).toBe(rev);
  });
});

describe('chargemaster pricing', () => {
  const chargemaster: Chargemaster = {
    prices: {},
    items: [
      { code: '72148', modifier: '', priceCents: 180_000, effectiveFrom: '2025-01-01', effectiveTo: '2025-06-30', revenueCode: '0612' },
      { code: '72148', modifier: '', priceCents: 195_000, effectiveFrom: '2025-07-01' },
      { code: '72148', modifier: 'TC', priceCents: 140_000, effectiveFrom: '2025-01-01' },
      { code: 'A9552', modifier: '', priceCents: 45_000, effectiveFrom: '2025-01-01', revenueCode: '0343' },
    ],
  };

  it('charges the price in effect on the date of service', () => {
    expect(unitPriceCents('72148', 'global', 2025, ref, chargemaster, { dateOfService: '2025-06-30' })).toMatchObject({ cents: 180_000, source: 'chargemaster', revenueCode: '0612' });
    expect(unitPriceCents('72148', 'global', 2025, ref, chargemaster, { dateOfService: '2025-07-01' })).toMatchObject({ cents: 195_000, source: 'chargemaster' });
    expect(unitPriceCents('72148', 'TC', 2025, ref, chargemaster, { dateOfService: '2025-07-01' })).toMatchObject({ cents: 140_000 });
  });

  it('an institutional line takes the TC item of the chargemaster, or the bare code a hospital lists', () => {
    const hospital: Chargemaster = { prices: {}, items: [{ code: '74177', modifier: '', priceCents: 310_000, effectiveFrom: '2025-01-01', revenueCode: '0352' }] };
    expect(unitPriceCents('74177', 'TC', 2025, ref, hospital, { dateOfService: DOS, institutional: true })).toMatchObject({ cents: 310_000, revenueCode: '0352' });
    expect(unitPriceCents('72148', 'TC', 2025, ref, chargemaster, { dateOfService: DOS, institutional: true })).toMatchObject({ cents: 140_000 });
  });

  it('a radiopharmaceutical (A-code) is priced only from the chargemaster: none listed, no charge', () => {
    expect(unitPriceCents('A9552', 'global', 2025, ref, chargemaster, { dateOfService: DOS })).toMatchObject({ cents: 45_000 });
    expect(unitPriceCents('A9552', 'global', 2025, ref)).toBeUndefined();
    expect(unitPriceCents('A9579', 'global', 2025, ref, chargemaster, { dateOfService: DOS })).toBeUndefined();
  });

  it('a contractor-priced (status C) code gets no default charge', () => {
    expect(ref.pfs('0640T', '', 2025)?.statusCode).toBe('C');
    expect(unitPriceCents('0640T', 'global', 2025, ref)).toBeUndefined();
  });

  it('coding a hospital exam puts the chargemaster revenue code on the technical line; a missing A-code is CHARGE_MISSING', () => {
    const coded = codeExam({
      exam: { performedAt: `${DOS}T15:00:00Z`, placeOfService: '22', contrast: 'none', procedures: [{ cpt: '78815' }, { cpt: 'A9552' }, { cpt: 'A9579', units: 15 }] },
      report: { diagnoses: ['C34.90'] }, orderDiagnoses: ['C34.90'], facility: { billingArrangement: 'split', placeOfService: '22' }, dateOfService: DOS,
      chargemasters: { technical: { prices: {}, items: [{ code: '78815', modifier: '', priceCents: 520_000, effectiveFrom: '2025-01-01', revenueCode: '0404' }, { code: 'A9552', modifier: '', priceCents: 45_000, effectiveFrom: '2025-01-01', revenueCode: '0343' }] } },
    }, ref);
    const technical = coded.claims.find((c) => c.kind === 'technical')!;
    expect(technical.form).toBe('837I');
    expect(technical.lines.map((l) => [l.cpt, l.chargeCents, l.revenueCode])).toEqual(expect.arrayContaining([['78815', 520_000, '0404'], ['A9552', 45_000, '0343']]));
    expect(coded.findings.filter((f) => f.code === 'CHARGE_MISSING').map((f) => f.message)).toEqual([expect.stringContaining('A9579')]);
  });
});

describe('chargemaster CSV import', () => {
  it('reads prices in cents or dollars, revenue codes and dates', () => {
    const r = parseChargemasterCsv('code,modifier,price,revenue_code,effective_from,effective_to,description\n72148,,1800.00,612,2025-01-01,,MRI lumbar spine without contrast\nA9552,,450,0343,2025-01-01,2025-12-31,FDG dose\n', parseCsv);
    expect(r).toEqual({ ok: true, items: [
      expect.objectContaining({ code: '72148', modifier: '', priceCents: 180_000, revenueCode: '0612', effectiveFrom: '2025-01-01' }),
      expect.objectContaining({ code: 'A9552', priceCents: 45_000, revenueCode: '0343', effectiveTo: '2025-12-31' }),
    ] });
  });

  it('refuses the whole file naming each bad row and column', () => {
    const r = parseChargemasterCsv('code,modifier,price_cents,revenue_code,effective_from\n72148,,180000,0612,2025-01-01\n7214,,12.5,350,2025-02-30\n72148,,190000,0612,2025-03-01\n', parseCsv);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([{ row: 3, column: 'price_cents', message: expect.stringContaining('whole cents') }]);
    const r2 = parseChargemasterCsv('code,price_cents,effective_from\n7214,100,2025-02-30\n72148,100,2025-01-01\n72148,200,2025-03-01\n', parseCsv);
    expect(r2.ok).toBe(false);
    if (r2.ok) return;
    expect(r2.problems).toEqual(expect.arrayContaining([
      expect.objectContaining({ row: 2, column: 'code' }),
      expect.objectContaining({ row: 2, column: 'effective_from' }),
    ]));
    const r3 = parseChargemasterCsv('code,price_cents,effective_from\n72148,100,2025-01-01\n72148,200,2025-03-01\n', parseCsv);
    expect(r3).toEqual({ ok: false, problems: [expect.objectContaining({ row: 3, column: 'effective_from', message: expect.stringContaining('overlaps the dates of row 2') })] });
  });
});

describe('Medicare institutional claims go to Part A as MA', () => {
  it('the seed Medicare payer routes institutional claims to its Part A side', () => {
    const medicare = seedPayerPolicy('medicare-b');
    expect(institutionalPayer(medicare)).toEqual({ name: 'MEDICARE PART A', payerId: '06001', claimFilingIndicator: 'MA' });
    expect(institutionalPayer(seedPayerPolicy('commercial-a'))).toMatchObject({ payerId: 'SBXCOMA', claimFilingIndicator: 'CI' });
  });

  it('a Medicare institutional side must file as MA', () => {
    const medicare = seedPayerPolicy('medicare-b');
    const bad = PayerPolicySchema.safeParse({ ...medicare, institutional: { x12PayerId: '06001', claimFilingIndicatorCode: 'MB' } });
    expect(bad.success).toBe(false);
  });

  it('toClaim837I: SBR09 MA, the Part A payer id, and the revenue code coding gave each line', () => {
    const claim = toClaim837I({
      submission: {
        examId: 'ex1', claimId: 'ex1-T', version: 1, idempotencyKey: 'k', frequency: '1', component: 'technical', payerId: 'medicare-b',
        claim: { kind: 'technical', billedBy: 'facility', form: '837I', placeOfService: '22', dateOfService: DOS, diagnoses: ['C34.90'], lines: [
          { lineNumber: 1, cpt: '78815', modifiers: [], units: 1, chargeCents: 520_000, diagnosisPointers: [1], revenueCode: '0404' },
          { lineNumber: 2, cpt: 'A9552', modifiers: [], units: 1, chargeCents: 45_000, diagnosisPointers: [1] },
        ] },
      } as never,
      orderingProviderNpi: '1234567893',
      patient: { mrn: 'M', firstName: 'Ada', lastName: 'Lovelace', birthDate: '1961-04-12', sex: 'F', address: { line1: '1 Main St', city: 'Springfield', state: 'IL', postalCode: '62701' } },
      coverage: { payerId: 'medicare-b', memberId: '1EG4TE5MK73', relationship: 'self', order: 'primary' },
      payer: seedPayerPolicy('medicare-b'),
      profile: DEFAULT_BILLING_PROFILE,
    });
    expect(claim.subscriber.claimFilingIndicator).toBe('MA');
    expect(claim.payer).toEqual({ name: 'MEDICARE PART A', payerId: '06001' });
    expect(claim.facilityTypeCode).toBe('13');
    expect(claim.lines.map((l) => l.revenueCode)).toEqual(['0404', '0343']);
  });
});

describe('expected payment', () => {
  const ct = (lines: { cpt: string; modifiers?: string[]; chargeCents?: number }[]) =>
    lines.map((l, i) => ({ lineNumber: i + 1, cpt: l.cpt, modifiers: l.modifiers ?? [], units: 1, chargeCents: l.chargeCents ?? 500_000 }));

  it('Medicaid and commercial without a contract are not checked against the national Medicare amount', () => {
    for (const payerType of ['medicaid', 'commercial', 'medicare-advantage'] as const) {
      expect(expectedPayment({ payerType, form: '837P', dateOfService: DOS, placeOfService: '11', lines: ct([{ cpt: '72148' }]) }, ref).basis).toBe('none');
    }
  });

  it('an institutional claim without a contract is not checked; with one it is', () => {
    expect(expectedPayment({ payerType: 'medicare', form: '837I', dateOfService: DOS, placeOfService: '22', lines: ct([{ cpt: '74177' }]) }, ref).basis).toBe('none');
    const withRates = expectedPayment({ payerType: 'medicare', form: '837I', dateOfService: DOS, placeOfService: '22', lines: ct([{ cpt: '74177' }]),
      contract: contract({ terms: [{ effectiveFrom: '2025-01-01', rate: { kind: 'per-code', rates: [{ code: '74177', cents: 41_250 }] } }] }) }, ref);
    expect(withRates).toMatchObject({ basis: 'contract', expectedCents: 41_250 });
  });

  it('a Medicaid contract at 70 % of the fee schedule expects 70 %', () => {
    const national = expectedReimbursement({ dateOfService: DOS, placeOfService: '11', lines: [{ cpt: '72148', modifiers: [], units: 1 }] }, ref).totalCents;
    const r = expectedPayment({ payerType: 'medicaid', form: '837P', dateOfService: DOS, placeOfService: '11', lines: ct([{ cpt: '72148' }]),
      contract: contract({ terms: [{ effectiveFrom: '2025-01-01', rate: { kind: 'percent-of-fee-schedule', percent: 70 } }] }) }, ref);
    expect(r.expectedCents).toBe(Math.floor((national * 70 * 2 + 100) / 200));
    expect(r.sequestrationPercent).toBe(0);
  });

  it('Medicare by locality: the GPCIs of the contract locality, and the OPPS cap on the technical amount', () => {
    const chicago = expectedPayment({ payerType: 'medicare', form: '837P', dateOfService: DOS, placeOfService: '11', lines: ct([{ cpt: '74170' }]),
      contract: contract({ medicareLocality: '06102-99', terms: [{ effectiveFrom: '2025-01-01', rate: { kind: 'percent-of-fee-schedule', percent: 100 } }] }) }, ref);
    const uncapped = expectedReimbursement({ dateOfService: DOS, placeOfService: '11', lines: [{ cpt: '74170', modifiers: [], units: 1 }] }, ref).totalCents;
    expect(chicago.lines[0]!.adjustments.join(' ')).toMatch(/OPPS cap/);
    expect(chicago.expectedCents).toBe(22_527);
    expect(chicago.expectedCents).toBeLessThan(uncapped);
    expect(chicago.sequestrationPercent).toBe(2);
  });

  it('facility vs non-facility rate follows the place of service', () => {
    const term = contract({ terms: [{ effectiveFrom: '2025-01-01', rate: { kind: 'percent-of-fee-schedule', percent: 100 } }] });
    const office = expectedPayment({ payerType: 'commercial', form: '837P', dateOfService: DOS, placeOfService: '11', lines: ct([{ cpt: '70450', modifiers: ['26'] }]), contract: term }, ref);
    const hospital = expectedPayment({ payerType: 'commercial', form: '837P', dateOfService: DOS, placeOfService: '22', lines: ct([{ cpt: '70450', modifiers: ['26'] }]), contract: term }, ref);
    expect(hospital.expectedCents).toBe(3882);
    expect(office.expectedCents).toBeGreaterThanOrEqual(hospital.expectedCents);
  });

  it('MPPR: the second CT of a session is paid 50 % on its technical component', () => {
    const one = expectedPayment({ payerType: 'medicare', form: '837P', dateOfService: DOS, placeOfService: '11', lines: ct([{ cpt: '70450' }]) }, ref);
    const two = expectedPayment({ payerType: 'medicare', form: '837P', dateOfService: DOS, placeOfService: '11', lines: ct([{ cpt: '74177' }, { cpt: '70450' }]) }, ref);
    const tc = expectedReimbursement({ dateOfService: DOS, placeOfService: '11', lines: [{ cpt: '70450', modifiers: ['TC'], units: 1 }] }, ref).totalCents;
    const pc = expectedReimbursement({ dateOfService: DOS, placeOfService: '11', lines: [{ cpt: '70450', modifiers: ['26'], units: 1 }] }, ref).totalCents;
    expect(two.lines[1]!.adjustments.join(' ')).toMatch(/TC at 50 %/);
    expect(two.lines[1]!.expectedCents).toBe(Math.floor((tc + 1) / 2) + Math.floor((pc * 95 * 2 + 100) / 200));
    expect(two.lines[1]!.expectedCents).toBeLessThan(one.expectedCents);
  });

  it('tolerance: the larger of the contract cents and percent', () => {
    const r = expectedPayment({ payerType: 'commercial', form: '837P', dateOfService: DOS, placeOfService: '11', lines: ct([{ cpt: '74177' }]),
      contract: contract({ terms: [{ effectiveFrom: '2025-01-01', rate: { kind: 'per-code', rates: [{ code: '74177', cents: 40_000 }] }, tolerance: { cents: 500, percent: 2.5 } }] }) }, ref);
    expect(r.toleranceCents).toBe(1_000);
  });

  it('per-code rates leave unlisted codes unchecked unless an otherwise percent is given', () => {
    const lines = ct([{ cpt: '74177' }, { cpt: '70450' }]);
    const only = expectedPayment({ payerType: 'commercial', form: '837P', dateOfService: DOS, placeOfService: '11', lines, contract: contract({ terms: [{ effectiveFrom: '2025-01-01', rate: { kind: 'per-code', rates: [{ code: '74177', cents: 40_000 }] } }] }) }, ref);
    expect(only.lines.map((l) => l.expectedCents)).toEqual([40_000, null]);
    const otherwise = expectedPayment({ payerType: 'commercial', form: '837P', dateOfService: DOS, placeOfService: '11', lines, contract: contract({ terms: [{ effectiveFrom: '2025-01-01', rate: { kind: 'per-code', rates: [{ code: '74177', cents: 40_000 }], otherwisePercentOfFeeSchedule: 120 } }] }) }, ref);
    expect(otherwise.lines[1]!.expectedCents).toBeGreaterThan(0);
  });

  it('a contract term out of effect on the date of service falls back to the payer default', () => {
    const c = contract({ terms: [{ effectiveFrom: '2026-01-01', rate: { kind: 'percent-of-fee-schedule', percent: 70 } }] });
    expect(expectedPayment({ payerType: 'medicaid', form: '837P', dateOfService: DOS, placeOfService: '11', lines: ct([{ cpt: '72148' }]), contract: c }, ref).basis).toBe('none');
  });

  it('contract terms may not overlap', () => {
    expect(PayerContractSchema.safeParse({ terms: [
      { effectiveFrom: '2025-01-01', rate: { kind: 'percent-of-fee-schedule', percent: 70 } },
      { effectiveFrom: '2025-06-01', rate: { kind: 'percent-of-fee-schedule', percent: 75 } },
    ] }).success).toBe(false);
  });
});

describe('sequestration at posting', () => {
  /** Medicare allows `allowed`, 20 % coinsurance, and pays the rest less 2 % sequestration (CO-253). */
  function sequestered(allowed = 40_000) {
    const coinsurance = allowed / 5;
    const sequestration = Math.round((allowed - coinsurance) * 0.02);
    return adjudication({ statusCode: '1', lines: [
      line({ lineControlNumber: 'L1', procedureCode: '72148', chargeCents: 120_000, paidCents: allowed - coinsurance - sequestration, adjustments: [
        { group: 'CO', reasonCode: '45', amountCents: 120_000 - allowed },
        { group: 'CO', reasonCode: '253', amountCents: sequestration },
        { group: 'PR', reasonCode: '2', amountCents: coinsurance },
      ] }),
    ] });
  }
  const billed = { ...BILLED, lines: [BILLED.lines[0]!] };
  const post = (adj: ReturnType<typeof sequestered>, sequestrationPercent?: number) => postClaimPayment({
    ledger: chargedLedger(billed), remittance: remit(), adjudication: adj, billed, expectedReimbursementCents: 40_000,
    ...(sequestrationPercent !== undefined ? { sequestrationPercent } : {}),
  });

  it('a Medicare payment less the 2 % CO-253 is not an underpayment', () => {
    const r = post(sequestered(), 2);
    if (!r.ok) throw r.error;
    expect(r.findings.filter((f) => f.kind === 'underpayment')).toEqual([]);
  });

  it('without the payer sequestration rule the same payment looks short', () => {
    const r = post(sequestered());
    if (!r.ok) throw r.error;
    expect(r.findings).toContainEqual(expect.objectContaining({ kind: 'underpayment', shortfallCents: 640 }));
  });

  it('a shortfall beyond the sequestration is still an underpayment', () => {
    const r = post(sequestered(38_500), 2);
    if (!r.ok) throw r.error;
    expect(r.findings).toContainEqual(expect.objectContaining({ kind: 'underpayment', shortfallCents: 1_500 }));
  });
});
