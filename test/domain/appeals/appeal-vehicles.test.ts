import { bundledRefData } from '../../../activities/refdata/bundled-refdata';
import { buildAppealRequest, nextAppeal, reopening, type RemittanceFacts } from '../../../domain/appeals';
import { seedPayerPolicies, seedPayerPolicy, withAppealDefaults, type PayerPolicy } from '../../../domain/policy';
import { respondToClaimFile } from '../../../domain/sandbox-payer';
import { build837P, parse835, type Claim837P } from '../../../domain/x12';
import { envelope, mriClaim, transaction } from '../x12/support/claims';

const facts = (over: Partial<RemittanceFacts> = {}): RemittanceFacts => ({
  remittanceDate: '2026-11-30', carc: '50', remarkCodes: [], appealable: true, chargeCents: 60_000, paidCents: 0, patientResponsibilityCents: 0, ...over,
});

/** A policy as stored before appeal vehicles existed: no vehicle, form, amount in controversy or reopening. */
function withoutVehicles(p: PayerPolicy): PayerPolicy {
  const { reopening: _r, ...appeals } = p.appeals;
  return { ...p, appeals: { ...appeals, levels: p.appeals.levels.map(({ level, name, filingWindowDays }) => ({ level, name, filingWindowDays })) } };
}

describe('appeal vehicles', () => {
  it.each(seedPayerPolicies().map((p) => [p.id, p] as const))('%s: the seed spells out exactly its payer type\'s vehicles (a policy stored before them means the same)', (_id, p) => {
    expect(withAppealDefaults(withoutVehicles(p))).toEqual(p);
  });

  it('Medicare level 1 is a redetermination request (CMS-20027), 120 days from the remittance date', () => {
    const choice = nextAppeal(seedPayerPolicy('medicare-b'), 0, facts());
    expect(choice).toEqual({ ok: true, option: expect.objectContaining({ level: 1, vehicle: 'redetermination-request', form: 'CMS-20027', document: true, deadline: '2027-03-30' }) });
  });

  it('Medicare level 2 is a reconsideration by the QIC (CMS-20033), 180 days from the redetermination decision', () => {
    const choice = nextAppeal(seedPayerPolicy('medicare-b'), 1, facts({ remittanceDate: '2027-01-10' }));
    expect(choice).toEqual({ ok: true, option: expect.objectContaining({ level: 2, vehicle: 'reconsideration-request', form: 'CMS-20033', deadline: '2027-07-09' }) });
  });

  it('an ALJ hearing needs the 2026 amount in controversy ($200): $199.99 is refused, $200 is heard', () => {
    const policy = seedPayerPolicy('medicare-b');
    const below = nextAppeal(policy, 2, facts({ chargeCents: 19_999 }));
    expect(below).toEqual({ ok: false, refusal: expect.objectContaining({ code: 'below-amount-in-controversy' }) });
    expect(nextAppeal(policy, 2, facts({ chargeCents: 20_000 }))).toEqual({ ok: true, option: expect.objectContaining({ vehicle: 'alj-hearing-request', form: 'OMHA-100', deadline: '2027-01-29' }) });
    // deductible and coinsurance the patient owes are not in controversy
    expect(nextAppeal(policy, 2, facts({ chargeCents: 25_000, paidCents: 4_000, patientResponsibilityCents: 1_001 })).ok).toBe(false);
  });

  it('a Medicare policy stored without vehicles still refuses an ALJ hearing below the amount in controversy', () => {
    expect(nextAppeal(withoutVehicles(seedPayerPolicy('medicare-b')), 2, facts({ chargeCents: 10_000 })).ok).toBe(false);
  });

  it('an unprocessable claim (MA130) has no appeal rights at any level, nor a reopening', () => {
    const choice = nextAppeal(seedPayerPolicy('medicare-b'), 0, facts({ carc: '16', remarkCodes: ['MA130'], appealable: false }));
    expect(choice).toEqual({ ok: false, refusal: expect.objectContaining({ code: 'no-appeal-rights', message: expect.stringContaining('new claim') }) });
  });

  it('Medicare reopens a clerical error within a year; a commercial payer has no reopening', () => {
    expect(reopening(seedPayerPolicy('medicare-b'), facts())).toEqual({ ok: true, option: expect.objectContaining({ level: 0, vehicle: 'reopening-request', deadline: '2027-11-30' }) });
    expect(reopening(seedPayerPolicy('commercial-a'), facts())).toEqual({ ok: false, refusal: expect.objectContaining({ code: 'no-reopening' }) });
  });

  it('Medicare Advantage: plan reconsideration letter in 65 days; the ALJ from level 3 under Medicare\'s threshold', () => {
    const ma = seedPayerPolicy('medicare-advantage');
    expect(nextAppeal(ma, 0, facts())).toEqual({ ok: true, option: expect.objectContaining({ vehicle: 'appeal-letter', levelName: 'plan reconsideration', deadline: '2027-02-03' }) });
    expect(nextAppeal(ma, 2, facts({ chargeCents: 5_000 })).ok).toBe(false);
  });

  it('levels exhausted: no appeal left', () => {
    expect(nextAppeal(seedPayerPolicy('commercial-a'), 2, facts())).toEqual({ ok: false, refusal: expect.objectContaining({ code: 'no-level-left' }) });
  });
});

describe('appeal request content', () => {
  const input = {
    vehicle: 'redetermination-request' as const, form: 'CMS-20027', levelName: 'redetermination', requestDate: '2026-12-01', remittanceDate: '2026-11-30', deadline: '2027-03-30',
    payer: { name: 'Medicare Part B', addressLines: ['Appeals department'] },
    provider: { name: 'SPRINGFIELD IMAGING', npi: '1234567893', taxId: '371234567', addressLines: ['100 MAIN ST'] },
    patient: { name: 'Ada Lovelace', memberId: '1EG4TE5MK73', birthDate: '1961-04-12' },
    claim: { claimId: 'ex1-G', payerClaimNumber: 'SBX000000042001', datesOfService: { from: '2026-11-20', to: '2026-11-20' }, diagnoses: ['M54.16'], lines: [{ cpt: '72148', modifiers: [], units: 1, chargeCents: 60_000 }], billedCents: 60_000, paidCents: 0 },
    denials: [{ group: 'CO' as const, reasonCode: '50', remarkCodes: ['N115'], procedureCode: '72148', amountCents: 60_000 }],
    disputedCents: 60_000,
    priorDecisions: [],
  };

  it('carries the claim and denial facts, the reason and what is requested', () => {
    const doc = buildAppealRequest(input);
    expect(doc).toMatchObject({ title: 'Medicare Redetermination Request', subtitle: 'Content of form CMS-20027' });
    const text = JSON.stringify(doc);
    for (const fact of ['SBX000000042001', 'ex1-G', '2026-11-20', '72148', '$600.00', 'CO-50', 'N115', '1EG4TE5MK73', '2026-11-30', '2027-03-30', 'medically necessary', 'redetermination']) {
      expect(text).toContain(fact);
    }
  });

  it('an ALJ request states the amount in controversy; a payment dispute without denial codes disputes the payment as a whole', () => {
    expect(JSON.stringify(buildAppealRequest({ ...input, vehicle: 'alj-hearing-request', form: 'OMHA-100' }))).toContain('Amount in controversy');
    expect(JSON.stringify(buildAppealRequest({ ...input, denials: [] }))).toContain('disputed as a whole');
    expect(() => buildAppealRequest({ ...input, patient: { ...input.patient, memberId: ' ' } })).toThrow('memberId is required');
  });
});

describe('the sandbox payer and written appeals', () => {
  const ref = bundledRefData();
  const clock = { date: '2026-12-01', time: '0900' };
  const file = (memberId: string, frequency: '1' | '7' = '1') => {
    const base = mriClaim({ payer: { name: 'MEDICARE B', payerId: '06102' }, priorAuthorization: undefined });
    const claim: Claim837P = { ...base, claimId: `CLM-${memberId}`, subscriber: { ...base.subscriber, memberId }, frequency, ...(frequency === '7' ? { payerClaimControlNumber: 'SBX1' } : {}) };
    return build837P(envelope, [transaction([claim])]);
  };
  const answer = (x12: string, appealLevel?: number) => {
    const files = respondToClaimFile(x12, ref, clock, new Set(), appealLevel === undefined ? {} : { appealLevel });
    return parse835(files.find((f) => f.transactionType === '835')!.x12).transactions[0]!.claims[0]!;
  };

  it('DENY16 denies CO-16 with MA130 (unprocessable, no appeal rights)', () => {
    const clp = answer(file('DENY16A'));
    expect(clp.status).toBe('4');
    expect(clp.lines[0]!.remarkCodes).toEqual(['MA130']);
  });

  it('UPHELD1: the first written appeal is upheld (denied again), the second is paid', () => {
    expect(answer(file('DENY50-UPHELD1', '7'), 1).status).toBe('4');
    const paid = answer(file('DENY50-UPHELD1', '7'), 2);
    expect(paid.status).toBe('1');
    expect(paid.paidCents).toBeGreaterThan(0);
  });
});
