import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { postLedgerEntries } from '../../db/repositories/ledger';
import { expectedPayment, type ExpectedPayment } from '../../domain/contracts/expected-payment';
import { adjustmentEffect } from '../../domain/denials';
import { getPayerContract } from '../../db/repositories/payer-contracts';
import { readPayerPolicy } from '../claims/payer-policy';
import { PATIENT_RECEIVABLE, applyEntry, isCalendarDate, netOf, type CalendarDate, type LedgerEntry } from '../../domain/ledger';
import { applyUnappliedCashEntry } from '../../domain/patient-balance';
import {
  matchLines,
  postClaimPayment,
  type BilledClaim,
  type ClaimAdjudication,
  type ClaimPostingState,
  type PostingFinding,
  type RemittanceRef,
} from '../../domain/posting';
import { parse835 } from '../../domain/x12';
import { remittanceTraceNumber } from '../ingestion/stored-claim-payment';
import { toClaimAdjudication } from '../ingestion/to-claim-adjudication';
import { bundledRefData } from '../refdata/bundled-refdata';
import { type ChargedLine, lineControlNumber } from './post-charges';
import { remittanceNotFound, withLedgerFailures } from './ledger-failure';
import { cobKeyPrefix, cobResyncEntry } from './patient-money';

export interface PostRemittanceInput {
  examId: string;
  claimId: string;
  /** `<payerId>:<traceNumber>:<claimId>` as the exam workflow knows the remittance */
  remittanceId: string;
  /** the claim as billed (the current version's coded lines) */
  billed: { payerId: string; lines: (ChargedLine & { modifiers: string[]; units: number })[]; dateOfService: string; placeOfService: string };
  /** patient responsibility goes to this payer instead of the patient (coordination of benefits) */
  nextPayerId?: string;
  effectiveDate: CalendarDate;
}

export interface PostedClaimPayment {
  claimState: ClaimPostingState;
  paidCents: number;
  patientShareCents: number;
  deniedCents: number;
  alreadyPosted: boolean;
}

export interface PostRemittanceResult {
  documentId: string;
  /** every claim payment of this claim in the remittance, in file order (a reversal and its correction) */
  payments: PostedClaimPayment[];
  /** what the payer recognised fell short of the fee schedule by this much (0: none) */
  underpaymentCents: number;
  /** receivables the posting left in credit (to be refunded or re-posted) */
  creditBalanceAccounts: string[];
  /** the same, with the credit (a positive amount of cents) */
  creditBalances: { account: string; creditCents: number }[];
  findings: string[];
}

export interface StoredClaimPayments {
  remittance: RemittanceRef;
  adjudications: ClaimAdjudication[];
}

/**
 * Reads the stored 835 behind a remittance id (`<payerId>:<traceNumber>:<claim reference>`) and
 * returns the claim payments for that reference in it, as payments of this claim (a remittance a
 * biller matched to the claim by hand names the payer's reference, not ours).
 */
export async function claimPayments(db: Db, input: Pick<PostRemittanceInput, 'claimId' | 'remittanceId' | 'effectiveDate'>): Promise<StoredClaimPayments> {
  const colon = input.remittanceId.indexOf(':');
  if (colon < 1) remittanceNotFound('the remittance id names no payer');
  const payerId = input.remittanceId.slice(0, colon);
  const rows = await db
    .selectFrom('remittances')
    .innerJoin('x12_documents', 'x12_documents.id', 'remittances.document_id')
    .select(['remittances.document_id', 'remittances.trace_number', 'x12_documents.raw'])
    .where('remittances.payer_id', '=', payerId)
    .where(sql<boolean>`starts_with(${input.remittanceId}, remittances.payer_id || ':' || remittances.trace_number || ':')`)
    .execute();
  // The longest trace number that prefixes the id is the remittance (trace numbers may hold ':').
  const row = rows.sort((a, b) => b.trace_number.length - a.trace_number.length)[0];
  if (!row) remittanceNotFound('no stored 835 for this remittance');
  const traceNumber = row.trace_number;
  const reference = input.remittanceId.slice(payerId.length + traceNumber.length + 2);
  const parsed = parse835(row.raw);
  for (const [i, remit] of parsed.transactions.entries()) {
    const trace = remittanceTraceNumber(parsed, i);
    if (trace !== traceNumber) continue;
    const paymentDate = isCalendarDate(remit.payment.date) ? remit.payment.date : input.effectiveDate;
    return {
      remittance: { payerId, traceNumber, documentId: row.document_id, paymentDate },
      adjudications: remit.claims.filter((c) => c.claimId === reference).map((c) => ({ ...toClaimAdjudication(c, remit), claimId: input.claimId })),
    };
  }
  return remittanceNotFound('the stored 835 has no payment with this trace number');
}

/** What the posting compares a payment with: the claim's expected amount, its tolerance and the payer's sequestration. */
export interface PaymentExpectation {
  /** the expected amount on the lines the contract (or Medicare's fee schedule) prices */
  pricedCents: number;
  /** billed lines nothing prices: they count as expected what the payer recognised on them (not checked) */
  unpricedLines: number[];
  toleranceCents: number;
  sequestrationPercent: number;
  basis: ExpectedPayment['basis'];
}

/**
 * The expected payment of a claim: the payer's contract with the billing entity that billed it (named on the coded
 * claim as submitted), else Medicare's national fee schedule for a Medicare professional claim, else none (not
 * checked). See domain/contracts/expected-payment.ts.
 */
export async function paymentExpectation(db: Db, input: Pick<PostRemittanceInput, 'claimId' | 'billed'>): Promise<PaymentExpectation | undefined> {
  try {
    const submitted = await db.selectFrom('claim_submissions').select(['request']).where('claim_id', '=', input.claimId).orderBy('version', 'desc').limit(1).executeTakeFirst();
    const request = (submitted?.request ?? {}) as { claim?: { form?: string; billingEntityId?: string } };
    const claimRow = await db.selectFrom('claims').select(['form']).where('claim_id', '=', input.claimId).executeTakeFirst();
    const form = (claimRow?.form ?? request.claim?.form) === '837I' ? '837I' : '837P';
    const policy = await readPayerPolicy(db, input.billed.payerId);
    if (!policy) return undefined;
    const entityId = request.claim?.billingEntityId;
    const contract = entityId ? (await getPayerContract(db, input.billed.payerId, entityId))?.contract : undefined;
    const estimate = expectedPayment(
      {
        payerType: policy.payerType,
        form,
        dateOfService: input.billed.dateOfService,
        placeOfService: input.billed.placeOfService,
        lines: input.billed.lines.map((l) => ({ lineNumber: l.lineNumber, cpt: l.cpt, modifiers: l.modifiers, units: Math.max(1, l.units), chargeCents: l.chargeCents })),
        ...(contract ? { contract } : {}),
      },
      bundledRefData(),
    );
    if (estimate.basis === 'none') return undefined;
    return {
      pricedCents: estimate.expectedCents,
      unpricedLines: estimate.lines.filter((l) => l.expectedCents === null).map((l) => l.lineNumber),
      toleranceCents: estimate.toleranceCents,
      sequestrationPercent: estimate.sequestrationPercent,
      basis: estimate.basis,
    };
  } catch {
    return undefined;
  }
}

/** What the payer recognised on one billed line (payment, patient share, denial): an unpriced line's expectation. */
function recognisedOnLine(adjudication: ClaimAdjudication, billed: BilledClaim, lineNumber: number, claimId: string): number {
  const lcn = lineControlNumber(claimId, lineNumber);
  const matching = matchLines(billed.lines, adjudication.lines);
  const index = matching.matches.find((m) => m.lineControlNumber === lcn)?.adjudicatedIndex;
  const line = index === undefined ? undefined : adjudication.lines[index];
  if (!line) return billed.lines.find((l) => l.lineControlNumber === lcn)?.chargeCents ?? 0;
  return line.paidCents + line.adjustments.filter((a) => adjustmentEffect(a.group, a.reasonCode) !== 'contractual-reduction' && adjustmentEffect(a.group, a.reasonCode) !== 'prior-payer').reduce((t, a) => t + a.amountCents, 0);
}

function describeFinding(f: PostingFinding): string {
  return f.kind === 'underpayment' ? `underpayment:${f.shortfallCents}` : f.kind;
}

export function createRemittancePostingActivities({ db }: { db: Db }) {
  return {
    /**
     * Posts an 835's claim payments for one claim (payments, CO contractual adjustments, PR patient
     * responsibility to the patient or the next payer, OA/PI, denials left open, CLP02=22 reversals),
     * then applies any unapplied patient cash. A claim payment posted before adds nothing.
     */
    async postRemittance(input: PostRemittanceInput): Promise<PostRemittanceResult> {
      const stored = await claimPayments(db, input);
      const billed: BilledClaim = {
        claimId: input.claimId,
        payerId: input.billed.payerId,
        lines: input.billed.lines.map((l) => ({
          lineControlNumber: lineControlNumber(input.claimId, l.lineNumber),
          procedureCode: l.cpt,
          modifiers: l.modifiers,
          chargeCents: l.chargeCents,
          units: l.units,
        })),
      };
      const expectation = await paymentExpectation(db, input);
      const payments: PostedClaimPayment[] = [];
      const findings: string[] = [];
      let underpaymentCents = 0;
      return withLedgerFailures(async () => {
        const result = await postLedgerEntries(db, input.examId, (start) => {
          let state = start;
          const entries: LedgerEntry[] = [];
          payments.length = 0;
          findings.length = 0;
          underpaymentCents = 0;
          stored.adjudications.forEach((adjudication, index) => {
            const outcome = postClaimPayment({
              ledger: state,
              remittance: stored.remittance,
              adjudication,
              billed,
              ...(input.nextPayerId !== undefined ? { nextPayerId: input.nextPayerId } : {}),
              ...(expectation && adjudication.statusCode !== '22'
                ? {
                    expectedReimbursementCents: expectation.pricedCents + expectation.unpricedLines.reduce((t, n) => t + recognisedOnLine(adjudication, billed, n, input.claimId), 0),
                    underpaymentToleranceCents: expectation.toleranceCents,
                    sequestrationPercent: expectation.sequestrationPercent,
                  }
                : {}),
              occurrence: index + 1,
            });
            if (!outcome.ok) throw outcome.error;
            state = outcome.state;
            entries.push(...outcome.entries);
            for (const f of outcome.findings) {
              findings.push(describeFinding(f));
              if (f.kind === 'underpayment') underpaymentCents = Math.max(underpaymentCents, f.shortfallCents);
            }
            payments.push({
              claimState: outcome.claimState,
              paidCents: outcome.amounts.paidCents,
              patientShareCents: outcome.amounts.patientShare.totalCents,
              deniedCents: outcome.amounts.deniedCents,
              alreadyPosted: outcome.alreadyPosted,
            });
          });
          // A primary whose share had gone to the secondary and now went down (a reversal): the
          // difference comes back to the patient, so the patient receivable is not left in credit.
          const back = cobResyncEntry(state, { examId: input.examId, claimId: input.claimId, idempotencyKey: `${cobKeyPrefix(input.claimId)}back:${input.remittanceId}`, effectiveDate: stored.remittance.paymentDate });
          if (back && back.lines.some((l) => l.account === PATIENT_RECEIVABLE && l.debitCents > 0) && state.entryIdByKey[back.idempotencyKey] === undefined) {
            const applied = applyEntry(state, back);
            if (applied.ok) {
              entries.push(back);
              state = applied.state;
            }
          }
          const apply = applyUnappliedCashEntry(state, {
            effectiveDate: stored.remittance.paymentDate,
            documentId: stored.remittance.documentId,
            idempotencyKey: `unapplied:${input.examId}:${input.remittanceId}`,
          });
          if (apply && state.entryIdByKey[apply.idempotencyKey] === undefined && applyEntry(state, apply).ok) entries.push(apply);
          return entries;
        });
        const creditBalanceAccounts = [...result.state.creditBalanceAccounts];
        const creditBalances = creditBalanceAccounts.map((account) => ({ account, creditCents: -netOf(result.state, account) })).filter((c) => c.creditCents > 0);
        return { documentId: stored.remittance.documentId, payments, underpaymentCents, creditBalanceAccounts, creditBalances, findings };
      });
    },
  };
}
