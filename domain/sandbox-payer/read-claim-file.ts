import { parse837I, parse837P, validate837I, validate837PFile, type Claim837I, type Claim837P, type TransactionEnvelope, type X12Finding } from '../x12';

export interface ClaimFile {
  form: '837P' | '837I';
  implementationReference: string;
  envelopes: TransactionEnvelope[];
  /** the claims of every transaction set, institutional ones in the professional shape adjudication reads */
  claims: Claim837P[];
  findings: X12Finding[];
}

/** An 837I claim as the sandbox adjudicates it: HCPCS lines priced at the facility rate (POS 22). */
function asProfessional(c: Claim837I): Claim837P {
  return {
    billingProvider: c.billingProvider,
    subscriber: c.subscriber,
    payer: c.payer,
    ...(c.patient ? { patient: c.patient } : {}),
    claimId: c.claimId,
    totalChargeCents: c.totalChargeCents,
    placeOfService: '22',
    frequency: c.frequency,
    providerSignature: true,
    assignment: c.assignment,
    benefitsAssignment: c.benefitsAssignment,
    releaseOfInformation: c.releaseOfInformation,
    ...(c.payerClaimControlNumber ? { payerClaimControlNumber: c.payerClaimControlNumber } : {}),
    ...(c.priorAuthorization ? { priorAuthorization: c.priorAuthorization } : {}),
    diagnoses: c.diagnoses,
    lines: c.lines.map((l) => ({
      procedureCode: l.procedureCode,
      modifiers: l.modifiers,
      chargeCents: l.chargeCents,
      units: l.units,
      diagnosisPointers: [1],
      serviceDate: l.serviceDate,
      ...(l.lineControlNumber ? { lineControlNumber: l.lineControlNumber } : {}),
    })),
  };
}

/** Reads an 837P or 837I interchange (throws X12ParseError when it is neither). */
export function readClaimFile(x12: string): ClaimFile {
  try {
    const p = parse837P(x12);
    return { form: '837P', implementationReference: '005010X222A1', envelopes: p.envelopes, claims: p.transactions.flatMap((t) => t.claims), findings: validate837PFile(x12) };
  } catch (err) {
    const i = parse837I(x12);
    if (i.transactions.length === 0) throw err;
    return {
      form: '837I',
      implementationReference: '005010X223A2',
      envelopes: i.envelopes,
      claims: i.transactions.flatMap((t) => t.claims.map(asProfessional)),
      findings: [...i.findings, ...i.transactions.flatMap((t) => validate837I(t))],
    };
  }
}
