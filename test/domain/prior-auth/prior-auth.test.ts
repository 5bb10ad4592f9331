import {
  AuthorizationSchema,
  detectPriorAuthMismatch,
  matchAuthorization,
  modalityOfCpt,
  priorAuthResponseDueAt,
  requiresPriorAuth,
  type Authorization,
} from '../../../domain/prior-auth';
import { seedPayerPolicy } from '../../../domain/policy';

describe('requiresPriorAuth', () => {
  it.each([
    // payer, modality, cpt, required, reason
    ['medicare-b', 'MR', '72148', false, 'payer-has-no-imaging-program'],
    ['medicare-b', 'CT', '74177', false, 'payer-has-no-imaging-program'],
    ['medicare-advantage', 'MR', '72148', true, 'modality-listed'],
    ['medicare-advantage', 'PET', '78815', true, 'modality-listed'],
    ['medicare-advantage', 'NM', '78452', true, 'modality-listed'],
    ['medicare-advantage', 'XR', '71046', false, 'not-listed'],
    ['medicare-advantage', 'US', '76700', false, 'not-listed'],
    ['commercial-a', 'CT', '74177', true, 'modality-listed'],
    ['commercial-a', 'CT', '71271', false, 'cpt-exempt'],
    ['commercial-a', 'MG', '77067', false, 'cpt-exempt'],
    ['commercial-b', 'CT', '70450', true, 'cpt-listed'],
    ['commercial-b', 'CT', '73700', false, 'not-listed'],
    ['commercial-b', 'MR', '73721', true, 'modality-listed'],
    ['medicaid', 'CT', '71250', true, 'modality-listed'],
    ['self-pay', 'MR', '72148', false, 'self-pay'],
  ] as const)('%s %s %s -> required %s (%s)', (payer, modality, cpt, required, reason) => {
    const r = requiresPriorAuth(seedPayerPolicy(payer), { modality, procedures: [{ cpt }] });
    expect(r.required).toBe(required);
    expect(r.procedures[0]?.reason).toBe(reason);
  });

  it("uses the code's own modality: a CT performed on an XR order still needs authorization", () => {
    const r = requiresPriorAuth(seedPayerPolicy('commercial-a'), { modality: 'XR', procedures: [{ cpt: '71046' }, { cpt: '71250' }] });
    expect(r.required).toBe(true);
    expect(r.procedures.map((p) => [p.cpt, p.modality, p.required])).toEqual([
      ['71046', 'XR', false],
      ['71250', 'CT', true],
    ]);
  });

  it('falls back to the ordered modality for codes outside the curated ranges', () => {
    const r = requiresPriorAuth(seedPayerPolicy('commercial-a'), { modality: 'MR', procedures: [{ cpt: 'C8903' }] });
    expect(r.procedures[0]).toMatchObject({ modality: 'MR', required: true });
  });
});

describe('modalityOfCpt', () => {
  it.each([
    ['72148', 'MR'],
    ['70450', 'CT'],
    ['78815', 'PET'],
    ['78452', 'NM'],
    ['76700', 'US'],
    ['77067', 'MG'],
    ['77080', 'DXA'],
    ['71046', 'XR'],
    ['99213', undefined],
  ])('%s -> %s', (cpt, modality) => expect(modalityOfCpt(cpt)).toBe(modality));
});

const auth = (over: Partial<Authorization> = {}): Authorization => ({
  authNumber: 'A100',
  payerId: 'commercial-a',
  cpts: ['72148'],
  unitsAuthorized: 1,
  unitsUsed: 0,
  validFrom: '2026-11-01',
  validTo: '2026-12-31',
  status: 'approved',
  ...over,
});

describe('matchAuthorization', () => {
  const commercialA = seedPayerPolicy('commercial-a');
  const req = { payerId: 'commercial-a', dateOfService: '2026-11-25T14:00:00Z', procedures: [{ cpt: '72148', units: 1 }] };

  it('matches the authorization covering the code and reports the units it consumes', () => {
    const r = matchAuthorization(commercialA, [auth()], req);
    expect(r.outcome).toBe('match');
    expect(r.procedures[0]).toMatchObject({ outcome: 'match', authNumber: 'A100', matchedBy: 'cpt', unitsConsumed: 1 });
    expect(r.consumption).toEqual([{ authNumber: 'A100', units: 1 }]);
  });

  it.each([
    ['no authorization on file', [], 'no-authorization-on-file'],
    ['another payer only', [auth({ payerId: 'medicaid' })], 'no-authorization-on-file'],
    ['wrong CPT', [auth({ cpts: ['70553'] })], 'wrong-cpt'],
    ['date of service after the window', [auth({ validTo: '2026-11-24' })], 'outside-window'],
    ['date of service before the window', [auth({ validFrom: '2026-11-26' })], 'outside-window'],
    ['units used up', [auth({ unitsUsed: 1 })], 'units-exhausted'],
    ['expired', [auth({ status: 'expired' })], 'expired'],
    ['pending', [auth({ status: 'pending' })], 'not-approved'],
  ] as const)('no match: %s -> %s', (_label, auths, reason) => {
    const r = matchAuthorization(commercialA, auths, req);
    expect(r.outcome).toBe('no-match');
    expect(r.procedures[0]).toMatchObject({ outcome: 'no-match', reason });
    expect(r.consumption).toEqual([]);
  });

  it('reports the reason of the authorization that covers the code, not of unrelated ones', () => {
    const r = matchAuthorization(commercialA, [auth({ authNumber: 'B', cpts: ['70553'] }), auth({ authNumber: 'C', validTo: '2026-11-20' })], req);
    expect(r.procedures[0]).toMatchObject({ reason: 'outside-window' });
  });

  it('prefers the exact code, then the authorization expiring first', () => {
    const medicaid = seedPayerPolicy('medicaid');
    const auths = [
      auth({ payerId: 'medicaid', authNumber: 'FAM', cpts: ['72158'], validTo: '2026-11-30' }),
      auth({ payerId: 'medicaid', authNumber: 'LATE', validTo: '2026-12-31' }),
      auth({ payerId: 'medicaid', authNumber: 'SOON', validTo: '2026-12-15' }),
    ];
    const r = matchAuthorization(medicaid, auths, { ...req, payerId: 'medicaid' });
    expect(r.procedures[0]).toMatchObject({ authNumber: 'SOON', matchedBy: 'cpt' });
  });

  it('family matching only where the payer allows it (Medicaid yes, commercial-a no)', () => {
    const performed72158 = { ...req, procedures: [{ cpt: '72158' }] };
    expect(matchAuthorization(seedPayerPolicy('commercial-a'), [auth()], performed72158).outcome).toBe('no-match');
    const r = matchAuthorization(seedPayerPolicy('medicaid'), [auth({ payerId: 'medicaid' })], { ...performed72158, payerId: 'medicaid' });
    expect(r.procedures[0]).toMatchObject({ outcome: 'match', matchedBy: 'family' });
  });

  it('an authorization issued for a family covers its codes for any payer', () => {
    const r = matchAuthorization(commercialA, [auth({ cpts: [], cptFamily: 'mr-lumbar-spine' })], { ...req, procedures: [{ cpt: '72158' }] });
    expect(r.procedures[0]).toMatchObject({ outcome: 'match', matchedBy: 'family' });
  });

  it('units used by the first procedure count against the second', () => {
    const r = matchAuthorization(commercialA, [auth({ cpts: ['72148', '72141'], unitsAuthorized: 2, unitsUsed: 1 })], {
      ...req,
      procedures: [{ cpt: '72148' }, { cpt: '72141' }],
    });
    expect(r.procedures.map((p) => p.outcome)).toEqual(['match', 'no-match']);
    expect(r.procedures[1]).toMatchObject({ reason: 'units-exhausted' });
  });
});

describe('detectPriorAuthMismatch', () => {
  it('ordered and authorized 72148, performed 72158 (with contrast): blocking mismatch, same family', () => {
    const r = detectPriorAuthMismatch(seedPayerPolicy('commercial-a'), auth(), [{ cpt: '72158', units: 1 }]);
    expect(r.mismatch).toBe(true);
    expect(r.findings).toEqual([expect.objectContaining({ kind: 'cpt-not-authorized', cpt: '72158', blocking: true, sameFamilyAsAuthorized: true })]);
  });

  it('the same change with a payer that accepts family variants is noted but not blocking', () => {
    const r = detectPriorAuthMismatch(seedPayerPolicy('commercial-b'), auth({ payerId: 'commercial-b' }), [{ cpt: '72158' }]);
    expect(r.mismatch).toBe(false);
    expect(r.findings[0]?.kind).toBe('covered-by-family');
  });

  it('a different study altogether needs a new authorization', () => {
    const r = detectPriorAuthMismatch(seedPayerPolicy('commercial-a'), auth(), [{ cpt: '70553' }]);
    expect(r.findings[0]).toMatchObject({ kind: 'cpt-not-authorized', sameFamilyAsAuthorized: false });
  });

  it('more units than authorized', () => {
    const r = detectPriorAuthMismatch(seedPayerPolicy('commercial-a'), auth(), [{ cpt: '72148', units: 2 }]);
    expect(r.mismatch).toBe(true);
    expect(r.findings.map((f) => f.kind)).toEqual(['units-exceed-authorization']);
  });

  it('performed as authorized: no finding', () => {
    expect(detectPriorAuthMismatch(seedPayerPolicy('commercial-a'), auth(), [{ cpt: '72148', units: 1 }])).toEqual({ mismatch: false, findings: [] });
  });
});

describe('authorizations and response due', () => {
  it('an authorization must cover codes or a family, within valid dates', () => {
    expect(AuthorizationSchema.safeParse(auth({ cpts: [] })).success).toBe(false);
    expect(AuthorizationSchema.safeParse(auth({ validFrom: '2027-01-01' })).success).toBe(false);
    expect(AuthorizationSchema.safeParse(auth()).success).toBe(true);
  });

  it('urgent requests are due in 72 hours, routine ones in 7 days', () => {
    const p = seedPayerPolicy('medicare-advantage');
    expect(priorAuthResponseDueAt(p, 'stat', '2026-11-20T10:00:00Z')).toBe('2026-11-23T10:00:00.000Z');
    expect(priorAuthResponseDueAt(p, 'routine', '2026-11-20T10:00:00Z')).toBe('2026-11-27T10:00:00.000Z');
  });
});
