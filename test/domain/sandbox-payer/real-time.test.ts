import { answerEligibility, answerPriorAuthorization } from '../../../domain/sandbox-payer';
import { build270, build278Request, parse271, parse278Response, toEligibilityResponse, type EligibilityRequest270 } from '../../../domain/x12';
import { envelope } from '../x12/support/claims';
import { inquiry270 } from '../x12/support/eligibility';
import { mriReviewRequest } from '../x12/support/review';

const clock = { date: '2026-11-21', time: '1000' };

function ask(memberId: string): ReturnType<typeof parse271>['transactions'][number] {
  const request: EligibilityRequest270 = inquiry270();
  request.inquiries = [{ ...request.inquiries[0]!, subscriber: { ...request.inquiries[0]!.subscriber, memberId } }];
  const answer = answerEligibility(build270(envelope, [request]), clock);
  expect(answer).not.toBeNull();
  return parse271(answer!).transactions[0]!;
}

describe('sandbox eligibility (270 -> 271)', () => {
  it('answers an ordinary member with active coverage and the plan coinsurance, echoing the trace', () => {
    const tx = ask('1EG4TE5MK73');
    const a = tx.answers[0]!;
    expect(a.traces[0]).toMatchObject({ type: '2', number: 'EX-1001-1' });
    expect(a.benefits[0]).toMatchObject({ code: '1' });
    expect(a.benefits.some((b) => b.code === 'A' && b.percent === '0.2')).toBe(true);
  });

  it('answers INACTIVE members without active coverage', () => {
    expect(ask('INACTIVE9').answers[0]!.benefits.map((b) => b.code)).toEqual(['6']);
  });

  it('flags advanced imaging as needing authorization for PAREQ members', () => {
    expect(ask('PAREQ01').answers[0]!.benefits.some((b) => b.authorizationRequired === 'Y' && b.serviceTypeCodes.includes('62'))).toBe(true);
  });

  it('reads as an eligibility response for the workflow', () => {
    const answer = answerEligibility(build270(envelope, [inquiry270()]), clock)!;
    expect(() => toEligibilityResponse(parse271(answer).transactions[0]!)).not.toThrow();
  });

  it('returns null for something that is not a 270', () => {
    expect(answerEligibility('nonsense', clock)).toBeNull();
  });
});

describe('sandbox prior authorization (278 request -> response)', () => {
  it('PAREQ: certified (A1) with an authorization number, the same for the same request', () => {
    const x12 = build278Request(envelope, [mriReviewRequest()]);
    const first = parse278Response(answerPriorAuthorization(x12, clock)!).transactions[0]!;
    expect(first.decision).toMatchObject({ action: 'A1' });
    expect(first.authorizationNumber).toMatch(/^SBX/);
    expect(first.traces.some((t) => t.type === '2' && t.number === 'PA-EX-1001-1')).toBe(true);
    expect(parse278Response(answerPriorAuthorization(x12, clock)!).transactions[0]!.authorizationNumber).toBe(first.authorizationNumber);
  });

  it('PADENY: not certified (A3), no authorization number', () => {
    const denied = mriReviewRequest();
    denied.subscriber = { ...denied.subscriber, memberId: 'PADENY01' };
    const tx = parse278Response(answerPriorAuthorization(build278Request(envelope, [denied]), clock)!).transactions[0]!;
    expect(tx.decision).toMatchObject({ action: 'A3' });
    expect(tx.authorizationNumber).toBeUndefined();
  });
});
