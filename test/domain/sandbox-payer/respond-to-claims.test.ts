import { bundledRefData } from '../../../activities/refdata/bundled-refdata';
import { respondToClaimFile, sandboxScenario } from '../../../domain/sandbox-payer';
import { build837P, check835Balance, parse277CA, parse835, parse999, type Claim837P } from '../../../domain/x12';
import { envelope, mriClaim, transaction } from '../x12/support/claims';

const ref = bundledRefData();
const clock = { date: '2026-12-01', time: '0900' };

function claimFor(memberId: string, overrides: Partial<Claim837P> = {}): Claim837P {
  const base = mriClaim({ payer: { name: 'MEDICARE B', payerId: '06102' }, priorAuthorization: undefined });
  return { ...base, claimId: `CLM-${memberId}`, subscriber: { ...base.subscriber, memberId }, ...overrides };
}

function respond(claim: Claim837P) {
  const files = respondToClaimFile(build837P(envelope, [transaction([claim])]), ref, clock);
  const byType = Object.fromEntries(files.map((f) => [f.transactionType, f.x12]));
  return { files, byType };
}

describe('sandbox scenarios by member id', () => {
  it.each([
    ['INACTIVE01', 'inactive'], ['PAREQ1', 'prior-auth-approve'], ['PADENY1', 'prior-auth-deny'], ['REJECT1', 'reject'],
    ['NORESP1', 'no-response'], ['PARTIAL1', 'partial'], ['1EG4TE5MK73', 'paid'],
  ])('%s -> %s', (memberId, kind) => expect(sandboxScenario(memberId).kind).toBe(kind));

  it('reads the CARC of DENY<carc>', () => {
    expect(sandboxScenario('DENY197X')).toEqual({ kind: 'deny', carc: '197' });
    expect(sandboxScenario('DENY50')).toEqual({ kind: 'deny', carc: '50' });
  });
});

describe('sandbox payer answers an 837P in X12', () => {
  it('pays a Medicare claim at the fee schedule with CO-45 and 20 % PR-2 coinsurance, and the 835 balances', () => {
    const { byType } = respond(claimFor('1EG4TE5MK73'));
    const ack = parse999(byType['999']!).transactions[0]!;
    expect(ack.groupStatus).toBe('A');
    expect(ack.transactions[0]).toMatchObject({ setId: '837', controlNumber: '0001', status: 'A' });
    const ca = parse277CA(byType['277CA']!).transactions[0]!;
    expect(ca.claims[0]).toMatchObject({ claimId: 'CLM-1EG4TE5MK73', statuses: [{ codes: [{ category: 'A2', code: '20' }] }] });
    const parsed = parse835(byType['835']!);
    const remit = parsed.transactions[0]!;
    expect(check835Balance(remit)).toEqual([]);
    const clp = remit.claims[0]!;
    expect(clp).toMatchObject({ claimId: 'CLM-1EG4TE5MK73', status: '1' });
    expect(clp.paidCents).toBeGreaterThan(0);
    const line = clp.lines[0]!;
    const co45 = line.adjustments.find((a) => a.group === 'CO' && a.reason === '45')!;
    const pr2 = line.adjustments.find((a) => a.group === 'PR' && a.reason === '2')!;
    const allowed = line.chargeCents - co45.amountCents;
    expect(pr2.amountCents).toBe(Math.round(allowed * 0.2));
    expect(line.paidCents).toBe(allowed - pr2.amountCents);
    expect(clp.patientResponsibilityCents).toBe(clp.lines.reduce((s, l) => s + l.adjustments.filter((a) => a.group === 'PR').reduce((t, a) => t + a.amountCents, 0), 0));
    expect(remit.payment.amountCents).toBe(clp.paidCents);
  });

  it('is deterministic: the same file gives the same responses', () => {
    expect(respond(claimFor('1EG4TE5MK73')).files).toEqual(respond(claimFor('1EG4TE5MK73')).files);
  });

  it('REJECT: 999 accepts, 277CA rejects, no 835', () => {
    const { byType } = respond(claimFor('REJECT001'));
    expect(parse999(byType['999']!).transactions[0]!.groupStatus).toBe('A');
    const status = parse277CA(byType['277CA']!).transactions[0]!.claims[0]!.statuses[0]!;
    expect(status.codes[0]!.category).toBe('A7');
    expect(byType['835']).toBeUndefined();
  });

  it('REJECT: a corrected resubmission of a claim the payer saw before goes through', () => {
    const claim = claimFor('REJECT001');
    const files = respondToClaimFile(build837P(envelope, [transaction([claim])]), ref, clock, new Set([claim.claimId]));
    const ca = files.find((f) => f.transactionType === '277CA')!;
    expect(parse277CA(ca.x12).transactions[0]!.claims[0]!.statuses[0]!.codes[0]!.category).toBe('A2');
    expect(files.some((f) => f.transactionType === '835')).toBe(true);
  });

  it('NORESP: acknowledged and accepted, never paid', () => {
    const { byType } = respond(claimFor('NORESP01'));
    expect(parse277CA(byType['277CA']!).transactions[0]!.claims[0]!.statuses[0]!.codes[0]!.category).toBe('A2');
    expect(byType['835']).toBeUndefined();
  });

  it('DENY197: denied with CO-197 for the whole charge; a corrected claim (frequency 7) is paid', () => {
    const denied = parse835(respond(claimFor('DENY197')).byType['835']!).transactions[0]!.claims[0]!;
    expect(denied).toMatchObject({ status: '4', paidCents: 0 });
    expect(denied.lines.every((l) => l.adjustments.length === 1 && l.adjustments[0]!.reason === '197' && l.adjustments[0]!.amountCents === l.chargeCents)).toBe(true);
    const appealed = parse835(respond(claimFor('DENY197', { frequency: '7', payerClaimControlNumber: 'SBX1' })).byType['835']!).transactions[0]!.claims[0]!;
    expect(appealed.status).toBe('1');
    expect(appealed.paidCents).toBeGreaterThan(0);
  });

  it('PARTIAL: pays the first line, denies the last with CO-97', () => {
    const clp = parse835(respond(claimFor('PARTIAL01')).byType['835']!).transactions[0]!.claims[0]!;
    expect(clp.status).toBe('1');
    expect(clp.lines[0]!.paidCents).toBeGreaterThan(0);
    expect(clp.lines[1]).toMatchObject({ paidCents: 0, adjustments: [{ group: 'CO', reason: '97' }] });
  });

  it('PAREQ without an authorization on an MR claim: denied CO-197; with one: paid', () => {
    expect(parse835(respond(claimFor('PAREQ01')).byType['835']!).transactions[0]!.claims[0]!.status).toBe('4');
    expect(parse835(respond(claimFor('PAREQ01', { priorAuthorization: 'AUTH1' })).byType['835']!).transactions[0]!.claims[0]!.status).toBe('1');
  });

  it('answers an unreadable file with nothing', () => {
    expect(respondToClaimFile('garbage', ref, clock)).toEqual([]);
  });
});
