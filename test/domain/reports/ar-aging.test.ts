import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AGING_BUCKET_KEYS, ageInDays, agingBucketOf, summarizeAging, type AgingGroup } from '../../../domain/reports';

describe('aging buckets', () => {
  it.each([
    [-3, '0-30'],
    [0, '0-30'],
    [30, '0-30'],
    [31, '31-60'],
    [60, '31-60'],
    [61, '61-90'],
    [90, '61-90'],
    [91, '91-120'],
    [120, '91-120'],
    [121, '120+'],
    [900, '120+'],
  ])('a balance %i days old is in %s', (days, bucket) => {
    expect(agingBucketOf(days)).toBe(bucket);
  });

  it('counts calendar days from the start date to the as-of date', () => {
    expect(ageInDays('2025-03-30', '2025-06-30')).toBe(92);
    expect(ageInDays('2024-02-28', '2024-03-01')).toBe(2);
  });
});

describe('summarizeAging', () => {
  const groups: AgingGroup[] = [
    { responsibility: 'insurance', payerId: 'medicare-b', bucket: 0, cents: 100_000, items: 1 },
    { responsibility: 'insurance', payerId: 'medicare-b', bucket: null, cents: -5_000, items: 1 },
    { responsibility: 'insurance', payerId: 'commercial-a', bucket: 3, cents: 80_000, items: 1 },
    { responsibility: 'insurance', payerId: 'commercial-a', bucket: 4, cents: 60_000, items: 1 },
    { responsibility: 'patient', payerId: null, bucket: 1, cents: 6_000, items: 1 },
  ];
  const report = summarizeAging('2025-06-30', 'service', groups);

  it('sums debit balances into buckets and keeps credit balances apart', () => {
    expect(report.buckets).toEqual(AGING_BUCKET_KEYS);
    expect(report.total.bucketsCents).toEqual({ '0-30': 100_000, '31-60': 6_000, '61-90': 0, '91-120': 80_000, '120+': 60_000 });
    expect(report.total.openCents).toBe(246_000);
    expect(report.total.creditBalanceCents).toBe(-5_000);
    expect(report.total.totalCents).toBe(241_000);
    expect(report.total.openItems).toBe(4);
    expect(report.total.creditItems).toBe(1);
  });

  it('splits insurance from patient and lists each payer', () => {
    expect(report.insurance.totalCents).toBe(235_000);
    expect(report.patient.totalCents).toBe(6_000);
    expect(report.byPayer.map((p) => [p.responsibility, p.payerId, p.totalCents])).toEqual([
      ['insurance', 'commercial-a', 140_000],
      ['insurance', 'medicare-b', 95_000],
      ['patient', null, 6_000],
    ]);
  });

  it('gives the share of debit balances over 90 days', () => {
    expect(report.total.over90).toEqual({ numerator: 140_000, denominator: 246_000, percent: 56.91 });
    expect(report.patient.over90.percent).toBe(0);
    expect(summarizeAging('2025-06-30', 'service', []).total.over90.percent).toBeNull();
  });
});

describe('domain/reports stays pure', () => {
  const folder = join(__dirname, '..', '..', '..', 'domain', 'reports');
  it.each(readdirSync(folder).filter((f) => f.endsWith('.ts')))('%s imports only domain code and reads no clock', (file) => {
    const source = readFileSync(join(folder, file), 'utf8');
    for (const m of source.matchAll(/from '([^']+)'/g)) expect(m[1]!.startsWith('.')).toBe(true);
    expect(source).not.toMatch(/Date\.now|new Date\(|Math\.random|process\.|console\./);
  });
});
