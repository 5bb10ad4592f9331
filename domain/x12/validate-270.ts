import { wrapTransactionSet } from './build-envelope';
import { checkSegmentLengths } from './check-element-lengths';
import { checkHierarchy } from './check-hierarchy';
import type { X12Finding } from './finding';
import type { EligibilityReceiver, EligibilityRequest270, EligibilitySource, EligibilityTrace } from './model-270';
import { isValidNpi } from './npi';
import { render270Body } from './render-270';
import { checkDate, checkName, err, oneOf, required, type Ctx } from './validation-rules';
import { outElement } from './write-segments';

/** Element lengths of the 270/271 (005010X279A1). */
export const ELIGIBILITY_ELEMENT_LENGTHS: Readonly<Record<string, readonly [number, number]>> = {
  BHT03: [1, 50], BHT05: [4, 8],
  NM103: [1, 60], NM104: [1, 35], NM105: [1, 25], NM107: [1, 10], NM109: [2, 80],
  N301: [1, 55], N302: [1, 55], N401: [2, 30], N402: [2, 2], N403: [3, 15],
  TRN02: [1, 50], TRN03: [10, 10], TRN04: [1, 50], DMG02: [8, 8], REF02: [1, 50], REF03: [1, 80],
  EB02: [3, 3], EB04: [1, 3], EB05: [1, 50], EB06: [1, 2], EB07: [1, 18], EB08: [1, 10], EB10: [1, 15], MSG01: [1, 264],
  AAA03: [2, 2], AAA04: [1, 1],
};

export const RECEIVER_ID_QUALIFIERS = ['XX', 'SV', 'PI', 'FI', '24', '34', '46', 'PP', 'XV'];
const SERVICE_TYPE = /^[0-9A-Z]{1,2}$/;
const MAX_SERVICE_TYPES = 99;
export const HL_PARENTS_ELIGIBILITY: Readonly<Record<string, readonly string[]>> = { '20': [''], '21': ['20'], '22': ['21'], '23': ['22'] };

export function checkSource(ctx: Ctx, s: EligibilitySource): void {
  required(ctx, s.name, '2100A', 'NM1', 'NM103', 'payer name');
  required(ctx, s.payerId, '2100A', 'NM1', 'NM109', 'payer id');
}

export function checkReceiver(ctx: Ctx, r: EligibilityReceiver): void {
  checkName(ctx, r.name, '2100B', 'information receiver');
  oneOf(ctx, r.idQualifier, RECEIVER_ID_QUALIFIERS, '2100B', 'NM1', 'NM108', 'information receiver id qualifier');
  required(ctx, r.id, '2100B', 'NM1', 'NM109', 'information receiver id');
  if (r.idQualifier === 'XX' && r.id && !isValidNpi(r.id)) {
    err(ctx, 'NPI_INVALID', '2100B', 'NM1', 'NM109', 'information receiver NPI is not 10 digits with a valid check digit', 'correct the NPI (verify it in NPPES)');
  }
}

export function checkTrace(ctx: Ctx, t: EligibilityTrace, loop: string): void {
  required(ctx, t.number, loop, 'TRN', 'TRN02', 'trace number');
  required(ctx, t.originatorId, loop, 'TRN', 'TRN03', 'trace originator id');
}

export function checkGender(ctx: Ctx, g: string | undefined, loop: string, what: string): void {
  if (g !== undefined) oneOf(ctx, g, ['M', 'F', 'U'], loop, 'DMG', 'DMG03', `${what} gender`);
}

/** Every finding for one 270 transaction: model rules, then the rendered segments (lengths, delimiters, HL). */
export function validate270(tx: EligibilityRequest270): X12Finding[] {
  const ctx: Ctx = { findings: [] };
  let renderable = checkHeader(ctx, tx.controlNumber, tx.reference, tx.createdDate, tx.createdTime);
  checkSource(ctx, tx.source);
  checkReceiver(ctx, tx.receiver);
  if (tx.inquiries.length === 0) err(ctx, 'NO_INQUIRIES', '2000C', 'HL', '', 'the inquiry names no subscriber', 'add at least one subscriber to ask about');
  tx.inquiries.forEach((q, i) => {
    const n = `inquiry ${i + 1}`;
    const patientLoop = q.dependent ? 'D' : 'C';
    checkTrace(ctx, q.trace, `2000${patientLoop}`);
    checkName(ctx, q.subscriber.name, '2100C', 'subscriber');
    required(ctx, q.subscriber.memberId, '2100C', 'NM1', 'NM109', 'subscriber member id');
    renderable = checkDate(ctx, q.subscriber.birthDate, '2100C', 'DMG', 'DMG02', 'subscriber birth date') && renderable;
    checkGender(ctx, q.subscriber.gender, '2100C', 'subscriber');
    if (q.dependent) {
      const d = q.dependent;
      checkName(ctx, d.name, '2100D', 'dependent');
      if (!d.birthDate) err(ctx, 'MISSING_REQUIRED', '2100D', 'DMG', 'DMG02', 'dependent birth date is required to identify a dependent', 'provide the dependent birth date');
      renderable = checkDate(ctx, d.birthDate, '2100D', 'DMG', 'DMG02', 'dependent birth date') && renderable;
      checkGender(ctx, d.gender, '2100D', 'dependent');
      if (d.relationship !== undefined) oneOf(ctx, d.relationship, ['01', '19', '34'], '2100D', 'INS', 'INS02', 'dependent relationship');
    }
    const dateOk = checkDate(ctx, q.serviceDate, `2100${patientLoop}`, 'DTP', 'DTP03', `${n} service date`)
      && checkDate(ctx, q.serviceDateEnd, `2100${patientLoop}`, 'DTP', 'DTP03', `${n} service end date`);
    renderable = dateOk && renderable;
    if (dateOk && q.serviceDateEnd !== undefined && q.serviceDateEnd < q.serviceDate) {
      err(ctx, 'DATE_RANGE_INVALID', `2100${patientLoop}`, 'DTP', 'DTP03', `${n} service end date is before the start date`, 'give the earlier date first');
    }
    if (q.serviceTypeCodes.length === 0) err(ctx, 'NO_SERVICE_TYPE', `2110${patientLoop}`, 'EQ', 'EQ01', `${n} asks about no service type`, 'ask about 30 (plan coverage) or the imaging service types 4, 62, 73');
    if (q.serviceTypeCodes.length > MAX_SERVICE_TYPES) err(ctx, 'TOO_MANY_SERVICE_TYPES', `2110${patientLoop}`, 'EQ', 'EQ01', `${n} asks about more than ${MAX_SERVICE_TYPES} service types`, 'split the inquiry');
    if (q.serviceTypeCodes.some((c) => !SERVICE_TYPE.test(c))) err(ctx, 'SERVICE_TYPE_INVALID', `2110${patientLoop}`, 'EQ', 'EQ01', `${n} has a service type that is not a 1-2 character code`, 'use X12 service type codes (30, 4, 62, 73...)');
  });
  if (!renderable) return ctx.findings;
  const body = render270Body(tx);
  ctx.findings.push(...checkSegmentLengths(body, ELIGIBILITY_ELEMENT_LENGTHS));
  const all = wrapTransactionSet('270', '005010X279A1', { controlNumber: tx.controlNumber, body });
  ctx.findings.push(...checkHierarchy(all.map((s) => ({ id: s.id, elements: [s.id, ...s.elements.map((_, i) => outElement(s, i + 1))] })), HL_PARENTS_ELIGIBILITY));
  return ctx.findings;
}

/** ST02 and BHT rules shared by the outbound validators; false when the header cannot be rendered. */
export function checkHeader(ctx: Ctx, controlNumber: string, reference: string, createdDate: string, createdTime: string): boolean {
  required(ctx, reference, 'BHT', 'BHT', 'BHT03', 'reference');
  let renderable = checkDate(ctx, createdDate, 'BHT', 'BHT', 'BHT04', 'creation date');
  if (!/^[A-Za-z0-9]{4,9}$/.test(controlNumber)) {
    err(ctx, 'INVALID_CODE', 'ST', 'ST', 'ST02', 'transaction set control number must be 4-9 letters or digits', 'pass the next control number of the sequence, e.g. 0001');
    renderable = false;
  }
  if (!/^\d{4}(\d{2})?$/.test(createdTime)) err(ctx, 'INVALID_CODE', 'BHT', 'BHT', 'BHT05', 'creation time must be HHMM or HHMMSS', 'write the time as HHMM');
  return renderable;
}
