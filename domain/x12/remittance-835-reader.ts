import { finding, type X12Finding } from './finding';
import type { Address, Adjustment, EntityName, Procedure } from './model-common';
import type { AmountEntry, ClaimPayment835, Contact835, Party835, ProviderAdjustmentItem, Reference, Remittance835, ServicePayment835 } from './model-835';
import type { SegmentView } from './segment-scanner';

/** The 835 semantics, one segment at a time: the whole-model parser and the claim stream share it. */

function components(s: SegmentView, n: number): string[] {
  const value = s.el(n);
  if (value === '') return [];
  return value.split(s.delimiters.component);
}

/** A composite procedure (qualifier:code:modifier1..4), its parts shared with equal earlier codes. */
function procedure(s: SegmentView, n: number): Procedure {
  const count = s.splitComponents(n);
  const p: Procedure = { qualifier: s.component(0), code: s.component(1), modifiers: [] };
  for (let k = 2; k < count && k < 6; k++) {
    const modifier = s.component(k);
    if (modifier !== '') p.modifiers = p.modifiers.length === 0 ? [modifier] : [...p.modifiers, modifier];
  }
  return p;
}

function entityName(s: SegmentView): EntityName {
  const name: EntityName = { entityType: s.el(2) === '1' ? '1' : '2', lastOrOrgName: s.el(3) };
  const first = s.el(4);
  if (first) name.firstName = first;
  const middle = s.el(5);
  if (middle) name.middleName = middle;
  const suffix = s.el(7);
  if (suffix) name.suffix = suffix;
  return name;
}

function completeAddress(a: Partial<Address>): Address {
  const out: Address = { line1: a.line1 ?? '', city: a.city ?? '', state: a.state ?? '', postalCode: a.postalCode ?? '' };
  if (a.line2) out.line2 = a.line2;
  return out;
}

function remarkCodes(s: SegmentView, indexes: readonly number[]): string[] {
  const out: string[] = [];
  for (const i of indexes) {
    const v = s.code(i);
    if (v !== '') out.push(v);
  }
  return out;
}

/**
 * The items of one list of the claim or line being read. Lists are handed out at exact size when
 * the claim or line closes (an array grown by push keeps spare room, a lot of it for every claim
 * of a large file held in memory).
 */
class ListBuffer<T> {
  private items: (T | undefined)[] = [];
  private n = 0;

  add(item: T): void {
    this.items[this.n++] = item;
  }

  /** The items so far, at exact size (or `empty`, the list the model holds, when there are none); then none. */
  take(empty: T[]): T[] {
    const n = this.n;
    if (n === 0) return empty;
    this.n = 0;
    const items = this.items;
    const out = n === 1 ? [items[0]!] : n === 2 ? [items[0]!, items[1]!] : (items.slice(0, n) as T[]);
    // Hold nothing handed out: a streamed claim must not outlive its consumer's use of it.
    for (let i = 0; i < n; i++) items[i] = undefined;
    return out;
  }
}

const MIA_REMARKS = [5, 20, 21, 22, 23] as const;
const MOA_REMARKS = [3, 4, 5, 6, 7] as const;

/**
 * Reads the body segments of one 835 transaction set (lenient: unknown segments are skipped, an
 * unreadable element becomes a warning). Claims are handed to `onClaim` once complete (the next
 * CLP, LX, PLB, TS2/TS3 or the end of the set), so a caller can keep none of them.
 */
export class Remittance835Reader {
  readonly remittance: Remittance835;
  private loop = 'HEADER';
  private partyAddress: Partial<Address> | undefined;
  private party: Party835 | undefined;
  private header: number | undefined;
  private claim: ClaimPayment835 | undefined;
  private line: ServicePayment835 | undefined;
  /** The lists of the open claim and line, handed to them when they close. */
  private readonly claimAdjustments = new ListBuffer<Adjustment>();
  private readonly claimReferences = new ListBuffer<Reference>();
  private readonly claimAmounts = new ListBuffer<AmountEntry>();
  private readonly claimLines = new ListBuffer<ServicePayment835>();
  private readonly lineAdjustments = new ListBuffer<Adjustment>();
  private readonly lineReferences = new ListBuffer<Reference>();
  private readonly lineRemarks = new ListBuffer<string>();

  /**
   * @param keepClaims collect the claims in `remittance.claims` (the whole model) or not (stream).
   * @param onClaim called with each claim once nothing later in the set can change it.
   */
  constructor(controlNumber: string, private readonly findings: X12Finding[], private readonly keepClaims: boolean, private readonly onClaim?: (claim: ClaimPayment835) => void) {
    this.remittance = {
      controlNumber,
      payment: { handlingCode: '', amountCents: 0, creditDebit: 'C', method: '', date: '' },
      trace: { number: '', payerId: '' },
      payer: { name: '', references: [] },
      payee: { name: '', references: [] },
      claims: [],
      providerAdjustments: [],
    };
  }

  /** The set ended: hand on the last claim. */
  finish(): Remittance835 {
    this.closeClaim();
    return this.remittance;
  }

  private closeLine(): void {
    const line = this.line;
    if (!line) return;
    this.line = undefined;
    line.adjustments = this.lineAdjustments.take(line.adjustments);
    line.references = this.lineReferences.take(line.references);
    line.remarkCodes = this.lineRemarks.take(line.remarkCodes);
  }

  private closeClaim(): void {
    this.closeLine();
    const claim = this.claim;
    if (!claim) return;
    this.claim = undefined;
    claim.adjustments = this.claimAdjustments.take(claim.adjustments);
    claim.references = this.claimReferences.take(claim.references);
    claim.amounts = this.claimAmounts.take(claim.amounts);
    claim.lines = this.claimLines.take(claim.lines);
    if (this.onClaim) this.onClaim(claim);
  }

  private note(s: SegmentView, n: number, what: string): void {
    const element = `${s.id}${String(n).padStart(2, '0')}`;
    this.findings.push(finding('UNREADABLE_ELEMENT', 'warning', { loop: this.loop, segment: s.id, element },
      `${element} at segment ${s.position} is not a valid ${what}; read as empty`, 'ask the sender to correct the element'));
  }

  private cents(s: SegmentView, n: number): number {
    const v = s.cents(n);
    if (v === undefined) {
      this.note(s, n, 'amount');
      return 0;
    }
    return v;
  }

  private optCents(s: SegmentView, n: number): number | undefined {
    if (s.isEmpty(n)) return undefined;
    const v = s.cents(n);
    if (v === undefined) this.note(s, n, 'amount');
    return v;
  }

  private optQuantity(s: SegmentView, n: number): number | undefined {
    if (s.isEmpty(n)) return undefined;
    const v = s.quantity(n);
    if (v === undefined) this.note(s, n, 'number');
    return v;
  }

  private optDate(s: SegmentView, n: number): string | undefined {
    if (s.isEmpty(n)) return undefined;
    const v = s.isoDate(n);
    if (v === undefined) this.note(s, n, 'date');
    return v;
  }

  private adjustments(s: SegmentView, into: ListBuffer<Adjustment>): void {
    const group = s.code(1) as Adjustment['group'];
    for (let i = 0; i < 6; i++) {
      const r = 2 + i * 3;
      if (s.isEmpty(r)) continue;
      const a: Adjustment = { group, reason: s.code(r), amountCents: this.cents(s, r + 1) };
      const q = this.optQuantity(s, r + 2);
      if (q !== undefined) a.quantity = q;
      into.add(a);
    }
  }

  segment(s: SegmentView): void {
    const r = this.remittance;
    switch (s.id) {
      case 'BPR': {
        r.payment = { handlingCode: s.code(1), amountCents: this.cents(s, 2), creditDebit: s.el(3) === 'D' ? 'D' : 'C', method: s.code(4), date: this.optDate(s, 16) ?? '' };
        const format = s.code(5);
        if (format) r.payment.format = format;
        break;
      }
      case 'TRN':
        if (this.loop === 'HEADER') {
          r.trace = { number: s.el(2), payerId: s.el(3) };
          const supplemental = s.el(4);
          if (supplemental) r.trace.supplementalCode = supplemental;
        }
        break;
      case 'N1': {
        const code = s.el(1);
        if (code === 'PR' || code === 'PE') {
          this.loop = code === 'PR' ? '1000A' : '1000B';
          const party: Party835 = { name: s.el(2), references: [] };
          const id = s.el(4);
          if (id) {
            party.idQualifier = s.el(3);
            party.id = id;
          }
          this.party = party;
          this.partyAddress = undefined;
          if (code === 'PR') r.payer = party;
          else r.payee = party;
        } else this.loop = 'OTHER';
        break;
      }
      case 'N3':
      case 'N4':
        if (this.party && (this.loop === '1000A' || this.loop === '1000B')) {
          const a = (this.partyAddress ??= {});
          if (s.id === 'N3') {
            a.line1 = s.el(1);
            const line2 = s.el(2);
            if (line2) a.line2 = line2;
          } else {
            a.city = s.el(1);
            a.state = s.el(2);
            a.postalCode = s.el(3);
          }
          this.party.address = completeAddress(a);
        }
        break;
      case 'PER':
        if (this.party && (this.loop === '1000A' || this.loop === '1000B')) {
          const contact: Contact835 = { functionCode: s.code(1), channels: [] };
          const name = s.el(2);
          if (name) contact.name = name;
          for (let i = 3; i <= 7; i += 2) {
            const value = s.el(i + 1);
            if (value) contact.channels.push({ qualifier: s.code(i), value });
          }
          (this.party.contacts ??= []).push(contact);
        }
        break;
      case 'DTM': {
        const value = this.optDate(s, 2);
        if (value === undefined) break;
        const q = s.code(1);
        const { line, claim, loop } = this;
        if (loop === 'HEADER' && q === '405') r.productionDate = value;
        else if (line && loop === '2110') {
          if (q === '472' || q === '150') line.serviceDate = value;
          else if (q === '151') line.serviceDateEnd = value;
        } else if (claim && loop === '2100') {
          if (q === '232') claim.statementFrom = value;
          else if (q === '233') claim.statementTo = value;
          else if (q === '050') claim.receivedDate = value;
        }
        break;
      }
      case 'REF': {
        const { line, claim, loop } = this;
        if (loop === '1000A' || loop === '1000B') this.party?.references.push({ qualifier: s.el(1), value: s.el(2) });
        else if (loop === '2110' && line) {
          const qualifier = s.code(1);
          if (qualifier === '6R' && line.lineControlNumber === undefined) line.lineControlNumber = s.el(2);
          else this.lineReferences.add({ qualifier, value: s.el(2) });
        } else if (loop === '2100' && claim) this.claimReferences.add({ qualifier: s.code(1), value: s.el(2) });
        break;
      }
      case 'LX': {
        this.loop = '2000';
        const header = Number(s.el(1));
        this.header = Number.isFinite(header) ? header : undefined;
        this.closeClaim();
        break;
      }
      case 'CLP': {
        this.closeClaim();
        this.loop = '2100';
        const claim: ClaimPayment835 = {
          claimId: s.el(1),
          status: s.code(2),
          chargeCents: this.cents(s, 3),
          paidCents: this.cents(s, 4),
          adjustments: [],
          references: [],
          amounts: [],
          lines: [],
        };
        if (this.header !== undefined) claim.headerNumber = this.header;
        const pr = this.optCents(s, 5);
        if (pr !== undefined) claim.patientResponsibilityCents = pr;
        const filing = s.code(6);
        if (filing) claim.filingIndicator = filing;
        const pcn = s.el(7);
        if (pcn) claim.payerClaimControlNumber = pcn;
        const facility = s.code(8);
        if (facility) claim.facilityCode = facility;
        const frequency = s.code(9);
        if (frequency) claim.frequency = frequency;
        this.claim = claim;
        if (this.keepClaims) r.claims.push(claim);
        break;
      }
      case 'CAS':
        if (this.loop === '2110' && this.line) this.adjustments(s, this.lineAdjustments);
        else if (this.loop === '2100' && this.claim) this.adjustments(s, this.claimAdjustments);
        break;
      case 'NM1': {
        const claim = this.claim;
        if (this.loop === '2100' && claim && s.el(1) === 'QC') {
          claim.patient = { name: entityName(s) };
          const id = s.el(9);
          if (id) {
            claim.patient.idQualifier = s.el(8);
            claim.patient.id = id;
          }
        }
        break;
      }
      case 'MIA': {
        const claim = this.claim;
        if (claim && this.loop === '2100') {
          claim.inpatient = { coveredDays: this.optQuantity(s, 1) ?? 0, remarkCodes: remarkCodes(s, MIA_REMARKS) };
          const outlier = this.optCents(s, 4);
          if (outlier !== undefined) claim.inpatient.ppsOperatingOutlierCents = outlier;
        }
        break;
      }
      case 'MOA': {
        const claim = this.claim;
        if (claim && this.loop === '2100') {
          claim.outpatient = { remarkCodes: remarkCodes(s, MOA_REMARKS) };
          const rate = this.optQuantity(s, 1);
          if (rate !== undefined) claim.outpatient.reimbursementRate = rate;
          const payable = this.optCents(s, 2);
          if (payable !== undefined) claim.outpatient.payableAmountCents = payable;
        }
        break;
      }
      case 'AMT':
        if (this.loop === '2110' && this.line && s.el(1) === 'B6') this.line.allowedCents = this.cents(s, 2);
        else if (this.loop === '2100' && this.claim) this.claimAmounts.add({ qualifier: s.code(1), amountCents: this.cents(s, 2) });
        break;
      case 'SVC': {
        const claim = this.claim;
        if (claim) {
          this.closeLine();
          this.loop = '2110';
          const line: ServicePayment835 = {
            procedure: procedure(s, 1),
            chargeCents: this.cents(s, 2),
            paidCents: this.cents(s, 3),
            adjustments: [],
            references: [],
            remarkCodes: [],
          };
          const revenue = s.code(4);
          if (revenue) line.revenueCode = revenue;
          const units = this.optQuantity(s, 5);
          if (units !== undefined) line.units = units;
          if (!s.isEmpty(6)) line.originalProcedure = procedure(s, 6);
          const ou = this.optQuantity(s, 7);
          if (ou !== undefined) line.originalUnits = ou;
          this.line = line;
          this.claimLines.add(line);
        }
        break;
      }
      case 'LQ':
        if (this.line && this.loop === '2110' && s.el(1) === 'HE') this.lineRemarks.add(s.code(2));
        break;
      case 'PLB': {
        this.loop = 'PLB';
        this.closeClaim();
        const items: ProviderAdjustmentItem[] = [];
        for (let i = 3; i <= 13; i += 2) {
          const reasonRef = components(s, i);
          if (reasonRef.length === 0) continue;
          const item: ProviderAdjustmentItem = { reason: reasonRef[0] ?? '', amountCents: this.cents(s, i + 1) };
          if (reasonRef[1]) item.reference = reasonRef[1];
          items.push(item);
        }
        const fiscal = this.optDate(s, 2) ?? '';
        const providerId = s.el(1);
        const last = r.providerAdjustments[r.providerAdjustments.length - 1];
        if (last && last.providerId === providerId && last.fiscalPeriodDate === fiscal && last.items.length % 6 === 0 && last.items.length > 0) {
          last.items.push(...items);
        } else r.providerAdjustments.push({ providerId, fiscalPeriodDate: fiscal, items });
        break;
      }
      case 'TS3':
      case 'TS2':
        this.closeClaim();
        break;
      default:
        break;
    }
  }
}
