import type { ClaimAdjudication } from '../../../domain/posting';
import { denialRecords, summarizeDenials, type DenialGroup } from '../../../domain/reports';

function adjudication(overrides: Partial<ClaimAdjudication>): ClaimAdjudication {
  return {
    claimId: 'C1', statusCode: '1', chargeCents: 270_000, paidCents: 60_000, patientResponsibilityCents: 15_000, payerClaimNumber: 'P1',
    claimAdjustments: [], lines: [], remarkCodes: [], ...overrides,
  };
}

describe('denialRecords', () => {
  it('keeps the denied line of a partly paid claim and leaves contractual and patient amounts out', () => {
    const records = denialRecords(adjudication({
      lines: [
        { lineControlNumber: 'L1', procedureCode: '72148', modifiers: [], chargeCents: 150_000, paidCents: 60_000, remarkCodes: [],
          adjustments: [{ group: 'CO', reasonCode: '45', amountCents: 75_000 }, { group: 'PR', reasonCode: '2', amountCents: 15_000 }] },
        { lineControlNumber: 'L2', procedureCode: '72146', modifiers: [], chargeCents: 120_000, paidCents: 0, remarkCodes: ['M15'],
          adjustments: [{ group: 'CO', reasonCode: '97', amountCents: 120_000 }] },
      ],
    }));
    expect(records).toEqual([{
      seq: 1, lineControlNumber: 'L2', procedureCode: '72146', group: 'CO', reasonCode: '97', remarkCodes: ['M15'],
      category: 'bundling', rootCause: 'bundled-service', amountCents: 120_000,
    }]);
  });

  it('classifies a claim-level denial with its remark codes', () => {
    const records = denialRecords(adjudication({ statusCode: '4', paidCents: 0, claimAdjustments: [{ group: 'CO', reasonCode: '16', amountCents: 50_000 }], remarkCodes: ['M51'] }));
    expect(records).toMatchObject([{ seq: 1, lineControlNumber: null, reasonCode: '16', category: 'coding', amountCents: 50_000 }]);
    expect(denialRecords(adjudication({ claimAdjustments: [{ group: 'CO', reasonCode: '197', amountCents: 80_000 }] }))[0]).toMatchObject({ category: 'authorization', rootCause: 'prior-auth-missing' });
  });

  it('records nothing for a reversal or for amounts that are not positive', () => {
    expect(denialRecords(adjudication({ statusCode: '22', claimAdjustments: [{ group: 'CO', reasonCode: '50', amountCents: 10_000 }] }))).toEqual([]);
    expect(denialRecords(adjudication({ claimAdjustments: [{ group: 'CO', reasonCode: '50', amountCents: -10_000 }] }))).toEqual([]);
  });
});

describe('summarizeDenials', () => {
  const groups: DenialGroup[] = [
    { dimension: 'total', deniedClaims: 2, denials: 2, deniedCents: 110_000 },
    { dimension: 'payer', payerId: 'commercial-a', deniedClaims: 1, denials: 1, deniedCents: 90_000 },
    { dimension: 'payer', payerId: 'medicare-b', deniedClaims: 1, denials: 1, deniedCents: 20_000 },
    { dimension: 'category', category: 'medical-necessity', deniedClaims: 1, denials: 1, deniedCents: 90_000 },
    { dimension: 'category', category: 'bundling', deniedClaims: 1, denials: 1, deniedCents: 20_000 },
    { dimension: 'carc', group: 'CO', carc: '50', deniedClaims: 1, denials: 1, deniedCents: 90_000 },
    { dimension: 'carc', group: 'CO', carc: '97', deniedClaims: 1, denials: 1, deniedCents: 20_000 },
    { dimension: 'root-cause', category: 'bundling', rootCause: 'bundled-service', deniedClaims: 1, denials: 1, deniedCents: 20_000 },
  ];
  const report = summarizeDenials({ from: '2025-06-01', to: '2025-06-30' }, groups, new Map([['medicare-b', 3], ['commercial-a', 1], ['medicaid', 2]]));

  it('gives the denial rate over the remitted claims, also for payers with no denial', () => {
    expect(report.total).toMatchObject({ deniedClaims: 2, deniedCents: 110_000, adjudicatedClaims: 6, denialRate: { percent: 33.33 } });
    expect(report.byPayer.map((p) => [p.payerId, p.deniedClaims, p.adjudicatedClaims, p.denialRate.percent])).toEqual([
      ['commercial-a', 1, 1, 100],
      ['medicare-b', 1, 3, 33.33],
      ['medicaid', 0, 2, 0],
    ]);
  });

  it('describes each CARC from the denial table, largest amounts first', () => {
    expect(report.byCarc.map((c) => [c.carc, c.category, c.recommendedAction])).toEqual([['50', 'medical-necessity', 'appeal'], ['97', 'bundling', 'corrected-claim']]);
    expect(report.byCategory[0]).toMatchObject({ category: 'medical-necessity', shareOfDeniedCents: { percent: 81.82 } });
    expect(report.byRootCause).toEqual([{ rootCause: 'bundled-service', category: 'bundling', deniedClaims: 1, denials: 1, deniedCents: 20_000 }]);
  });
});
