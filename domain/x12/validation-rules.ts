import { isIsoDate } from './dates';
import { finding, type X12Finding } from './finding';
import { ADJUSTMENT_GROUPS, type Adjustment, type Address, type EntityName } from './model-common';
import { isValidNpi } from './npi';
import { x12Text } from './write-segments';

/** Model rules shared by the outbound validators; each pushes findings that name loop, segment and element. */

export interface Ctx {
  findings: X12Finding[];
}

export function err(ctx: Ctx, code: string, loop: string, segment: string, element: string, message: string, fix: string): void {
  ctx.findings.push(finding(code, 'error', { loop, segment, element }, message, fix));
}

export function required(ctx: Ctx, value: string | undefined, loop: string, segment: string, element: string, what: string): void {
  // Blank as written (free text loses its delimiter and control characters) is missing.
  if (value === undefined || x12Text(value) === '') {
    err(ctx, 'MISSING_REQUIRED', loop, segment, element, `${what} is required`, `provide the ${what}`);
  }
}

export function checkName(ctx: Ctx, n: EntityName, loop: string, what: string): void {
  required(ctx, n.lastOrOrgName, loop, 'NM1', 'NM103', `${what} last or organization name`);
  if (n.entityType === '2' && (n.firstName || n.middleName)) {
    err(ctx, 'INVALID_CODE', loop, 'NM1', 'NM102', `${what} is an organization (NM102 = 2) but has a first or middle name`, 'use entity type 1 for a person, or drop the first name');
  }
}

export function checkAddress(ctx: Ctx, a: Address, loop: string, what: string): void {
  required(ctx, a.line1, loop, 'N3', 'N301', `${what} address line`);
  required(ctx, a.city, loop, 'N4', 'N401', `${what} city`);
  if (!/^[A-Z]{2}$/.test(a.state)) err(ctx, 'INVALID_CODE', loop, 'N4', 'N402', `${what} state must be a two-letter code`, 'use the USPS state abbreviation');
  if (!/^\d{5}(\d{4})?$/.test(a.postalCode)) err(ctx, 'INVALID_CODE', loop, 'N4', 'N403', `${what} ZIP code must be 5 or 9 digits`, 'write the ZIP code as 5 or 9 digits without a hyphen');
}

export function checkNpi(ctx: Ctx, npi: string | undefined, loop: string, what: string): void {
  if (npi === undefined) return;
  if (!isValidNpi(npi)) err(ctx, 'NPI_INVALID', loop, 'NM1', 'NM109', `${what} NPI is not 10 digits with a valid check digit`, 'correct the NPI (verify it in NPPES)');
}

export function checkDate(ctx: Ctx, value: string | undefined, loop: string, segment: string, element: string, what: string): boolean {
  if (value === undefined) return true;
  if (!isIsoDate(value)) {
    err(ctx, 'INVALID_DATE', loop, segment, element, `${what} is not a valid YYYY-MM-DD date`, 'write dates as YYYY-MM-DD');
    return false;
  }
  return true;
}

export function checkCents(ctx: Ctx, value: number | undefined, loop: string, segment: string, element: string, what: string, allowNegative = false): boolean {
  if (value === undefined) return true;
  if (!Number.isSafeInteger(value) || (!allowNegative && value < 0)) {
    err(ctx, 'INVALID_AMOUNT', loop, segment, element, `${what} must be ${allowNegative ? 'an' : 'a non-negative'} integer number of cents`, 'pass money as integer cents');
    return false;
  }
  return true;
}

export function checkAdjustments(ctx: Ctx, list: readonly Adjustment[], loop: string): boolean {
  let ok = true;
  for (const a of list) {
    if (!(ADJUSTMENT_GROUPS as readonly string[]).includes(a.group)) err(ctx, 'INVALID_CODE', loop, 'CAS', 'CAS01', 'adjustment group must be CO, PR, OA, PI or CR', 'use a claim adjustment group code');
    if (!/^[A-Z0-9]{1,5}$/.test(a.reason)) err(ctx, 'INVALID_CODE', loop, 'CAS', 'CAS02', 'adjustment reason must be a CARC of 1-5 characters', 'use a claim adjustment reason code');
    ok = checkCents(ctx, a.amountCents, loop, 'CAS', 'CAS03', 'adjustment amount', true) && ok;
    if (a.quantity !== undefined && !Number.isFinite(a.quantity)) { err(ctx, 'INVALID_CODE', loop, 'CAS', 'CAS04', 'adjustment quantity must be a number', 'pass a finite quantity'); ok = false; }
  }
  return ok;
}

export function oneOf(ctx: Ctx, value: string, allowed: readonly string[], loop: string, segment: string, element: string, what: string): void {
  if (!allowed.includes(value)) err(ctx, 'INVALID_CODE', loop, segment, element, `${what} is not a valid code`, `use one of ${allowed.join(', ')}`);
}
