import { build277CA, build999, parse277CA, parse999, type Ack999, type ClaimAck277CA } from '../../../domain/x12';
import { envelope } from './support/claims';
import { readSample, sampleFiles } from './support/samples';

const rejected999: Ack999 = {
  controlNumber: '0001', functionalId: 'HC', groupControlNumber: '42', version: '005010X222A1',
  transactions: [
    { setId: '837', controlNumber: '0001', implementationReference: '005010X222A1', status: 'A', errorCodes: [], segmentErrors: [] },
    { setId: '837', controlNumber: '0002', implementationReference: '005010X222A1', status: 'R', errorCodes: ['5'],
      segmentErrors: [{ segmentId: 'NM1', position: 17, loop: '2010BA', errorCode: '8', elementErrors: [{ elementPosition: 9, elementReference: '67', errorCode: '1' }, { elementPosition: 5, componentPosition: 3, errorCode: '7', badValue: '9' }] }] },
  ],
  groupStatus: 'P', includedCount: 2, receivedCount: 2, acceptedCount: 1, groupErrorCodes: [],
};

const ack277: ClaimAck277CA = {
  controlNumber: '0001', reference: 'ACK0001', createdDate: '2026-11-27', createdTime: '0800',
  payer: { name: 'MEDICARE B', id: '12202' }, receiver: { name: { entityType: '2', lastOrOrgName: 'SPRINGFIELD IMAGING' }, id: 'SUB123' },
  receivedDate: '2026-11-26', processedDate: '2026-11-27',
  claims: [
    { provider: { name: { entityType: '2', lastOrOrgName: 'SPRINGFIELD IMAGING' }, npi: '1234567893' }, patient: { name: { entityType: '1', lastOrOrgName: 'LOVELACE', firstName: 'ADA' }, memberId: '1EG4TE5MK73' },
      claimId: 'CLM-1', statuses: [{ codes: [{ category: 'A2', code: '20' }], date: '2026-11-27', actionCode: 'WQ', chargeCents: 185050 }], payerClaimControlNumber: 'PCN1', serviceDate: '2026-11-25', serviceDateEnd: '2026-11-26' },
    { provider: { name: { entityType: '2', lastOrOrgName: 'SPRINGFIELD IMAGING' }, npi: '1234567893' }, patient: { name: { entityType: '1', lastOrOrgName: 'REJECT', firstName: 'RAY' }, memberId: 'REJECT001' },
      claimId: 'CLM-2', statuses: [{ codes: [{ category: 'A7', code: '562', entity: '85' }, { category: 'A7', code: '21', entity: 'IL' }], date: '2026-11-27', actionCode: 'U', chargeCents: 10000 }] },
  ],
};

describe('999', () => {
  it('round-trips accepted, rejected and partially accepted acknowledgments', () => {
    const text = build999(envelope, [rejected999]);
    // IK303 holds at most 4 characters: the guide's loop 2010BA is the standard's loop 2010.
    expect(text).toContain('IK3*NM1*17*2010*8~');
    expect(text).toContain('IK4*5:3**7*9~');
    expect(text).toContain('AK9*P*2*2*1~');
    const parsed = parse999(text);
    expect(parsed.findings).toEqual([]);
    const [accepted, rejected] = rejected999.transactions;
    const segmentError = { ...rejected!.segmentErrors[0]!, loop: '2010' };
    expect(parsed.transactions).toEqual([{ ...rejected999, transactions: [accepted, { ...rejected, segmentErrors: [segmentError] }] }]);
  });
});

describe('277CA', () => {
  it('round-trips claim-level acceptance and rejection', () => {
    const text = build277CA(envelope, [ack277]);
    expect(text).toContain('GS*HN*');
    expect(text).toContain('STC*A7:562:85*20261127*U*100******A7:21:IL~');
    expect(text).toContain('TRN*2*CLM-2~');
    const parsed = parse277CA(text);
    expect(parsed.findings).toEqual([]);
    expect(parsed.transactions).toEqual([ack277]);
  });

  it('summarizes the batch (2200B) and the provider (2200C), and round-trips the batch acknowledged', () => {
    const text = build277CA(envelope, [{ ...ack277, batchReference: 'BATCH0001' }]);
    // Both claims are the same provider's: one 2000C, with one accepted and one rejected claim.
    expect(text).toContain('TRN*2*BATCH0001~\nSTC*A1:19*20261127*WQ*1950.5~\nQTY*90*1~\nQTY*AA*1~\nAMT*YU*1850.5~\nAMT*YY*100~');
    expect(text).toContain('NM1*85*2*SPRINGFIELD IMAGING*****XX*1234567893~\nTRN*1*0~\nSTC*A1:19:85**WQ*1950.5~\nQTY*QA*1~\nQTY*QC*1~');
    expect(text.match(/\*19\*1~/g)).toHaveLength(1);
    expect(parse277CA(text).transactions).toEqual([{ ...ack277, batchReference: 'BATCH0001' }]);
  });
});

describe('acknowledgment samples', () => {
  it.each(sampleFiles('999').filter((f) => !f.includes('TA1')))('parses 999 %s', (file) => {
    expect(parse999(readSample('999', file)).transactions.length).toBeGreaterThan(0);
  });

  it('reads a rejected 999', () => {
    const ack = parse999(readSample('999', 'imsweb__x12_999_rejected.txt')).transactions[0]!;
    expect(ack).toMatchObject({ functionalId: 'HC', groupControlNumber: '28', groupStatus: 'R', acceptedCount: 0 });
    expect(ack.transactions[0]).toMatchObject({ setId: '837', controlNumber: '0028', status: 'R', errorCodes: ['5'] });
    expect(ack.transactions[0]!.segmentErrors[0]).toMatchObject({ segmentId: 'NM', position: 17, errorCode: '1' });
    expect(parse999(readSample('999', 'pyx12__834_lui_id_5010.999.txt')).transactions).toHaveLength(4);
  });

  it('reads accepted and rejected 277CA', () => {
    const accepted = parse277CA(readSample('277ca', 'imsweb__x12_277CA_accepted.txt')).transactions[0]!;
    expect(accepted.claims.length).toBeGreaterThan(0);
    expect(accepted.claims.flatMap((c) => c.statuses.flatMap((s) => s.codes.map((x) => x.category)))).toContain('A2');
    const rejected = parse277CA(readSample('277ca', 'imsweb__x12_277CA_rejected.txt')).transactions[0]!;
    expect(rejected.claims[0]).toMatchObject({ claimId: '3920394930203', payerClaimControlNumber: '1107000000001120', serviceDate: '2009-03-11' });
    expect(rejected.claims[0]!.statuses[0]).toMatchObject({ codes: [{ category: 'A7', code: '562', entity: '85' }], chargeCents: 19914 });
  });
});
