import { finding } from '../coding/finding';
import { pointersFor } from '../coding/diagnosis-pointers';
import { isIsoDate } from '../refdata/iso-date';
import { isValidNpi } from '../identifiers/npi';
import type { ScrubState } from './scrub-context';

const MAX_LINES: Record<'837P' | '837I', number> = { '837P': 50, '837I': 999 };

/** Claim fields a payer rejects without: date, place of service, lines, charges, diagnoses and pointers, NPIs. */
export function checkRequiredFields(s: ScrubState): void {
  const { claim, ctx, ref } = s;
  if (!isIsoDate(claim.dateOfService)) {
    s.findings.push(finding('DOS_INVALID', 'error', 'dateOfService', 'The date of service is missing or not a calendar date.', 'Set the date the exam was performed.'));
  }
  if (!ref.pos(claim.placeOfService)) {
    s.findings.push(finding('POS_INVALID', 'error', 'placeOfService', `Place of service ${claim.placeOfService || '(blank)'} is not a known code.`, 'Set the two-digit CMS place of service.'));
  }
  if (claim.lines.length === 0) s.findings.push(finding('NO_LINES', 'error', 'lines', 'The claim has no service line.', 'Add the billed procedures.'));
  if (claim.lines.length > MAX_LINES[claim.form]) {
    s.findings.push(finding('TOO_MANY_LINES', 'error', 'lines', `An ${claim.form} carries at most ${MAX_LINES[claim.form]} lines.`, 'Split the claim.'));
  }
  if (claim.diagnoses.length === 0) s.findings.push(finding('DX_MISSING', 'error', 'diagnoses', 'The claim has no diagnosis.', 'Add the diagnoses from the signed report.'));
  if (claim.diagnoses.length > 12) s.findings.push(finding('DX_TOO_MANY', 'error', 'diagnoses', 'A claim carries at most 12 diagnoses.', 'Keep the 12 most relevant diagnoses.'));

  claim.lines.forEach((line, i) => {
    const at = `lines[${i}]`;
    if (line.lineNumber !== i + 1) {
      line.lineNumber = i + 1;
      s.autoFixed.push(finding('LINE_RENUMBERED', 'warning', `${at}.lineNumber`, 'Line numbers were not consecutive.', 'Renumbered from 1.', true));
    }
    if (!/^[0-9A-Z]{5}$/.test(line.cpt)) s.findings.push(finding('PROCEDURE_CODE_INVALID', 'error', `${at}.cpt`, `Line ${i + 1}: "${line.cpt}" is not a CPT/HCPCS code.`, 'Correct the procedure code.'));
    if (!Number.isInteger(line.units) || line.units < 1) s.findings.push(finding('UNITS_INVALID', 'error', `${at}.units`, `Line ${i + 1}: units must be a whole number of at least 1.`, 'Correct the units.'));
    if (!Number.isInteger(line.chargeCents) || line.chargeCents <= 0) {
      s.findings.push(finding('CHARGE_INVALID', 'error', `${at}.chargeCents`, `Line ${i + 1}: the charge must be a positive amount in cents.`, 'Price the line from the chargemaster.'));
    }
    const count = claim.diagnoses.length;
    if (line.diagnosisPointers.length === 0 && count > 0) {
      line.diagnosisPointers = pointersFor(line.cpt, claim.diagnoses, ref);
      s.autoFixed.push(finding('POINTERS_ADDED', 'warning', `${at}.diagnosisPointers`, `Line ${i + 1} pointed at no diagnosis.`, 'Pointed it at the diagnoses that support it.', true));
    } else if (line.diagnosisPointers.length > 4 || line.diagnosisPointers.some((p) => !Number.isInteger(p) || p < 1 || p > count)) {
      s.findings.push(finding('POINTER_INVALID', 'error', `${at}.diagnosisPointers`, `Line ${i + 1}: diagnosis pointers must be 1 to 4 positions among the ${count} claim diagnoses.`, 'Point the line at the diagnoses it treats.'));
    }
  });

  if (!ctx.orderingProviderNpi) {
    s.findings.push(finding('ORDERING_NPI_MISSING', 'error', 'orderingProviderNpi', 'Diagnostic imaging claims need the ordering (referring) provider NPI.', 'Add the ordering provider NPI from the order.'));
  } else if (!isValidNpi(ctx.orderingProviderNpi)) {
    s.findings.push(finding('ORDERING_NPI_INVALID', 'error', 'orderingProviderNpi', 'The ordering provider NPI fails the NPI check digit (Luhn with prefix 80840).', 'Correct the ordering provider NPI.'));
  }
  if (claim.kind !== 'technical') {
    if (!ctx.renderingProviderNpi) {
      s.findings.push(finding('RENDERING_NPI_MISSING', 'error', 'renderingProviderNpi', 'A professional or global claim needs the reading radiologist NPI.', 'Add the NPI of the radiologist who signed the report.'));
    } else if (!isValidNpi(ctx.renderingProviderNpi)) {
      s.findings.push(finding('RENDERING_NPI_INVALID', 'error', 'renderingProviderNpi', 'The rendering provider NPI fails the NPI check digit (Luhn with prefix 80840).', 'Correct the radiologist NPI.'));
    }
  }
}
