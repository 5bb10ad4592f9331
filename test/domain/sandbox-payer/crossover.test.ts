import { bundledRefData } from '../../../activities/refdata/bundled-refdata';
import { respondToClaimFile, sandboxScenario } from '../../../domain/sandbox-payer';
import { build837P, check835Balance, parse835, type Claim837P } from '../../../domain/x12';
import { envelope, mriClaim, transaction } from '../x12/support/claims';

const ref = bundledRefData();
const clock = { date: '2026-12-01', time: '0900' };

function medicareClaim(memberId: string): Claim837P {
  const base = mriClaim({ payer: { name: 'MEDICARE B', payerId: '06102' }, priorAuthorization: undefined });
  return { ...base, claimId: `CLM-${memberId}`, subscriber: { ...base.subscriber, memberId } };
}

describe('XOVER: the primary forwards the claim to the member’s supplemental payer itself', () => {
  it('is chosen by the member id', () => expect(sandboxScenario('XOVER-1EG4TE5MK73').kind).toBe('crossover'));

  it('the primary’s 835 says CLP02 19; Medicaid’s 835 follows under the same claim id and pays what Medicare left', () => {
    const files = respondToClaimFile(build837P(envelope, [transaction([medicareClaim('XOVER-1')])]), ref, clock);
    const remits = parse835(files.find((f) => f.transactionType === '835')!.x12).transactions;
    expect(remits.map((r) => r.payer.references.find((x) => x.qualifier === '2U')?.value)).toEqual(['06102', 'SBXMCD1']);
    for (const r of remits) expect(check835Balance(r)).toEqual([]);
    const [primary, secondary] = remits.map((r) => r.claims[0]!);
    expect(primary).toMatchObject({ claimId: 'CLM-XOVER-1', status: '19' });
    expect(secondary).toMatchObject({ claimId: 'CLM-XOVER-1', status: '2' });
    // Medicaid has no member cost sharing: it pays the whole of Medicare's patient share; OA-23 is what Medicare settled
    expect(secondary!.paidCents).toBe(primary!.patientResponsibilityCents);
    expect(secondary!.patientResponsibilityCents).toBe(0);
    const line = secondary!.lines[0]!;
    expect(line.adjustments).toEqual([{ group: 'OA', reason: '23', amountCents: line.chargeCents - line.paidCents }]);
    expect(remits[1]!.trace.number).not.toBe(remits[0]!.trace.number);
  });

  it('a primary that leaves the member nothing forwards nothing', () => {
    const files = respondToClaimFile(build837P(envelope, [transaction([{ ...medicareClaim('XOVER-2'), payer: { name: 'MEDICAID', payerId: 'SBXMCD1' } }])]), ref, clock);
    const remits = parse835(files.find((f) => f.transactionType === '835')!.x12).transactions;
    expect(remits).toHaveLength(1);
    expect(remits[0]!.claims[0]!.status).toBe('1');
  });
});

describe('PARTIAL appealed or corrected', () => {
  it('the payer reverses its partial payment (CLP02 22) and pays every line, in one 835 that balances', () => {
    const base = medicareClaim('PARTIAL-5');
    const twoLines = { ...base, lines: [base.lines[0]!, { ...base.lines[0]!, procedureCode: '72141', lineControlNumber: 'L2' }], totalChargeCents: base.lines[0]!.chargeCents * 2 };
    const first = parse835(respondToClaimFile(build837P(envelope, [transaction([twoLines])]), ref, clock).find((f) => f.transactionType === '835')!.x12).transactions[0]!;
    const partial = first.claims[0]!;
    expect(partial.lines[1]!.adjustments).toEqual([{ group: 'CO', reason: '97', amountCents: partial.lines[1]!.chargeCents }]);

    const corrected = { ...twoLines, frequency: '7' as const, payerClaimControlNumber: partial.payerClaimControlNumber };
    const answer = parse835(respondToClaimFile(build837P(envelope, [transaction([corrected])]), ref, clock).find((f) => f.transactionType === '835')!.x12).transactions[0]!;
    expect(check835Balance(answer)).toEqual([]);
    const [reversal, payment] = answer.claims;
    expect(reversal).toMatchObject({ status: '22', paidCents: -partial.paidCents, chargeCents: -partial.chargeCents });
    expect(payment!.status).toBe('1');
    expect(payment!.lines.every((l) => l.paidCents > 0)).toBe(true);
    expect(answer.payment.amountCents).toBe(payment!.paidCents - partial.paidCents);
  });
});
