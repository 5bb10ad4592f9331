import { check835Balance } from './balance-835';
import type { Procedure } from './model-common';
import type { ClaimPayment835, Party835, ProviderAdjustmentItem, Remittance835, ServicePayment835 } from './model-835';
import { parseTransactionSets, type ParseOptions, type ParseResult } from './parse-result';
import { LenientReader } from './read-elements';
import type { X12Finding } from './finding';
import type { ParsedTransactionSet } from './read-envelopes';
import { applyAddressSegment, casAdjustments, completeAddress, entityName } from './read-parties';
import { components, el, type Segment } from './tokenize';
import type { Address } from './model-common';

function procedure(s: Segment, n: number): Procedure {
  const c = components(s, n);
  return { qualifier: c[0] ?? '', code: c[1] ?? '', modifiers: c.slice(2, 6).filter((m) => m !== '') };
}

/** Read one 835 transaction set into the model (lenient: unknown segments are skipped). */
export function parse835TransactionSet(set: ParsedTransactionSet, findings: X12Finding[] = []): Remittance835 {
  const r: Remittance835 = {
    controlNumber: set.controlNumber,
    payment: { handlingCode: '', amountCents: 0, creditDebit: 'C', method: '', date: '' },
    trace: { number: '', payerId: '' },
    payer: { name: '', references: [] },
    payee: { name: '', references: [] },
    claims: [],
    providerAdjustments: [],
  };
  let loop = 'HEADER';
  const read = new LenientReader(findings, () => loop);
  const cents = (seg: Segment, n: number) => read.cents(seg, n);
  const optCents = (seg: Segment, n: number) => read.optCents(seg, n);
  const optQuantity = (seg: Segment, n: number) => read.optQuantity(seg, n);
  const optDate = (seg: Segment, n: number) => read.optDate(seg, n);
  const date = (seg: Segment, n: number) => read.optDate(seg, n) ?? '';
  let partyAddress: Partial<Address> | undefined;
  let party: Party835 | undefined;
  let header: number | undefined;
  let claim: ClaimPayment835 | undefined;
  let line: ServicePayment835 | undefined;

  for (const s of set.segments) {
    switch (s.id) {
      case 'BPR':
        r.payment = { handlingCode: el(s, 1), amountCents: cents(s, 2), creditDebit: el(s, 3) === 'D' ? 'D' : 'C', method: el(s, 4), date: optDate(s, 16) ?? '' };
        if (el(s, 5)) r.payment.format = el(s, 5);
        break;
      case 'TRN':
        if (loop === 'HEADER') {
          r.trace = { number: el(s, 2), payerId: el(s, 3) };
          if (el(s, 4)) r.trace.supplementalCode = el(s, 4);
        }
        break;
      case 'N1': {
        const code = el(s, 1);
        if (code === 'PR' || code === 'PE') {
          loop = code === 'PR' ? '1000A' : '1000B';
          party = { name: el(s, 2), references: [] };
          if (el(s, 4)) {
            party.idQualifier = el(s, 3);
            party.id = el(s, 4);
          }
          partyAddress = undefined;
          if (code === 'PR') r.payer = party;
          else r.payee = party;
        } else loop = 'OTHER';
        break;
      }
      case 'N3':
      case 'N4':
        if (party && (loop === '1000A' || loop === '1000B')) {
          applyAddressSegment((partyAddress ??= {}), s);
          party.address = completeAddress(partyAddress);
        }
        break;
      case 'DTM': {
        const q = el(s, 1);
        if (optDate(s, 2) === undefined) break;
        if (loop === 'HEADER' && q === '405') r.productionDate = date(s, 2);
        else if (line && loop === '2110') {
          if (q === '472' || q === '150') line.serviceDate = date(s, 2);
          else if (q === '151') line.serviceDateEnd = date(s, 2);
        } else if (claim && loop === '2100') {
          if (q === '232') claim.statementFrom = date(s, 2);
          else if (q === '233') claim.statementTo = date(s, 2);
          else if (q === '050') claim.receivedDate = date(s, 2);
        }
        break;
      }
      case 'REF': {
        const ref = { qualifier: el(s, 1), value: el(s, 2) };
        if (loop === '1000A' || loop === '1000B') party?.references.push(ref);
        else if (loop === '2110' && line) {
          if (ref.qualifier === '6R' && line.lineControlNumber === undefined) line.lineControlNumber = ref.value;
          else line.references.push(ref);
        } else if (loop === '2100' && claim) claim.references.push(ref);
        break;
      }
      case 'LX':
        loop = '2000';
        header = Number(el(s, 1));
        if (!Number.isFinite(header)) header = undefined;
        claim = undefined;
        line = undefined;
        break;
      case 'CLP':
        loop = '2100';
        line = undefined;
        claim = {
          claimId: el(s, 1),
          status: el(s, 2),
          chargeCents: cents(s, 3),
          paidCents: cents(s, 4),
          adjustments: [],
          references: [],
          amounts: [],
          lines: [],
        };
        if (header !== undefined) claim.headerNumber = header;
        {
          const pr = optCents(s, 5);
          if (pr !== undefined) claim.patientResponsibilityCents = pr;
        }
        if (el(s, 6)) claim.filingIndicator = el(s, 6);
        if (el(s, 7)) claim.payerClaimControlNumber = el(s, 7);
        if (el(s, 8)) claim.facilityCode = el(s, 8);
        if (el(s, 9)) claim.frequency = el(s, 9);
        r.claims.push(claim);
        break;
      case 'CAS':
        if (loop === '2110' && line) line.adjustments.push(...casAdjustments(s, read));
        else if (loop === '2100' && claim) claim.adjustments.push(...casAdjustments(s, read));
        break;
      case 'NM1':
        if (loop === '2100' && claim && el(s, 1) === 'QC') {
          claim.patient = { name: entityName(s) };
          if (el(s, 9)) {
            claim.patient.idQualifier = el(s, 8);
            claim.patient.id = el(s, 9);
          }
        }
        break;
      case 'MIA':
        if (claim && loop === '2100') {
          claim.inpatient = { coveredDays: optQuantity(s, 1) ?? 0, remarkCodes: [5, 20, 21, 22, 23].map((i) => el(s, i)).filter((v) => v !== '') };
          const outlier = optCents(s, 4);
          if (outlier !== undefined) claim.inpatient.ppsOperatingOutlierCents = outlier;
        }
        break;
      case 'MOA':
        if (claim && loop === '2100') {
          claim.outpatient = { remarkCodes: [3, 4, 5, 6, 7].map((i) => el(s, i)).filter((v) => v !== '') };
          const rate = optQuantity(s, 1);
          if (rate !== undefined) claim.outpatient.reimbursementRate = rate;
          const payable = optCents(s, 2);
          if (payable !== undefined) claim.outpatient.payableAmountCents = payable;
        }
        break;
      case 'AMT':
        if (loop === '2110' && line && el(s, 1) === 'B6') line.allowedCents = cents(s, 2);
        else if (loop === '2100' && claim) claim.amounts.push({ qualifier: el(s, 1), amountCents: cents(s, 2) });
        break;
      case 'SVC':
        if (claim) {
          loop = '2110';
          line = {
            procedure: procedure(s, 1),
            chargeCents: cents(s, 2),
            paidCents: cents(s, 3),
            adjustments: [],
            references: [],
            remarkCodes: [],
          };
          if (el(s, 4)) line.revenueCode = el(s, 4);
          const units = optQuantity(s, 5);
          if (units !== undefined) line.units = units;
          if (el(s, 6)) line.originalProcedure = procedure(s, 6);
          const ou = optQuantity(s, 7);
          if (ou !== undefined) line.originalUnits = ou;
          claim.lines.push(line);
        }
        break;
      case 'LQ':
        if (line && loop === '2110' && el(s, 1) === 'HE') line.remarkCodes.push(el(s, 2));
        break;
      case 'PLB': {
        loop = 'PLB';
        claim = undefined;
        line = undefined;
        const items: ProviderAdjustmentItem[] = [];
        for (let i = 3; i <= 13; i += 2) {
          const reasonRef = components(s, i);
          if (reasonRef.length === 0) continue;
          const item: ProviderAdjustmentItem = { reason: reasonRef[0] ?? '', amountCents: cents(s, i + 1) };
          if (reasonRef[1]) item.reference = reasonRef[1];
          items.push(item);
        }
        const fiscal = optDate(s, 2) ?? '';
        const last = r.providerAdjustments[r.providerAdjustments.length - 1];
        if (last && last.providerId === el(s, 1) && last.fiscalPeriodDate === fiscal && last.items.length % 6 === 0 && last.items.length > 0) {
          last.items.push(...items);
        } else r.providerAdjustments.push({ providerId: el(s, 1), fiscalPeriodDate: fiscal, items });
        break;
      }
      case 'SE':
        break;
      default:
        if (s.id === 'TS3' || s.id === 'TS2') {
          claim = undefined;
          line = undefined;
        }
        break;
    }
  }
  return r;
}

/** Read every 835 of an input, with balancing findings per remittance. */
export function parse835(input: string | Uint8Array, options: ParseOptions = {}): ParseResult<Remittance835> {
  return parseTransactionSets(input, '835', undefined, options, (set, findings) => {
    const r = parse835TransactionSet(set, findings);
    findings.push(...check835Balance(r));
    return r;
  });
}
