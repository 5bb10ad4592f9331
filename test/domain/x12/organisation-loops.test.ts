import { build837P, hasErrors, parse837P, validate837P } from '../../../domain/x12';
import { envelope, mriClaim, transaction } from './support/claims';

describe('837P loops of the organisation records', () => {
  const claim = mriClaim({
    claimId: 'CLM-ORG-1',
    subscriber: { ...mriClaim().subscriber, payerResponsibility: 'S', insuranceTypeCode: '12' },
    mammographyCertification: 'MQSA-123456',
    payToProvider: { entityType: '2', address: { line1: 'PO BOX 4410', city: 'CHICAGO', state: 'IL', postalCode: '606804410' } },
    renderingProvider: { entityType: '1', lastOrOrgName: 'WREN', firstName: 'ALICE', npi: '1000000038', taxonomy: '2085R0202X' },
    otherSubscribers: [{ payerResponsibility: 'P', relationship: '18', insuranceTypeCode: '47', claimFilingIndicator: 'CI', adjustments: [], subscriberName: { entityType: '1', lastOrOrgName: 'LOVELACE', firstName: 'ADA' }, memberId: 'X1', payerName: 'AUTO INSURER', payerId: 'AUTO1' }],
  });

  test('SBR05, REF*EW, pay-to and the rendering taxonomy are written and read back unchanged', () => {
    const tx = transaction([claim]);
    const parsed = parse837P(build837P(envelope, [tx])).transactions[0]!;
    const back = parsed.claims[0]!;
    expect(back.subscriber.insuranceTypeCode).toBe('12');
    expect(back.otherSubscribers?.[0]?.insuranceTypeCode).toBe('47');
    expect(back.mammographyCertification).toBe('MQSA-123456');
    expect(back.payToProvider).toEqual(claim.payToProvider);
    expect(back.renderingProvider).toEqual(claim.renderingProvider);
  });

  test('an SBR05 that is not a Medicare secondary payer type is refused before anything is sent', () => {
    const bad = transaction([{ ...claim, subscriber: { ...claim.subscriber, insuranceTypeCode: '99' } }]);
    const findings = validate837P(bad);
    expect(hasErrors(findings)).toBe(true);
    expect(findings.find((f) => f.element === 'SBR05')).toMatchObject({ loop: '2000B', severity: 'error' });
    expect(hasErrors(validate837P(transaction([claim])))).toBe(false);
  });
});
