import type { IsoDate } from '../refdata/iso-date';
import type { PfsRow, RefData } from '../refdata/ref-data';
import { usesFacilityRate } from '../coding/place-of-service';
import { NATIONAL_GPCI, percentOf, pfsUnitAmountCents, type Gpci } from './pfs-amount';

/** Status codes whose RVUs Medicare pays under the PFS (documentation: A, R, T). */
const PAID_STATUS = new Set(['A', 'R', 'T']);

/** Multiple procedure payment reduction for diagnostic imaging (MULT_PROC 4): subsequent TC at 50 %, PC at 95 %. */
export const IMAGING_MPPR_TC_PERCENT = 50;
export const IMAGING_MPPR_PC_PERCENT = 95;

export interface ReimbursementLineInput {
  lineNumber?: number;
  cpt: string;
  modifiers: string[];
  units: number;
}

export interface ReimbursementInput {
  dateOfService: IsoDate;
  placeOfService: string;
  lines: ReimbursementLineInput[];
  /** GPCI locality key "<MAC>-<locality>" (e.g. "01112-05"); national GPCIs when omitted. */
  locality?: string;
  /** A contract conversion factor in ten-thousandths of a dollar; the PFS one when omitted. */
  conversionFactorTenThousandths?: number;
  /** A contract rate as a percent of the fee schedule (e.g. 120); 100 when omitted. */
  percentOfFeeSchedule?: number;
}

export interface ReimbursementLine {
  lineNumber: number;
  cpt: string;
  /** Expected allowed amount in cents; null when the fee schedule does not price the service (e.g. status C). */
  allowedCents: number | null;
  basis: 'facility' | 'non-facility';
  adjustments: string[];
}

export interface ReimbursementEstimate {
  lines: ReimbursementLine[];
  /** Sum of the priced lines. */
  totalCents: number;
  notes: string[];
}

interface Unit {
  line: number;
  pc: number;
  tc: number;
  hasPc: boolean;
  hasTc: boolean;
  mppr: boolean;
  pcPercent: number;
  tcPercent: number;
}

/**
 * Expected reimbursement of a claim's lines under the physician fee schedule: RVUs x GPCI x conversion factor,
 * facility or non-facility PE by place of service, the 26/TC row for a component line, bilateral rules (indicator 1:
 * 150 %, 3: 100 % per side, 2: 100 %), and the imaging multiple procedure reduction for codes with indicator 4 on
 * the same date and session: the technical components ranked by amount, the first paid in full and each further one at
 * 50 %; the professional components ranked the same way, further ones at 95 %.
 * Rounding: each unit amount is rounded half up to the cent; each reduction and the contract percent are applied to
 * cents and rounded half up again. With a locality, the global or technical amount of a capped imaging code is the
 * lower of the PFS amount and the OPPS-capped amount of that locality (CMS OPPSCAP file); a contract conversion factor
 * disables the cap (it is a Medicare rule).
 */
export function expectedReimbursement(input: ReimbursementInput, ref: RefData): ReimbursementEstimate {
  const year = Number(input.dateOfService.slice(0, 4));
  const facility = usesFacilityRate(input.placeOfService);
  const basis = facility ? 'facility' : 'non-facility';
  const notes: string[] = [];
  let gpci: Gpci = NATIONAL_GPCI;
  let capLocality: string | undefined;
  if (input.locality) {
    const row = ref.gpci(input.locality);
    if (row) {
      gpci = row;
      capLocality = input.locality;
    } else notes.push(`Unknown GPCI locality ${input.locality}; national GPCIs were used and no OPPS cap applied.`);
  } else {
    notes.push('National amounts (GPCI 1.000); the OPPS imaging cap is locality specific and was not applied.');
  }
  /** PFS unit amount; the technical or global amount of an imaging code is capped at the OPPS amount of the locality. */
  const amount = (row: PfsRow | undefined, adjustments?: string[]): number => {
    if (!row) return 0;
    const pfs = pfsUnitAmountCents(row, facility, gpci, input.conversionFactorTenThousandths);
    const cap = capLocality && row.modifier !== '26' ? ref.oppsCap(row.hcpcs, row.modifier, capLocality, year) : undefined;
    if (!cap || input.conversionFactorTenThousandths !== undefined) return pfs;
    const capped = facility ? cap.facilityCents : cap.nonFacilityCents;
    if (capped > 0 && capped < pfs) {
      adjustments?.push(`OPPS cap on the ${row.modifier === 'TC' ? 'technical component' : 'global service'}`);
      return capped;
    }
    return pfs;
  };

  const out: ReimbursementLine[] = [];
  const units: Unit[] = [];
  const globalUnitAmount = new Map<number, number>();
  input.lines.forEach((line, i) => {
    const lineNumber = line.lineNumber ?? i + 1;
    const component = line.modifiers.includes('26') ? '26' : line.modifiers.includes('TC') ? 'TC' : '';
    const row = ref.pfs(line.cpt, component, year);
    const result: ReimbursementLine = { lineNumber, cpt: line.cpt, allowedCents: null, basis, adjustments: [] };
    out.push(result);
    if (!row) {
      result.adjustments.push('not on the fee schedule');
      return;
    }
    if (!PAID_STATUS.has(row.statusCode)) {
      result.adjustments.push(row.statusCode === 'C' ? 'contractor priced (status C)' : `not paid under the fee schedule (status ${row.statusCode})`);
      if (row.statusCode !== 'C') result.allowedCents = 0;
      return;
    }
    const bilateral = line.modifiers.includes('50') ? row.bilateralIndicator : undefined;
    let count = line.units;
    let bilateralPercent = 100;
    if (bilateral === '1') {
      bilateralPercent = 150;
      result.adjustments.push('bilateral at 150 %');
    } else if (bilateral === '3') {
      count = line.units * 2;
      result.adjustments.push('bilateral: each side at 100 %');
    }
    const pcRow = component === 'TC' ? undefined : ref.pfs(line.cpt, '26', year);
    const tcRow = component === '26' ? undefined : ref.pfs(line.cpt, 'TC', year);
    const split = row.pcTcIndicator === '1' && pcRow !== undefined && tcRow !== undefined;
    const unitAmount = percentOf(amount(row, result.adjustments), bilateralPercent);
    globalUnitAmount.set(i, unitAmount);
    const mppr = row.multipleProcedureIndicator === '4';
    const whole = amount(row);
    const pc = component === '26' ? whole : component === '' && split ? amount(pcRow) : component === '' && row.pcTcIndicator === '2' ? whole : 0;
    const tc = component === 'TC' ? whole : component === '' && split ? amount(tcRow) : component === '' && row.pcTcIndicator === '3' ? whole : 0;
    const hasPc = component === '26' || (component === '' && (split || row.pcTcIndicator === '2'));
    const hasTc = component === 'TC' || (component === '' && (split || row.pcTcIndicator === '3'));
    for (let k = 0; k < count; k += 1) {
      units.push({ line: i, pc: percentOf(pc, bilateralPercent), tc: percentOf(tc, bilateralPercent), hasPc, hasTc, mppr, pcPercent: 100, tcPercent: 100 });
    }
  });

  // Imaging multiple procedure reduction.
  const reduce = (part: 'pc' | 'tc', percent: number): void => {
    const candidates = units.filter((u) => u.mppr && (part === 'pc' ? u.hasPc : u.hasTc)).sort((a, b) => b[part] - a[part] || a.line - b.line);
    candidates.slice(1).forEach((u) => {
      if (part === 'pc') u.pcPercent = percent;
      else u.tcPercent = percent;
    });
  };
  reduce('tc', IMAGING_MPPR_TC_PERCENT);
  reduce('pc', IMAGING_MPPR_PC_PERCENT);

  out.forEach((result, i) => {
    if (!globalUnitAmount.has(i)) return;
    const mine = units.filter((u) => u.line === i);
    const reduced = mine.some((u) => u.pcPercent !== 100 || u.tcPercent !== 100);
    let cents: number;
    if (!reduced) {
      cents = (globalUnitAmount.get(i) as number) * mine.length;
    } else {
      cents = mine.reduce((sum, u) => sum + (u.hasPc ? percentOf(u.pc, u.pcPercent) : 0) + (u.hasTc ? percentOf(u.tc, u.tcPercent) : 0), 0);
      if (mine.some((u) => u.tcPercent !== 100)) result.adjustments.push(`imaging multiple procedure reduction: TC at ${IMAGING_MPPR_TC_PERCENT} %`);
      if (mine.some((u) => u.pcPercent !== 100)) result.adjustments.push(`imaging multiple procedure reduction: PC at ${IMAGING_MPPR_PC_PERCENT} %`);
    }
    const percent = input.percentOfFeeSchedule ?? 100;
    result.allowedCents = percent === 100 ? cents : percentOf(cents, percent);
  });
  const totalCents = out.reduce((sum, l) => sum + (l.allowedCents ?? 0), 0);
  return { lines: out, totalCents, notes };
}
