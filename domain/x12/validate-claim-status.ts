import { wrapTransactionSet } from './build-envelope';
import { checkSegmentLengths } from './check-element-lengths';
import { checkHierarchy } from './check-hierarchy';
import type { X12Finding } from './finding';
import type { ClaimStatusRequest276, StatusLine276, StatusProvider, StatusReceiver } from './model-276';
import type { ClaimStatusResponse277, StatusInfo277 } from './model-277';
import type { EligibilitySource } from './model-270';
import { render276Body, render277Body } from './render-claim-status';
import { checkGender, checkHeader } from './validate-270';
import { checkCents, checkDate, checkName, checkNpi, err, required, type Ctx } from './validation-rules';
import { outElement, type OutSegment } from './write-segments';

const LENGTHS: Readonly<Record<string, readonly [number, number]>> = {
  BHT03: [1, 50], BHT05: [4, 8],
  NM103: [1, 60], NM104: [1, 35], NM105: [1, 25], NM107: [1, 10], NM109: [2, 80],
  TRN02: [1, 50], DMG02: [8, 8], REF02: [1, 50], AMT02: [1, 18],
  SVC02: [1, 18], SVC03: [1, 18], SVC04: [1, 48], SVC07: [1, 15],
  STC04: [1, 18], STC05: [1, 18], STC07: [3, 3], STC09: [1, 16], STC12: [1, 264],
};
const HL_PARENTS_STATUS: Readonly<Record<string, readonly string[]>> = { '20': [''], '21': ['20'], '19': ['21'], '22': ['19'], '23': ['22'] };

function checkParties(ctx: Ctx, payer: EligibilitySource, receiver: StatusReceiver): void {
  required(ctx, payer.name, '2100A', 'NM1', 'NM103', 'payer name');
  required(ctx, payer.payerId, '2100A', 'NM1', 'NM109', 'payer id');
  checkName(ctx, receiver.name, '2100B', 'information receiver');
  required(ctx, receiver.id, '2100B', 'NM1', 'NM109', 'information receiver id (ETIN)');
}

function checkProvider(ctx: Ctx, p: StatusProvider): void {
  checkName(ctx, p.name, '2100C', 'service provider');
  required(ctx, p.npi, '2100C', 'NM1', 'NM109', 'service provider NPI');
  if (p.npi) checkNpi(ctx, p.npi, '2100C', 'service provider');
}

function checkRange(ctx: Ctx, from: string | undefined, to: string | undefined, loop: string, what: string): boolean {
  const ok = checkDate(ctx, from, loop, 'DTP', 'DTP03', what) && checkDate(ctx, to, loop, 'DTP', 'DTP03', `${what} end`);
  if (ok && from && to && to < from) err(ctx, 'DATE_RANGE_INVALID', loop, 'DTP', 'DTP03', `${what} end is before the start`, 'give the earlier date first');
  if (to && !from) err(ctx, 'MISSING_REQUIRED', loop, 'DTP', 'DTP03', `${what} has an end without a start`, 'give the start date');
  return ok;
}

function checkLine(ctx: Ctx, l: StatusLine276, loop: string, n: string): boolean {
  if (!/^[A-Z0-9]{5}$/.test(l.procedure.code)) err(ctx, 'INVALID_CODE', loop, 'SVC', 'SVC01-2', `${n} procedure code must be a 5-character CPT/HCPCS code`, 'use the CPT or HCPCS code billed');
  if (l.revenueCode !== undefined && !/^\d{4}$/.test(l.revenueCode)) err(ctx, 'REVENUE_CODE_INVALID', loop, 'SVC', 'SVC04', `${n} revenue code must be 4 digits`, 'use the NUBC revenue code billed');
  let ok = checkCents(ctx, l.chargeCents, loop, 'SVC', 'SVC02', `${n} charge`);
  if (l.units !== undefined && !(Number.isFinite(l.units) && l.units > 0)) { err(ctx, 'UNITS_INVALID', loop, 'SVC', 'SVC07', `${n} units must be a positive number`, 'give the units billed'); ok = false; }
  return checkRange(ctx, l.serviceDate, l.serviceDateEnd, loop, `${n} service date`) && ok;
}

function finish(ctx: Ctx, setId: string, controlNumber: string, body: OutSegment[]): X12Finding[] {
  ctx.findings.push(...checkSegmentLengths(body, LENGTHS));
  const all = wrapTransactionSet(setId, '005010X212', { controlNumber, body });
  ctx.findings.push(...checkHierarchy(all.map((s) => ({ id: s.id, elements: [s.id, ...s.elements.map((_, i) => outElement(s, i + 1))] })), HL_PARENTS_STATUS));
  return ctx.findings;
}

/** Every finding for one 276 (model rules, then the rendered segments). */
export function validate276(tx: ClaimStatusRequest276): X12Finding[] {
  const ctx: Ctx = { findings: [] };
  let renderable = checkHeader(ctx, tx.controlNumber, tx.reference, tx.createdDate, tx.createdTime);
  checkParties(ctx, tx.payer, tx.receiver);
  if (tx.claims.length === 0) err(ctx, 'NO_CLAIMS', '2200D', 'TRN', '', 'the request asks about no claim', 'add at least one claim');
  tx.claims.forEach((c, i) => {
    const n = `claim ${i + 1}`;
    const loop = c.dependent ? '2200E' : '2200D';
    checkProvider(ctx, c.provider);
    checkName(ctx, c.subscriber.name, '2100D', 'subscriber');
    required(ctx, c.subscriber.memberId, '2100D', 'NM1', 'NM109', 'subscriber member id');
    renderable = checkDate(ctx, c.subscriber.birthDate, '2000D', 'DMG', 'DMG02', 'subscriber birth date') && renderable;
    checkGender(ctx, c.subscriber.gender, '2000D', 'subscriber');
    if (!c.dependent && !c.subscriber.birthDate) err(ctx, 'MISSING_REQUIRED', '2000D', 'DMG', 'DMG02', 'subscriber birth date is required when the subscriber is the patient', 'provide the subscriber birth date');
    if (c.dependent) {
      checkName(ctx, c.dependent.name, '2100E', 'dependent');
      if (!c.dependent.birthDate) err(ctx, 'MISSING_REQUIRED', '2000E', 'DMG', 'DMG02', 'dependent birth date is required', 'provide the dependent birth date');
      renderable = checkDate(ctx, c.dependent.birthDate, '2000E', 'DMG', 'DMG02', 'dependent birth date') && renderable;
      checkGender(ctx, c.dependent.gender, '2000E', 'dependent');
    }
    required(ctx, c.traceNumber, loop, 'TRN', 'TRN02', 'trace number');
    required(ctx, c.claimId, loop, 'REF', 'REF02', 'claim id (patient account number)');
    if (c.billType !== undefined && !/^\d{3}$/.test(c.billType)) err(ctx, 'BILL_TYPE_INVALID', loop, 'REF', 'REF02', `${n} bill type must be 3 digits`, 'write the facility type and frequency, e.g. 131');
    renderable = checkCents(ctx, c.chargeCents, loop, 'AMT', 'AMT02', `${n} total charge`) && renderable;
    if (!c.serviceDate) err(ctx, 'MISSING_REQUIRED', loop, 'DTP', 'DTP03', `${n} service date is required`, 'give the claim service dates');
    renderable = checkRange(ctx, c.serviceDate || undefined, c.serviceDateEnd, loop, `${n} service date`) && Boolean(c.serviceDate) && renderable;
    c.lines.forEach((l, j) => {
      renderable = checkLine(ctx, l, c.dependent ? '2210E' : '2210D', `${n} line ${j + 1}`) && renderable;
    });
  });
  return renderable ? finish(ctx, '276', tx.controlNumber, render276Body(tx)) : ctx.findings;
}

function checkStatuses(ctx: Ctx, list: readonly StatusInfo277[], loop: string, what: string): boolean {
  let ok = true;
  for (const s of list) {
    if (s.codes.length === 0 || s.codes.length > 3) err(ctx, 'STATUS_CODE_MISSING', loop, 'STC', 'STC01', `${what} status must have 1 to 3 status composites`, 'give category and status code (e.g. F1:65)');
    for (const c of s.codes) {
      if (!/^[A-Z][0-9A-Z]{0,2}$/.test(c.category) || !/^[0-9A-Z]{1,30}$/.test(c.code)) err(ctx, 'INVALID_CODE', loop, 'STC', 'STC01', `${what} status category or code is not a valid code`, 'use a claim status category (A1, P1, F1, F2...) and a claim status code');
    }
    if (s.date) ok = checkDate(ctx, s.date, loop, 'STC', 'STC02', `${what} status date`) && ok;
    else { err(ctx, 'MISSING_REQUIRED', loop, 'STC', 'STC02', `${what} status date is required`, 'give the status effective date'); ok = false; }
    ok = checkCents(ctx, s.chargeCents, loop, 'STC', 'STC04', `${what} charge`) && checkCents(ctx, s.paidCents, loop, 'STC', 'STC05', `${what} payment`, true) && ok;
    ok = checkDate(ctx, s.adjudicationDate, loop, 'STC', 'STC06', `${what} adjudication date`) && checkDate(ctx, s.checkDate, loop, 'STC', 'STC08', `${what} check date`) && ok;
  }
  return ok;
}

/** Findings for one 277 before it is written. */
export function validate277(tx: ClaimStatusResponse277): X12Finding[] {
  const ctx: Ctx = { findings: [] };
  let renderable = checkHeader(ctx, tx.controlNumber, tx.reference, tx.createdDate, tx.createdTime);
  checkParties(ctx, tx.payer, tx.receiver);
  if (tx.receiverStatus) {
    required(ctx, tx.receiverStatus.traceNumber, '2200B', 'TRN', 'TRN02', 'trace number');
    renderable = checkStatuses(ctx, tx.receiverStatus.statuses, '2200B', 'request') && renderable;
  }
  tx.claims.forEach((c, i) => {
    const n = `claim ${i + 1}`;
    const loop = c.dependent ? '2200E' : '2200D';
    checkProvider(ctx, c.provider);
    checkName(ctx, c.subscriber.name, '2100D', 'subscriber');
    required(ctx, c.traceNumber, loop, 'TRN', 'TRN02', 'trace number');
    if (c.statuses.length === 0) err(ctx, 'STATUS_CODE_MISSING', loop, 'STC', 'STC01', `${n} has no status`, 'give at least one STC');
    renderable = checkStatuses(ctx, c.statuses, loop, n) && renderable;
    renderable = checkRange(ctx, c.serviceDate, c.serviceDateEnd, loop, `${n} service date`) && renderable;
    c.lines.forEach((l, j) => {
      const lineLoop = c.dependent ? '2220E' : '2220D';
      renderable = checkLine(ctx, l, lineLoop, `${n} line ${j + 1}`) && renderable;
      renderable = checkCents(ctx, l.paidCents, lineLoop, 'SVC', 'SVC03', `${n} line ${j + 1} payment`, true) && renderable;
      renderable = checkStatuses(ctx, l.statuses, lineLoop, `${n} line ${j + 1}`) && renderable;
    });
  });
  return renderable ? finish(ctx, '277', tx.controlNumber, render277Body(tx)) : ctx.findings;
}
