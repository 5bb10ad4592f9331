import type { CarcDefinition } from './denial-types';

/**
 * Claim adjustment reason codes imaging centers meet, with our own short descriptions.
 * Codes not listed here classify as `other` / `unclassified-code` and go to a person.
 */
const ROWS: readonly CarcDefinition[] = [
  { code: '1', description: 'Applied to the patient deductible', category: 'other', rootCause: 'patient-cost-share', action: 'bill-patient', autoCorrectable: false, effect: 'patient-cost-share' },
  { code: '2', description: 'Patient coinsurance share', category: 'other', rootCause: 'patient-cost-share', action: 'bill-patient', autoCorrectable: false, effect: 'patient-cost-share' },
  { code: '3', description: 'Patient copay', category: 'other', rootCause: 'patient-cost-share', action: 'bill-patient', autoCorrectable: false, effect: 'patient-cost-share' },
  { code: '4', description: 'Modifier missing or does not fit the procedure', category: 'coding', rootCause: 'modifier-error', action: 'corrected-claim', autoCorrectable: true, effect: 'denial' },
  { code: '5', description: 'Procedure or bill type does not fit the place of service', category: 'coding', rootCause: 'place-of-service-error', action: 'corrected-claim', autoCorrectable: true, effect: 'denial' },
  { code: '6', description: 'Procedure does not fit the patient age on file', category: 'coding', rootCause: 'age-or-sex-mismatch', action: 'corrected-claim', autoCorrectable: false, effect: 'denial', guidance: 'Check the birth date registered for the patient before changing codes.' },
  { code: '11', description: 'Diagnosis does not support the procedure', category: 'coding', rootCause: 'diagnosis-procedure-mismatch', action: 'corrected-claim', autoCorrectable: false, effect: 'denial', guidance: 'A coder reviews the report for a supporting diagnosis.' },
  { code: '16', description: 'Claim lacks data or has a billing error', category: 'missing-information', rootCause: 'missing-claim-data', action: 'resubmit-with-info', autoCorrectable: false, effect: 'denial', refinedByRemarks: true },
  { code: '18', description: 'Same claim or service already processed', category: 'duplicate', rootCause: 'repeat-procedure-or-duplicate', action: 'corrected-claim', autoCorrectable: false, effect: 'denial', guidance: 'A same-day repeat exam needs modifier 76 or 77 on a corrected claim; a true resend is closed against the original claim.' },
  { code: '22', description: 'Another payer may be primary for this care', category: 'cob', rootCause: 'other-payer-primary', action: 'bill-secondary', autoCorrectable: false, effect: 'denial', guidance: 'Confirm coordination of benefits with the patient, then bill the primary payer first.' },
  { code: '23', description: 'Amount already settled by the prior payer', category: 'cob', rootCause: 'prior-payer-adjudication', action: null, autoCorrectable: false, effect: 'prior-payer' },
  { code: '24', description: 'Covered by a capitation or managed-care arrangement', category: 'other', rootCause: 'capitation', action: null, autoCorrectable: false, effect: 'contractual-reduction' },
  { code: '26', description: 'Service date before coverage started', category: 'eligibility', rootCause: 'coverage-not-active', action: 'resubmit-with-info', autoCorrectable: false, effect: 'denial', guidance: 'Verify coverage for the service date and bill the payer that covered it.' },
  { code: '27', description: 'Service date after coverage ended', category: 'eligibility', rootCause: 'coverage-not-active', action: 'resubmit-with-info', autoCorrectable: false, effect: 'denial', guidance: 'Verify coverage for the service date and bill the payer that covered it.' },
  { code: '29', description: 'Filing deadline passed', category: 'timely-filing', rootCause: 'late-submission', action: 'write-off-request', autoCorrectable: false, effect: 'denial', guidance: 'Appeal only with proof of timely submission (accepted 999/277CA).' },
  { code: '31', description: 'Payer cannot identify the patient as its member', category: 'eligibility', rootCause: 'member-not-found', action: 'resubmit-with-info', autoCorrectable: false, effect: 'denial' },
  { code: '42', description: 'Charge above the usual or maximum allowed amount', category: 'other', rootCause: 'fee-schedule', action: null, autoCorrectable: false, effect: 'contractual-reduction' },
  { code: '45', description: 'Charge above the contracted or fee-schedule amount', category: 'other', rootCause: 'fee-schedule', action: null, autoCorrectable: false, effect: 'contractual-reduction' },
  { code: '50', description: 'Payer judged the service not medically necessary', category: 'medical-necessity', rootCause: 'not-medically-necessary', action: 'appeal', autoCorrectable: false, effect: 'denial' },
  { code: '55', description: 'Payer considers the procedure experimental', category: 'medical-necessity', rootCause: 'experimental-service', action: 'appeal', autoCorrectable: false, effect: 'denial' },
  { code: '56', description: 'Payer considers the procedure unproven', category: 'medical-necessity', rootCause: 'experimental-service', action: 'appeal', autoCorrectable: false, effect: 'denial' },
  { code: '59', description: 'Reduced under the multiple-procedure rule', category: 'other', rootCause: 'multiple-procedure-reduction', action: null, autoCorrectable: false, effect: 'contractual-reduction' },
  { code: '96', description: 'Charge not covered', category: 'other', rootCause: 'non-covered-service', action: 'appeal', autoCorrectable: false, effect: 'denial', refinedByRemarks: true },
  { code: '97', description: 'Paid as part of another service already processed', category: 'bundling', rootCause: 'bundled-service', action: 'corrected-claim', autoCorrectable: false, effect: 'denial', guidance: 'If the services were distinct, a coder adds 59 or XE/XS/XP/XU with documentation; otherwise request a write-off.' },
  { code: '109', description: 'This payer does not cover the claim; send it to the right payer', category: 'eligibility', rootCause: 'wrong-payer', action: 'resubmit-with-info', autoCorrectable: false, effect: 'denial' },
  { code: '119', description: 'Benefit maximum for the period reached', category: 'eligibility', rootCause: 'benefit-limit-reached', action: 'bill-patient', autoCorrectable: false, effect: 'denial' },
  { code: '129', description: 'Earlier processing information looks wrong', category: 'cob', rootCause: 'prior-payer-data-error', action: 'resubmit-with-info', autoCorrectable: false, effect: 'denial', refinedByRemarks: true },
  { code: '131', description: 'Claim-specific negotiated discount', category: 'other', rootCause: 'fee-schedule', action: null, autoCorrectable: false, effect: 'contractual-reduction' },
  { code: '146', description: 'Diagnosis code not valid on the service date', category: 'coding', rootCause: 'invalid-diagnosis-code', action: 'corrected-claim', autoCorrectable: false, effect: 'denial' },
  { code: '151', description: 'Information does not support this many services or this frequency', category: 'medical-necessity', rootCause: 'frequency-limit', action: 'appeal', autoCorrectable: false, effect: 'denial' },
  { code: '167', description: 'Diagnosis not covered', category: 'medical-necessity', rootCause: 'non-covered-diagnosis', action: 'appeal', autoCorrectable: false, effect: 'denial' },
  { code: '170', description: 'Not payable to this type of provider', category: 'other', rootCause: 'provider-type-not-eligible', action: 'resubmit-with-info', autoCorrectable: false, effect: 'denial' },
  { code: '171', description: 'Not payable to this provider type in this type of facility', category: 'other', rootCause: 'provider-type-not-eligible', action: 'resubmit-with-info', autoCorrectable: false, effect: 'denial' },
  { code: '181', description: 'Procedure code not valid on the service date', category: 'coding', rootCause: 'invalid-procedure-code', action: 'corrected-claim', autoCorrectable: true, effect: 'denial' },
  { code: '182', description: 'Modifier not valid on the service date', category: 'coding', rootCause: 'invalid-modifier', action: 'corrected-claim', autoCorrectable: true, effect: 'denial' },
  { code: '183', description: 'Referring provider may not refer this service', category: 'other', rootCause: 'referring-provider-not-eligible', action: 'resubmit-with-info', autoCorrectable: false, effect: 'denial' },
  { code: '184', description: 'Ordering provider may not order this service', category: 'other', rootCause: 'ordering-provider-not-eligible', action: 'resubmit-with-info', autoCorrectable: false, effect: 'denial', guidance: 'Check the ordering provider enrollment (Medicare: PECOS) and the NPI on the order.' },
  { code: '185', description: 'Rendering provider may not bill this service', category: 'other', rootCause: 'rendering-provider-not-eligible', action: 'resubmit-with-info', autoCorrectable: false, effect: 'denial' },
  { code: '189', description: 'Unlisted or not-otherwise-classified code used where a specific code exists', category: 'coding', rootCause: 'unlisted-code', action: 'corrected-claim', autoCorrectable: false, effect: 'denial' },
  { code: '197', description: 'Prior authorization or notification missing', category: 'authorization', rootCause: 'prior-auth-missing', action: 'appeal', autoCorrectable: false, effect: 'denial', guidance: 'Appeal with the authorization on file or request a retro-authorization.' },
  { code: '198', description: 'Authorization exceeded (units, dates or procedures)', category: 'authorization', rootCause: 'prior-auth-exceeded', action: 'appeal', autoCorrectable: false, effect: 'denial' },
  { code: '199', description: 'Revenue code and procedure code do not match', category: 'coding', rootCause: 'revenue-code-mismatch', action: 'corrected-claim', autoCorrectable: true, effect: 'denial' },
  { code: '204', description: 'Service not covered by the current benefit plan', category: 'eligibility', rootCause: 'non-covered-benefit', action: 'bill-patient', autoCorrectable: false, effect: 'denial' },
  { code: '226', description: 'Requested information not received from the provider', category: 'missing-information', rootCause: 'documentation-not-received', action: 'resubmit-with-info', autoCorrectable: false, effect: 'denial', refinedByRemarks: true },
  { code: '227', description: 'Requested information not received from the patient', category: 'missing-information', rootCause: 'patient-information-outstanding', action: 'resubmit-with-info', autoCorrectable: false, effect: 'denial' },
  { code: '234', description: 'Procedure not paid separately', category: 'bundling', rootCause: 'not-separately-payable', action: 'write-off-request', autoCorrectable: false, effect: 'denial' },
  { code: '236', description: 'Procedure or modifier pair not allowed together on the same day (NCCI)', category: 'bundling', rootCause: 'ncci-edit', action: 'corrected-claim', autoCorrectable: true, effect: 'denial', guidance: 'Only pairs with modifier indicator 1 may be unbundled with a distinct-service modifier.' },
  { code: '237', description: 'Legislated or regulatory payment adjustment', category: 'other', rootCause: 'regulatory-reduction', action: null, autoCorrectable: false, effect: 'contractual-reduction' },
  { code: '242', description: 'Service not from an in-network or assigned provider', category: 'eligibility', rootCause: 'out-of-network', action: 'appeal', autoCorrectable: false, effect: 'denial' },
  { code: '252', description: 'An attachment or more documentation is needed', category: 'missing-information', rootCause: 'attachment-required', action: 'resubmit-with-info', autoCorrectable: false, effect: 'denial', refinedByRemarks: true },
  { code: '253', description: 'Federal sequestration reduction', category: 'other', rootCause: 'sequestration', action: null, autoCorrectable: false, effect: 'contractual-reduction' },
  { code: 'B7', description: 'Provider not certified for this procedure on the service date', category: 'other', rootCause: 'provider-certification', action: 'resubmit-with-info', autoCorrectable: false, effect: 'denial', guidance: 'For mammography, check the facility certification on file with the payer.' },
  { code: 'B9', description: 'Patient is enrolled in hospice', category: 'eligibility', rootCause: 'hospice-enrollment', action: 'corrected-claim', autoCorrectable: false, effect: 'denial', guidance: 'Bill the hospice when related to the terminal condition; otherwise correct with the modifier for unrelated care.' },
  { code: 'B15', description: 'Requires a qualifying service that was not received or covered', category: 'other', rootCause: 'qualifying-service-missing', action: 'appeal', autoCorrectable: false, effect: 'denial' },
  { code: 'B16', description: 'New-patient criteria not met', category: 'coding', rootCause: 'new-patient-criteria', action: 'corrected-claim', autoCorrectable: false, effect: 'denial' },
];

export const CARC_TABLE: Readonly<Record<string, CarcDefinition>> = Object.freeze(
  Object.fromEntries(ROWS.map((row) => [row.code, row])),
);

export function findCarc(code: string): CarcDefinition | undefined {
  return Object.hasOwn(CARC_TABLE, code) ? CARC_TABLE[code] : undefined;
}
