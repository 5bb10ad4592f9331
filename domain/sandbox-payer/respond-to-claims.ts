import type { RefData } from '../refdata/ref-data';
import {
  build277CA, build835, build999, hasErrors,
  type Ack999, type ClaimAck277CA, type ClaimStatus277CA, type EnvelopeParams, type Remittance835, type TransactionAck999,
} from '../x12';
import { adjudicateSandboxClaim } from './adjudicate-claim';
import { upheldAppealLevels } from './scenario';
import { planShareFor } from './plan-share';
import { type ClaimFile, readClaimFile } from './read-claim-file';
import { SANDBOX_SENDER_ID, answerEnvelope } from './sandbox-envelope';


/** 1000A of the sandbox's 835: X221A1 requires the payer's address and technical (BL) contact. */
const SANDBOX_PAYER_ADDRESS = { line1: 'PO BOX 7233', city: 'SPRINGFIELD', state: 'IL', postalCode: '62701' };
const SANDBOX_PAYER_CONTACT = { functionCode: 'BL', name: 'SANDBOX EDI SUPPORT', channels: [{ qualifier: 'TE', value: '2175550100' }] };

/** An X12 file the sandbox payer sends back, named the way a clearinghouse would name it. */
export interface SandboxResponseFile {
  name: string;
  transactionType: '999' | '277CA' | '835';
  x12: string;
}

export interface SandboxClock {
  /** Processing date, ISO YYYY-MM-DD, and time HHMM. */
  date: string;
  time: string;
}

/**
 * The sandbox payer reads an 837P interchange and answers it in X12: a 999 for the batch, a 277CA
 * for the claims it could read, and an 835 for those it adjudicates (none for NORESP or rejected
 * claims). Deterministic: the same file on the same date (and the same claim ids seen before, for
 * REJECT's corrected resubmissions) gives the same responses, byte for byte.
 * An unreadable file gets no response (a real clearinghouse would send a TA1); an invalid one a
 * rejecting 999 only.
 */
export function respondToClaimFile(
  x12: string,
  ref: RefData,
  clock: SandboxClock,
  seenBefore: ReadonlySet<string> = new Set(),
  /** the file is the payer's copy of a claim under a written appeal at this level (0: a reopening), not a submission */
  options: { appealLevel?: number } = {},
): SandboxResponseFile[] {
  let parsed: ClaimFile;
  try {
    parsed = readClaimFile(x12);
  } catch {
    return [];
  }
  const first = parsed.envelopes[0];
  const icn = Number(first?.interchange?.controlNumber ?? '1') || 1;
  const env: EnvelopeParams = answerEnvelope(first?.interchange, clock);
  const ctl = String(icn).padStart(4, '0').slice(-9);
  const invalid = hasErrors(parsed.findings);

  const ack: Ack999 = {
    controlNumber: ctl,
    functionalId: 'HC',
    groupControlNumber: first?.group?.controlNumber ?? String(icn),
    version: first?.implementationReference || parsed.implementationReference,
    transactions: parsed.envelopes.map((e): TransactionAck999 => ({
      setId: '837',
      controlNumber: e.controlNumber,
      implementationReference: e.implementationReference || parsed.implementationReference,
      segmentErrors: [],
      status: invalid ? 'R' : 'A',
      errorCodes: invalid ? ['5'] : [],
    })),
    groupStatus: invalid ? 'R' : 'A',
    includedCount: parsed.envelopes.length,
    receivedCount: parsed.envelopes.length,
    acceptedCount: invalid ? 0 : parsed.envelopes.length,
    groupErrorCodes: [],
  };
  const files: SandboxResponseFile[] = [{ name: `999-${ctl}.x12`, transactionType: '999', x12: build999(env, [ack]) }];
  if (invalid) return files;

  const statuses: ClaimStatus277CA[] = [];
  const remittances = new Map<string, Remittance835>();
  /** One 835 transaction per paying payer (X12 payer id). */
  const remitOf = (payerId: string, provider: ClaimFile['claims'][number]['billingProvider']): Remittance835 => {
    let remit = remittances.get(payerId);
    if (!remit) {
      remit = {
        controlNumber: String(remittances.size + 1).padStart(4, '0'),
        payment: { handlingCode: 'I', amountCents: 0, creditDebit: 'C', method: 'NON', date: clock.date },
        trace: { number: `SBX${String(icn).padStart(9, '0')}${String(remittances.size + 1).padStart(2, '0')}`, payerId: '1000000000' },
        productionDate: clock.date,
        payer: {
          name: planShareFor(payerId).payerName,
          address: SANDBOX_PAYER_ADDRESS,
          references: [{ qualifier: '2U', value: payerId }],
          contacts: [SANDBOX_PAYER_CONTACT],
        },
        payee: { name: provider.lastOrOrgName, idQualifier: 'XX', id: provider.npi, references: [{ qualifier: 'TJ', value: provider.taxId }] },
        claims: [],
        providerAdjustments: [],
      };
      remittances.set(payerId, remit);
    }
    return remit;
  };
  let n = 0;
  for (const claim of parsed.claims) {
    n += 1;
    const payerClaimNumber = `SBX${String(icn).padStart(9, '0')}${String(n).padStart(3, '0')}`;
    // A written appeal: reviewed as an appeal (paid), unless the member's scenario upholds the denial at this level.
    const level = options.appealLevel;
    const reviewed = level === undefined ? claim : { ...claim, frequency: level > 0 && level <= upheldAppealLevels(claim.subscriber.memberId) ? ('1' as const) : ('7' as const) };
    const decision = adjudicateSandboxClaim(reviewed, ref, payerClaimNumber, seenBefore.has(claim.claimId));
    statuses.push({
      provider: { name: stripName(claim.billingProvider), npi: claim.billingProvider.npi },
      patient: { name: claim.subscriber.name, memberId: claim.subscriber.memberId },
      claimId: claim.claimId,
      statuses: [{
        codes: decision.accepted ? [{ category: 'A2', code: '20' }] : [decision.rejection!],
        date: clock.date,
        actionCode: decision.accepted ? 'WQ' : 'U',
        chargeCents: claim.totalChargeCents,
      }],
      ...(decision.accepted ? { payerClaimControlNumber: payerClaimNumber } : {}),
      ...(claim.lines[0] ? { serviceDate: claim.lines[0].serviceDate } : {}),
    });
    if (!decision.payment) continue;
    const remit = remitOf(claim.payer.payerId, claim.billingProvider);
    if (decision.reversal) {
      remit.claims.push({ ...decision.reversal, headerNumber: 1 });
      remit.payment.amountCents += decision.reversal.paidCents;
    }
    remit.claims.push({ ...decision.payment, headerNumber: 1 });
    remit.payment.amountCents += decision.payment.paidCents;
    // A crossover: the next payer's 835 for the forwarded claim follows the primary's.
    if (decision.crossover) {
      const next = remitOf(decision.crossover.payerId, claim.billingProvider);
      next.claims.push({ ...decision.crossover.payment, headerNumber: 1 });
      next.payment.amountCents += decision.crossover.payment.paidCents;
    }
  }
  const ack277: ClaimAck277CA = {
    controlNumber: ctl,
    reference: `SBX${ctl}`,
    createdDate: clock.date,
    createdTime: clock.time,
    payer: { name: 'SANDBOX CLEARINGHOUSE', id: SANDBOX_SENDER_ID },
    receiver: { name: { entityType: '2', lastOrOrgName: first?.interchange?.senderId || 'SUBMITTER' }, id: env.receiverId },
    receivedDate: clock.date,
    processedDate: clock.date,
    claims: statuses,
  };
  files.push({ name: `277CA-${ctl}.x12`, transactionType: '277CA', x12: build277CA(env, [ack277]) });
  if (remittances.size > 0) {
    for (const r of remittances.values()) {
      if (r.payment.amountCents > 0) Object.assign(r.payment, { handlingCode: 'C', method: 'ACH', format: 'CCP' });
    }
    files.push({ name: `835-${ctl}.x12`, transactionType: '835', x12: build835(env, [...remittances.values()]) });
  }
  return files;
}

function stripName(p: { entityType: '1' | '2'; lastOrOrgName: string; firstName?: string }) {
  return { entityType: p.entityType, lastOrOrgName: p.lastOrOrgName, ...(p.firstName ? { firstName: p.firstName } : {}) };
}
