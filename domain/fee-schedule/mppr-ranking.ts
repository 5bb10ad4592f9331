import type { RefData } from '../refdata/ref-data';
import { IMAGING_MPPR_PC_PERCENT, IMAGING_MPPR_TC_PERCENT } from './expected-reimbursement';
import { pfsUnitAmountCents } from './pfs-amount';

/** One line of the patient's date of service, from any of the day's exams. */
export interface MpprCandidate {
  /** who the line is: e.g. "<examId>:<claim kind>:<line number>" (never patient data) */
  ref: string;
  cpt: string;
  /** the component billed on the line: '' (global), '26' or 'TC' */
  component: '' | '26' | 'TC';
  units: number;
}

/** Where one part (technical or professional) of a line ranks among the day's parts of the MPPR family. */
export interface MpprPartRank {
  /** 1 = the highest-priced unit of the family on the date; ties go to the earlier candidate */
  rank: number;
  highest: boolean;
  /** what the payer pays of the first unit of the line: 100, or the reduced percentage */
  percent: number;
  /** units of the line paid at the reduced percentage (every unit after the day's highest one) */
  reducedUnits: number;
  /** the fee schedule amount of one unit of the part, national, in cents (what the ranking compares) */
  unitAmountCents: number;
}

export interface MpprLineRank {
  ref: string;
  /** 'imaging' when the code is subject to the imaging multiple procedure reduction (PFS indicator 4) */
  family?: 'imaging';
  tc?: MpprPartRank;
  pc?: MpprPartRank;
}

/**
 * The imaging multiple procedure payment reduction ranking of a patient's lines on one date of service,
 * across all the day's exams: among codes with PFS multiple procedure indicator 4, the unit with the highest
 * technical-component amount is paid in full and every other technical unit at 50 %; the professional
 * components are ranked the same way on their own amounts (others at 95 %). A global line has both parts.
 * Amounts are the national fee schedule (non-facility PE, or facility PE when `facility`): the ranking, not the
 * money, is the answer; the expected payment applies the percentages to the contracted amounts.
 * Pure: the reference data is an argument; lines without an indicator-4 row are returned without a family.
 */
export function rankImagingMppr(candidates: readonly MpprCandidate[], ref: RefData, year: number, facility = false): MpprLineRank[] {
  interface Part {
    index: number;
    amount: number;
    units: number;
  }
  const out: MpprLineRank[] = candidates.map((c) => ({ ref: c.ref }));
  const parts: Record<'tc' | 'pc', Part[]> = { tc: [], pc: [] };
  candidates.forEach((c, index) => {
    const row = ref.pfs(c.cpt, '', year);
    if (!row || row.multipleProcedureIndicator !== '4') return;
    (out[index] as MpprLineRank).family = 'imaging';
    const units = Math.max(1, c.units);
    const amountOf = (modifier: '26' | 'TC'): number | undefined => {
      const r = ref.pfs(c.cpt, modifier, year);
      return r ? pfsUnitAmountCents(r, facility) : undefined;
    };
    const whole = pfsUnitAmountCents(row, facility);
    const split = row.pcTcIndicator === '1';
    const tc = c.component === 'TC' ? (amountOf('TC') ?? whole) : c.component === '' ? (split ? amountOf('TC') : row.pcTcIndicator === '3' ? whole : undefined) : undefined;
    const pc = c.component === '26' ? (amountOf('26') ?? whole) : c.component === '' ? (split ? amountOf('26') : row.pcTcIndicator === '2' ? whole : undefined) : undefined;
    if (tc !== undefined) parts.tc.push({ index, amount: tc, units });
    if (pc !== undefined) parts.pc.push({ index, amount: pc, units });
  });
  for (const part of ['tc', 'pc'] as const) {
    const reduced = part === 'tc' ? IMAGING_MPPR_TC_PERCENT : IMAGING_MPPR_PC_PERCENT;
    const sorted = [...parts[part]].sort((a, b) => b.amount - a.amount || a.index - b.index);
    sorted.forEach((p, k) => {
      const highest = k === 0;
      (out[p.index] as MpprLineRank)[part] = {
        rank: k + 1,
        highest,
        percent: highest ? 100 : reduced,
        reducedUnits: highest ? p.units - 1 : p.units,
        unitAmountCents: p.amount,
      };
    });
  }
  return out;
}

/** The component a claim line bills, from its modifiers. */
export function componentOfModifiers(modifiers: readonly string[]): MpprCandidate['component'] {
  if (modifiers.includes('26')) return '26';
  if (modifiers.includes('TC')) return 'TC';
  return '';
}
