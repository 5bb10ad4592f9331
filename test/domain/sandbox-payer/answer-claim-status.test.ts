import { answerClaimStatus, answerPriorAuthorization } from '../../../domain/sandbox-payer';
import { build276, build278Request, parse277, parse278Response, type ClaimStatusInquiry276, type ClaimStatusRequest276 } from '../../../domain/x12';
import { envelope } from '../x12/support/claims';
import { mriReviewRequest } from '../x12/support/review';

const clock = { date: '2026-12-28', time: '0800' };

function inquiry(memberId: string, claimId: string, traceNumber: string): ClaimStatusInquiry276 {
  return {
    provider: { name: { entityType: '2', lastOrOrgName: 'SPRINGFIELD IMAGING' }, npi: '1234567893' },
    subscriber: { name: { entityType: '1', lastOrOrgName: 'LOVELACE', firstName: 'ADA' }, memberId, birthDate: '1961-04-12', gender: 'F' },
    traceNumber, claimId, chargeCents: 185050, serviceDate: '2026-11-25', lines: [],
  };
}

function request(claims: ClaimStatusInquiry276[]): string {
  const tx: ClaimStatusRequest276 = {
    controlNumber: '0001', reference: 'CS-0001', createdDate: '2026-12-28', createdTime: '0759',
    payer: { name: 'MEDICARE B', payerId: '12202' }, receiver: { name: { entityType: '2', lastOrOrgName: 'SPRINGFIELD IMAGING' }, id: 'IMAGINGRCM' }, claims,
  };
  return build276(envelope, [tx]);
}

function statusByTrace(x12: string): Record<string, string> {
  const claims = parse277(x12).transactions.flatMap((t) => t.claims);
  return Object.fromEntries(claims.map((c) => [c.traceNumber, c.statuses[0]!.codes.map((s) => `${s.category}:${s.code}`).join(',')]));
}

describe('sandbox claim status (276 -> 277)', () => {
  const x12 = request([
    inquiry('NORESP-1', 'CLM-A', 'T-A'),
    inquiry('1EG4TE5MK73', 'CLM-B', 'T-B'),
    inquiry('DENY50-1', 'CLM-C', 'T-C'),
    inquiry('REJECT-1', 'CLM-D', 'T-D'),
    inquiry('1EG4TE5MK73', 'CLM-NEVER-SENT', 'T-E'),
  ]);
  const received = new Set(['CLM-A', 'CLM-B', 'CLM-C', 'CLM-D']);

  it('answers each claim by the member scenario, echoing the trace number and our claim id', () => {
    const answer = answerClaimStatus(x12, clock, received);
    expect(answer).not.toBeNull();
    expect(statusByTrace(answer!)).toEqual({ 'T-A': 'P1:20', 'T-B': 'F1:65', 'T-C': 'F2:1', 'T-D': 'A3:21', 'T-E': 'A4:35' });
    const claims = parse277(answer!).transactions[0]!.claims;
    expect(claims.find((c) => c.traceNumber === 'T-A')).toMatchObject({ claimId: 'CLM-A', serviceDate: '2026-11-25' });
    expect(claims.find((c) => c.traceNumber === 'T-A')!.statuses[0]).toMatchObject({ date: '2026-12-28', chargeCents: 185050 });
  });

  it('says "not found" for a claim the payer never received, whatever the member', () => {
    expect(statusByTrace(answerClaimStatus(x12, clock, new Set())!)).toEqual({ 'T-A': 'A4:35', 'T-B': 'A4:35', 'T-C': 'A4:35', 'T-D': 'A4:35', 'T-E': 'A4:35' });
  });

  it('is deterministic: the same inquiry on the same day gets the same 277', () => {
    expect(answerClaimStatus(x12, clock, received)).toBe(answerClaimStatus(x12, clock, received));
  });

  it('returns null for something that is not a 276', () => {
    expect(answerClaimStatus('ISA*00*nonsense~', clock, received)).toBeNull();
    expect(answerClaimStatus('', clock, received)).toBeNull();
  });
});

describe('sandbox prior authorization for members without a scenario', () => {
  it('pends (A4) advanced imaging for clinical review: no authorization number, staff follow up', () => {
    const req = mriReviewRequest();
    req.subscriber = { ...req.subscriber, memberId: 'MA-77001' };
    const tx = parse278Response(answerPriorAuthorization(build278Request(envelope, [req]), clock)!).transactions[0]!;
    expect(tx.decision).toMatchObject({ action: 'A4' });
    expect(tx.authorizationNumber).toBeUndefined();
  });

  it('needs no review (NA) for studies that are not advanced imaging', () => {
    const req = mriReviewRequest({ services: [{ procedure: { qualifier: 'HC', code: '71046', modifiers: [] }, units: 1, serviceDate: '2026-11-25' }] });
    req.subscriber = { ...req.subscriber, memberId: 'MA-77001' };
    const tx = parse278Response(answerPriorAuthorization(build278Request(envelope, [req]), clock)!).transactions[0]!;
    expect(tx.decision).toMatchObject({ action: 'NA' });
  });
});
