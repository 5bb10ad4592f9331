import { wrapTransactionSet } from './build-envelope';
import { checkSegmentLengths } from './check-element-lengths';
import { checkHierarchy } from './check-hierarchy';
import type { X12Finding } from './finding';
import type { EligibilityRejection271 } from './model-271';
import type { UmRequest278, UmResponse278, UmServiceResult278 } from './model-278';
import { render278Body, requestAsResponse } from './render-278';
import { checkGender, checkHeader, checkTrace } from './validate-270';
import { checkCents, checkDate, checkName, checkNpi, err, oneOf, required, type Ctx } from './validation-rules';
import { outElement } from './write-segments';

const LENGTHS: Readonly<Record<string, readonly [number, number]>> = {
  BHT03: [1, 50], BHT05: [4, 8],
  NM103: [1, 60], NM104: [1, 35], NM105: [1, 25], NM107: [1, 10], NM109: [2, 80],
  TRN02: [1, 50], TRN03: [10, 10], TRN04: [1, 50], DMG02: [8, 8], REF02: [1, 50],
  UM03: [1, 2], HCR02: [1, 50], HCR03: [1, 2], SV102: [1, 18], SV104: [1, 15], SV201: [1, 48], SV203: [1, 18], SV205: [1, 15],
  AAA03: [2, 2],
};
const HL_PARENTS_278: Readonly<Record<string, readonly string[]>> = { '20': [''], '21': ['20'], '22': ['21'], '23': ['22'], EV: ['22', '23'], SS: ['EV'] };
const ICD10 = /^[A-TV-Z][0-9][0-9A-Z]{1,5}$/;
export const REVIEW_ACTIONS = ['A1', 'A2', 'A3', 'A4', 'A6', 'C', 'CT', 'D', 'IP', 'NA'];
const MAX_DIAGNOSES = 12;

function checkRejections(ctx: Ctx, list: readonly EligibilityRejection271[], loop: string): void {
  for (const r of list) {
    if (!/^[0-9A-Z]{2}$/.test(r.reasonCode)) err(ctx, 'INVALID_CODE', loop, 'AAA', 'AAA03', 'reject reason must be a 2-character code', 'use an AAA03 code (15 required application data missing, 72 invalid member id, 75 subscriber not found...)');
  }
}

function checkService(ctx: Ctx, s: UmServiceResult278, n: string, requireDate: boolean): boolean {
  const loop = '2000F';
  const segment = s.revenueCode ? 'SV2' : 'SV1';
  const element = s.revenueCode ? 'SV202' : 'SV101';
  if (s.procedure.qualifier !== 'HC') err(ctx, 'INVALID_CODE', loop, segment, `${element}-1`, `${n} procedure qualifier must be HC`, 'use HC for CPT/HCPCS');
  if (!/^[A-Z0-9]{5}$/.test(s.procedure.code)) err(ctx, 'INVALID_CODE', loop, segment, `${element}-2`, `${n} procedure code must be a 5-character CPT/HCPCS code`, 'use the CPT or HCPCS code (70553, 74177...)');
  if (s.procedure.modifiers.length > 4 || s.procedure.modifiers.some((m) => !/^[A-Z0-9]{2}$/.test(m))) err(ctx, 'MODIFIER_INVALID', loop, segment, `${element}-3`, `${n} modifiers must be at most 4 codes of 2 characters`, 'use 2-character modifiers (26, TC, LT...)');
  if (s.revenueCode !== undefined && !/^\d{4}$/.test(s.revenueCode)) err(ctx, 'REVENUE_CODE_INVALID', loop, 'SV2', 'SV201', `${n} revenue code must be 4 digits`, 'use the NUBC revenue code (0350 CT, 0610 MRI, 0320 X-ray...)');
  let ok = checkCents(ctx, s.chargeCents, loop, segment, s.revenueCode ? 'SV203' : 'SV102', `${n} charge`);
  if (s.units !== undefined && !(Number.isFinite(s.units) && s.units > 0)) { err(ctx, 'UNITS_INVALID', loop, segment, s.revenueCode ? 'SV205' : 'SV104', `${n} units must be a positive number`, 'ask for at least 1 unit'); ok = false; }
  if (requireDate && !s.serviceDate) err(ctx, 'MISSING_REQUIRED', loop, 'DTP', 'DTP03', `${n} service date is required`, 'give the proposed date of service (or range)');
  const datesOk = checkDate(ctx, s.serviceDate, loop, 'DTP', 'DTP03', `${n} service date`) && checkDate(ctx, s.serviceDateEnd, loop, 'DTP', 'DTP03', `${n} service end date`);
  if (datesOk && s.serviceDate && s.serviceDateEnd && s.serviceDateEnd < s.serviceDate) err(ctx, 'DATE_RANGE_INVALID', loop, 'DTP', 'DTP03', `${n} service end date is before the start date`, 'give the earlier date first');
  if (s.serviceDateEnd && !s.serviceDate) err(ctx, 'MISSING_REQUIRED', loop, 'DTP', 'DTP03', `${n} has an end date without a start date`, 'give the start date');
  checkRejections(ctx, s.rejections, loop);
  if (s.decision) {
    oneOf(ctx, s.decision.action, REVIEW_ACTIONS, loop, 'HCR', 'HCR01', `${n} review action`);
  }
  return ok && datesOk;
}

function validateContent(tx: UmResponse278, kind: 'request' | 'response'): X12Finding[] {
  const ctx: Ctx = { findings: [] };
  let renderable = checkHeader(ctx, tx.controlNumber, tx.reference, tx.createdDate, tx.createdTime);
  required(ctx, tx.umo.name, '2010A', 'NM1', 'NM103', 'utilization management organization name');
  required(ctx, tx.umo.payerId, '2010A', 'NM1', 'NM109', 'utilization management organization id');
  checkName(ctx, tx.requester, '2010B', 'requester');
  required(ctx, tx.requester.npi, '2010B', 'NM1', 'NM109', 'requester NPI');
  if (tx.requester.npi) checkNpi(ctx, tx.requester.npi, '2010B', 'requester');
  checkName(ctx, tx.subscriber.name, '2010C', 'subscriber');
  required(ctx, tx.subscriber.memberId, '2010C', 'NM1', 'NM109', 'subscriber member id');
  renderable = checkDate(ctx, tx.subscriber.birthDate, '2010C', 'DMG', 'DMG02', 'subscriber birth date') && renderable;
  checkGender(ctx, tx.subscriber.gender, '2010C', 'subscriber');
  if (kind === 'request' && !tx.subscriber.birthDate) err(ctx, 'MISSING_REQUIRED', '2010C', 'DMG', 'DMG02', 'subscriber birth date is required in a review request', 'provide the subscriber birth date');
  if (tx.dependent) {
    checkName(ctx, tx.dependent.name, '2010D', 'dependent');
    renderable = checkDate(ctx, tx.dependent.birthDate, '2010D', 'DMG', 'DMG02', 'dependent birth date') && renderable;
    checkGender(ctx, tx.dependent.gender, '2010D', 'dependent');
    if (tx.dependent.relationship !== undefined) oneOf(ctx, tx.dependent.relationship, ['01', '19', '34'], '2010D', 'INS', 'INS02', 'dependent relationship');
  }
  for (const t of tx.traces) checkTrace(ctx, t, '2000E');
  if (kind === 'request' && tx.traces.length === 0) err(ctx, 'MISSING_REQUIRED', '2000E', 'TRN', 'TRN02', 'trace number is required', 'give the request a trace number');
  oneOf(ctx, tx.requestCategory, ['HS', 'SC', 'AR'], '2000E', 'UM', 'UM01', 'request category');
  oneOf(ctx, tx.certificationType, ['I', 'R', 'S', 'E', '1', '2', '3', '4'], '2000E', 'UM', 'UM02', 'certification type');
  if (tx.serviceType !== undefined && !/^[0-9A-Z]{1,2}$/.test(tx.serviceType)) err(ctx, 'SERVICE_TYPE_INVALID', '2000E', 'UM', 'UM03', 'service type must be a 1-2 character code', 'use 62 MRI/CAT scan, 4 diagnostic X-ray or 73 diagnostic medical');
  if (tx.facilityCode !== undefined && !/^\d{2}$/.test(tx.facilityCode)) err(ctx, 'INVALID_CODE', '2000E', 'UM', 'UM04-1', 'place of service must be a 2-digit code', 'use a CMS place of service code (11, 22...)');
  if (tx.decision) oneOf(ctx, tx.decision.action, REVIEW_ACTIONS, '2000E', 'HCR', 'HCR01', 'review action');
  if (kind === 'response' && (tx.decision?.action === 'A1' || tx.decision?.action === 'A6') && !tx.decision.certificationNumber && !tx.authorizationNumber) {
    err(ctx, 'CERTIFICATION_NUMBER_REQUIRED', '2000E', 'HCR', 'HCR02', 'a certified or modified review needs its certification number', 'give the certification number in HCR02 (or REF*BB)');
  }
  checkRejections(ctx, tx.rejections, '2000E');
  const eventOk = checkDate(ctx, tx.eventDate, '2000E', 'DTP', 'DTP03', 'event date') && checkDate(ctx, tx.eventDateEnd, '2000E', 'DTP', 'DTP03', 'event end date');
  renderable = eventOk && renderable;
  if (kind === 'request' && tx.diagnoses.length === 0) err(ctx, 'NO_DIAGNOSIS', '2000E', 'HI', 'HI01', 'the request has no diagnosis', 'add the principal ICD-10-CM diagnosis');
  if (tx.diagnoses.length > MAX_DIAGNOSES) err(ctx, 'TOO_MANY_DIAGNOSES', '2000E', 'HI', 'HI13', `the request has more than ${MAX_DIAGNOSES} diagnoses`, 'keep the 12 most relevant diagnoses');
  tx.diagnoses.forEach((d, i) => {
    if (!ICD10.test(d)) err(ctx, 'DIAGNOSIS_FORMAT', '2000E', 'HI', `HI${String(i + 1).padStart(2, '0')}-2`, `diagnosis ${i + 1} is not an ICD-10-CM code without the dot`, 'write ICD-10-CM codes without the dot, e.g. G4489');
  });
  if (tx.serviceProvider) {
    checkName(ctx, tx.serviceProvider, '2010EA', 'service provider');
    checkNpi(ctx, tx.serviceProvider.npi, '2010EA', 'service provider');
  }
  if (kind === 'request' && tx.services.length === 0) err(ctx, 'NO_SERVICES', '2000F', 'HL', '', 'the request asks for no service', 'add the imaging procedure to review');
  tx.services.forEach((s, i) => {
    renderable = checkService(ctx, s, `service ${i + 1}`, kind === 'request') && renderable;
    if (kind === 'request' && s.units === undefined) err(ctx, 'UNITS_INVALID', '2000F', s.revenueCode ? 'SV2' : 'SV1', s.revenueCode ? 'SV205' : 'SV104', `service ${i + 1} units are required`, 'ask for at least 1 unit');
  });
  if (!renderable) return ctx.findings;
  const body = render278Body(tx, kind);
  ctx.findings.push(...checkSegmentLengths(body, LENGTHS));
  const all = wrapTransactionSet('278', '005010X217', { controlNumber: tx.controlNumber, body });
  ctx.findings.push(...checkHierarchy(all.map((s) => ({ id: s.id, elements: [s.id, ...s.elements.map((_, i) => outElement(s, i + 1))] })), HL_PARENTS_278));
  return ctx.findings;
}

/** Every finding for one 278 request (model rules, then the rendered segments). */
export function validate278Request(tx: UmRequest278): X12Finding[] {
  return validateContent(requestAsResponse(tx), 'request');
}

/** Findings for a 278 response before it is written. */
export function validate278Response(tx: UmResponse278): X12Finding[] {
  return validateContent(tx, 'response');
}
