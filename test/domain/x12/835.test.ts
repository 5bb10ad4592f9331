import fc from 'fast-check';
import { build835, check835Balance, parse835, type ClaimPayment835, type Remittance835 } from '../../../domain/x12';
import { envelope } from './support/claims';
import { readSample, sampleFiles } from './support/samples';

function remit(claims: ClaimPayment835[], plb: Remittance835['providerAdjustments'] = []): Remittance835 {
  const paid = claims.reduce((a, c) => a + c.paidCents, 0) - plb.flatMap((p) => p.items).reduce((a, i) => a + i.amountCents, 0);
  return {
    controlNumber: '0001',
    payment: { handlingCode: 'I', amountCents: paid, creditDebit: 'C', method: 'ACH', format: 'CCP', date: '2026-12-20' },
    trace: { number: 'EFT123456', payerId: '1123456789' },
    productionDate: '2026-12-18',
    payer: { name: 'MEDICARE B', references: [{ qualifier: '2U', value: '12202' }], address: { line1: 'PO BOX 1', city: 'CHICAGO', state: 'IL', postalCode: '60601' } },
    payee: { name: 'SPRINGFIELD IMAGING', idQualifier: 'XX', id: '1234567893', references: [{ qualifier: 'TJ', value: '371234567' }] },
    claims,
    providerAdjustments: plb,
  };
}

const mriPaid: ClaimPayment835 = {
  headerNumber: 1,
  claimId: 'CLM-ACC-2026-000123-1',
  status: '1',
  chargeCents: 185050,
  paidCents: 64000,
  patientResponsibilityCents: 16000,
  filingIndicator: 'MB',
  payerClaimControlNumber: 'PCN998877',
  facilityCode: '11',
  frequency: '1',
  adjustments: [],
  patient: { name: { entityType: '1', lastOrOrgName: 'LOVELACE', firstName: 'ADA' }, idQualifier: 'MI', id: '1EG4TE5MK73' },
  outpatient: { remarkCodes: ['MA01'] },
  references: [],
  statementFrom: '2026-11-25',
  statementTo: '2026-11-25',
  amounts: [{ qualifier: 'AU', amountCents: 80000 }],
  lines: [
    { procedure: { qualifier: 'HC', code: '72148', modifiers: [] }, chargeCents: 150000, paidCents: 64000, units: 1, serviceDate: '2026-11-25',
      adjustments: [{ group: 'CO', reason: '45', amountCents: 70000 }, { group: 'PR', reason: '2', amountCents: 16000 }], lineControlNumber: 'L1', references: [], allowedCents: 80000, remarkCodes: ['N130'] },
    { procedure: { qualifier: 'HC', code: '72100', modifiers: ['26'] }, chargeCents: 35050, paidCents: 0, units: 1, serviceDate: '2026-11-25',
      adjustments: [{ group: 'CO', reason: '97', amountCents: 35050 }], lineControlNumber: 'L2', references: [], remarkCodes: [] },
  ],
};

describe('835 build and parse', () => {
  it('round-trips a remittance with a paid claim, a reversal and provider adjustments', () => {
    const reversal: ClaimPayment835 = { ...mriPaid, headerNumber: 2, status: '22', chargeCents: -185050, paidCents: -64000, patientResponsibilityCents: -16000,
      adjustments: [{ group: 'CO', reason: '45', amountCents: -70000 }, { group: 'PR', reason: '2', amountCents: -16000 }, { group: 'CO', reason: '97', amountCents: -35050 }], lines: [], outpatient: undefined, amounts: [] };
    const r = remit([mriPaid, reversal], [{ providerId: '1234567893', fiscalPeriodDate: '2026-12-31', items: [{ reason: 'WO', reference: 'PCN1', amountCents: 1500 }, { reason: 'L6', amountCents: -27 }] }]);
    const text = build835(envelope, [r]);
    expect(text).toContain('BPR*I*-14.73*C*ACH*CCP***********20261220~');
    expect(text).toContain('CLP*CLM-ACC-2026-000123-1*22*-1850.5*-640*-160*MB*PCN998877*11*1~');
    expect(text).toContain('PLB*1234567893*20261231*WO:PCN1*15*L6*-0.27~');
    expect(text).toContain('LQ*HE*N130~');
    const parsed = parse835(text);
    expect(parsed.findings).toEqual([]);
    expect(parsed.transactions).toEqual([JSON.parse(JSON.stringify(r))]);
  });

  it('writes and reads the payer contacts (1000A PER), and leaves out ST03 as X221A1 asks', () => {
    const r = remit([mriPaid]);
    r.payer.contacts = [
      { functionCode: 'CX', name: 'PROVIDER SERVICES', channels: [{ qualifier: 'TE', value: '8005550100' }, { qualifier: 'EX', value: '12' }] },
      { functionCode: 'BL', channels: [{ qualifier: 'EM', value: 'edi@example.com' }] },
      { functionCode: 'IC', channels: [{ qualifier: 'UR', value: 'www.example.com' }] },
    ];
    const text = build835(envelope, [r]);
    expect(text).toContain('ST*835*0001~');
    expect(text).toContain('N4*CHICAGO*IL*60601~\nREF*2U*12202~\nPER*CX*PROVIDER SERVICES*TE*8005550100*EX*12~\nPER*BL**EM*edi@example.com~\nPER*IC**UR*www.example.com~\nN1*PE*');
    const parsed = parse835(text);
    expect(parsed.envelopes[0]!.implementationReference).toBe('005010X221A1');
    expect(parsed.transactions).toEqual([JSON.parse(JSON.stringify(r))]);
  });

  it('reports imbalances as findings, not exceptions', () => {
    const broken = remit([{ ...mriPaid, paidCents: 64001 }]);
    broken.payment.amountCents = 1;
    expect(check835Balance(broken).map((f) => f.code).sort()).toEqual(['CLAIM_IMBALANCE', 'PAYMENT_IMBALANCE']);
    const line = remit([{ ...mriPaid, lines: [{ ...mriPaid.lines[0]!, paidCents: 1 }, mriPaid.lines[1]!] }]);
    expect(check835Balance(line).map((f) => f.code)).toEqual(['LINE_IMBALANCE']);
    expect(check835Balance(remit([mriPaid]))).toEqual([]);
  });

  it('splits more than six adjustments of one group over several CAS and reads them back in order', () => {
    const adjustments = Array.from({ length: 8 }, (_, i) => ({ group: 'CO' as const, reason: String(100 + i), amountCents: 100 }));
    const claim = { ...mriPaid, chargeCents: 800, paidCents: 0, patientResponsibilityCents: undefined, adjustments, lines: [] };
    const text = build835(envelope, [remit([claim])]);
    expect(text.match(/CAS\*CO/g)).toHaveLength(2);
    expect(parse835(text).transactions[0]!.claims[0]!.adjustments).toEqual(adjustments);
  });

  const amount = fc.integer({ min: -5_000_000, max: 5_000_000 });
  const adjustment = fc.record({ group: fc.constantFrom('CO' as const, 'PR' as const, 'OA' as const, 'PI' as const), reason: fc.constantFrom('1', '2', '3', '45', '97', '197', 'A2'), amountCents: amount });
  const line = fc.record({ code: fc.stringMatching(/^7\d{4}$/), charge: amount, adjustments: fc.array(adjustment, { maxLength: 8 }), units: fc.integer({ min: 1, max: 5 }), allowed: fc.option(amount, { nil: undefined }) })
    .map((l): ClaimPayment835['lines'][number] => ({
      procedure: { qualifier: 'HC', code: l.code, modifiers: [] }, chargeCents: l.charge, units: l.units,
      paidCents: l.charge - l.adjustments.reduce((a, x) => a + x.amountCents, 0), adjustments: l.adjustments, references: [], remarkCodes: [], allowedCents: l.allowed,
    }));
  const claim = fc.record({ id: fc.stringMatching(/^[A-Z0-9]{1,20}$/), status: fc.constantFrom('1', '2', '3', '4', '19', '20', '21', '22', '23', '25'), adjustments: fc.array(adjustment, { maxLength: 3 }), lines: fc.array(line, { maxLength: 4 }) })
    .map((c): ClaimPayment835 => {
      const lineCharge = c.lines.reduce((a, l) => a + l.chargeCents, 0);
      const lineAdj = c.lines.flatMap((l) => l.adjustments).reduce((a, x) => a + x.amountCents, 0);
      const claimAdj = c.adjustments.reduce((a, x) => a + x.amountCents, 0);
      return { claimId: c.id, status: c.status, chargeCents: lineCharge + 1000, paidCents: lineCharge + 1000 - lineAdj - claimAdj, adjustments: c.adjustments, references: [], amounts: [], lines: c.lines };
    });

  it('round-trips random balanced remittances (property)', () => {
    fc.assert(fc.property(fc.array(claim, { minLength: 1, maxLength: 5 }), (claims) => {
      const r = remit(claims);
      const parsed = parse835(build835(envelope, [r]));
      expect(parsed.findings).toEqual([]);
      expect(parsed.transactions).toEqual([JSON.parse(JSON.stringify(r))]);
    }), { numRuns: 200, seed: 835 });
  });
});

describe('835 public samples', () => {
  it.each(sampleFiles('835'))('parses %s', (file) => {
    const r = parse835(readSample('835', file));
    expect(r.transactions.length).toBeGreaterThan(0);
  });

  it('reads facts of real remittances', () => {
    const managed = parse835(readSample('835', 'lfh__managed-care.835')).transactions[0]!;
    expect(managed.payment.amountCents).toBe(94500);
    expect(managed.claims.map((c) => c.claimId)).toEqual(['5554555444', '8765432112']);
    expect(managed.claims[0]!.adjustments[0]).toEqual({ group: 'CO', reason: 'A2', amountCents: 5000 });
    expect(managed.claims[0]!.patientResponsibilityCents).toBe(30000);

    const profee = parse835(readSample('835', 'tasty__profee.edi'));
    expect(profee.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const claims = profee.transactions[0]!.claims;
    expect(claims).toHaveLength(3);
    expect(claims[0]!.paidCents).toBe(3425);
    expect(claims.flatMap((c) => c.lines).flatMap((l) => l.remarkCodes)).toContain('N206');

    const partA = parse835(readSample('835', 'lfh__medicare-part-a.835')).transactions[0]!;
    expect(partA.providerAdjustments).toEqual([{ providerId: '6543210903', fiscalPeriodDate: '2002-12-31', items: [{ reason: 'CV', reference: 'CP', amountCents: -127 }] }]);
    expect(partA.claims[0]!.inpatient?.ppsOperatingOutlierCents).toBe(13801840);

    const bare = parse835(readSample('835', 'ks835__blue_cross_nc_sample.txt'));
    expect(bare.envelopes[0]!.interchange).toBeUndefined();
    expect(bare.transactions[0]!.trace).toEqual({ number: '02790758', payerId: '560894904' });
    expect(bare.transactions[0]!.claims[0]!.lines[0]!.originalProcedure?.code).toBe('59410');

    const many = parse835(readSample('835', 'tasty__profee-multiple.edi'));
    expect(many.transactions).toHaveLength(156);
    expect(many.envelopes.filter((e) => e.interchange).length).toBe(156);

    const plb = parse835(readSample('835', 'rcm__plb-imbalance.835'));
    // The claims balance; the payment does not (the overpayment recovery was not taken off BPR02).
    expect(plb.findings.map((f) => f.code)).toEqual(['PAYMENT_IMBALANCE']);
    expect(plb.transactions[0]!.providerAdjustments[0]!.items.map((i) => i.amountCents)).toEqual([-215, 4500]);
  });
});
