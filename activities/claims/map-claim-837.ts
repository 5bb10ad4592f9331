import type { ClaimIdentities } from '../../domain/organisations/claim-identities';
import type { PayerPolicy } from '../../domain/policy';
import type { Claim837I, Claim837P, ClaimFilingIndicator, EntityName, LineAdjudication837, OtherSubscriber837, Transaction837I, Transaction837P } from '../../domain/x12';
import { revenueCodeFor } from './revenue-code';
import type { ExamIntake } from '../../workflows/exam/intake';
import type { ClaimSubmission } from '../../workflows/exam/claim-submission';
import type { BillingProfile } from './billing-profile';

type Coverage = ExamIntake['coverages'][number];
type Person = { firstName: string; lastName: string; birthDate: string; sex: 'F' | 'M' | 'U'; address?: ExamIntake['patient']['address'] };

const PATIENT_RELATIONSHIP: Record<Exclude<Coverage['relationship'], 'self'>, string> = { spouse: '01', child: '19', other: 'G8' };
const RESPONSIBILITY = { primary: 'P', secondary: 'S', tertiary: 'T' } as const;

const upper = (s: string) => s.toUpperCase();
const personName = (p: Person): EntityName => ({ entityType: '1', lastOrOrgName: upper(p.lastName), firstName: upper(p.firstName) });
const address = (a: ExamIntake['patient']['address']) => ({
  line1: upper(a.line1), ...(a.line2 ? { line2: upper(a.line2) } : {}), city: upper(a.city), state: a.state, postalCode: a.postalCode,
});
const npiProvider = (npi: string, lastName: string): Claim837P['referringProvider'] => ({ entityType: '1', lastOrOrgName: lastName, npi });

/**
 * The workflow's submission plus what a claim may carry beyond the coded lines (all optional: the
 * ordering physician comes from the exam's order when not given).
 */
export type SubmitClaimInput = ClaimSubmission & {
  /** REF*G1 */
  priorAuthorizationNumber?: string;
  /** the reading radiologist (2310B) */
  renderingProviderNpi?: string;
  /** the ordering physician (2310A); defaults to the order's */
  referringProviderNpi?: string;
  /**
   * the radiologist who signed the report: the 2310B rendering provider (name and taxonomy from the provider
   * registry) and the reassignment check, when the exam's facility is set up
   */
  radiologistNpi?: string;
  /** the exam's billing arrangement: with the claim's component, it names the entity that bills the claim at a set-up facility */
  arrangement?: 'global' | 'split' | 'professional' | 'technical';
  /** REF*F8 on a replacement (frequency 7); defaults to the payer claim number on file */
  payerClaimNumber?: string;
  /** coordination of benefits: the prior payer and its adjudication (2320/2330, and 2430 by line number) */
  cob?: { otherSubscriber: OtherSubscriber837; lineAdjudications: Record<string, LineAdjudication837[]> };
};

export interface ClaimMappingInput {
  submission: SubmitClaimInput;
  orderingProviderNpi: string;
  patient: ExamIntake['patient'];
  coverage: Coverage;
  payer: PayerPolicy;
  profile: BillingProfile;
  /** the exam's other coverages (a secondary, a tertiary) with their payers: listed in 2320/2330 for coordination of benefits */
  otherCoverages?: readonly { coverage: Coverage; payer: PayerPolicy }[];
  /** who the claim names, from the facility's setup (billing entity, providers); absent: the billing profile as before */
  identities?: ClaimIdentities;
}

/**
 * SBR05 of a claim to Medicare fee-for-service when Medicare is not the primary payer: the MSP type given on the
 * Medicare coverage, else on a coverage that pays before it. Undefined otherwise.
 */
export function mspTypeFor(coverage: Coverage, payer: PayerPolicy, coverages: readonly Coverage[]): string | undefined {
  if (payer.payerType !== 'medicare' || coverage.order === 'primary') return undefined;
  return coverage.mspType ?? coverages.find((c) => c !== coverage && c.mspType && c.order !== 'tertiary')?.mspType;
}

/** SBR02 of a 2320 other subscriber: the patient's relationship to that coverage's subscriber. */
export const OTHER_RELATIONSHIP: Record<Coverage['relationship'], string> = { self: '18', spouse: '01', child: '19', other: 'G8' };

/**
 * The exam's other coverages as the payer billed must know them (2320 SBR with the sequence each pays in, 2330A
 * subscriber, 2330B payer). Nothing adjudicated yet: no CAS or paid amount. A payer without an X12 id is left out.
 */
export function otherCoverageSubscribers(patient: ExamIntake['patient'], others: readonly { coverage: Coverage; payer: PayerPolicy }[]): OtherSubscriber837[] {
  return others.flatMap(({ coverage, payer }) => {
    if (!payer.x12PayerId || payer.payerType === 'self-pay') return [];
    const person: Person = coverage.relationship === 'self' || !coverage.subscriber ? patient : coverage.subscriber;
    // 2320 SBR05: this other payer is Medicare, paying second (the MSP type given at intake).
    const msp = payer.payerType === 'medicare' && coverage.order !== 'primary' ? coverage.mspType : undefined;
    return [{
      payerResponsibility: RESPONSIBILITY[coverage.order],
      relationship: OTHER_RELATIONSHIP[coverage.relationship],
      ...(coverage.groupNumber ? { groupNumber: coverage.groupNumber } : {}),
      ...(msp ? { insuranceTypeCode: msp } : {}),
      claimFilingIndicator: payer.claimFilingIndicatorCode as ClaimFilingIndicator,
      adjustments: [],
      subscriberName: personName(person),
      memberId: coverage.memberId,
      payerName: upper(payer.name).slice(0, 60),
      payerId: payer.x12PayerId,
    }];
  });
}

/** The engine's claim as an 837P claim (2000B..2400). Names are upper-cased as payers expect. */
export function toClaim837P({ submission, orderingProviderNpi, patient, coverage, payer, profile, otherCoverages = [], identities }: ClaimMappingInput): Claim837P {
  const { claim, claimId } = submission;
  const referringNpi = submission.referringProviderNpi ?? orderingProviderNpi;
  const self = coverage.relationship === 'self';
  const subscriberPerson: Person = self || !coverage.subscriber ? patient : coverage.subscriber;
  const lines = [...claim.lines].sort((a, b) => a.lineNumber - b.lineNumber);
  // A claim billed after a prior payer carries that payer's adjudication; a first payer's claim names the payers after it.
  const others = submission.cob ? [submission.cob.otherSubscriber] : otherCoverageSubscribers(patient, otherCoverages);
  const msp = mspTypeFor(coverage, payer, [coverage, ...otherCoverages.map((o) => o.coverage)]);
  return {
    billingProvider: identities?.billingProvider ?? profile.billingProvider,
    ...(identities?.payToProvider ? { payToProvider: identities.payToProvider } : {}),
    subscriber: {
      payerResponsibility: RESPONSIBILITY[coverage.order],
      ...(self ? { relationship: '18' as const } : {}),
      ...(coverage.groupNumber ? { groupNumber: coverage.groupNumber } : {}),
      ...(msp ? { insuranceTypeCode: msp } : {}),
      claimFilingIndicator: payer.claimFilingIndicatorCode as ClaimFilingIndicator,
      name: personName(subscriberPerson),
      memberId: coverage.memberId,
      ...(subscriberPerson.address ? { address: address(subscriberPerson.address) } : {}),
      birthDate: subscriberPerson.birthDate,
      gender: subscriberPerson.sex,
    },
    payer: { name: upper(payer.name).slice(0, 60), payerId: payer.x12PayerId ?? '' },
    ...(self
      ? {}
      : {
          patient: {
            relationship: PATIENT_RELATIONSHIP[coverage.relationship as Exclude<Coverage['relationship'], 'self'>],
            name: personName(patient),
            address: address(patient.address),
            birthDate: patient.birthDate,
            gender: patient.sex,
          },
        }),
    claimId,
    totalChargeCents: lines.reduce((s, l) => s + l.chargeCents * 1, 0),
    placeOfService: claim.placeOfService,
    frequency: submission.frequency,
    providerSignature: true,
    assignment: 'A',
    benefitsAssignment: 'Y',
    releaseOfInformation: 'Y',
    ...(submission.payerClaimNumber ? { payerClaimControlNumber: submission.payerClaimNumber } : {}),
    ...(submission.priorAuthorizationNumber ? { priorAuthorization: submission.priorAuthorizationNumber } : {}),
    ...(identities?.mammographyCertification ? { mammographyCertification: identities.mammographyCertification } : {}),
    diagnoses: claim.diagnoses.map((d: string) => d.replace('.', '').toUpperCase()),
    ...(identities
      ? {
          referringProvider: identities.referringProvider,
          ...(identities.renderingProvider ? { renderingProvider: identities.renderingProvider } : {}),
          ...(identities.serviceFacility ? { serviceFacility: identities.serviceFacility } : {}),
        }
      : {
          referringProvider: npiProvider(referringNpi, 'ORDERING PHYSICIAN'),
          ...(submission.renderingProviderNpi ? { renderingProvider: npiProvider(submission.renderingProviderNpi, 'RADIOLOGIST')! } : {}),
        }),
    ...(others.length > 0 ? { otherSubscribers: others } : {}),
    lines: lines.map((l) => ({
      procedureCode: l.cpt,
      modifiers: l.modifiers,
      chargeCents: l.chargeCents,
      units: l.units,
      diagnosisPointers: l.diagnosisPointers,
      serviceDate: claim.dateOfService,
      lineControlNumber: `${claimId.slice(0, 40)}-${l.lineNumber}`,
      ...(submission.cob?.lineAdjudications[String(l.lineNumber)] ? { adjudications: submission.cob.lineAdjudications[String(l.lineNumber)] } : {}),
    })),
  };
}

function transactionHeader(profile: BillingProfile, at: { controlNumber: string; date: string; time: string }): Omit<Transaction837P, 'claims'> {
  return {
    controlNumber: at.controlNumber,
    batchReference: at.controlNumber,
    createdDate: at.date,
    createdTime: at.time,
    claimOrEncounter: 'CH',
    submitter: profile.submitter,
    receiver: profile.receiver,
  };
}

export function toTransaction837P(claim: Claim837P, profile: BillingProfile, at: { controlNumber: string; date: string; time: string }): Transaction837P {
  return { ...transactionHeader(profile, at), claims: [claim] };
}

/**
 * The payer loop (2010BB) and SBR09 of an institutional claim: the payer's institutional side when its policy
 * names one (Medicare: the Part A MAC's payer id, filed as MA), else the payer itself.
 */
export function institutionalPayer(payer: PayerPolicy): { name: string; payerId: string; claimFilingIndicator: ClaimFilingIndicator } {
  const side = payer.institutional;
  if (side) return { name: upper(side.name ?? payer.name).slice(0, 60), payerId: side.x12PayerId, claimFilingIndicator: side.claimFilingIndicatorCode as ClaimFilingIndicator };
  return { name: upper(payer.name).slice(0, 60), payerId: payer.x12PayerId ?? '', claimFilingIndicator: payer.claimFilingIndicatorCode as ClaimFilingIndicator };
}

/** The technical component billed by a hospital outpatient department as an 837I (type of bill 13x). */
export function toClaim837I(args: ClaimMappingInput): Claim837I {
  const p = toClaim837P(args);
  const { claim } = args.submission;
  const attending = p.renderingProvider ?? p.referringProvider;
  const { taxonomy: _taxonomy, ...attendingName } = (attending ?? {}) as NonNullable<Claim837P['renderingProvider']>;
  // The 837I has no SBR05: Medicare billed second learns why from an MSP value code (the same codes, 12-47) with
  // the amount the primary paid.
  const { insuranceTypeCode: msp, ...subscriber } = p.subscriber;
  const primaryPaid = p.otherSubscribers?.find((o) => o.payerResponsibility === 'P')?.payerPaidCents ?? 0;
  const otherSubscribers = p.otherSubscribers?.map(({ insuranceTypeCode: _msp, ...o }) => o);
  const routed = institutionalPayer(args.payer);
  // Revenue codes: the one the billing entity's chargemaster gave the line at coding, else the code family's.
  const revenueCodes = new Map([...claim.lines].sort((a, b) => a.lineNumber - b.lineNumber).map((l, i) => [i, l.revenueCode]));
  return {
    billingProvider: p.billingProvider,
    ...(p.payToProvider ? { payToProvider: p.payToProvider } : {}),
    subscriber: { ...subscriber, claimFilingIndicator: routed.claimFilingIndicator },
    payer: { name: routed.name, payerId: routed.payerId },
    ...(p.patient ? { patient: p.patient } : {}),
    claimId: p.claimId,
    totalChargeCents: p.totalChargeCents,
    facilityTypeCode: '13',
    frequency: p.frequency,
    assignment: p.assignment,
    benefitsAssignment: p.benefitsAssignment,
    releaseOfInformation: p.releaseOfInformation,
    statementFrom: claim.dateOfService,
    statementTo: claim.dateOfService,
    patientStatus: '01',
    ...(p.payerClaimControlNumber ? { payerClaimControlNumber: p.payerClaimControlNumber } : {}),
    ...(p.priorAuthorization ? { priorAuthorization: p.priorAuthorization } : {}),
    diagnoses: p.diagnoses,
    ...(msp ? { valueCodes: [{ code: msp, amountCents: primaryPaid }] } : {}),
    ...(attending ? { attendingProvider: { ...attendingName, entityType: '1' } } : {}),
    ...(p.serviceFacility ? { serviceFacility: p.serviceFacility } : {}),
    ...(p.referringProvider ? { referringProvider: p.referringProvider } : {}),
    // Billed after a prior payer: its adjudication (2320 CAS and paid amount, 2430 by line); else the payers after it.
    ...(otherSubscribers ? { otherSubscribers } : {}),
    lines: p.lines.map((l, i) => ({
      revenueCode: revenueCodes.get(i) ?? revenueCodeFor(l.procedureCode),
      procedureCode: l.procedureCode,
      modifiers: l.modifiers,
      chargeCents: l.chargeCents,
      units: l.units,
      serviceDate: l.serviceDate,
      ...(l.lineControlNumber ? { lineControlNumber: l.lineControlNumber } : {}),
      ...(l.adjudications ? { adjudications: l.adjudications } : {}),
    })),
  };
}

export function toTransaction837I(claim: Claim837I, profile: BillingProfile, at: { controlNumber: string; date: string; time: string }): Transaction837I {
  return { ...transactionHeader(profile, at), claims: [claim] };
}
