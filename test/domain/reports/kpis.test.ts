import { computeKpis, daysInAr, netCollectionRate, periodDays, periodInstants, periodProblem, rate, type KpiInputs } from '../../../domain/reports';

const inputs: KpiInputs = {
  period: { from: '2025-06-01', to: '2025-06-30' },
  submissions: [
    { payerId: 'medicare-b', firstSubmitted: 2, clean: 1, frontEndDecided: 2, frontEndAccepted: 1 },
    { payerId: 'commercial-a', firstSubmitted: 2, clean: 1, frontEndDecided: 1, frontEndAccepted: 1 },
  ],
  adjudications: [
    { payerId: 'medicare-b', adjudicated: 3, denied: 1, deniedCents: 20_000 },
    { payerId: 'commercial-a', adjudicated: 1, denied: 1, deniedCents: 90_000 },
  ],
  categories: [
    { category: 'bundling', deniedClaims: 1, deniedCents: 20_000 },
    { category: 'medical-necessity', deniedClaims: 1, deniedCents: 90_000 },
  ],
  ledger: { chargesCents: 140_000, paymentsCents: 79_000, contractualAdjustmentsCents: 10_000 },
  ar: { totalCents: 241_000, insuranceCents: 235_000, patientCents: 6_000, openCents: 246_000, over90Cents: 140_000 },
};

describe('computeKpis', () => {
  const kpis = computeKpis(inputs);

  it('gives the claim rates overall and by payer', () => {
    expect(kpis.days).toBe(30);
    expect(kpis.cleanClaimRate).toEqual({ numerator: 2, denominator: 4, percent: 50 });
    expect(kpis.firstPassAcceptanceRate).toEqual({ numerator: 2, denominator: 3, percent: 66.67 });
    const commercial = kpis.byPayer.find((p) => p.payerId === 'commercial-a')!;
    expect(commercial.firstPassAcceptanceRate.percent).toBe(100);
    expect(commercial.denialRate).toEqual({ numerator: 1, denominator: 1, percent: 100, deniedCents: 90_000 });
  });

  it('gives the denial rate overall, by payer and by category over all remitted claims', () => {
    expect(kpis.denialRate.overall).toEqual({ numerator: 2, denominator: 4, percent: 50, deniedCents: 110_000 });
    expect(kpis.denialRate.byPayer.find((p) => p.payerId === 'medicare-b')?.percent).toBe(33.33);
    expect(kpis.denialRate.byCategory.map((c) => [c.category, c.numerator, c.denominator, c.percent])).toEqual([
      ['bundling', 1, 4, 25],
      ['medical-necessity', 1, 4, 25],
    ]);
  });

  it('gives days in A/R, A/R over 90 days and the net collection rate from the ledger figures', () => {
    // 241,000 / (140,000 / 30 days) = 51.64 days
    expect(kpis.daysInAR).toMatchObject({ days: 51.6, arCents: 241_000, chargesCents: 140_000, averageDailyChargesCents: 4_667 });
    expect(kpis.arOver90.percent).toBe(56.91);
    // 79,000 / (140,000 - 10,000)
    expect(kpis.netCollectionRate).toMatchObject({ numerator: 79_000, denominator: 130_000, percent: 60.77 });
  });

  it('says nothing rather than dividing by zero', () => {
    const empty = computeKpis({ ...inputs, submissions: [], adjudications: [], categories: [], ledger: { chargesCents: 0, paymentsCents: 0, contractualAdjustmentsCents: 0 }, ar: { totalCents: 0, insuranceCents: 0, patientCents: 0, openCents: 0, over90Cents: 0 } });
    expect(empty.cleanClaimRate.percent).toBeNull();
    expect(empty.denialRate.overall.percent).toBeNull();
    expect(empty.daysInAR.days).toBeNull();
    expect(empty.netCollectionRate.percent).toBeNull();
    expect(empty.byPayer).toEqual([]);
    expect(daysInAr(5_000, -100, 30)).toBeNull();
    expect(netCollectionRate(100, 1_000, 1_000).percent).toBeNull();
    expect(netCollectionRate(100, 1_000, 2_000).percent).toBeNull();
  });

  it('rounds percents to two decimals', () => {
    expect(rate(1, 3).percent).toBe(33.33);
    expect(rate(2, 3).percent).toBe(66.67);
    expect(rate(1, 8).percent).toBe(12.5);
    expect(rate(0, 5).percent).toBe(0);
  });
});

describe('report periods', () => {
  it('accepts an inclusive period up to two years and refuses the rest', () => {
    expect(periodProblem({ from: '2025-06-01', to: '2025-06-30' })).toBeNull();
    expect(periodProblem({ from: '2025-06-01', to: '2025-06-01' })).toBeNull();
    expect(periodProblem({ from: '2025-07-01', to: '2025-06-30' })).toBe('from-after-to');
    expect(periodProblem({ from: '2025-02-30', to: '2025-06-30' })).toBe('invalid-from');
    expect(periodProblem({ from: '2025-01-01', to: 'June' })).toBe('invalid-to');
    expect(periodProblem({ from: '2023-01-01', to: '2025-01-01' })).toBe('period-too-long');
    expect(periodProblem({ from: '2023-01-01', to: '2024-12-31' })).toBeNull();
  });

  it('counts days and covers whole UTC days', () => {
    expect(periodDays({ from: '2024-02-01', to: '2024-02-29' })).toBe(29);
    expect(periodInstants({ from: '2025-06-01', to: '2025-06-30' })).toEqual({ start: '2025-06-01T00:00:00Z', end: '2025-07-01T00:00:00Z' });
  });
});
