import {
  adjustmentEffect,
  classifyDenial,
  patientShareKind,
  type AdjustmentGroup,
  type DenialClassification,
} from '../denials';
import {
  CONTRACTUAL_ADJUSTMENT,
  PATIENT_RECEIVABLE,
  PAYMENTS,
  applyEntry,
  claimNetOf,
  describeAccount,
  findEntryByKey,
  insuranceReceivable,
  isReversed,
  movement,
  netEffect,
  netOf,
  payerAdjustment,
  type AccountId,
  type LedgerEntry,
  type LedgerLine,
  type LedgerState,
  type LineMemo,
} from '../ledger';
import { matchLines, type LineMatching } from './match-lines';
import { PostingError } from './posting-errors';
import type { BilledClaim, ClaimAdjudication, RemitAdjustment, RemittanceRef } from './remittance-types';
import { isCrossover } from './secondary-claim';
import { detectUnderpayment, type UnderpaymentFinding } from './detect-underpayment';
import { sumAdjustments, validateAdjudication } from './validate-adjudication';

export type ClaimPostingState =
  | 'paid'
  | 'partially-paid'
  | 'denied'
  | 'reversed'
  | 'forwarded-to-secondary'
  | 'not-our-claim'
  | 'pricing-only';

export type PostingFinding =
  | UnderpaymentFinding
  | { readonly kind: 'unmatched-remit-line'; readonly index: number; readonly procedureCode: string; readonly chargeCents: number }
  | { readonly kind: 'billed-line-not-adjudicated'; readonly lineControlNumber: string }
  | { readonly kind: 'line-out-of-balance'; readonly index: number; readonly differenceCents: number }
  | { readonly kind: 'patient-responsibility-mismatch'; readonly reportedCents: number; readonly computedCents: number }
  | { readonly kind: 'charge-mismatch'; readonly billedCents: number; readonly remitCents: number }
  | { readonly kind: 'credit-balance'; readonly account: AccountId; readonly balanceCents: number }
  | { readonly kind: 'unexplained-payer-balance'; readonly remainingCents: number; readonly deniedCents: number }
  | { readonly kind: 'reversal-without-original' }
  | { readonly kind: 'reversal-amount-mismatch'; readonly originalPaidCents: number; readonly reversedPaidCents: number }
  | { readonly kind: 'crossover-payer-unknown' };

export interface PostedDenial {
  readonly lineControlNumber?: string;
  readonly procedureCode?: string;
  readonly group: AdjustmentGroup;
  readonly reasonCode: string;
  readonly amountCents: number;
  readonly quantity?: number;
  readonly classification: DenialClassification;
}

export interface PatientShare {
  readonly deductibleCents: number;
  readonly coinsuranceCents: number;
  readonly copayCents: number;
  readonly otherCents: number;
  readonly totalCents: number;
}

export interface PostingAmounts {
  readonly paidCents: number;
  readonly contractualCents: number;
  readonly payerAdjustmentCents: number;
  /** Patient responsibility; moved to the next payer when there is one, else to the patient. */
  readonly patientShare: PatientShare;
  /** Denied amounts left open in insurance A/R to be worked. */
  readonly deniedCents: number;
  /** Amounts a secondary payer reports as settled by the prior payer (never posted again). */
  readonly priorPayerCents: number;
}

export interface PostingInput {
  readonly ledger: LedgerState;
  readonly remittance: RemittanceRef;
  readonly adjudication: ClaimAdjudication;
  readonly billed: BilledClaim;
  /** The next payer on file; patient responsibility moves to it instead of the patient. */
  readonly nextPayerId?: string;
  /** Expected payer payment + patient responsibility for the claim, from the contract or fee schedule. */
  readonly expectedReimbursementCents?: number;
  /** Shortfall tolerated before reporting an underpayment (default 0). */
  readonly underpaymentToleranceCents?: number;
  /**
   * The payer's sequestration (Medicare: 2 % of its payment, reported as CO-253): CO-253 up to this percent of the
   * payment before it counts as recognised, so that it is not taken for an underpayment.
   */
  readonly sequestrationPercent?: number;
  /** 1-based position of this claim payment among those for the same claim in the same remittance. */
  readonly occurrence?: number;
}

export interface PostingSuccess {
  readonly ok: true;
  readonly state: LedgerState;
  /** Entries added by this posting (none when it was already posted). */
  readonly entries: readonly LedgerEntry[];
  readonly alreadyPosted: boolean;
  readonly idempotencyKey: string;
  readonly claimState: ClaimPostingState;
  readonly amounts: PostingAmounts;
  readonly patientResponsibilityTo: { readonly kind: 'patient' } | { readonly kind: 'payer'; readonly payerId: string };
  readonly crossover: boolean;
  readonly lineMatching: LineMatching;
  readonly denials: readonly PostedDenial[];
  readonly findings: readonly PostingFinding[];
}

export type PostingOutcome = PostingSuccess | { readonly ok: false; readonly error: PostingError };

/** Idempotency key of one claim payment: payer + trace number + claim + kind + occurrence. */
export function claimPaymentKey(remittance: RemittanceRef, adjudication: ClaimAdjudication, occurrence = 1): string {
  const kind = adjudication.statusCode === '22' ? 'reversal' : adjudication.statusCode === '23' || adjudication.statusCode === '25' ? 'notice' : 'payment';
  return `835:${remittance.payerId}:${remittance.traceNumber}:${adjudication.claimId}:${kind}:${occurrence}`;
}

interface Plan {
  lines: LedgerLine[];
  amounts: PostingAmounts;
  denials: PostedDenial[];
  claimState: ClaimPostingState;
  findings: PostingFinding[];
}

function planPayment(input: PostingInput, lineMatching: LineMatching, crossover: boolean): Plan {
  const { adjudication, remittance } = input;
  const payerAccount = insuranceReceivable(remittance.payerId);
  const nextAccount = input.nextPayerId !== undefined ? insuranceReceivable(input.nextPayerId) : PATIENT_RECEIVABLE;
  const lines: LedgerLine[] = [];
  const denials: PostedDenial[] = [];
  const findings: PostingFinding[] = [];
  const share = { deductibleCents: 0, coinsuranceCents: 0, copayCents: 0, otherCents: 0 };
  let contractualCents = 0;
  let payerAdjustmentCents = 0;
  let deniedCents = 0;
  let priorPayerCents = 0;
  let patientLiableCents = 0;
  const moneyMoves = adjudication.statusCode !== '23' && adjudication.statusCode !== '25';

  const lcnByIndex = new Map(lineMatching.matches.map((m) => [m.adjudicatedIndex, m.lineControlNumber]));

  const post = (adj: RemitAdjustment, memo: LineMemo, remarkCodes: readonly string[]) => {
    const effect = adjustmentEffect(adj.group, adj.reasonCode);
    const reasonCode = adj.reasonCode.trim().toUpperCase();
    const lineMemo: LineMemo = { ...memo, group: adj.group, reasonCode };
    const recordDenial = () =>
      denials.push({
        ...(memo.lineControlNumber !== undefined ? { lineControlNumber: memo.lineControlNumber } : {}),
        ...(memo.procedureCode !== undefined ? { procedureCode: memo.procedureCode } : {}),
        group: adj.group,
        reasonCode,
        amountCents: adj.amountCents,
        ...(adj.quantity !== undefined ? { quantity: adj.quantity } : {}),
        classification: classifyDenial({ group: adj.group, reasonCode, remarkCodes, hasOtherCoverage: input.nextPayerId !== undefined }),
      });
    switch (effect) {
      case 'contractual-reduction': {
        const account = adj.group === 'CO' ? CONTRACTUAL_ADJUSTMENT : payerAdjustment(adj.group === 'PI' ? 'PI' : 'OA');
        if (moneyMoves) lines.push(...movement(account, payerAccount, adj.amountCents, lineMemo));
        if (adj.group === 'CO') contractualCents += adj.amountCents;
        else payerAdjustmentCents += adj.amountCents;
        break;
      }
      case 'patient-cost-share':
      case 'patient-liable': {
        const kind = effect === 'patient-liable' ? 'other' : patientShareKind(reasonCode);
        if (moneyMoves) lines.push(...movement(nextAccount, payerAccount, adj.amountCents, { ...lineMemo, patientShare: kind }));
        share[`${kind}Cents`] += adj.amountCents;
        if (effect === 'patient-liable') {
          patientLiableCents += adj.amountCents;
          recordDenial();
        }
        break;
      }
      case 'prior-payer':
        priorPayerCents += adj.amountCents;
        break;
      case 'denial':
        deniedCents += adj.amountCents;
        recordDenial();
        break;
    }
  };

  let linePaidCents = 0;
  adjudication.lines.forEach((line, index) => {
    const lineControlNumber = lcnByIndex.get(index);
    const memo: LineMemo = { ...(lineControlNumber !== undefined ? { lineControlNumber } : {}), procedureCode: line.procedureCode };
    if (moneyMoves) lines.push(...movement(PAYMENTS, payerAccount, line.paidCents, memo));
    linePaidCents += line.paidCents;
    const remarks = [...line.remarkCodes, ...adjudication.remarkCodes];
    for (const adj of line.adjustments) post(adj, memo, remarks);
    const difference = line.chargeCents - line.paidCents - sumAdjustments(line.adjustments);
    if (difference !== 0) findings.push({ kind: 'line-out-of-balance', index, differenceCents: difference });
  });
  if (moneyMoves) lines.push(...movement(PAYMENTS, payerAccount, adjudication.paidCents - linePaidCents, { note: 'claim-level payment' }));
  for (const adj of adjudication.claimAdjustments) post(adj, {}, adjudication.remarkCodes);

  const patientShareTotal = share.deductibleCents + share.coinsuranceCents + share.copayCents + share.otherCents;
  if (moneyMoves && patientShareTotal !== adjudication.patientResponsibilityCents) {
    findings.push({ kind: 'patient-responsibility-mismatch', reportedCents: adjudication.patientResponsibilityCents, computedCents: patientShareTotal });
  }
  const billedCents = input.billed.lines.reduce((t, l) => t + l.chargeCents, 0);
  if (moneyMoves && input.billed.lines.length > 0 && billedCents !== adjudication.chargeCents) {
    findings.push({ kind: 'charge-mismatch', billedCents, remitCents: adjudication.chargeCents });
  }
  if (crossover && input.nextPayerId === undefined && patientShareTotal > 0) findings.push({ kind: 'crossover-payer-unknown' });

  const costShareCents = patientShareTotal - patientLiableCents;
  let claimState: ClaimPostingState;
  if (adjudication.statusCode === '23') claimState = 'not-our-claim';
  else if (adjudication.statusCode === '25') claimState = 'pricing-only';
  else if (adjudication.statusCode === '4') claimState = 'denied';
  else if (adjudication.paidCents === 0 && costShareCents === 0 && deniedCents + patientLiableCents > 0) claimState = 'denied';
  else if (deniedCents > 0 || patientLiableCents > 0) claimState = 'partially-paid';
  else if (patientShareTotal > 0 && (input.nextPayerId !== undefined || crossover)) claimState = 'forwarded-to-secondary';
  else claimState = 'paid';

  const amounts: PostingAmounts = {
    paidCents: adjudication.paidCents,
    contractualCents,
    payerAdjustmentCents,
    patientShare: { ...share, totalCents: patientShareTotal },
    deniedCents,
    priorPayerCents,
  };
  if (claimState === 'paid' || claimState === 'partially-paid' || claimState === 'forwarded-to-secondary') {
    const underpayment = detectUnderpayment({
      expectedCents: input.expectedReimbursementCents,
      receivedCents: adjudication.paidCents + patientShareTotal + deniedCents + sequestrationCents(adjudication, input.sequestrationPercent ?? 0),
      toleranceCents: input.underpaymentToleranceCents ?? 0,
    });
    if (underpayment) findings.push(underpayment);
  }
  lineMatching.unmatchedAdjudicated.forEach((index) => {
    const line = adjudication.lines[index];
    if (line) findings.push({ kind: 'unmatched-remit-line', index, procedureCode: line.procedureCode, chargeCents: line.chargeCents });
  });
  for (const lineControlNumber of lineMatching.unmatchedBilled) findings.push({ kind: 'billed-line-not-adjudicated', lineControlNumber });
  return { lines, amounts, denials, claimState, findings };
}

/**
 * The sequestration a claim payment reports (CO-253, at claim or line level), as far as it is within the percent of
 * the payment before sequestration (one cent of rounding per line allowed); 0 when the payer takes none.
 */
export function sequestrationCents(adjudication: ClaimAdjudication, percent: number): number {
  if (!(percent > 0)) return 0;
  const isSequestration = (a: RemitAdjustment) => a.group === 'CO' && a.reasonCode.trim() === '253';
  const reported = [...adjudication.claimAdjustments, ...adjudication.lines.flatMap((l) => l.adjustments)].filter(isSequestration).reduce((t, a) => t + a.amountCents, 0);
  if (reported <= 0) return 0;
  const ceiling = Math.ceil(((adjudication.paidCents + reported) * percent) / 100) + Math.max(1, adjudication.lines.length);
  return Math.min(reported, ceiling);
}

function findOriginalPosting(ledger: LedgerState, remittance: RemittanceRef, adjudication: ClaimAdjudication): LedgerEntry | undefined {
  const prefix = `835:${remittance.payerId}:`;
  const candidates = ledger.entries.filter(
    (e) =>
      e.source.kind === '835' &&
      e.claimId === adjudication.claimId &&
      e.idempotencyKey.startsWith(prefix) &&
      e.idempotencyKey.includes(':payment:') &&
      !isReversed(ledger, e.entryId),
  );
  const sameNumber =
    adjudication.payerClaimNumber !== '' ? [...candidates].reverse().find((e) => e.source.reference === adjudication.payerClaimNumber) : undefined;
  return sameNumber ?? candidates[candidates.length - 1];
}

function paidOn(entry: LedgerEntry): number {
  return entry.lines.reduce((t, l) => (l.account === PAYMENTS ? t + l.debitCents - l.creditCents : t), 0);
}

function creditBalances(ledger: LedgerState, lines: readonly LedgerLine[]): Array<{ account: AccountId; balanceCents: number }> {
  const result: Array<{ account: AccountId; balanceCents: number }> = [];
  for (const [account, delta] of netEffect(lines)) {
    const info = describeAccount(account);
    if (info?.class !== 'insurance-receivable' && info?.class !== 'patient-receivable') continue;
    const after = netOf(ledger, account) + delta;
    if (after < 0) result.push({ account, balanceCents: after });
  }
  return result;
}

/**
 * Posts one 835 claim payment to the exam's ledger: payment, contractual adjustments, patient
 * responsibility (to the patient or the next payer), payer adjustments; denials stay open in
 * insurance A/R. Status 22 reverses the payer's earlier posting of the claim. Posting the same
 * claim payment again (same payer, trace, claim, occurrence) adds nothing.
 */
export function postClaimPayment(input: PostingInput): PostingOutcome {
  const { ledger, remittance, adjudication, billed } = input;
  const problem = validateAdjudication(remittance, adjudication, billed);
  if (problem) return { ok: false, error: new PostingError(problem) };
  if (input.nextPayerId !== undefined) {
    try {
      insuranceReceivable(input.nextPayerId);
    } catch {
      return { ok: false, error: new PostingError({ code: 'invalid-adjudication', field: 'nextPayerId' }) };
    }
  }
  const occurrence = input.occurrence ?? 1;
  if (!Number.isSafeInteger(occurrence) || occurrence < 1) return { ok: false, error: new PostingError({ code: 'invalid-adjudication', field: 'occurrence' }) };

  const key = claimPaymentKey(remittance, adjudication, occurrence);
  const lineMatching = matchLines(billed.lines, adjudication.lines);
  const crossover = isCrossover(adjudication);
  const patientResponsibilityTo =
    input.nextPayerId !== undefined ? { kind: 'payer' as const, payerId: input.nextPayerId } : { kind: 'patient' as const };
  const reversal = adjudication.statusCode === '22';
  const plan: Plan = reversal
    ? {
        lines: [],
        amounts: { paidCents: adjudication.paidCents, contractualCents: 0, payerAdjustmentCents: 0, patientShare: { deductibleCents: 0, coinsuranceCents: 0, copayCents: 0, otherCents: 0, totalCents: 0 }, deniedCents: 0, priorPayerCents: 0 },
        denials: [],
        claimState: 'reversed',
        findings: [],
      }
    : planPayment(input, lineMatching, crossover);
  const base = { idempotencyKey: key, claimState: plan.claimState, amounts: plan.amounts, patientResponsibilityTo, crossover, lineMatching, denials: plan.denials };

  if (findEntryByKey(ledger, key)) {
    return { ok: true, state: ledger, entries: [], alreadyPosted: true, ...base, findings: plan.findings };
  }

  const findings = [...plan.findings];
  const source = {
    kind: '835' as const,
    documentId: remittance.documentId,
    ...(adjudication.payerClaimNumber !== '' ? { reference: adjudication.payerClaimNumber } : {}),
  };
  let entry: LedgerEntry;
  if (reversal) {
    const original = findOriginalPosting(ledger, remittance, adjudication);
    if (!original) {
      findings.push({ kind: 'reversal-without-original' });
      entry = { entryId: key, examId: ledger.examId, claimId: adjudication.claimId, lines: [], source, effectiveDate: remittance.paymentDate, idempotencyKey: key };
    } else {
      const originalPaidCents = paidOn(original);
      if (originalPaidCents !== -adjudication.paidCents) {
        findings.push({ kind: 'reversal-amount-mismatch', originalPaidCents, reversedPaidCents: -adjudication.paidCents });
      }
      entry = {
        entryId: key,
        examId: ledger.examId,
        claimId: adjudication.claimId,
        lines: original.lines.map((l) => ({ ...l, debitCents: l.creditCents, creditCents: l.debitCents })),
        source: { kind: 'reversal', documentId: remittance.documentId, ...(adjudication.payerClaimNumber !== '' ? { reference: adjudication.payerClaimNumber } : {}) },
        effectiveDate: remittance.paymentDate,
        idempotencyKey: key,
        reversesEntryId: original.entryId,
        allowCreditBalance: true,
      };
    }
  } else {
    const credits = creditBalances(ledger, plan.lines);
    for (const credit of credits) findings.push({ kind: 'credit-balance', ...credit });
    entry = {
      entryId: key,
      examId: ledger.examId,
      claimId: adjudication.claimId,
      lines: plan.lines,
      source,
      effectiveDate: remittance.paymentDate,
      idempotencyKey: key,
      ...(credits.length > 0 ? { allowCreditBalance: true } : {}),
    };
  }

  const applied = applyEntry(ledger, entry);
  if (!applied.ok) return { ok: false, error: new PostingError({ code: 'ledger-rejected', rejection: applied.rejection }) };

  if (!reversal && plan.claimState !== 'not-our-claim' && plan.claimState !== 'pricing-only') {
    const remainingCents = claimNetOf(applied.state, adjudication.claimId, insuranceReceivable(remittance.payerId));
    if (remainingCents !== plan.amounts.deniedCents) {
      findings.push({ kind: 'unexplained-payer-balance', remainingCents, deniedCents: plan.amounts.deniedCents });
    }
  }
  return { ok: true, state: applied.state, entries: [entry], alreadyPosted: false, ...base, findings };
}
