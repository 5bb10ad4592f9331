import { adjustmentEffect, classifyDenial } from '../../domain/denials';
import type { ExamEventOf } from '../../domain/lifecycle';
import type { RemitAdjustment } from '../../domain/posting';
import type { ClaimAcknowledgment, ClaimRemittance } from './payer-events';

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
export function remittanceEvent(r: ClaimRemittance): ExamEventOf<'remittance'> {
  const a = r.adjudication;
  const adjustments: RemitAdjustment[] = [...a.claimAdjustments, ...a.lines.flatMap((l) => l.adjustments)];
  const denying = adjustments.find((x) => adjustmentEffect(x.group, x.reasonCode) === 'denial');
  const remarks = [...a.remarkCodes, ...a.lines.flatMap((l) => l.remarkCodes)];
  const denied = a.statusCode === '4' || (a.paidCents === 0 && denying !== undefined);
  const deniedLine = a.lines.some((l) => l.paidCents === 0 && l.chargeCents > 0);
  const classification = denying ? classifyDenial({ group: denying.group, reasonCode: denying.reasonCode, remarkCodes: remarks }) : undefined;
  const id = remittanceId(r);
  return {
    type: 'remittance',
    eventId: `835:${id}`,
    remittanceId: id,
    claimId: a.claimId,
    claimVersion: r.claimVersion,
    status: denied ? 'denied' : deniedLine ? 'partially-paid' : 'paid',
    paidCents: a.paidCents,
    patientResponsibilityCents: a.patientResponsibilityCents,
    ...(denied && classification
      ? { denial: { category: classification.category, carc: denying!.reasonCode.slice(0, 10), correctable: classification.autoCorrectable } }
      : {}),
  };
}
