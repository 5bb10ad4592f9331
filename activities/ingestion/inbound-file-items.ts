import { seedPayerPolicyByX12Id } from '../../domain/policy';
import { type ClaimPayment835, type Remittance835, type TokenizeOptions, parse277CA, parse835, parse999 } from '../../domain/x12';
import { remittanceTraceNumber } from './stored-claim-payment';

export type DeliverableType = '835' | '999' | '277CA';

export type ParsedInbound =
  | { type: '835'; result: ReturnType<typeof parse835> }
  | { type: '999'; result: ReturnType<typeof parse999> }
  | { type: '277CA'; result: ReturnType<typeof parse277CA> };

/** One claim payment (835) or acknowledged claim / transaction set (999, 277CA) of an inbound file, in file order. */
export type InboundItem =
  | { kind: '835'; reference: string; payerId: string; traceNumber: string; remit: Remittance835; clp: ClaimPayment835; reversals: ClaimPayment835[] }
  | { kind: '999'; reference: string; controlNumber: string; accepted: boolean; statusCodes: string[]; segmentErrors: number }
  | { kind: '277CA'; reference: string; claimId: string; accepted: boolean; statusCodes: string[]; chargeCents?: number; payerClaimNumber?: string };

/** 277CA status categories that accept a claim into adjudication. */
const ACCEPTED_277_CATEGORIES = new Set(['A0', 'A1', 'A2', 'A5']);

/** Throws X12ParseError (TOO_MANY_SEGMENTS past `options.maxSegments`) when the file cannot be read. */
export function parseInbound(text: string, type: DeliverableType, options: TokenizeOptions = {}): ParsedInbound {
  switch (type) {
    case '835':
      return { type, result: parse835(text, options) };
    case '999':
      return { type, result: parse999(text, options) };
    case '277CA':
      return { type, result: parse277CA(text, options) };
  }
}

/** Our payer id of an 835 (a seed payer's X12 id, or that of its institutional side, maps to its id), else the payer's own identifier. */
export function payerKey(remit: Remittance835): string {
  const x12Id = remit.payer.references.find((r) => r.qualifier === '2U')?.value || remit.trace.payerId || remit.payer.id || remit.payer.name;
  // A payer's institutional side (Medicare Part A) answers for the same payer.
  return seedPayerPolicyByX12Id(x12Id)?.id ?? x12Id;
}

/**
 * The claim payments of one 835 transaction by claim reference (CLP01), in file order: the payment that speaks
 * for the claim (the last correction, or the reversal when the payer sent no correction) and the reversals (CLP02
 * 22) that came with it. A payer reverses and corrects a claim in one file; the exam takes both as one payment.
 */
export function paymentsByClaim(claims: readonly ClaimPayment835[]): { clp: ClaimPayment835; reversals: ClaimPayment835[] }[] {
  const byRef = new Map<string, ClaimPayment835[]>();
  for (const c of claims) byRef.set(c.claimId, [...(byRef.get(c.claimId) ?? []), c]);
  return [...byRef.values()].map((clps) => {
    const clp = [...clps].reverse().find((c) => c.status !== '22') ?? clps.at(-1)!;
    return { clp, reversals: clps.filter((c) => c.status === '22' && c !== clp) };
  });
}

/** The items of a parsed file, always in the same order: an item's index names it for the file's whole life. */
export function inboundItems(p: ParsedInbound): InboundItem[] {
  const items: InboundItem[] = [];
  if (p.type === '835') {
    for (const [i, remit] of p.result.transactions.entries()) {
      const payerId = payerKey(remit);
      const traceNumber = remittanceTraceNumber(p.result, i);
      for (const { clp, reversals } of paymentsByClaim(remit.claims)) {
        items.push({ kind: '835', reference: clp.claimId.slice(0, 80), payerId, traceNumber, remit, clp, reversals });
      }
    }
  } else if (p.type === '999') {
    for (const ack of p.result.transactions) {
      for (const t of ack.transactions) {
        const accepted = t.status === 'A' || t.status === 'E';
        items.push({
          kind: '999', reference: `ST02:${t.controlNumber}`.slice(0, 80), controlNumber: t.controlNumber, accepted, segmentErrors: t.segmentErrors.length,
          statusCodes: [`IK5:${t.status}`, ...t.errorCodes.map((c) => `IK502:${c}`), ...t.segmentErrors.slice(0, 50).map((e) => `IK3:${e.segmentId}:${e.position}:${e.errorCode}`)],
        });
      }
    }
  } else {
    for (const ack of p.result.transactions) {
      for (const c of ack.claims) {
        const codes = c.statuses.flatMap((s) => s.codes);
        items.push({
          kind: '277CA', reference: (c.claimId || '(no TRN02)').slice(0, 80), claimId: c.claimId, accepted: codes.length > 0 && ACCEPTED_277_CATEGORIES.has(codes[0]!.category),
          statusCodes: codes.map((s) => [s.category, s.code, s.entity].filter(Boolean).join(':')),
          ...(c.statuses[0]?.chargeCents === undefined ? {} : { chargeCents: c.statuses[0].chargeCents }),
          ...(c.payerClaimControlNumber ? { payerClaimNumber: c.payerClaimControlNumber } : {}),
        });
      }
    }
  }
  return items;
}

/** The file's 835 transactions: payer, trace number, amount and date, the remittance rows and keys of the file. */
export function remittancesOf(p: ParsedInbound): { payerId: string; traceNumber: string; paymentCents: number; paymentDate: string; claimIds: string[] }[] {
  if (p.type !== '835') return [];
  return p.result.transactions.map((remit, i) => ({
    payerId: payerKey(remit), traceNumber: remittanceTraceNumber(p.result, i), paymentCents: remit.payment.amountCents, paymentDate: remit.payment.date,
    claimIds: [...new Set(remit.claims.map((c) => c.claimId))],
  }));
}

export function errorFindings(p: ParsedInbound): number {
  return p.result.findings.filter((f) => f.severity === 'error').length;
}
