import { bundledRefData } from '../../../activities/refdata/bundled-refdata';
import { expectedReimbursement } from '../../../domain/fee-schedule/expected-reimbursement';
import { divideRoundHalfUp } from '../../../domain/fee-schedule/pfs-amount';

const ref = bundledRefData();
const base = { dateOfService: '2025-03-10', placeOfService: '11' };

describe('expected reimbursement under the 2025 PFS', () => {
  it('prices a global head CT in an office at 3.25 RVUs x 32.3465 = $105.13 (national)', () => {
    const r = expectedReimbursement({ ...base, lines: [{ cpt: '70450', modifiers: [], units: 1 }] }, ref);
    expect(r.lines[0]).toMatchObject({ allowedCents: 10513, basis: 'non-facility' });
  });

  it('uses the facility rate and the 26 row for a professional read in a hospital', () => {
    const r = expectedReimbursement({ dateOfService: '2025-03-10', placeOfService: '22', lines: [{ cpt: '70450', modifiers: ['26'], units: 1 }] }, ref);
    expect(r.lines[0]).toMatchObject({ allowedCents: 3882, basis: 'facility' });
  });

  it('applies the locality GPCIs (Alaska: 1.5 / 1.081 / 0.592)', () => {
    const r = expectedReimbursement({ ...base, locality: '02102-01', lines: [{ cpt: '70450', modifiers: [], units: 1 }] }, ref);
    expect(r.lines[0]?.allowedCents).toBe(12437);
  });

  it('reduces the second imaging procedure of the session: TC at 50 %, PC at 95 %', () => {
    const r = expectedReimbursement({ ...base, lines: [{ cpt: '74177', modifiers: [], units: 1 }, { cpt: '70450', modifiers: [], units: 1 }] }, ref);
    expect(r.lines[0]?.allowedCents).toBe(29726);
    // 70450-26 $38.82 x 95 % = $36.88 ; 70450-TC $66.31 x 50 % = $33.16
    expect(r.lines[1]?.allowedCents).toBe(3688 + 3316);
    expect(r.lines[1]?.adjustments.join(' ')).toMatch(/TC at 50/);
    expect(r.totalCents).toBe(29726 + 7004);
  });

  it('ranks by the technical amount whatever the line order', () => {
    const r = expectedReimbursement({ ...base, lines: [{ cpt: '70450', modifiers: ['TC'], units: 1 }, { cpt: '74177', modifiers: ['TC'], units: 1 }] }, ref);
    expect(r.lines.map((l) => l.allowedCents)).toEqual([3316, 21381]);
  });

  it('does not reduce studies outside the imaging family rule (x-rays, MULT_PROC 0)', () => {
    const r = expectedReimbursement({ ...base, lines: [{ cpt: '71046', modifiers: [], units: 1 }, { cpt: '73030', modifiers: ['RT'], units: 1 }] }, ref);
    expect(r.lines.every((l) => l.adjustments.length === 0)).toBe(true);
  });

  it('pays each side of a bilateral indicator-3 study, the second side reduced as a further imaging procedure', () => {
    const r = expectedReimbursement({ ...base, lines: [{ cpt: '73721', modifiers: ['50'], units: 1 }] }, ref);
    const global = divideRoundHalfUp(619 * 1000 * 323465, 10_000_000);
    const pc = divideRoundHalfUp(191 * 1000 * 323465, 10_000_000);
    const tc = divideRoundHalfUp(428 * 1000 * 323465, 10_000_000);
    expect(r.lines[0]?.allowedCents).toBe(pc + tc + divideRoundHalfUp(pc * 95, 100) + divideRoundHalfUp(tc * 50, 100));
    expect(global).toBe(20022); // 6.19 RVUs x 32.3465 = $200.22 for one side billed globally
  });

  it('leaves contractor-priced codes unpriced and applies a contract percent', () => {
    const pet = expectedReimbursement({ ...base, lines: [{ cpt: '78815', modifiers: [], units: 1 }] }, ref);
    expect(pet.lines[0]?.allowedCents).toBeNull();
    const contract = expectedReimbursement({ ...base, percentOfFeeSchedule: 120, lines: [{ cpt: '70450', modifiers: [], units: 1 }] }, ref);
    expect(contract.lines[0]?.allowedCents).toBe(12616);
  });

  it('caps the global and technical amounts of a capped imaging code at the OPPS amount of the locality', () => {
    const sf = '01112-05';
    const global = expectedReimbursement({ ...base, locality: sf, lines: [{ cpt: '74170', modifiers: [], units: 1 }] }, ref);
    // PFS in San Francisco: $344.64 ; OPPS-capped amount in the CMS file: $324.90
    expect(global.lines[0]?.allowedCents).toBe(32490);
    expect(global.lines[0]?.adjustments.join(' ')).toMatch(/OPPS cap/);
    const tc = expectedReimbursement({ ...base, locality: sf, lines: [{ cpt: '74170', modifiers: ['TC'], units: 1 }] }, ref);
    expect(tc.lines[0]?.allowedCents).toBe(25182);
    const pc = expectedReimbursement({ ...base, locality: sf, lines: [{ cpt: '74170', modifiers: ['26'], units: 1 }] }, ref);
    expect(pc.lines[0]?.adjustments).toEqual([]);
    const national = expectedReimbursement({ ...base, lines: [{ cpt: '74170', modifiers: [], units: 1 }] }, ref);
    expect(national.lines[0]?.allowedCents).toBe(25521);
  });

  it('rounds half up to the cent', () => {
    expect(divideRoundHalfUp(5, 10)).toBe(1);
    expect(divideRoundHalfUp(4, 10)).toBe(0);
    expect(divideRoundHalfUp(15, 10)).toBe(2);
  });
});
