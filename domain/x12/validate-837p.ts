import { wrapTransactionSet } from './build-envelope';
import { parse837P } from './parse-837p';
import { readTransactionSets } from './read-envelopes';
import { checkHierarchy } from './check-hierarchy';
import { checkSegmentLengths } from './check-element-lengths';
import { finding, type X12Finding } from './finding';
import type { Claim837P, OtherSubscriber837, Transaction837P } from './model-837p';
import type { Claim837Parties } from './render-837p';
import { render837PBody } from './render-837p';
import { checkAddress, checkAdjustments, checkCents, checkDate, checkName, checkNpi, err, oneOf, required, type Ctx } from './validation-rules';
import { outElement, type OutSegment } from './write-segments';

export const PAYER_RESPONSIBILITY_CODES = ['P', 'S', 'T', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'U'];
export const CLAIM_FILING_CODES = ['11', '12', '13', '14', '15', '16', '17', 'AM', 'BL', 'CH', 'CI', 'DS', 'FI', 'HM', 'LM', 'MA', 'MB', 'MC', 'OF', 'TV', 'VA', 'WC', 'ZZ'];
export const PATIENT_RELATIONSHIP_CODES = ['01', '19', '20', '21', '39', '40', '53', 'G8'];
export const OTHER_SUBSCRIBER_RELATIONSHIP_CODES = ['01', '18', '19', '20', '21', '39', '40', '53', 'G8'];
const ICD10 = /^[A-TV-Z][0-9][0-9A-Z]{1,5}$/;
const MODIFIER = /^[A-Z0-9]{2}$/;
const PROCEDURE = /^[A-Z0-9]{5}$/;
const MAX_DIAGNOSES = 12;
const MAX_LINES = 50;
const MAX_CLAIM_ID = 38;

/** [min, max] length of elements the builder writes (component 2 for composites listed separately). */
const ELEMENT_LENGTHS: Readonly<Record<string, readonly [number, number]>> = {
  BHT03: [1, 50], BHT05: [4, 8],
  NM103: [1, 60], NM104: [1, 35], NM105: [1, 25], NM107: [1, 10], NM109: [2, 80],
  N301: [1, 55], N302: [1, 55], N401: [2, 30], N402: [2, 2], N403: [3, 15],
  PER02: [1, 60], PER04: [1, 256], PER06: [1, 256],
  REF02: [1, 50], SBR03: [1, 50], SBR04: [1, 60], PRV03: [10, 10], DMG02: [8, 8],
  CLM02: [1, 18], SV102: [1, 18], SV104: [1, 15], SV105: [2, 2], AMT02: [1, 18],
  SVD01: [2, 80], SVD02: [1, 18], SVD05: [1, 15], CAS02: [1, 5], CAS03: [1, 18],
};

/** Billing provider, pay-to, subscriber, payer and patient rules shared by 837P and 837I; false when not renderable. */
export function checkClaimParties(ctx: Ctx, c: Claim837Parties): boolean {
  let renderable = true;
  const b = c.billingProvider;
  checkName(ctx, b, '2010AA', 'billing provider');
  checkNpi(ctx, b.npi, '2010AA', 'billing provider');
  checkAddress(ctx, b.address, '2010AA', 'billing provider');
  if (!/^\d{9}$/.test(b.taxId)) {
    err(ctx, 'TAX_ID_INVALID', '2010AA', 'REF', 'REF02', 'billing provider tax id must be 9 digits without a hyphen', 'write the EIN (or SSN) as 9 digits');
  }
  if (b.taxonomy !== undefined && !/^[0-9A-Z]{9}X$/.test(b.taxonomy)) err(ctx, 'INVALID_CODE', '2000A', 'PRV', 'PRV03', 'billing provider taxonomy must be a 10-character code ending in X', 'use the NUCC taxonomy code (e.g. 2085R0202X diagnostic radiology)');
  if (c.payToProvider) checkAddress(ctx, c.payToProvider.address, '2010AB', 'pay-to provider');

  const s = c.subscriber;
  oneOf(ctx, s.payerResponsibility, PAYER_RESPONSIBILITY_CODES, '2000B', 'SBR', 'SBR01', 'payer responsibility');
  oneOf(ctx, s.claimFilingIndicator, CLAIM_FILING_CODES, '2000B', 'SBR', 'SBR09', 'claim filing indicator');
  if (s.insuranceTypeCode !== undefined) oneOf(ctx, s.insuranceTypeCode, MSP_INSURANCE_TYPE_CODES, '2000B', 'SBR', 'SBR05', 'Medicare secondary payer type');
  if (c.patient && s.relationship) err(ctx, 'INVALID_CODE', '2000B', 'SBR', 'SBR02', 'subscriber relationship 18 (self) contradicts a separate patient', 'drop the subscriber relationship when the patient is a dependent');
  checkName(ctx, s.name, '2010BA', 'subscriber');
  required(ctx, s.memberId, '2010BA', 'NM1', 'NM109', 'subscriber member id');
  if (s.address) checkAddress(ctx, s.address, '2010BA', 'subscriber');
  if (!c.patient && !s.address) err(ctx, 'MISSING_REQUIRED', '2010BA', 'N3', '', 'subscriber address is required when the subscriber is the patient', 'provide the subscriber address');
  if (!c.patient && (!s.birthDate || !s.gender)) err(ctx, 'MISSING_REQUIRED', '2010BA', 'DMG', '', 'subscriber birth date and gender are required when the subscriber is the patient', 'provide birth date and gender');
  renderable = checkDate(ctx, s.birthDate, '2010BA', 'DMG', 'DMG02', 'subscriber birth date') && renderable;
  if (s.gender !== undefined) oneOf(ctx, s.gender, ['M', 'F', 'U'], '2010BA', 'DMG', 'DMG03', 'subscriber gender');
  required(ctx, c.payer.name, '2010BB', 'NM1', 'NM103', 'payer name');
  required(ctx, c.payer.payerId, '2010BB', 'NM1', 'NM109', 'payer id');
  if (c.payer.address) checkAddress(ctx, c.payer.address, '2010BB', 'payer');
  if (c.patient) {
    const p = c.patient;
    oneOf(ctx, p.relationship, PATIENT_RELATIONSHIP_CODES, '2000C', 'PAT', 'PAT01', 'patient relationship');
    checkName(ctx, p.name, '2010CA', 'patient');
    checkAddress(ctx, p.address, '2010CA', 'patient');
    renderable = checkDate(ctx, p.birthDate, '2010CA', 'DMG', 'DMG02', 'patient birth date') && renderable;
    oneOf(ctx, p.gender, ['M', 'F', 'U'], '2010CA', 'DMG', 'DMG03', 'patient gender');
  }

  return renderable;
}

/** SBR05 insurance type codes of a Medicare secondary payer claim (5010 837P/837I). */
export const MSP_INSURANCE_TYPE_CODES = ['12', '13', '14', '15', '16', '41', '42', '43', '47'] as const;

/** 2320/2330 rules shared by 837P and 837I; false when not renderable. */
export function checkOtherSubscribers(ctx: Ctx, others: readonly OtherSubscriber837[], destination: string): boolean {
  let renderable = true;
  for (const o of others) {
    oneOf(ctx, o.payerResponsibility, PAYER_RESPONSIBILITY_CODES, '2320', 'SBR', 'SBR01', 'other payer responsibility');
    oneOf(ctx, o.relationship, OTHER_SUBSCRIBER_RELATIONSHIP_CODES, '2320', 'SBR', 'SBR02', 'other subscriber relationship');
    oneOf(ctx, o.claimFilingIndicator, CLAIM_FILING_CODES, '2320', 'SBR', 'SBR09', 'other claim filing indicator');
    if (o.insuranceTypeCode !== undefined) oneOf(ctx, o.insuranceTypeCode, MSP_INSURANCE_TYPE_CODES, '2320', 'SBR', 'SBR05', 'Medicare secondary payer type');
    if (o.payerResponsibility === destination) err(ctx, 'INVALID_CODE', '2320', 'SBR', 'SBR01', 'other payer has the same responsibility sequence as the destination payer', 'give each payer its own sequence (P, S, T)');
    renderable = checkAdjustments(ctx, o.adjustments, '2320') && renderable;
    renderable = checkCents(ctx, o.payerPaidCents, '2320', 'AMT', 'AMT02', 'other payer paid amount', true) && renderable;
    checkName(ctx, o.subscriberName, '2330A', 'other subscriber');
    required(ctx, o.memberId, '2330A', 'NM1', 'NM109', 'other subscriber member id');
    required(ctx, o.payerName, '2330B', 'NM1', 'NM103', 'other payer name');
    required(ctx, o.payerId, '2330B', 'NM1', 'NM109', 'other payer id');
  }

  return renderable;
}

/** Model checks that do not need the segments; returns false when the model cannot be rendered. */
function checkClaim(ctx: Ctx, c: Claim837P, index: number): boolean {
  let renderable = true;
  renderable = checkClaimParties(ctx, c) && renderable;

  required(ctx, c.claimId, '2300', 'CLM', 'CLM01', 'claim id');
  if (c.claimId.length > MAX_CLAIM_ID) err(ctx, 'CLAIM_ID_TOO_LONG', '2300', 'CLM', 'CLM01', `claim id is longer than ${MAX_CLAIM_ID} characters`, 'shorten the patient control number to 38 characters');
  renderable = checkCents(ctx, c.totalChargeCents, '2300', 'CLM', 'CLM02', 'total charge') && renderable;
  if (!/^\d{2}$/.test(c.placeOfService)) err(ctx, 'INVALID_CODE', '2300', 'CLM', 'CLM05-1', 'place of service must be a 2-digit code', 'use a CMS place of service code (11, 19, 22...)');
  oneOf(ctx, c.frequency, ['1', '7', '8'], '2300', 'CLM', 'CLM05-3', 'claim frequency');
  oneOf(ctx, c.assignment, ['A', 'B', 'C'], '2300', 'CLM', 'CLM07', 'assignment or plan participation');
  oneOf(ctx, c.benefitsAssignment, ['Y', 'N', 'W'], '2300', 'CLM', 'CLM08', 'benefits assignment certification');
  oneOf(ctx, c.releaseOfInformation, ['Y', 'I'], '2300', 'CLM', 'CLM09', 'release of information');
  if ((c.frequency === '7' || c.frequency === '8') && !c.payerClaimControlNumber) {
    err(ctx, 'PAYER_CLAIM_CONTROL_NUMBER_REQUIRED', '2300', 'REF', 'REF02', 'a replacement or void claim needs the payer claim control number (REF*F8)', 'copy the payer claim control number from the 835 (CLP07) or 277CA');
  }
  if (c.diagnoses.length === 0) err(ctx, 'NO_DIAGNOSIS', '2300', 'HI', 'HI01', 'the claim has no diagnosis', 'add the principal ICD-10-CM diagnosis');
  if (c.diagnoses.length > MAX_DIAGNOSES) err(ctx, 'TOO_MANY_DIAGNOSES', '2300', 'HI', 'HI13', `the claim has more than ${MAX_DIAGNOSES} diagnoses`, 'keep the 12 diagnoses the lines point to and split the claim if needed');
  c.diagnoses.forEach((d, i) => {
    if (!ICD10.test(d)) err(ctx, 'DIAGNOSIS_FORMAT', '2300', 'HI', `HI${String(i + 1).padStart(2, '0')}-2`, `diagnosis ${i + 1} is not an ICD-10-CM code without the dot`, 'write ICD-10-CM codes without the dot, e.g. M5416');
  });
  checkNpi(ctx, c.referringProvider?.npi, '2310A', 'referring provider');
  if (c.referringProvider) checkName(ctx, c.referringProvider, '2310A', 'referring provider');
  checkNpi(ctx, c.renderingProvider?.npi, '2310B', 'rendering provider');
  if (c.renderingProvider) checkName(ctx, c.renderingProvider, '2310B', 'rendering provider');
  if (c.serviceFacility) {
    checkNpi(ctx, c.serviceFacility.npi, '2310C', 'service facility');
    required(ctx, c.serviceFacility.name, '2310C', 'NM1', 'NM103', 'service facility name');
    checkAddress(ctx, c.serviceFacility.address, '2310C', 'service facility');
  }
  const others = c.otherSubscribers ?? [];
  if (c.subscriber.payerResponsibility !== 'P' && others.length === 0) {
    ctx.findings.push(finding('OTHER_PAYER_MISSING', 'warning', { loop: '2320', segment: 'SBR' }, 'a secondary or tertiary claim carries no other payer (2320)', 'add the prior payer with its paid amount and adjustments'));
  }
  renderable = checkOtherSubscribers(ctx, others, c.subscriber.payerResponsibility) && renderable;

  if (c.lines.length === 0) err(ctx, 'NO_LINES', '2400', 'LX', '', 'the claim has no service line', 'add at least one service line');
  if (c.lines.length > MAX_LINES) err(ctx, 'TOO_MANY_LINES', '2400', 'LX', '', `the claim has more than ${MAX_LINES} service lines`, 'split the claim into claims of at most 50 lines');
  let sum = 0;
  c.lines.forEach((l, i) => {
    const loop = '2400';
    const n = `line ${i + 1}`;
    if (!PROCEDURE.test(l.procedureCode)) err(ctx, 'INVALID_CODE', loop, 'SV1', 'SV101-2', `${n} procedure code must be a 5-character CPT/HCPCS code`, 'use the CPT or HCPCS code');
    if (l.modifiers.length > 4) err(ctx, 'MODIFIER_INVALID', loop, 'SV1', 'SV101-7', `${n} has more than 4 modifiers`, 'keep at most 4 modifiers, the pricing ones first');
    if (l.modifiers.some((m) => !MODIFIER.test(m))) err(ctx, 'MODIFIER_INVALID', loop, 'SV1', 'SV101-3', `${n} has a modifier that is not 2 characters`, 'use 2-character modifiers (26, TC, LT...)');
    renderable = checkCents(ctx, l.chargeCents, loop, 'SV1', 'SV102', `${n} charge`) && renderable;
    sum += Number.isSafeInteger(l.chargeCents) ? l.chargeCents : 0;
    if (!(Number.isFinite(l.units) && l.units > 0)) { err(ctx, 'UNITS_INVALID', loop, 'SV1', 'SV104', `${n} units must be a positive number`, 'bill at least 1 unit'); renderable = false; }
    if (l.placeOfService !== undefined && !/^\d{2}$/.test(l.placeOfService)) err(ctx, 'INVALID_CODE', loop, 'SV1', 'SV105', `${n} place of service must be a 2-digit code`, 'use a CMS place of service code');
    if (l.diagnosisPointers.length < 1 || l.diagnosisPointers.length > 4 || l.diagnosisPointers.some((p) => !Number.isInteger(p) || p < 1 || p > Math.min(12, c.diagnoses.length))) {
      err(ctx, 'DIAGNOSIS_POINTER_INVALID', loop, 'SV1', 'SV107', `${n} diagnosis pointers must be 1 to 4 positions of the claim's diagnoses`, 'point each line at 1-4 of the claim diagnoses');
    }
    renderable = checkDate(ctx, l.serviceDate, loop, 'DTP', 'DTP03', `${n} service date`) && renderable;
    renderable = checkDate(ctx, l.serviceDateEnd, loop, 'DTP', 'DTP03', `${n} service end date`) && renderable;
    for (const a of l.adjudications ?? []) {
      if (!others.some((o) => o.payerId === a.payerId)) err(ctx, 'LINE_ADJUDICATION_PAYER_UNKNOWN', '2430', 'SVD', 'SVD01', `${n} adjudication names a payer that is not among the other payers`, 'use the payer id of a 2330B other payer');
      renderable = checkCents(ctx, a.paidCents, '2430', 'SVD', 'SVD02', `${n} other payer paid amount`, true) && renderable;
      renderable = checkAdjustments(ctx, a.adjustments, '2430') && renderable;
      renderable = checkDate(ctx, a.adjudicationDate, '2430', 'DTP', 'DTP03', `${n} adjudication date`) && renderable;
    }
  });
  if (c.lines.length > 0 && Number.isSafeInteger(c.totalChargeCents) && sum !== c.totalChargeCents) {
    err(ctx, 'CHARGE_MISMATCH', '2300', 'CLM', 'CLM02', `claim ${index + 1}: total charge differs from the sum of the line charges`, 'set CLM02 to the sum of the SV102 line charges');
  }
  return renderable;
}

/** Element length checks over rendered segments (837P lengths by default). */
export function checkElementLengths(segments: readonly OutSegment[], lengths: Readonly<Record<string, readonly [number, number]>> = ELEMENT_LENGTHS): X12Finding[] {
  return checkSegmentLengths(segments, lengths);
}

export const HL_PARENTS_837: Readonly<Record<string, readonly string[]>> = { '20': [''], '22': ['20'], '23': ['22'] };

/** Every finding for one 837P transaction: model rules, then the rendered segments. */
export function validate837P(tx: Transaction837P): X12Finding[] {
  const ctx: Ctx = { findings: [] };
  required(ctx, tx.batchReference, 'BHT', 'BHT', 'BHT03', 'batch reference');
  let renderable = checkDate(ctx, tx.createdDate, 'BHT', 'BHT', 'BHT04', 'creation date');
  if (!/^[A-Za-z0-9]{4,9}$/.test(tx.controlNumber)) {
    err(ctx, 'INVALID_CODE', 'ST', 'ST', 'ST02', 'transaction set control number must be 4-9 letters or digits', 'pass the next control number of the sequence, e.g. 0001');
    renderable = false;
  }
  if (!/^\d{4}(\d{2})?$/.test(tx.createdTime)) err(ctx, 'INVALID_CODE', 'BHT', 'BHT', 'BHT05', 'creation time must be HHMM or HHMMSS', 'write the time as HHMM');
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
  const body = render837PBody(tx);
  ctx.findings.push(...checkElementLengths(body));
  const all = wrapTransactionSet('837', '005010X222A1', { controlNumber: tx.controlNumber, body });
  ctx.findings.push(...checkHierarchy(all.map((s) => ({ id: s.id, elements: [s.id, ...s.elements.map((_, i) => outElement(s, i + 1))] })), HL_PARENTS_837));
  return ctx.findings;
}

/**
 * Validate an 837P file as received or stored: envelope counts (SE/GE/IEA), HL numbering of the
 * raw segments, then the model rules of every transaction set.
 */
export function validate837PFile(input: string | Uint8Array): X12Finding[] {
  const result = parse837P(input);
  const findings = [...result.findings];
  const { sets } = readTransactionSets(input, '837', { implementationReferences: ['005010X222'] });
  for (const set of sets) findings.push(...checkHierarchy(set.segments, HL_PARENTS_837));
  for (const tx of result.transactions) findings.push(...validate837P(tx));
  return findings;
}
