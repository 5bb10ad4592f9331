import fc from 'fast-check';
import {
  estimatePatientResponsibility,
  interpretEligibility,
  type EligibilityBenefit,
  type EligibilityExam,
  type EligibilityResponse,
} from '../../../domain/eligibility';
import { seedPayerPolicy } from '../../../domain/policy';

const mri: EligibilityExam = { modality: 'MR', dateOfService: '2026-11-25T14:00:00Z', memberId: '1EG4TE5MK73', expectedAllowedCents: 50_000 };

function response(benefits: EligibilityBenefit[], extra: Partial<EligibilityResponse> = {}): EligibilityResponse {
  return { payerId: 'commercial-a', rejections: [], planBegin: '2026-01-01', planEnd: '2026-12-31', benefits, ...extra };
}
const active = (serviceTypeCodes: string[] = ['30']): EligibilityBenefit => ({ code: '1', serviceTypeCodes });

describe('interpretEligibility: outcome', () => {
  it.each([
    ['42', 'payer-unavailable', 'payer-unavailable'],
    ['80', 'payer-unavailable', 'payer-unavailable'],
    ['75', 'not-found', 'subscriber-not-found'],
    ['67', 'not-found', 'patient-not-found'],
    ['72', 'mismatch', 'invalid-member-id'],
    ['76', 'mismatch', 'duplicate-member-id'],
    ['79', 'mismatch', 'invalid-payer'],
    ['71', 'mismatch', 'birth-date-mismatch'],
    ['99', 'mismatch', 'request-rejected'],
  ] as const)('AAA %s -> %s (%s), no estimate', (code, outcome, reason) => {
    const r = interpretEligibility(response([], { rejections: [{ loop: 'subscriber', reasonCode: code }] }), mri);
    expect(r.outcome).toBe(outcome);
    expect(r.reasons.map((x) => x.code)).toContain(reason);
    expect(r.estimate).toBeNull();
  });

  it('a payer outage outranks a data problem: the answer is to retry', () => {
    const r = interpretEligibility(
      response([], { rejections: [{ loop: 'subscriber', reasonCode: '72' }, { loop: 'source', reasonCode: '42' }] }),
      mri,
    );
    expect(r.outcome).toBe('payer-unavailable');
  });

  it.each([
    ['1', 'active'],
    ['2', 'active'],
    ['3', 'active'],
    ['4', 'active'],
    ['5', 'active'],
    ['6', 'inactive'],
    ['7', 'inactive'],
    ['8', 'inactive'],
  ] as const)('EB01 %s -> %s', (code, outcome) => {
    expect(interpretEligibility(response([{ code, serviceTypeCodes: ['30'] }]), mri).outcome).toBe(outcome);
  });

  it('flags active-pending-investigation so staff can see it', () => {
    const r = interpretEligibility(response([{ code: '5', serviceTypeCodes: ['30'] }]), mri);
    expect(r.reasons.map((x) => x.code)).toContain('coverage-pending-investigation');
  });

  it('a service-specific answer beats the plan-level one: MRI (62) not covered although the plan is active', () => {
    const r = interpretEligibility(response([active(['30']), { code: 'I', serviceTypeCodes: ['62'] }]), mri);
    expect(r.outcome).toBe('inactive');
    expect(r.reasons.map((x) => x.code)).toEqual(['service-not-covered']);
    expect(r.estimate?.expectedPatientResponsibilityCents).toBe(50_000);
  });

  it('a non-covered MRI does not affect an X-ray (service type 4)', () => {
    const r = interpretEligibility(response([active(['30']), { code: 'I', serviceTypeCodes: ['62'] }]), { ...mri, modality: 'XR' });
    expect(r.outcome).toBe('active');
  });

  it('date of service after plan end -> inactive, with the coverage window', () => {
    const r = interpretEligibility(response([active()], { planEnd: '2026-10-31' }), mri);
    expect(r.outcome).toBe('inactive');
    expect(r.reasons[0]?.code).toBe('dos-outside-coverage');
    expect(r.coverageWindow).toEqual({ from: '2026-01-01', to: '2026-10-31' });
  });

  it('eligibility dates win over plan dates', () => {
    const r = interpretEligibility(response([active()], { eligibilityBegin: '2026-12-01' }), mri);
    expect(r.outcome).toBe('inactive');
    expect(r.coverageWindow?.from).toBe('2026-12-01');
  });

  it('a 271 without any coverage information is not treated as active', () => {
    const r = interpretEligibility(response([{ code: 'C', serviceTypeCodes: ['30'], amountCents: 100 }]), mri);
    expect(r.outcome).toBe('inactive');
    expect(r.reasons[0]?.code).toBe('no-coverage-information');
  });

  it('the payer answering for another member id is a mismatch', () => {
    const r = interpretEligibility(response([active()], { subscriberMemberId: 'W999999999' }), mri);
    expect(r.outcome).toBe('mismatch');
    expect(r.reasons[0]?.code).toBe('member-id-differs');
  });

  it('member ids are compared without spaces, dashes or case', () => {
    const r = interpretEligibility(response([active()], { subscriberMemberId: '1eg4-te5-mk73' }), mri);
    expect(r.outcome).toBe('active');
  });

  it('reports other coverage on file and an authorization indicator', () => {
    const r = interpretEligibility(
      response([{ ...active(['62']), authorizationRequired: 'Y' }, { code: 'R', serviceTypeCodes: ['30'] }]),
      mri,
    );
    expect(r.reasons.map((x) => x.code)).toEqual(['other-payer-on-file', 'authorization-indicated']);
  });
});

describe('interpretEligibility: estimate', () => {
  const plan = [
    active(['30']),
    { code: 'C', serviceTypeCodes: ['30'], coverageLevel: 'IND', timePeriod: '23', amountCents: 150_000, inNetwork: 'Y' },
    { code: 'C', serviceTypeCodes: ['30'], coverageLevel: 'IND', timePeriod: '29', amountCents: 20_000, inNetwork: 'Y' },
    { code: 'C', serviceTypeCodes: ['30'], coverageLevel: 'FAM', timePeriod: '29', amountCents: 90_000, inNetwork: 'Y' },
    { code: 'C', serviceTypeCodes: ['30'], coverageLevel: 'IND', timePeriod: '29', amountCents: 99_000, inNetwork: 'N' },
    { code: 'A', serviceTypeCodes: ['30'], percent: 20, inNetwork: 'Y' },
    { code: 'A', serviceTypeCodes: ['30'], percent: 40, inNetwork: 'N' },
    { code: 'G', serviceTypeCodes: ['30'], coverageLevel: 'IND', timePeriod: '29', amountCents: 300_000, inNetwork: 'Y' },
  ] satisfies EligibilityBenefit[];

  it('in network: remaining individual deductible first, then 20 % of the rest', () => {
    const r = interpretEligibility(response(plan), mri);
    expect(r.estimate?.expectedPatientResponsibilityCents).toBe(20_000 + 6_000);
    expect(r.estimate?.expectedPayerPaymentCents).toBe(24_000);
    expect(r.estimate?.basis.map((s) => [s.rule, s.amountCents])).toEqual([
      ['deductible', 20_000],
      ['coinsurance', 6_000],
    ]);
    expect(r.estimate?.basis[0]?.explanation).toContain('$200.00');
  });

  it('out of network: the out-of-network deductible and coinsurance', () => {
    const r = interpretEligibility(response(plan), { ...mri, providerInNetwork: false });
    expect(r.network).toBe('out');
    expect(r.reasons.map((x) => x.code)).toContain('out-of-network');
    expect(r.estimate?.expectedPatientResponsibilityCents).toBe(50_000);
  });

  it('a service-specific copay (62) wins over the plan-level coinsurance', () => {
    const r = interpretEligibility(response([...plan, { code: 'B', serviceTypeCodes: ['62'], amountCents: 7_500 }]), mri);
    expect(r.estimate?.expectedPatientResponsibilityCents).toBe(7_500);
    expect(r.estimate?.basis[0]?.rule).toBe('copay');
  });

  it('capped by the out-of-pocket remaining', () => {
    const r = interpretEligibility(
      response([active(), { code: 'C', serviceTypeCodes: ['30'], timePeriod: '29', amountCents: 40_000 }, { code: 'G', serviceTypeCodes: ['30'], timePeriod: '29', amountCents: 12_345 }]),
      mri,
    );
    expect(r.estimate?.expectedPatientResponsibilityCents).toBe(12_345);
    expect(r.estimate?.basis.at(-1)?.rule).toBe('out-of-pocket-cap');
  });

  it('fills what the 271 leaves out from the payer defaults and says so (Medicare: Part B deductible + 20 %)', () => {
    const r = interpretEligibility(response([active()]), mri, seedPayerPolicy('medicare-b').patientShareDefaults);
    expect(r.estimate?.expectedPatientResponsibilityCents).toBe(28_300 + 4_340);
    expect(r.estimate?.basis[1]?.explanation).toContain('payer default');
  });

  it('Medicare Advantage default copay when the 271 reports no cost sharing', () => {
    const r = interpretEligibility(response([active()]), mri, seedPayerPolicy('medicare-advantage').patientShareDefaults);
    expect(r.estimate?.expectedPatientResponsibilityCents).toBe(5_000);
  });
});

describe('estimatePatientResponsibility', () => {
  it.each([
    // allowed, deductible, coins%, copay, oop, expected
    [10_000, 0, 20, 0, undefined, 2_000],
    [10_000, 25_000, 20, 0, undefined, 10_000],
    [10_000, 3_000, 20, 0, undefined, 3_000 + 1_400],
    [10_001, 0, 20, 0, undefined, 2_000],
    [10_003, 0, 20, 0, undefined, 2_001],
    [10_000, 0, 12.5, 0, undefined, 1_250],
    [10_000, 0, 20, 4_000, undefined, 4_000],
    [3_000, 0, 20, 4_000, undefined, 3_000],
    [10_000, 5_000, 20, 0, 0, 0],
  ])('allowed %i, deductible %i, %d %%, copay %i, oop %s -> %i', (allowedCents, ded, pct, copay, oop, expected) => {
    const e = estimatePatientResponsibility({
      allowedCents,
      coverage: { deductibleRemainingCents: ded, coinsurancePercent: pct, copayCents: copay, outOfPocketRemainingCents: oop },
    });
    expect(e.expectedPatientResponsibilityCents).toBe(expected);
    expect(e.expectedPatientResponsibilityCents + e.expectedPayerPaymentCents).toBe(allowedCents);
  });

  it('rejects fractional cents', () => {
    expect(() => estimatePatientResponsibility({ allowedCents: 10.5 })).toThrow('invalid estimate input');
  });

  it('property: the patient share is whole cents between 0 and min(allowed, out-of-pocket), and grows with the deductible', () => {
    const cents = fc.integer({ min: 0, max: 5_000_000 });
    fc.assert(
      fc.property(cents, cents, fc.integer({ min: 0, max: 10_000 }), fc.option(cents, { nil: undefined }), cents, (allowed, ded, bp, oop, extra) => {
        const coverage = { deductibleRemainingCents: ded, coinsurancePercent: bp / 100, copayCents: 0, outOfPocketRemainingCents: oop };
        const e = estimatePatientResponsibility({ allowedCents: allowed, coverage });
        const p = e.expectedPatientResponsibilityCents;
        expect(Number.isInteger(p)).toBe(true);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(Math.min(allowed, oop ?? Infinity));
        const bigger = estimatePatientResponsibility({ allowedCents: allowed, coverage: { ...coverage, deductibleRemainingCents: ded + extra } });
        expect(bigger.expectedPatientResponsibilityCents).toBeGreaterThanOrEqual(p);
        expect(e.basis.reduce((s, step) => s + step.amountCents, 0)).toBe(p);
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});
