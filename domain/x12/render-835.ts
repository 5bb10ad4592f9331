import type { Procedure } from './model-common';
import type { ClaimPayment835, Party835, Remittance835, ServicePayment835 } from './model-835';
import { addressSegments, amount, casSegments, d8, decimal, optAmount } from './write-parties';
import { seg, type OutSegment } from './write-segments';

function procedureComposite(p: Procedure): string[] {
  return [p.qualifier, p.code, ...p.modifiers];
}

function party(loop: string, code: string, p: Party835): OutSegment[] {
  const out = [seg(loop, 'N1', code, p.name, p.id ? p.idQualifier : undefined, p.id)];
  if (p.address) out.push(...addressSegments(loop, p.address));
  for (const r of p.references) out.push(seg(loop, 'REF', r.qualifier, r.value));
  for (const c of p.contacts ?? []) out.push(seg(loop, 'PER', c.functionCode, c.name, ...c.channels.slice(0, 3).flatMap((ch) => [ch.qualifier, ch.value])));
  return out;
}

/** Body (between ST and SE) of an 835. */
export function render835Body(r: Remittance835): OutSegment[] {
  const out: OutSegment[] = [];
  const p = r.payment;
  out.push(seg('HEADER', 'BPR', p.handlingCode, amount(p.amountCents), p.creditDebit, p.method, p.format,
    undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, d8(p.date)));
  out.push(seg('HEADER', 'TRN', '1', r.trace.number, r.trace.payerId, r.trace.supplementalCode));
  if (r.productionDate) out.push(seg('HEADER', 'DTM', '405', d8(r.productionDate)));
  out.push(...party('1000A', 'PR', r.payer));
  out.push(...party('1000B', 'PE', r.payee));
  let header: number | undefined;
  for (const c of r.claims) {
    if (c.headerNumber !== undefined && c.headerNumber !== header) {
      header = c.headerNumber;
      out.push(seg('2000', 'LX', String(c.headerNumber)));
    }
    out.push(...claimSegments(c));
  }
  for (const plb of r.providerAdjustments) {
    for (let i = 0; i < plb.items.length || i === 0; i += 6) {
      const chunk = plb.items.slice(i, i + 6);
      out.push(seg('PLB', 'PLB', plb.providerId, d8(plb.fiscalPeriodDate), ...chunk.flatMap((it) => [[it.reason, it.reference], amount(it.amountCents)])));
    }
  }
  return out;
}

function claimSegments(c: ClaimPayment835): OutSegment[] {
  const out: OutSegment[] = [seg('2100', 'CLP', c.claimId, c.status, amount(c.chargeCents), amount(c.paidCents),
    optAmount(c.patientResponsibilityCents), c.filingIndicator, c.payerClaimControlNumber, c.facilityCode, c.frequency)];
  out.push(...casSegments('2100', c.adjustments));
  if (c.patient) {
    out.push(seg('2100', 'NM1', 'QC', c.patient.name.entityType, c.patient.name.lastOrOrgName, c.patient.name.firstName, c.patient.name.middleName,
      undefined, c.patient.name.suffix, c.patient.id ? c.patient.idQualifier : undefined, c.patient.id));
  }
  if (c.inpatient) {
    const m = c.inpatient;
    const [first, ...rest] = m.remarkCodes;
    out.push(seg('2100', 'MIA', decimal(m.coveredDays), undefined, undefined, optAmount(m.ppsOperatingOutlierCents), first,
      ...Array<undefined>(14).fill(undefined), ...rest.slice(0, 4)));
  }
  if (c.outpatient) {
    const m = c.outpatient;
    out.push(seg('2100', 'MOA', decimal(m.reimbursementRate), optAmount(m.payableAmountCents), ...m.remarkCodes.slice(0, 5)));
  }
  for (const ref of c.references) out.push(seg('2100', 'REF', ref.qualifier, ref.value));
  if (c.receivedDate) out.push(seg('2100', 'DTM', '050', d8(c.receivedDate)));
  if (c.statementFrom) out.push(seg('2100', 'DTM', '232', d8(c.statementFrom)));
  if (c.statementTo) out.push(seg('2100', 'DTM', '233', d8(c.statementTo)));
  for (const a of c.amounts) out.push(seg('2100', 'AMT', a.qualifier, amount(a.amountCents)));
  for (const l of c.lines) out.push(...lineSegments(l));
  return out;
}

function lineSegments(l: ServicePayment835): OutSegment[] {
  const out: OutSegment[] = [seg('2110', 'SVC', procedureComposite(l.procedure), amount(l.chargeCents), amount(l.paidCents), l.revenueCode,
    decimal(l.units), l.originalProcedure ? procedureComposite(l.originalProcedure) : undefined, decimal(l.originalUnits))];
  if (l.serviceDate && l.serviceDateEnd) {
    out.push(seg('2110', 'DTM', '150', d8(l.serviceDate)), seg('2110', 'DTM', '151', d8(l.serviceDateEnd)));
  } else if (l.serviceDate) out.push(seg('2110', 'DTM', '472', d8(l.serviceDate)));
  out.push(...casSegments('2110', l.adjustments));
  if (l.lineControlNumber) out.push(seg('2110', 'REF', '6R', l.lineControlNumber));
  for (const ref of l.references) out.push(seg('2110', 'REF', ref.qualifier, ref.value));
  if (l.allowedCents !== undefined) out.push(seg('2110', 'AMT', 'B6', amount(l.allowedCents)));
  for (const code of l.remarkCodes) out.push(seg('2110', 'LQ', 'HE', code));
  return out;
}
