import type { RarcDefinition } from './denial-types';

/** Remittance advice remark codes that change how imaging denials are worked; our own short descriptions. */
const ROWS: readonly RarcDefinition[] = [
  { code: 'N4', description: 'Prior payer explanation of benefits missing or invalid', category: 'cob', rootCause: 'prior-payer-eob-missing', action: 'resubmit-with-info' },
  { code: 'N20', description: 'Not paid when billed with another service that day', category: 'bundling', rootCause: 'bundled-service', action: 'corrected-claim' },
  { code: 'N56', description: 'Procedure code does not fit the services or the date', category: 'coding', rootCause: 'invalid-procedure-code', action: 'corrected-claim' },
  { code: 'N115', description: 'Decided under a local coverage determination', category: 'medical-necessity', rootCause: 'lcd-not-met', action: 'appeal' },
  { code: 'N130', description: 'Check the plan benefit documents for limits or exclusions', category: 'eligibility', rootCause: 'benefit-exclusion' },
  { code: 'N290', description: 'Rendering provider identifier missing or invalid', category: 'missing-information', rootCause: 'rendering-provider-id', action: 'corrected-claim', autoCorrectable: true },
  { code: 'N362', description: 'Units or days above the allowed maximum', category: 'coding', rootCause: 'units-exceed-limit', action: 'corrected-claim' },
  { code: 'N386', description: 'Decided under a national coverage determination', category: 'medical-necessity', rootCause: 'ncd-not-met', action: 'appeal' },
  { code: 'M15', description: 'Billed separately but part of another procedure', category: 'bundling', rootCause: 'bundled-service', action: 'write-off-request' },
  { code: 'M20', description: 'HCPCS code missing or invalid', category: 'coding', rootCause: 'invalid-hcpcs', action: 'corrected-claim', autoCorrectable: true },
  { code: 'M51', description: 'Procedure code missing or invalid', category: 'coding', rootCause: 'invalid-procedure-code', action: 'corrected-claim', autoCorrectable: true },
  { code: 'M77', description: 'Place of service missing or invalid', category: 'coding', rootCause: 'place-of-service-error', action: 'corrected-claim', autoCorrectable: true },
  { code: 'MA04', description: 'Secondary payment needs the primary payer identity or payment', category: 'cob', rootCause: 'prior-payer-data-error', action: 'resubmit-with-info' },
  { code: 'MA130', description: 'Claim unprocessable: no appeal rights, send a new claim', category: 'missing-information', rootCause: 'unprocessable-claim', action: 'resubmit-with-info', notAppealable: true },
  { code: 'MA18', description: 'Claim forwarded to the supplemental insurer', rootCause: 'crossover-notice', crossover: true },
  { code: 'N89', description: 'Payment information forwarded to the additional payer', rootCause: 'crossover-notice', crossover: true },
];

export const RARC_TABLE: Readonly<Record<string, RarcDefinition>> = Object.freeze(
  Object.fromEntries(ROWS.map((row) => [row.code, row])),
);

export function findRarc(code: string): RarcDefinition | undefined {
  return Object.hasOwn(RARC_TABLE, code) ? RARC_TABLE[code] : undefined;
}
