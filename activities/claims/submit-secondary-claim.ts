import type { Db } from '../../db/database';
import { buildSecondaryClaimData, type AdjustmentGroupAmounts, type BilledClaim } from '../../domain/posting';
import type { Adjustment, LineAdjudication837, OtherSubscriber837 } from '../../domain/x12';
import type { ExamIntake } from '../../workflows/exam/intake';
import { claimPayments } from '../ledger/post-remittance';
import { lineControlNumber } from '../ledger/post-charges';
import { OTHER_RELATIONSHIP, institutionalPayer, type SubmitClaimInput } from './map-claim-837';
import { ClaimFailureType, fail } from './claim-failure';
import { type SubmitClaimDeps, type SubmitClaimResult, billablePayer, createSubmitClaim, policyLookup } from './submit-claim';

/** The claim id a claim's secondary billing goes out under (CLM01; the 835 of the secondary routes back by it). */
export function secondaryClaimId(claimId: string): string {
  return `${claimId.slice(0, 36)}-S`;
}

function cas(groups: readonly AdjustmentGroupAmounts[]): Adjustment[] {
  return groups.flatMap((g) => g.reasons.map((r) => ({ group: g.group, reason: r.reasonCode, amountCents: r.amountCents, ...(r.quantity !== undefined ? { quantity: r.quantity } : {}) })));
}

export interface SubmitSecondaryInput {
  examId: string;
  /** the primary's claim */
  claimId: string;
  /**
   * the secondary claim's version: the primary's when first billed, one more each time the secondary is billed
   * again (after a rejection, on follow-up, or with the primary's new adjudication)
   */
  version: number;
  secondaryPayerId: string;
}

export type SubmitSecondaryResult =
  | ({ outcome: 'submitted' | 'sent-before'; secondaryClaimId: string } & Pick<SubmitClaimResult, 'documentId' | 'fileName'>)
  /** the primary forwarded the claim itself (crossover): billing the secondary again would be a duplicate */
  | { outcome: 'crossover'; secondaryClaimId: string };

/**
 * Bills the secondary payer (coordination of benefits): the primary's claim version again, to the
 * secondary, carrying the primary's adjudication (2320 claim-level CAS and paid amount, 2430 line
 * SVD/CAS) read from the stored 835. Through the claim channel: once per claim version.
 */
export function createSubmitSecondaryClaim(deps: SubmitClaimDeps) {
  const submitClaim = createSubmitClaim(deps);
  const policyOf = policyLookup(deps);
  return async function submitSecondaryClaim(input: SubmitSecondaryInput): Promise<SubmitSecondaryResult> {
    const { db } = deps;
    const secondaryId = secondaryClaimId(input.claimId);
    // The primary's latest version sent (the one its latest 835 adjudicated), and what the secondary said before.
    const [primary, exam, era, secondaryRow] = await Promise.all([
      db.selectFrom('claim_submissions').select(['request']).where('claim_id', '=', input.claimId).where('version', '<=', input.version)
        .orderBy('version', 'desc').limit(1).executeTakeFirst(),
      db.selectFrom('exams').select(['coverages', 'patient']).where('exam_id', '=', input.examId).executeTakeFirst(),
      latestRemittance(db, input.claimId),
      db.selectFrom('claims').select(['payer_claim_number', 'status']).where('claim_id', '=', secondaryId).executeTakeFirst(),
    ]);
    if (!exam) fail(ClaimFailureType.examNotRecorded, 'the exam is not recorded', { code: 'exam-not-recorded', examId: input.examId });
    if (!primary) fail(ClaimFailureType.versionNotSubmitted, 'the primary claim version was never submitted', { code: 'claim-version-not-submitted', claimId: input.claimId, version: input.version });
    if (!era) fail(ClaimFailureType.notAdjudicated, 'the primary payer has not adjudicated the claim yet', { code: 'not-adjudicated', claimId: input.claimId });
    const original = primary.request as unknown as SubmitClaimInput;
    const stored = await claimPayments(db, { claimId: input.claimId, remittanceId: era, effectiveDate: original.claim.dateOfService });
    const adjudication = [...stored.adjudications].reverse().find((a) => a.statusCode !== '22');
    if (!adjudication) fail(ClaimFailureType.notAdjudicated, 'the primary payer has not adjudicated the claim yet', { code: 'not-adjudicated', claimId: input.claimId });
    const billed: BilledClaim = {
      claimId: input.claimId,
      payerId: original.payerId,
      lines: original.claim.lines.map((l) => ({ lineControlNumber: lineControlNumber(input.claimId, l.lineNumber), procedureCode: l.cpt, modifiers: l.modifiers, chargeCents: l.chargeCents, units: l.units })),
    };
    const data = buildSecondaryClaimData({ billed, priorPayerId: original.payerId, adjudication });
    // A crossover is not billed by us, unless the secondary claim is being billed again (the crossover never arrived).
    if (data.crossover && input.version <= original.version) return { outcome: 'crossover', secondaryClaimId: secondaryId };

    const coverages = exam.coverages as unknown as ExamIntake['coverages'];
    const priorCoverage = coverages.find((c) => c.payerId === original.payerId) ?? coverages.find((c) => c.order === 'primary');
    if (!priorCoverage) fail(ClaimFailureType.coverageMissing, 'the primary payer\'s coverage is not on file', { code: 'coverage-missing', payerId: original.payerId, paths: ['coverages'] });
    const priorPolicy = await billablePayer(policyOf, original.payerId);
    const patient = exam.patient as unknown as ExamIntake['patient'];
    const subscriber = priorCoverage.relationship !== 'self' && priorCoverage.subscriber ? priorCoverage.subscriber : patient;
    const adjudicationDate = data.adjudicationDate ?? stored.remittance.paymentDate;
    // An institutional claim's prior payer is the payer's institutional side (Medicare Part A, MA) that adjudicated it.
    const prior = original.claim.form === '837I' ? institutionalPayer(priorPolicy) : { name: priorPolicy.name.toUpperCase().slice(0, 60), payerId: priorPolicy.x12PayerId, claimFilingIndicator: priorPolicy.claimFilingIndicatorCode };
    const otherSubscriber: OtherSubscriber837 = {
      payerResponsibility: 'P',
      relationship: OTHER_RELATIONSHIP[priorCoverage.relationship] ?? '18',
      ...(priorCoverage.groupNumber ? { groupNumber: priorCoverage.groupNumber } : {}),
      claimFilingIndicator: prior.claimFilingIndicator as OtherSubscriber837['claimFilingIndicator'],
      adjustments: cas(data.claimAdjustments),
      payerPaidCents: data.priorPaidCents,
      subscriberName: { entityType: '1', lastOrOrgName: subscriber.lastName.toUpperCase(), firstName: subscriber.firstName.toUpperCase() },
      memberId: priorCoverage.memberId,
      payerName: prior.name,
      payerId: prior.payerId,
    };
    const lineAdjudications: Record<string, LineAdjudication837[]> = {};
    data.lines.forEach((line, i) => {
      const billedLine = original.claim.lines[i];
      if (!billedLine || line.notAdjudicated) return;
      lineAdjudications[String(billedLine.lineNumber)] = [
        { payerId: prior.payerId, paidCents: line.paidCents, procedureCode: line.procedureCode, modifiers: [...line.modifiers], units: line.units ?? billedLine.units, adjustments: cas(line.adjustments), adjudicationDate },
      ];
    });
    // Once the secondary payer has adjudicated the claim (its claim number on file), a new version replaces it.
    // A voided secondary claim (its primary reversed) is billed again as a new claim: there is nothing left to replace.
    const replaces = input.version > 1 && Boolean(secondaryRow?.payer_claim_number) && secondaryRow?.status !== 'rejected' && secondaryRow?.status !== 'voided';
    const { payerClaimNumber: _primaryClaimNumber, ...billedAgain } = original;
    const result = await submitClaim({
      ...billedAgain,
      claimId: secondaryId,
      version: input.version,
      idempotencyKey: `${secondaryId}:v${input.version}`,
      frequency: replaces ? '7' : '1',
      ...(replaces ? { payerClaimNumber: secondaryRow!.payer_claim_number! } : {}),
      payerId: input.secondaryPayerId,
      cob: { otherSubscriber, lineAdjudications },
    });
    return { outcome: result.submitted ? 'submitted' : 'sent-before', secondaryClaimId: secondaryId, documentId: result.documentId, fileName: result.fileName };
  };
}

/** `<payerId>:<traceNumber>:<claimId>` of the claim's latest 835. */
async function latestRemittance(db: Db, claimId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('claim_status_history')
    .innerJoin('remittances', 'remittances.document_id', 'claim_status_history.document_id')
    .select(['remittances.payer_id', 'remittances.trace_number'])
    .where('claim_status_history.claim_id', '=', claimId)
    .where('claim_status_history.source', '=', '835')
    .orderBy('claim_status_history.at', 'desc')
    .orderBy('claim_status_history.id', 'desc')
    .executeTakeFirst();
  return row ? `${row.payer_id}:${row.trace_number}:${claimId}` : undefined;
}
