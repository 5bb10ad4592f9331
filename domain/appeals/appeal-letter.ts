import { classifyDenial, type AdjustmentGroup, type CodeDescription, type DenialCategory } from '../denials';
import { assertCalendarDate, formatDollars, type CalendarDate } from '../ledger';
import { AppealError } from './appeal-errors';
import type { AppealLevel } from './appeal-policy';

export interface LetterParty {
  readonly name: string;
  readonly addressLines: readonly string[];
}

export interface AppealLetterInput {
  readonly letterDate: CalendarDate;
  readonly level: AppealLevel;
  readonly payer: LetterParty;
  readonly provider: LetterParty & { readonly npi: string; readonly phone?: string; readonly contactName?: string };
  /** The patient as the payer knows them; printed in the letter only, never logged. */
  readonly patient: { readonly name: string; readonly memberId: string; readonly birthDate?: CalendarDate };
  readonly claim: {
    readonly claimId: string;
    readonly payerClaimNumber: string;
    readonly serviceDate: CalendarDate;
    readonly billedCents: number;
    readonly deniedCents: number;
    readonly procedureCodes: readonly string[];
  };
  readonly denials: ReadonlyArray<{ readonly group: AdjustmentGroup; readonly reasonCode: string; readonly remarkCodes?: readonly string[] }>;
  /** Stored documents sent with the letter (order, signed report, authorization, acknowledgments). */
  readonly documents: ReadonlyArray<{ readonly documentId: string; readonly title: string }>;
  /** Free text a biller adds to the argument. */
  readonly additionalArgument?: string;
}

export interface AppealArgument {
  readonly category: DenialCategory;
  readonly heading: string;
  readonly text: string;
}

/** Content of an appeal letter; activities/documents renders it to PDF. */
export interface AppealLetter {
  readonly title: string;
  readonly letterDate: CalendarDate;
  readonly recipient: LetterParty;
  readonly sender: AppealLetterInput['provider'];
  readonly reference: ReadonlyArray<{ readonly label: string; readonly value: string }>;
  readonly opening: string;
  readonly denialCodes: readonly CodeDescription[];
  readonly arguments: readonly AppealArgument[];
  readonly request: string;
  readonly enclosures: ReadonlyArray<{ readonly documentId: string; readonly title: string }>;
  readonly closing: string;
}

const ARGUMENTS: Readonly<Record<DenialCategory, { heading: string; text: string }>> = {
  'medical-necessity': {
    heading: 'The study was medically necessary',
    text: 'The ordering provider documented the clinical indication for this study, and the signed report confirms it answered that clinical question. The diagnoses on the claim fall within the coverage policy for the procedure. The order and the report are enclosed.',
  },
  authorization: {
    heading: 'Authorization requirements were met',
    text: 'The authorization on file covers the procedure, the date of service and the units billed, or the study could not wait for a decision. The authorization record and the supporting notes are enclosed.',
  },
  coding: {
    heading: 'The coding reflects the service performed',
    text: 'The procedure, modifiers and diagnoses on the claim match the signed report. Where a correction was needed it is shown on the enclosed claim copy.',
  },
  bundling: {
    heading: 'The services were separate and distinct',
    text: 'The services billed were performed at a separate session, on a separate anatomic site or for a separate indication, as the report shows. They are not components of one another and should be paid separately.',
  },
  'timely-filing': {
    heading: 'The claim was filed on time',
    text: 'The claim was first submitted within the filing limit. The enclosed acknowledgments from the clearinghouse and the payer show the date it was received.',
  },
  eligibility: {
    heading: 'Coverage was in force on the date of service',
    text: 'Eligibility was verified for the date of service and the enclosed response shows active coverage for this member.',
  },
  duplicate: {
    heading: 'This claim is not a duplicate',
    text: 'The services on this claim were performed separately from those on any earlier claim; repeated studies on the same day are identified with the appropriate modifiers.',
  },
  cob: {
    heading: 'Coordination of benefits information',
    text: 'The order of benefits for this member is shown on the enclosed documents, including the prior payer explanation of benefits where one applies.',
  },
  'missing-information': {
    heading: 'The requested information is enclosed',
    text: 'The information the payer asked for is enclosed, so the claim can now be processed.',
  },
  other: {
    heading: 'Request for reconsideration',
    text: 'We ask that the claim be reviewed again on the basis of the enclosed documentation.',
  },
};

function required(value: string, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new AppealError('invalid-letter', `${field} is required`);
  return value;
}

/** Builds the appeal letter content: the claim, the denial codes explained, an argument per denial category, the enclosures. */
export function buildAppealLetter(input: AppealLetterInput): AppealLetter {
  assertCalendarDate(input.letterDate, 'letterDate');
  assertCalendarDate(input.claim.serviceDate, 'serviceDate');
  required(input.claim.claimId, 'claim.claimId');
  required(input.patient.memberId, 'patient.memberId');
  if (input.denials.length === 0) throw new AppealError('invalid-letter', 'an appeal letter needs at least one denial');
  if (!Number.isSafeInteger(input.claim.billedCents) || !Number.isSafeInteger(input.claim.deniedCents)) {
    throw new AppealError('invalid-amount', 'claim amounts must be whole cents');
  }
  const classifications = input.denials.map((d) => classifyDenial(d));
  const seenCodes = new Set<string>();
  const denialCodes: CodeDescription[] = [];
  for (const classification of classifications) {
    classification.codes.forEach((code, i) => {
      const label = i === 0 ? `${classification.group}-${code.code}` : code.code;
      if (seenCodes.has(label)) return;
      seenCodes.add(label);
      denialCodes.push({ ...code, code: label });
    });
  }
  const categories = [...new Set(classifications.filter((c) => c.effect === 'denial' || c.effect === 'patient-liable').map((c) => c.category))];
  const args: AppealArgument[] = (categories.length > 0 ? categories : (['other'] as DenialCategory[])).map((category) => ({ category, ...ARGUMENTS[category] }));
  if (input.additionalArgument !== undefined && input.additionalArgument.trim() !== '') {
    args.push({ category: 'other', heading: 'Additional information', text: input.additionalArgument.trim() });
  }
  const reference = [
    { label: 'Patient', value: input.patient.name },
    { label: 'Member ID', value: input.patient.memberId },
    ...(input.patient.birthDate !== undefined ? [{ label: 'Date of birth', value: input.patient.birthDate }] : []),
    { label: 'Payer claim number', value: input.claim.payerClaimNumber },
    { label: 'Our claim number', value: input.claim.claimId },
    { label: 'Date of service', value: input.claim.serviceDate },
    { label: 'Procedures', value: input.claim.procedureCodes.join(', ') },
    { label: 'Billed', value: formatDollars(input.claim.billedCents) },
    { label: 'Amount in dispute', value: formatDollars(input.claim.deniedCents) },
  ];
  return {
    title: `Request for ${input.level.name}`,
    letterDate: input.letterDate,
    recipient: input.payer,
    sender: input.provider,
    reference,
    opening: `${input.provider.name} (NPI ${input.provider.npi}) requests a ${input.level.name.toLowerCase()} of the claim identified below, which was denied in whole or in part.`,
    denialCodes,
    arguments: args,
    request: `We ask that the claim be reprocessed and the amount in dispute of ${formatDollars(input.claim.deniedCents)} be paid.`,
    enclosures: input.documents,
    closing: input.provider.contactName !== undefined
      ? `Please contact ${input.provider.contactName}${input.provider.phone !== undefined ? ` at ${input.provider.phone}` : ''} with any question.`
      : `Please contact our billing office${input.provider.phone !== undefined ? ` at ${input.provider.phone}` : ''} with any question.`,
  };
}
