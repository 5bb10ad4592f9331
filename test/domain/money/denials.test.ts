import {
  CARC_TABLE,
  RARC_TABLE,
  adjustmentEffect,
  classifyDenial,
  planCorrectedClaim,
  type DenialInput,
} from '../../../domain/denials';

const REQUIRED_CARCS = ['1', '2', '3', '4', '5', '6', '11', '16', '18', '22', '23', '24', '26', '27', '29', '31', '45', '50', '55', '56', '96', '97', '109', '119', '129', '146', '151', '167', '170', '171', '181', '182', '183', '184', '185', '189', '197', '198', '199', '204', '226', '227', '234', '236', '242', '252', '253', 'B7', 'B9', 'B15', 'B16'];
const REQUIRED_RARCS = ['N4', 'N20', 'N56', 'N115', 'N130', 'N290', 'N362', 'N386', 'M15', 'M20', 'M51', 'M77', 'MA04', 'MA130'];

describe('denial classification', () => {
  it('covers every reason and remark code imaging sees, each with a description', () => {
    for (const code of REQUIRED_CARCS) expect(CARC_TABLE[code]?.description.length).toBeGreaterThan(5);
    for (const code of REQUIRED_RARCS) expect(RARC_TABLE[code]?.description.length).toBeGreaterThan(5);
  });

  const cases: Array<[string, DenialInput, { category: string; action: string | null; autoCorrectable?: boolean; rootCause?: string }]> = [
    ['missing auth', { group: 'CO', reasonCode: '197' }, { category: 'authorization', action: 'appeal', rootCause: 'prior-auth-missing' }],
    ['not medically necessary under an LCD', { group: 'CO', reasonCode: '50', remarkCodes: ['N115'] }, { category: 'medical-necessity', action: 'appeal', rootCause: 'lcd-not-met' }],
    ['bundled', { group: 'CO', reasonCode: '97', remarkCodes: ['M15'] }, { category: 'bundling', action: 'corrected-claim', autoCorrectable: false }],
    ['timely filing', { group: 'CO', reasonCode: '29' }, { category: 'timely-filing', action: 'write-off-request' }],
    ['duplicate', { group: 'OA', reasonCode: '18' }, { category: 'duplicate', action: 'corrected-claim' }],
    ['coverage ended', { group: 'CO', reasonCode: '27' }, { category: 'eligibility', action: 'resubmit-with-info' }],
    ['other payer primary', { group: 'OA', reasonCode: '22' }, { category: 'cob', action: 'bill-secondary' }],
    ['generic 16 refined by invalid procedure code', { group: 'CO', reasonCode: '16', remarkCodes: ['M51'] }, { category: 'coding', action: 'corrected-claim', autoCorrectable: true }],
    ['generic 16 refined by missing rendering NPI', { group: 'CO', reasonCode: '16', remarkCodes: ['N290'] }, { category: 'missing-information', action: 'corrected-claim', autoCorrectable: true }],
    ['16 with no appeal rights', { group: 'CO', reasonCode: '16', remarkCodes: ['MA130'] }, { category: 'missing-information', action: 'resubmit-with-info', autoCorrectable: false }],
    ['secondary needs primary EOB', { group: 'CO', reasonCode: '16', remarkCodes: ['MA04'] }, { category: 'cob', action: 'resubmit-with-info' }],
    ['modifier missing', { group: 'CO', reasonCode: '4' }, { category: 'coding', action: 'corrected-claim', autoCorrectable: true }],
    ['non-covered with patient liability', { group: 'PR', reasonCode: '204' }, { category: 'eligibility', action: 'bill-patient' }],
    ['non-covered, provider liable', { group: 'CO', reasonCode: '204' }, { category: 'eligibility', action: 'write-off-request' }],
    ['deductible', { group: 'PR', reasonCode: '1' }, { category: 'other', action: 'bill-patient' }],
    ['coinsurance with a secondary on file', { group: 'PR', reasonCode: '2', hasOtherCoverage: true }, { category: 'other', action: 'bill-secondary' }],
    ['contractual', { group: 'CO', reasonCode: '45' }, { category: 'other', action: null }],
    ['unknown code goes to a person', { group: 'CO', reasonCode: 'Z9' }, { category: 'other', action: 'appeal', rootCause: 'unclassified-code' }],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    const result = classifyDenial(input);
    expect(result).toMatchObject(expected);
  });

  it('decides the money effect of each adjustment', () => {
    expect(adjustmentEffect('CO', '45')).toBe('contractual-reduction');
    expect(adjustmentEffect('CO', '253')).toBe('contractual-reduction');
    expect(adjustmentEffect('PR', '2')).toBe('patient-cost-share');
    expect(adjustmentEffect('PR', '96')).toBe('patient-liable');
    expect(adjustmentEffect('OA', '23')).toBe('prior-payer');
    expect(adjustmentEffect('CO', '97')).toBe('denial');
    expect(adjustmentEffect('CO', '2')).toBe('denial');
  });

  it('plans a corrected claim only when every open denial is auto-correctable and the payer claim number is known', () => {
    const modifier = classifyDenial({ group: 'CO', reasonCode: '4' });
    const auth = classifyDenial({ group: 'CO', reasonCode: '197' });
    const ok = planCorrectedClaim({ claimId: 'cl_1', payerClaimNumber: 'ICN123', denials: [modifier, classifyDenial({ group: 'CO', reasonCode: '45' })] });
    expect(ok).toMatchObject({ kind: 'corrected-claim', plan: { frequencyCode: '7', payerClaimNumber: 'ICN123', requiresConfirmation: true } });
    expect(planCorrectedClaim({ claimId: 'cl_1', denials: [modifier] })).toEqual({ kind: 'not-auto-correctable', reason: 'missing-payer-claim-number' });
    expect(planCorrectedClaim({ claimId: 'cl_1', payerClaimNumber: 'X', denials: [modifier, auth] })).toEqual({ kind: 'not-auto-correctable', reason: 'other-denials-need-work' });
    expect(planCorrectedClaim({ claimId: 'cl_1', payerClaimNumber: 'X', denials: [auth] })).toEqual({ kind: 'not-auto-correctable', reason: 'no-auto-correctable-denial' });
  });
});
