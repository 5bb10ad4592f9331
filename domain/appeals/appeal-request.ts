import { classifyDenial, type AdjustmentGroup, type DenialCategory } from '../denials';
import { formatDollars, type CalendarDate } from '../ledger';
import type { AppealVehicle } from '../policy';
import { AppealError } from './appeal-errors';

/**
 * The content of a written appeal request (Medicare redetermination CMS-20027, reconsideration CMS-20033, ALJ
 * hearing OMHA-100, Appeals Council DAB-101; a payer's appeal letter; a reopening request for a clerical error):
 * the facts the form asks for, the claim and denial facts, the reason and what is requested. Rendered to PDF by
 * activities/documents. Holds patient data: never logged.
 */
export interface AppealRequestInput {
  readonly vehicle: AppealVehicle;
  readonly form: string | null;
  readonly levelName: string;
  readonly requestDate: CalendarDate;
  readonly remittanceDate: CalendarDate;
  readonly deadline: CalendarDate;
  readonly payer: { readonly name: string; readonly addressLines: readonly string[] };
  readonly provider: { readonly name: string; readonly npi: string; readonly taxId?: string; readonly addressLines: readonly string[]; readonly phone?: string };
  readonly patient: { readonly name: string; readonly memberId: string; readonly birthDate?: string };
  readonly claim: {
    readonly claimId: string;
    readonly payerClaimNumber: string;
    readonly datesOfService: { readonly from: CalendarDate; readonly to: CalendarDate };
    readonly diagnoses: readonly string[];
    readonly lines: ReadonlyArray<{ readonly cpt: string; readonly modifiers: readonly string[]; readonly units: number; readonly chargeCents: number }>;
    readonly billedCents: number;
    readonly paidCents: number;
  };
  /** the payer's adjustments being disputed, as the 835 gave them */
  readonly denials: ReadonlyArray<{ readonly group: AdjustmentGroup; readonly reasonCode: string; readonly remarkCodes: readonly string[]; readonly procedureCode: string | null; readonly amountCents: number }>;
  readonly disputedCents: number;
  /** earlier decisions of this appeal (an upheld redetermination, for a reconsideration) */
  readonly priorDecisions: ReadonlyArray<{ readonly levelName: string; readonly date: CalendarDate }>;
}

export interface AppealRequestSection {
  readonly heading: string;
  readonly rows?: ReadonlyArray<{ readonly label: string; readonly value: string }>;
  readonly paragraphs?: readonly string[];
  readonly table?: { readonly columns: readonly string[]; readonly rows: ReadonlyArray<readonly string[]> };
}

export interface AppealRequestDocument {
  readonly title: string;
  readonly subtitle: string;
  readonly sender: AppealRequestInput['provider'];
  readonly recipient: AppealRequestInput['payer'];
  readonly date: CalendarDate;
  readonly sections: readonly AppealRequestSection[];
  readonly signature: string;
}

const TITLES: Record<AppealVehicle, string> = {
  'redetermination-request': 'Medicare Redetermination Request',
  'reconsideration-request': 'Medicare Reconsideration Request',
  'alj-hearing-request': 'Request for Administrative Law Judge (ALJ) Hearing',
  'appeals-council-request': 'Request for Review by the Medicare Appeals Council',
  'judicial-review-request': 'Judicial Review: claim and decision facts',
  'appeal-letter': 'Request for Appeal',
  'reopening-request': 'Reopening Request: correction of a clerical error',
  'replacement-claim': 'Replacement claim',
};

const REASONS: Readonly<Record<DenialCategory, string>> = {
  'medical-necessity': 'The study was medically necessary: the ordering provider documented the clinical indication, the signed report confirms it answered that question, and the diagnoses fall within the coverage policy for the procedure.',
  authorization: 'The authorization requirements were met: the authorization on file covers the procedure, the date of service and the units billed, or the study could not wait for a decision.',
  coding: 'The procedure, modifiers and diagnoses billed match the signed report.',
  bundling: 'The services were separate and distinct (separate session, anatomic site or indication, as the report shows) and should be paid separately.',
  'timely-filing': 'The claim was first submitted within the filing limit, as the clearinghouse and payer acknowledgments show.',
  eligibility: 'Coverage was verified and in force for this member on the date of service.',
  duplicate: 'The services on this claim are not a duplicate of an earlier claim; repeated studies are identified with the appropriate modifiers.',
  cob: 'The order of benefits for this member is documented; the prior payer explanation of benefits is enclosed where one applies.',
  'missing-information': 'The information the payer asked for is now supplied.',
  other: 'We ask that the claim be reviewed again on the basis of the enclosed documentation.',
};

function required(value: string, field: string): void {
  if (typeof value !== 'string' || value.trim() === '') throw new AppealError('invalid-letter', `${field} is required`);
}

/** Builds the request's content from the claim and the 835 it disputes. */
export function buildAppealRequest(input: AppealRequestInput): AppealRequestDocument {
  required(input.claim.claimId, 'claim.claimId');
  required(input.patient.memberId, 'patient.memberId');
  for (const c of [input.claim.billedCents, input.claim.paidCents, input.disputedCents]) {
    if (!Number.isSafeInteger(c)) throw new AppealError('invalid-amount', 'claim amounts must be whole cents');
  }
  const medicare = ['redetermination-request', 'reconsideration-request', 'alj-hearing-request', 'appeals-council-request', 'judicial-review-request'].includes(input.vehicle);
  const classified = input.denials.map((d) => ({ d, c: classifyDenial({ group: d.group, reasonCode: d.reasonCode, remarkCodes: d.remarkCodes }) }));
  const codes = new Map<string, string>();
  for (const { d, c } of classified) {
    for (const [i, code] of c.codes.entries()) codes.set(i === 0 ? `${d.group}-${code.code}` : code.code, code.description);
  }
  const categories = [...new Set(classified.map(({ c }) => c.category))];
  const dos = input.claim.datesOfService.from === input.claim.datesOfService.to ? input.claim.datesOfService.from : `${input.claim.datesOfService.from} to ${input.claim.datesOfService.to}`;
  const beneficiary = [
    { label: medicare ? 'Beneficiary name' : 'Patient name', value: input.patient.name },
    { label: medicare ? 'Medicare number' : 'Member ID', value: input.patient.memberId },
    ...(input.patient.birthDate ? [{ label: 'Date of birth', value: input.patient.birthDate }] : []),
  ];
  const claimRows = [
    { label: medicare ? 'Claim number (ICN)' : 'Payer claim number', value: input.claim.payerClaimNumber || 'not assigned' },
    { label: 'Our claim number', value: input.claim.claimId },
    { label: 'Date(s) of service', value: dos },
    { label: 'Diagnoses', value: input.claim.diagnoses.join(', ') || 'none' },
    { label: 'Billed', value: formatDollars(input.claim.billedCents) },
    { label: 'Paid', value: formatDollars(input.claim.paidCents) },
    { label: input.vehicle === 'alj-hearing-request' ? 'Amount in controversy' : 'Amount in dispute', value: formatDollars(input.disputedCents) },
    { label: 'Date of the initial determination (remittance)', value: input.remittanceDate },
    ...input.priorDecisions.map((p) => ({ label: `Date of the ${p.levelName} decision`, value: p.date })),
    { label: 'Last day to file', value: input.deadline },
  ];
  const reopening = input.vehicle === 'reopening-request';
  const request = reopening
    ? 'We ask that the claim be reopened and the clerical error corrected as shown, and the claim be paid as corrected (42 CFR 405.980: within one year of the initial determination).'
    : `We do not agree with the determination on the services listed above and ask for a ${input.levelName}: the claim should be reprocessed and the amount in dispute of ${formatDollars(input.disputedCents)} paid.`;
  const sections: AppealRequestSection[] = [
    { heading: medicare ? 'Beneficiary' : 'Patient', rows: beneficiary },
    { heading: 'Claim', rows: claimRows },
    {
      heading: 'Items and services in dispute',
      table: {
        columns: ['Procedure', 'Modifiers', 'Units', 'Charge'],
        rows: input.claim.lines.map((l) => [l.cpt, l.modifiers.join(' ') || '-', String(l.units), formatDollars(l.chargeCents)]),
      },
    },
    {
      heading: 'Denial (claim adjustment and remark codes)',
      table: {
        columns: ['Code', 'Description'],
        rows: [...codes.entries()].map(([code, description]) => [code, description]),
      },
      paragraphs: classified.length === 0 ? ['The payment is disputed as a whole (see the enclosed remittance advice).'] : classified.map(({ d }) => `${d.group}-${d.reasonCode}${d.remarkCodes.length > 0 ? ` (${d.remarkCodes.join(', ')})` : ''}${d.procedureCode ? ` on ${d.procedureCode}` : ''}: ${formatDollars(d.amountCents)}`),
    },
    {
      heading: reopening ? 'The clerical error' : 'Why we disagree',
      paragraphs: reopening
        ? ['The denial results from a clerical error on the claim (a minor error or omission), which a reopening corrects without an appeal.']
        : (categories.length > 0 ? categories : (['other'] as DenialCategory[])).map((c) => REASONS[c]),
    },
    { heading: 'What we request', paragraphs: [request] },
    {
      heading: 'Provider',
      rows: [
        { label: 'Name', value: input.provider.name },
        { label: 'NPI', value: input.provider.npi },
        ...(input.provider.taxId ? [{ label: 'TIN', value: input.provider.taxId }] : []),
        ...(input.provider.phone ? [{ label: 'Phone', value: input.provider.phone }] : []),
      ],
    },
  ];
  return {
    title: TITLES[input.vehicle],
    subtitle: input.form ? `Content of form ${input.form}` : input.levelName,
    sender: input.provider,
    recipient: input.payer,
    date: input.requestDate,
    sections,
    signature: `${input.provider.name}, NPI ${input.provider.npi}`,
  };
}
