import { wrapTransactionSet } from './build-envelope';
import { checkSegmentLengths } from './check-element-lengths';
import { checkHierarchy } from './check-hierarchy';
import { isCanonicalDecimal } from './decimal-text';
import type { X12Finding } from './finding';
import type { Benefit271, EligibilityDate271, EligibilityPerson271, EligibilityRejection271, EligibilityResponse271 } from './model-271';
import { render271Body } from './render-271';
import { checkCents, checkDate, checkName, err, oneOf, type Ctx } from './validation-rules';
import { checkGender, checkHeader, checkReceiver, checkSource, checkTrace, ELIGIBILITY_ELEMENT_LENGTHS, HL_PARENTS_ELIGIBILITY } from './validate-270';
import { outElement } from './write-segments';

const SERVICE_TYPE = /^[0-9A-Z]{1,2}$/;

function checkDates(ctx: Ctx, dates: readonly EligibilityDate271[], loop: string): boolean {
  let ok = true;
  for (const d of dates) {
    if (!/^\d{3}$/.test(d.qualifier)) err(ctx, 'INVALID_CODE', loop, 'DTP', 'DTP01', 'date qualifier must be a 3-digit code', 'use 346/347 plan, 356/357 eligibility, 291 plan, 307 eligibility...');
    ok = checkDate(ctx, d.from, loop, 'DTP', 'DTP03', 'date') && checkDate(ctx, d.to, loop, 'DTP', 'DTP03', 'end date') && ok;
  }
  return ok;
}

function checkRejections(ctx: Ctx, list: readonly EligibilityRejection271[], loop: string): void {
  for (const r of list) {
    if (!/^[0-9A-Z]{2}$/.test(r.reasonCode)) err(ctx, 'INVALID_CODE', loop, 'AAA', 'AAA03', 'reject reason must be a 2-character code', 'use an AAA03 code (72, 75, 76, 79, 42...)');
    if (r.followUpAction !== undefined) oneOf(ctx, r.followUpAction, ['C', 'N', 'P', 'R', 'S', 'W', 'X', 'Y'], loop, 'AAA', 'AAA04', 'follow-up action');
  }
}

function checkPerson(ctx: Ctx, p: EligibilityPerson271, loop: string, what: string): boolean {
  checkName(ctx, p.name, loop, what);
  checkRejections(ctx, p.rejections, loop);
  checkGender(ctx, p.gender, loop, what);
  return checkDate(ctx, p.birthDate, loop, 'DMG', 'DMG02', `${what} birth date`) && checkDates(ctx, p.dates, loop);
}

function checkBenefit(ctx: Ctx, b: Benefit271, loop: string): boolean {
  let ok = true;
  if (!/^[0-9A-Z]{1,2}$/.test(b.code)) err(ctx, 'INVALID_CODE', loop, 'EB', 'EB01', 'benefit code must be a 1-2 character code', 'use an EB01 code (1 active, 6 inactive, A coinsurance, B copayment, C deductible...)');
  if (b.serviceTypeCodes.length > 99 || b.serviceTypeCodes.some((c) => !SERVICE_TYPE.test(c))) err(ctx, 'SERVICE_TYPE_INVALID', loop, 'EB', 'EB03', 'service types must be 1-2 character codes, at most 99', 'use X12 service type codes');
  ok = checkCents(ctx, b.amountCents, loop, 'EB', 'EB07', 'benefit amount') && ok;
  if (b.percent !== undefined && (!isCanonicalDecimal(b.percent) || b.percent.startsWith('-'))) {
    err(ctx, 'PERCENT_INVALID', loop, 'EB', 'EB08', 'percent must be a canonical non-negative decimal fraction (0.2 for 20 %)', 'write the percent as a fraction without trailing zeros');
  }
  if (b.quantity !== undefined && !(Number.isFinite(b.quantity) && b.quantity >= 0)) { err(ctx, 'INVALID_CODE', loop, 'EB', 'EB10', 'quantity must be a non-negative number', 'pass a finite quantity'); ok = false; }
  if ((b.quantity === undefined) !== (b.quantityQualifier === undefined)) err(ctx, 'MISSING_REQUIRED', loop, 'EB', 'EB09', 'quantity and its qualifier go together', 'give both EB09 and EB10, or neither');
  checkRejections(ctx, b.rejections, loop);
  return checkDates(ctx, b.dates, loop) && ok;
}

/** Findings for a 271 before it is written (the sandbox payer writes 271s; they must be readable by anyone). */
export function validate271(tx: EligibilityResponse271): X12Finding[] {
  const ctx: Ctx = { findings: [] };
  let renderable = checkHeader(ctx, tx.controlNumber, tx.reference, tx.createdDate, tx.createdTime);
  checkSource(ctx, tx.source);
  checkRejections(ctx, tx.source.rejections, '2100A');
  checkReceiver(ctx, tx.receiver);
  checkRejections(ctx, tx.receiver.rejections, '2100B');
  tx.answers.forEach((a) => {
    const patientLoop = a.dependent ? 'D' : 'C';
    for (const t of a.traces) checkTrace(ctx, t, `2000${patientLoop}`);
    renderable = checkPerson(ctx, a.subscriber, '2100C', 'subscriber') && renderable;
    if (a.dependent) renderable = checkPerson(ctx, a.dependent, '2100D', 'dependent') && renderable;
    for (const b of a.benefits) renderable = checkBenefit(ctx, b, `2110${patientLoop}`) && renderable;
  });
  if (!renderable) return ctx.findings;
  const body = render271Body(tx);
  ctx.findings.push(...checkSegmentLengths(body, ELIGIBILITY_ELEMENT_LENGTHS));
  const all = wrapTransactionSet('271', '005010X279A1', { controlNumber: tx.controlNumber, body });
  ctx.findings.push(...checkHierarchy(all.map((s) => ({ id: s.id, elements: [s.id, ...s.elements.map((_, i) => outElement(s, i + 1))] })), HL_PARENTS_ELIGIBILITY));
  return ctx.findings;
}
