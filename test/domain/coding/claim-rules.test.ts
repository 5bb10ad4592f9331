import { claimRule, claimSetting, type ClaimPlacement, type ClaimSetting } from '../../../domain/coding/claim-rules';
import type { BillingArrangement } from '../../../domain/coding/exam-input';

/** A placement as "kind:component:form:billedBy". */
const label = (p: ClaimPlacement): string => `${p.kind}:${p.component}:${p.form}:${p.billedBy}`;
const rule = (setting: ClaimSetting, arrangement: BillingArrangement, pcTc: string | undefined) => {
  const r = claimRule(setting, arrangement, pcTc);
  return { claims: r.placements.map(label), notBilled: r.notBilled ?? null };
};

describe('setting of a place of service', () => {
  test.each([
    ['11', undefined, 'office'],
    ['12', undefined, 'office'],
    ['24', undefined, 'office'],
    ['81', undefined, 'office'],
    ['19', undefined, 'hospital-outpatient'],
    ['22', undefined, 'hospital-outpatient'],
    ['23', undefined, 'hospital-outpatient'],
    ['11', true, 'hospital-outpatient'],
    ['21', undefined, 'inpatient'],
    ['21', true, 'inpatient'],
  ] as const)('POS %s (bills institutionally: %s) is %s', (pos, institutional, setting) => {
    expect(claimSetting(pos, institutional)).toBe(setting);
  });
});

const ALL_PCTC = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const PROFESSIONAL_ONLY = ['2', '6', '8'];
const FACILITY_ONLY = ['3', '4', '5', '7', '9'];

describe('office and other non-hospital settings (837P only)', () => {
  test.each(ALL_PCTC)('global, PC/TC %s: one global claim, whole, by the facility', (pc) => {
    expect(rule('office', 'global', pc)).toEqual({ claims: ['global:global:837P:facility'], notBilled: null });
  });
  test('split, PC/TC 1: TC by the facility and 26 by the reading group', () => {
    expect(rule('office', 'split', '1')).toEqual({ claims: ['technical:TC:837P:facility', 'professional:26:837P:reading-group'], notBilled: null });
  });
  test('split, PC/TC 0 physician procedure: billed whole by the physician\'s group, once', () => {
    expect(rule('office', 'split', '0')).toEqual({ claims: ['professional:global:837P:reading-group'], notBilled: null });
  });
  test.each(PROFESSIONAL_ONLY)('split, professional-only PC/TC %s: billed once, by the reading group', (pc) => {
    expect(rule('office', 'split', pc)).toEqual({ claims: ['professional:global:837P:reading-group'], notBilled: null });
  });
  test.each(FACILITY_ONLY)('split, single-component PC/TC %s: billed once, by the facility', (pc) => {
    expect(rule('office', 'split', pc)).toEqual({ claims: ['technical:global:837P:facility'], notBilled: null });
  });
  test('professional, PC/TC 1: the -26 only', () => {
    expect(rule('office', 'professional', '1')).toEqual({ claims: ['professional:26:837P:reading-group'], notBilled: 'other-party' });
  });
  test.each(['0', ...PROFESSIONAL_ONLY])('professional, PC/TC %s: billed whole by the physician', (pc) => {
    expect(rule('office', 'professional', pc)).toEqual({ claims: ['professional:global:837P:reading-group'], notBilled: null });
  });
  test.each(FACILITY_ONLY)('professional, PC/TC %s: left to the facility', (pc) => {
    expect(rule('office', 'professional', pc)).toEqual({ claims: [], notBilled: 'other-party' });
  });
  test('technical, PC/TC 1: the -TC only', () => {
    expect(rule('office', 'technical', '1')).toEqual({ claims: ['technical:TC:837P:facility'], notBilled: 'other-party' });
  });
  test.each(['0', ...PROFESSIONAL_ONLY])('technical, PC/TC %s: left to the physician', (pc) => {
    expect(rule('office', 'technical', pc)).toEqual({ claims: [], notBilled: 'other-party' });
  });
  test.each(FACILITY_ONLY)('technical, PC/TC %s: billed whole by the facility', (pc) => {
    expect(rule('office', 'technical', pc)).toEqual({ claims: ['technical:global:837P:facility'], notBilled: null });
  });
  test('a code the fee schedule does not list is billed whole by the facility', () => {
    expect(rule('office', 'split', undefined)).toEqual({ claims: ['technical:global:837P:facility'], notBilled: null });
  });
});

describe('hospital outpatient (19, 22, 23): technical on the 837I, professional on the 837P', () => {
  test('global, PC/TC 1: the hospital\'s technical 837I and its professional -26 837P', () => {
    expect(rule('hospital-outpatient', 'global', '1')).toEqual({ claims: ['technical:TC:837I:facility', 'professional:26:837P:facility'], notBilled: null });
  });
  test('split, PC/TC 1: technical 837I by the hospital, -26 837P by the reading group', () => {
    expect(rule('hospital-outpatient', 'split', '1')).toEqual({ claims: ['technical:TC:837I:facility', 'professional:26:837P:reading-group'], notBilled: null });
  });
  test('split, PC/TC 0: the hospital\'s facility fee on the 837I, the physician bills the procedure whole', () => {
    expect(rule('hospital-outpatient', 'split', '0')).toEqual({ claims: ['technical:global:837I:facility', 'professional:global:837P:reading-group'], notBilled: null });
  });
  test('professional, PC/TC 0: billed whole by the physician (not dropped)', () => {
    expect(rule('hospital-outpatient', 'professional', '0')).toEqual({ claims: ['professional:global:837P:reading-group'], notBilled: null });
  });
  test('professional, PC/TC 1: the -26 only', () => {
    expect(rule('hospital-outpatient', 'professional', '1')).toEqual({ claims: ['professional:26:837P:reading-group'], notBilled: 'other-party' });
  });
  test('technical, PC/TC 1: the 837I only', () => {
    expect(rule('hospital-outpatient', 'technical', '1')).toEqual({ claims: ['technical:TC:837I:facility'], notBilled: 'other-party' });
  });
  test('technical, PC/TC 0: the facility fee only; the physician bills the procedure', () => {
    expect(rule('hospital-outpatient', 'technical', '0')).toEqual({ claims: ['technical:global:837I:facility'], notBilled: 'other-party' });
  });
  test.each(PROFESSIONAL_ONLY)('split, professional-only PC/TC %s: one 837P', (pc) => {
    expect(rule('hospital-outpatient', 'split', pc)).toEqual({ claims: ['professional:global:837P:reading-group'], notBilled: null });
  });
  test.each(FACILITY_ONLY)('split, single-component PC/TC %s: one 837I', (pc) => {
    expect(rule('hospital-outpatient', 'split', pc)).toEqual({ claims: ['technical:global:837I:facility'], notBilled: null });
  });
  test.each(FACILITY_ONLY)('global, single-component PC/TC %s: one 837I', (pc) => {
    expect(rule('hospital-outpatient', 'global', pc)).toEqual({ claims: ['technical:global:837I:facility'], notBilled: null });
  });
  test.each(FACILITY_ONLY)('professional, PC/TC %s: left to the hospital', (pc) => {
    expect(rule('hospital-outpatient', 'professional', pc)).toEqual({ claims: [], notBilled: 'other-party' });
  });
});

describe('inpatient (21): technical services on the hospital\'s Part A claim, never billed here', () => {
  test.each(['global', 'split'] as const)('%s, PC/TC 1: only the -26', (arrangement) => {
    const r = rule('inpatient', arrangement, '1');
    expect(r.claims).toEqual([`professional:26:837P:${arrangement === 'global' ? 'facility' : 'reading-group'}`]);
    expect(r.notBilled).toBe('inpatient-part-a');
  });
  test.each(FACILITY_ONLY)('split, PC/TC %s: nothing billed', (pc) => {
    expect(rule('inpatient', 'split', pc)).toEqual({ claims: [], notBilled: 'inpatient-part-a' });
  });
  test('technical, PC/TC 1: nothing billed (Part A)', () => {
    expect(rule('inpatient', 'technical', '1')).toEqual({ claims: [], notBilled: 'inpatient-part-a' });
  });
  test('professional, PC/TC 0: billed whole by the physician', () => {
    expect(rule('inpatient', 'professional', '0')).toEqual({ claims: ['professional:global:837P:reading-group'], notBilled: 'other-party' });
  });
  test.each(PROFESSIONAL_ONLY)('split, PC/TC %s: the professional service', (pc) => {
    expect(rule('inpatient', 'split', pc)).toEqual({ claims: ['professional:global:837P:reading-group'], notBilled: null });
  });
  test('no rule ever places a technical service on a claim for POS 21', () => {
    for (const arrangement of ['global', 'split', 'professional', 'technical'] as const) {
      for (const pc of ALL_PCTC) expect(claimRule('inpatient', arrangement, pc).placements.every((p) => p.kind === 'professional')).toBe(true);
    }
  });
});

test('no rule places a code on the same claim twice, and a single-component code on one claim only', () => {
  for (const setting of ['office', 'hospital-outpatient', 'inpatient'] as const) {
    for (const arrangement of ['global', 'split', 'professional', 'technical'] as const) {
      for (const pc of ALL_PCTC) {
        const kinds = claimRule(setting, arrangement, pc).placements.map((p) => p.kind);
        expect(new Set(kinds).size).toBe(kinds.length);
        if (pc !== '1' && pc !== '0') expect(kinds.length).toBeLessThanOrEqual(1);
      }
    }
  }
});
