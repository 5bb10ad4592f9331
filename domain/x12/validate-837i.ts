import { wrapTransactionSet } from './build-envelope';
import { checkHierarchy } from './check-hierarchy';
import { finding, type X12Finding } from './finding';
import type { Claim837I, Transaction837I } from './model-837i';
import { render837IBody } from './render-837i';
import { checkClaimParties, checkElementLengths, checkOtherSubscribers, HL_PARENTS_837 } from './validate-837p';
import { checkCents, checkDate, checkName, checkNpi, err, oneOf, required, type Ctx } from './validation-rules';
import { checkAddress } from './validation-rules';
import { checkHeader } from './validate-270';
import { outElement } from './write-segments';

const ICD10 = /^[A-TV-Z][0-9][0-9A-Z]{1,5}$/;
const MAX_DIAGNOSES = 25;
const MAX_LINES = 999;

function checkClaim(ctx: Ctx, c: Claim837I, index: number): boolean {
  const n = `claim ${index + 1}`;
  let renderable = checkClaimParties(ctx, c);
  required(ctx, c.claimId, '2300', 'CLM', 'CLM01', 'claim id');
  if (c.claimId.length > 38) err(ctx, 'CLAIM_ID_TOO_LONG', '2300', 'CLM', 'CLM01', 'claim id is longer than 38 characters', 'shorten the patient control number to 38 characters');
  renderable = checkCents(ctx, c.totalChargeCents, '2300', 'CLM', 'CLM02', 'total charge') && renderable;
  if (c.facilityTypeCode !== '13') err(ctx, 'BILL_TYPE_INVALID', '2300', 'CLM', 'CLM05-1', `${n}: facility type must be 13 (hospital outpatient) for the technical component`, 'bill hospital outpatient imaging with type of bill 13x');
  oneOf(ctx, c.frequency, ['1', '7', '8'], '2300', 'CLM', 'CLM05-3', 'claim frequency');
  oneOf(ctx, c.assignment, ['A', 'B', 'C'], '2300', 'CLM', 'CLM07', 'assignment or plan participation');
  oneOf(ctx, c.benefitsAssignment, ['Y', 'N', 'W'], '2300', 'CLM', 'CLM08', 'benefits assignment certification');
  oneOf(ctx, c.releaseOfInformation, ['Y', 'I'], '2300', 'CLM', 'CLM09', 'release of information');
  if ((c.frequency === '7' || c.frequency === '8') && !c.payerClaimControlNumber) {
    err(ctx, 'PAYER_CLAIM_CONTROL_NUMBER_REQUIRED', '2300', 'REF', 'REF02', 'a replacement or void claim needs the payer claim control number (REF*F8)', 'copy the payer claim control number from the 835 (CLP07) or 277CA');
  }
  const statementOk = checkDate(ctx, c.statementFrom, '2300', 'DTP', 'DTP03', 'statement from date') && checkDate(ctx, c.statementTo, '2300', 'DTP', 'DTP03', 'statement to date');
  renderable = statementOk && renderable;
  if (statementOk && c.statementTo < c.statementFrom) err(ctx, 'STATEMENT_DATES_INVALID', '2300', 'DTP', 'DTP03', `${n}: statement period ends before it starts`, 'give the statement from date first');
  if (!/^\d{2}$/.test(c.patientStatus)) err(ctx, 'PATIENT_STATUS_INVALID', '2300', 'CL1', 'CL103', `${n}: patient status must be a 2-digit code`, 'use the NUBC patient status (01 discharged to home)');
  if (c.admissionType !== undefined && !/^\d$/.test(c.admissionType)) err(ctx, 'INVALID_CODE', '2300', 'CL1', 'CL101', 'admission type must be 1 digit', 'use the NUBC priority of admission code');
  if (c.admissionSource !== undefined && !/^[0-9A-Z]$/.test(c.admissionSource)) err(ctx, 'INVALID_CODE', '2300', 'CL1', 'CL102', 'admission source must be 1 character', 'use the NUBC point of origin code');
  if (c.diagnoses.length === 0) err(ctx, 'NO_DIAGNOSIS', '2300', 'HI', 'HI01', 'the claim has no principal diagnosis', 'add the principal ICD-10-CM diagnosis');
  if (c.diagnoses.length > MAX_DIAGNOSES) err(ctx, 'TOO_MANY_DIAGNOSES', '2300', 'HI', 'HI12', `the claim has more than ${MAX_DIAGNOSES} diagnoses`, 'keep the principal and 24 other diagnoses');
  c.diagnoses.forEach((d, i) => {
    if (!ICD10.test(d)) err(ctx, 'DIAGNOSIS_FORMAT', '2300', 'HI', i === 0 ? 'HI01-2' : `HI${String(i).padStart(2, '0')}-2`, `diagnosis ${i + 1} is not an ICD-10-CM code without the dot`, 'write ICD-10-CM codes without the dot, e.g. M5416');
  });
  for (const v of c.valueCodes ?? []) {
    if (!/^[0-9A-Z]{2}$/.test(v.code)) err(ctx, 'INVALID_CODE', '2300', 'HI', 'HI01-2', 'value code must be 2 characters', 'use a NUBC value code');
    renderable = checkCents(ctx, v.amountCents, '2300', 'HI', 'HI01-5', 'value code amount', true) && renderable;
  }
  for (const o of c.occurrenceCodes ?? []) {
    if (!/^[0-9A-Z]{2}$/.test(o.code)) err(ctx, 'INVALID_CODE', '2300', 'HI', 'HI01-2', 'occurrence code must be 2 characters', 'use a NUBC occurrence code');
    renderable = checkDate(ctx, o.date, '2300', 'HI', 'HI01-4', 'occurrence date') && renderable;
  }
  if (!c.attendingProvider) err(ctx, 'ATTENDING_PROVIDER_REQUIRED', '2310A', 'NM1', '', `${n}: an institutional claim for imaging needs the attending provider`, 'add the attending (or ordering) physician with NPI');
  else {
    checkName(ctx, c.attendingProvider, '2310A', 'attending provider');
    checkNpi(ctx, c.attendingProvider.npi, '2310A', 'attending provider');
  }
  if (c.serviceFacility) {
    checkNpi(ctx, c.serviceFacility.npi, '2310E', 'service facility');
    required(ctx, c.serviceFacility.name, '2310E', 'NM1', 'NM103', 'service facility name');
    checkAddress(ctx, c.serviceFacility.address, '2310E', 'service facility');
  }
  if (c.referringProvider) {
    checkName(ctx, c.referringProvider, '2310F', 'referring provider');
    checkNpi(ctx, c.referringProvider.npi, '2310F', 'referring provider');
  }
  const others = c.otherSubscribers ?? [];
  if (c.subscriber.payerResponsibility !== 'P' && others.length === 0) {
    ctx.findings.push(finding('OTHER_PAYER_MISSING', 'warning', { loop: '2320', segment: 'SBR' }, 'a secondary or tertiary claim carries no other payer (2320)', 'add the prior payer with its paid amount and adjustments'));
  }
  renderable = checkOtherSubscribers(ctx, others, c.subscriber.payerResponsibility) && renderable;
  if (c.lines.length === 0) err(ctx, 'NO_LINES', '2400', 'LX', '', 'the claim has no service line', 'add at least one service line');
  if (c.lines.length > MAX_LINES) err(ctx, 'TOO_MANY_LINES', '2400', 'LX', '', `the claim has more than ${MAX_LINES} service lines`, 'split the claim');
  let sum = 0;
  c.lines.forEach((l, i) => {
    const ln = `line ${i + 1}`;
    if (!/^0\d{3}$/.test(l.revenueCode)) err(ctx, 'REVENUE_CODE_INVALID', '2400', 'SV2', 'SV201', `${ln} revenue code must be 4 digits starting with 0`, 'use the NUBC revenue code (0320 X-ray, 0350 CT, 0610 MRI, 0402 ultrasound, 0401 mammography, 0404 PET)');
    if (!/^[A-Z0-9]{5}$/.test(l.procedureCode)) err(ctx, 'INVALID_CODE', '2400', 'SV2', 'SV202-2', `${ln} HCPCS code must be 5 characters`, 'outpatient imaging lines need the CPT/HCPCS code');
    if (l.modifiers.length > 4 || l.modifiers.some((m) => !/^[A-Z0-9]{2}$/.test(m))) err(ctx, 'MODIFIER_INVALID', '2400', 'SV2', 'SV202-3', `${ln} modifiers must be at most 4 codes of 2 characters`, 'use 2-character modifiers (TC, LT, RT...)');
    renderable = checkCents(ctx, l.chargeCents, '2400', 'SV2', 'SV203', `${ln} charge`) && renderable;
    sum += Number.isSafeInteger(l.chargeCents) ? l.chargeCents : 0;
    if (!(Number.isFinite(l.units) && l.units > 0)) { err(ctx, 'UNITS_INVALID', '2400', 'SV2', 'SV205', `${ln} units must be a positive number`, 'bill at least 1 unit'); renderable = false; }
    const dateOk = checkDate(ctx, l.serviceDate, '2400', 'DTP', 'DTP03', `${ln} service date`) && checkDate(ctx, l.serviceDateEnd, '2400', 'DTP', 'DTP03', `${ln} service end date`);
    renderable = dateOk && renderable;
    if (dateOk && statementOk && (l.serviceDate < c.statementFrom || (l.serviceDateEnd ?? l.serviceDate) > c.statementTo)) {
      err(ctx, 'SERVICE_DATE_OUTSIDE_STATEMENT', '2400', 'DTP', 'DTP03', `${ln} service date is outside the statement period`, 'widen the statement period (DTP*434) or correct the line date');
    }
    for (const a of l.adjudications ?? []) {
      if (!others.some((o) => o.payerId === a.payerId)) err(ctx, 'LINE_ADJUDICATION_PAYER_UNKNOWN', '2430', 'SVD', 'SVD01', `${ln} adjudication names a payer that is not among the other payers`, 'use the payer id of a 2330B other payer');
      renderable = checkCents(ctx, a.paidCents, '2430', 'SVD', 'SVD02', `${ln} other payer paid amount`, true) && renderable;
      renderable = checkDate(ctx, a.adjudicationDate, '2430', 'DTP', 'DTP03', `${ln} adjudication date`) && renderable;
    }
  });
  if (c.lines.length > 0 && Number.isSafeInteger(c.totalChargeCents) && sum !== c.totalChargeCents) {
    err(ctx, 'CHARGE_MISMATCH', '2300', 'CLM', 'CLM02', `${n}: total charge differs from the sum of the line charges`, 'set CLM02 to the sum of the SV203 line charges');
  }
  return renderable;
}

/** Every finding for one 837I transaction: model rules, then the rendered segments. */
export function validate837I(tx: Transaction837I): X12Finding[] {
  const ctx: Ctx = { findings: [] };
  let renderable = checkHeader(ctx, tx.controlNumber, tx.batchReference, tx.createdDate, tx.createdTime);
  checkName(ctx, tx.submitter.name, '1000A', 'submitter');
  required(ctx, tx.submitter.id, '1000A', 'NM1', 'NM109', 'submitter id');
  required(ctx, tx.submitter.contact.name, '1000A', 'PER', 'PER02', 'submitter contact name');
  if (!tx.submitter.contact.phone && !tx.submitter.contact.email) err(ctx, 'MISSING_REQUIRED', '1000A', 'PER', 'PER04', 'submitter contact needs a phone or an email', 'add a phone number or email');
  required(ctx, tx.receiver.name, '1000B', 'NM1', 'NM103', 'receiver name');
  required(ctx, tx.receiver.id, '1000B', 'NM1', 'NM109', 'receiver id');
  if (tx.claims.length === 0) err(ctx, 'NO_CLAIMS', '2300', 'CLM', '', 'the transaction has no claim', 'add at least one claim');
  tx.claims.forEach((c, i) => {
    renderable = checkClaim(ctx, c, i) && renderable;
  });
  if (!renderable) return ctx.findings;
  const body = render837IBody(tx);
  ctx.findings.push(...checkElementLengths(body, { ...ELEMENT_LENGTHS_837I }));
  const all = wrapTransactionSet('837', '005010X223A2', { controlNumber: tx.controlNumber, body });
  ctx.findings.push(...checkHierarchy(all.map((s) => ({ id: s.id, elements: [s.id, ...s.elements.map((_, i) => outElement(s, i + 1))] })), HL_PARENTS_837));
  return ctx.findings;
}

const ELEMENT_LENGTHS_837I: Readonly<Record<string, readonly [number, number]>> = {
  BHT03: [1, 50], BHT05: [4, 8],
  NM103: [1, 60], NM104: [1, 35], NM105: [1, 25], NM107: [1, 10], NM109: [2, 80],
  N301: [1, 55], N302: [1, 55], N401: [2, 30], N402: [2, 2], N403: [3, 15],
  PER02: [1, 60], PER04: [1, 256], PER06: [1, 256],
  REF02: [1, 50], SBR03: [1, 50], SBR04: [1, 60], PRV03: [10, 10], DMG02: [8, 8],
  CLM02: [1, 18], SV201: [1, 48], SV203: [1, 18], SV205: [1, 15], AMT02: [1, 18],
  SVD01: [2, 80], SVD02: [1, 18], SVD05: [1, 15], CAS02: [1, 5], CAS03: [1, 18], CL103: [1, 2],
};
