import { adjustmentEffect, classifyDenial, findRarc } from '../../domain/denials';
import type { ExamEventOf } from '../../domain/lifecycle';
import type { RemitAdjustment } from '../../domain/posting';
import { isCrossover } from '../../domain/posting/secondary-claim';
import type { ClaimAcknowledgment, ClaimRemittance } from './payer-events';

/** The patch that bills a secondary coverage (COB) from the primary's 835. */
const SECONDARY_BILLING_PATCH = 'exam-secondary-billing';
/** The patch that makes a line denied on a paid claim denial work (the claim is not paid while it is open). */
const LINE_DENIAL_PATCH = 'exam-line-denials';
/** The patch that posts a reversal the payer sent without its correction (CLP02 22 alone). */
const REVERSAL_PATCH = 'exam-payment-reversals';
/** The patches that change how an 835 is read: an exam asks each, and the classification activity applies those it has. */
export const REMITTANCE_PATCHES = [SECONDARY_BILLING_PATCH, LINE_DENIAL_PATCH, REVERSAL_PATCH] as const;
/** The patch that classifies an 835 (CARC/RARC table) in an activity, so that a table update never changes replay. */
export const REMITTANCE_CLASSIFIED_BY_ACTIVITY_PATCH = 'exam-remittance-classified-by-activity';

/** What the exam adds to an 835 claim payment before the lifecycle reads it. */
export interface RemittanceContext {
  /** the secondary coverage's payer: the primary's patient share is billed to it */
  secondaryPayerId?: string;
  /** lines denied on a claim otherwise paid are classified and worked */
  lineDenials?: boolean;
  /** a reversal (CLP02 22, negative amounts) is taken as one: the claim's payment is taken back */
  reversal?: boolean;
}

function denialsOf(adjustments: readonly RemitAdjustment[]): RemitAdjustment[] {
  return adjustments.filter((x) => adjustmentEffect(x.group, x.reasonCode) === 'denial');
}

/**
 * The context of an 835 for the exam: its secondary coverage and line denials, each behind its patch (asked only
 * when it matters, so that exams whose history was written before replay as they ran).
 */
export function remittanceContext(intake: { coverages: readonly { payerId: string; order: string }[] }, r: ClaimRemittance, isPatched: (patchId: string) => boolean): RemittanceContext {
  const secondary = intake.coverages.find((c) => c.order === 'secondary');
  const a = r.adjudication;
  const lineDenied = a.statusCode !== '4' && a.paidCents > 0 && a.lines.some((l) => denialsOf(l.adjustments).length > 0);
  return {
    ...(secondary && secondary.payerId !== r.remittance.payerId && isPatched(SECONDARY_BILLING_PATCH) ? { secondaryPayerId: secondary.payerId } : {}),
    ...(lineDenied && isPatched(LINE_DENIAL_PATCH) ? { lineDenials: true } : {}),
    // Exams whose history holds a reversal from before replay it as it was then: refused.
    ...(a.statusCode === '22' && isPatched(REVERSAL_PATCH) ? { reversal: true } : {}),
  };
}

/** A 999 / 277CA routed to the exam, as the lifecycle reads it. */
export function acknowledgmentEvent(ack: ClaimAcknowledgment): ExamEventOf<'acknowledgment'> {
  return {
    type: 'acknowledgment',
    eventId: `ack:${ack.kind}:${ack.documentId}:${ack.claimId}:v${ack.claimVersion}`,
    kind: ack.kind,
    claimId: ack.claimId,
    claimVersion: ack.claimVersion,
    accepted: ack.accepted,
    errorCodes: ack.statusCodes.map((c) => c.slice(0, 20)),
  };
}

/** The remittance's identity: one payer payment (trace number) for one claim. */
export function remittanceId(r: ClaimRemittance): string {
  return `${r.remittance.payerId}:${r.remittance.traceNumber}:${r.adjudication.claimId}`;
}

/**
 * An 835 claim payment as the lifecycle reads it: paid, partly paid or denied, the patient's share,
 * and the denial's category (CARC/RARC through domain/denials) when the payer refused something.
 */
export function remittanceEvent(r: ClaimRemittance, ctx: RemittanceContext = {}): ExamEventOf<'remittance'> {
  const a = r.adjudication;
  if (ctx.reversal && a.statusCode === '22') {
    const id = remittanceId(r);
    return {
      type: 'remittance', eventId: `835:${id}`, remittanceId: id, claimId: r.matchedClaimId ?? a.claimId, claimVersion: r.claimVersion,
      status: 'reversed', paidCents: 0, patientResponsibilityCents: 0, reversedCents: Math.abs(a.paidCents), payerId: r.remittance.payerId,
    };
  }
  const adjustments: RemitAdjustment[] = [...a.claimAdjustments, ...a.lines.flatMap((l) => l.adjustments)];
  const denying = denialsOf(adjustments)[0];
  const remarks = [...a.remarkCodes, ...a.lines.flatMap((l) => l.remarkCodes)];
  const denied = a.statusCode === '4' || (a.paidCents === 0 && denying !== undefined);
  const deniedLine = a.lines.some((l) => l.paidCents === 0 && l.chargeCents > 0);
  const classification = denying ? classifyDenial({ group: denying.group, reasonCode: denying.reasonCode, remarkCodes: remarks }) : undefined;
  const id = remittanceId(r);
  const deniedLines = !denied && ctx.lineDenials
    ? a.lines.flatMap((l) =>
        denialsOf(l.adjustments).map((x) => {
          const c = classifyDenial({ group: x.group, reasonCode: x.reasonCode, remarkCodes: [...l.remarkCodes, ...a.remarkCodes], hasOtherCoverage: ctx.secondaryPayerId !== undefined });
          return { cpt: l.procedureCode.slice(0, 10), group: x.group, carc: x.reasonCode.slice(0, 10), amountCents: x.amountCents, category: c.category, action: c.action };
        }),
      )
    : [];
  // What the appeal rules read (exams ask for them under their own patch): the 835's date, the charge, the remarks.
  const noAppealRights = remarks.some((code) => findRarc(code)?.notAppealable === true);
  const appealFacts = {
    ...(/^\d{4}-\d{2}-\d{2}$/.test(r.remittance.paymentDate) ? { remittanceDate: r.remittance.paymentDate } : {}),
    ...(a.chargeCents >= 0 ? { chargeCents: a.chargeCents } : {}),
    ...(remarks.length > 0 ? { remarkCodes: [...new Set(remarks)].slice(0, 50).map((c) => c.slice(0, 10)) } : {}),
    ...(noAppealRights ? { appealRights: false } : {}),
  };
  return {
    type: 'remittance',
    eventId: `835:${id}`,
    remittanceId: id,
    ...appealFacts,
    // The remittance id keeps the payer's reference (the stored 835 is read by it); the payment goes to our claim.
    claimId: r.matchedClaimId ?? a.claimId,
    claimVersion: r.claimVersion,
    status: denied ? 'denied' : deniedLine || deniedLines.length > 0 ? 'partially-paid' : 'paid',
    paidCents: a.paidCents,
    patientResponsibilityCents: a.patientResponsibilityCents,
    payerId: r.remittance.payerId,
    ...(ctx.secondaryPayerId !== undefined ? { secondaryPayerId: ctx.secondaryPayerId, ...(isCrossover(a) ? { crossover: true } : {}) } : {}),
    ...(deniedLines.length > 0 ? { deniedLines } : {}),
    ...(denied && classification
      ? { denial: { category: classification.category, carc: denying!.reasonCode.slice(0, 10), correctable: classification.autoCorrectable, ...(classification.appealable ? {} : { newClaimRequired: true }) } }
      : {}),
  };
}
