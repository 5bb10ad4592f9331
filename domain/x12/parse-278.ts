import { finding, type X12Finding } from './finding';
import type { EntityName, Procedure } from './model-common';
import type { CertificationType278, RequestCategory278, ReviewDecision278, UmRequest278, UmResponse278, UmService278, UmServiceResult278 } from './model-278';
import { parseTransactionSets, type ParseOptions, type ParseResult } from './parse-result';
import { LenientReader } from './read-elements';
import { readDtp, readRejection, readTrace } from './read-eligibility';
import type { ParsedTransactionSet } from './read-envelopes';
import { entityName } from './read-parties';
import { comp, components, el, type Segment } from './tokenize';

const EMPTY_NAME: EntityName = { entityType: '2', lastOrOrgName: '' };

function procedure(s: Segment, n: number): Procedure {
  const c = components(s, n);
  return { qualifier: c[0] ?? '', code: c[1] ?? '', modifiers: c.slice(2, 6).filter((m) => m !== '') };
}

function decision(s: Segment): ReviewDecision278 {
  const d: ReviewDecision278 = { action: el(s, 1) as ReviewDecision278['action'] };
  if (el(s, 2)) d.certificationNumber = el(s, 2);
  if (el(s, 3)) d.reasonCode = el(s, 3);
  return d;
}

function gender(s: Segment): 'M' | 'F' | 'U' | undefined {
  const g = el(s, 3);
  return g === 'M' || g === 'F' || g === 'U' ? g : undefined;
}

/** Read one 278 (request or response) into the response's shape; `kind` says what BHT02 claimed. */
export function parse278TransactionSet(set: ParsedTransactionSet, findings: X12Finding[] = []): { tx: UmResponse278; kind: 'request' | 'response' } {
  let loop = 'HEADER';
  const read = new LenientReader(findings, () => loop);
  let kind: 'request' | 'response' = 'response';
  const tx: UmResponse278 = {
    controlNumber: set.controlNumber, reference: '', createdDate: '', createdTime: '',
    umo: { name: '', payerId: '', rejections: [] },
    requester: { ...EMPTY_NAME, npi: '', rejections: [] },
    subscriber: { name: EMPTY_NAME, memberId: '', rejections: [] },
    traces: [], rejections: [], requestCategory: 'HS', certificationType: 'I', diagnoses: [], services: [],
  };
  let service: UmServiceResult278 | undefined;
  let sawEventUm = false;
  for (const s of set.segments) {
    switch (s.id) {
      case 'BHT':
        kind = el(s, 2) === '13' ? 'request' : 'response';
        tx.reference = el(s, 3);
        tx.createdDate = read.optDate(s, 4) ?? '';
        tx.createdTime = el(s, 5);
        break;
      case 'HL': {
        const level = el(s, 3);
        loop = { '20': '2000A', '21': '2000B', '22': '2000C', '23': '2000D', EV: '2000E', SS: '2000F' }[level] ?? 'OTHER';
        service = undefined;
        if (level === '23') tx.dependent = { name: EMPTY_NAME, rejections: [] };
        if (level === 'SS') {
          service = { procedure: { qualifier: '', code: '', modifiers: [] }, traces: [], rejections: [] };
          tx.services.push(service);
        }
        break;
      }
      case 'NM1': {
        const code = el(s, 1);
        if (loop === '2000A' || loop === '2010A') {
          loop = '2010A';
          tx.umo.name = el(s, 3);
          tx.umo.payerId = el(s, 9);
        } else if (loop === '2000B' || loop === '2010B') {
          loop = '2010B';
          Object.assign(tx.requester, entityName(s), { npi: el(s, 9) });
        } else if (loop === '2000C' && code === 'IL') {
          loop = '2010C';
          tx.subscriber.name = entityName(s);
          tx.subscriber.memberId = el(s, 9);
        } else if (loop === '2000D' && tx.dependent) {
          loop = '2010D';
          tx.dependent.name = entityName(s);
        } else if ((loop === '2000E' || loop === '2010EA') && code === 'SJ') {
          loop = '2010EA';
          tx.serviceProvider = { ...entityName(s), npi: el(s, 9) };
        } else if (loop === '2000E') loop = '2010E';
        break;
      }
      case 'DMG': {
        const target = loop === '2010C' ? tx.subscriber : loop === '2010D' ? tx.dependent : undefined;
        if (target) {
          const birth = read.optDate(s, 2);
          if (birth) target.birthDate = birth;
          const g = gender(s);
          if (g) target.gender = g;
        }
        break;
      }
      case 'INS':
        if (loop === '2010D' && tx.dependent && ['01', '19', '34'].includes(el(s, 2))) tx.dependent.relationship = el(s, 2) as '01' | '19' | '34';
        break;
      case 'TRN':
        if ((el(s, 1) === '1' || el(s, 1) === '2') && (loop === '2000E' || loop === '2000F')) {
          const t = { type: el(s, 1) as '1' | '2', ...readTrace(s) };
          if (service) service.traces.push(t);
          else tx.traces.push(t);
        }
        break;
      case 'AAA': {
        const r = readRejection(s);
        if (service) service.rejections.push(r);
        else if (loop === '2000E') tx.rejections.push(r);
        else if (loop === '2010A' || loop === '2000A') tx.umo.rejections.push(r);
        else if (loop === '2010B' || loop === '2000B') tx.requester.rejections.push(r);
        else if (loop === '2010C' || loop === '2000C') tx.subscriber.rejections.push(r);
        else if ((loop === '2010D' || loop === '2000D') && tx.dependent) tx.dependent.rejections.push(r);
        break;
      }
      case 'UM':
        if (loop === '2000E' && !sawEventUm) {
          sawEventUm = true;
          tx.requestCategory = el(s, 1) as RequestCategory278;
          tx.certificationType = el(s, 2) as CertificationType278;
          if (el(s, 3)) tx.serviceType = el(s, 3);
          if (comp(s, 4, 1)) tx.facilityCode = comp(s, 4, 1);
        }
        break;
      case 'HCR':
        if (service) service.decision = decision(s);
        else if (loop === '2000E') tx.decision = decision(s);
        break;
      case 'REF':
        if (el(s, 1) === 'BB') {
          if (service) service.authorizationNumber = el(s, 2);
          else if (loop === '2000E') tx.authorizationNumber = el(s, 2);
        }
        break;
      case 'DTP': {
        const q = el(s, 1);
        if (service && q === '472') {
          const d = readDtp(s, read);
          if (d) {
            service.serviceDate = d.from;
            if (d.to && d.to !== d.from) service.serviceDateEnd = d.to;
          }
        } else if (loop === '2000E' && q === 'AAH') {
          const d = readDtp(s, read);
          if (d) {
            tx.eventDate = d.from;
            if (d.to && d.to !== d.from) tx.eventDateEnd = d.to;
          }
        }
        break;
      }
      case 'HI':
        if (loop === '2000E') {
          for (let i = 1; i < s.elements.length; i++) {
            const q = comp(s, i, 1);
            if (q === 'ABK' || q === 'ABF' || q === 'BK' || q === 'BF') tx.diagnoses.push(comp(s, i, 2));
          }
        }
        break;
      case 'SV1':
        if (service) {
          service.procedure = procedure(s, 1);
          const charge = read.optCents(s, 2);
          if (charge !== undefined) service.chargeCents = charge;
          const units = read.optQuantity(s, 4);
          if (units !== undefined) service.units = units;
        }
        break;
      case 'SV2':
        if (service) {
          if (el(s, 1)) service.revenueCode = el(s, 1);
          service.procedure = procedure(s, 2);
          const charge = read.optCents(s, 3);
          if (charge !== undefined) service.chargeCents = charge;
          const units = read.optQuantity(s, 5);
          if (units !== undefined) service.units = units;
        }
        break;
      default:
        break;
    }
  }
  return { tx, kind };
}

function asRequest(r: UmResponse278): UmRequest278 {
  const { umo, requester, subscriber, dependent, traces, rejections: _r, decision: _d, authorizationNumber: _a, services, ...rest } = r;
  const trace = traces.find((t) => t.type === '1') ?? traces[0];
  const out: UmRequest278 = {
    ...rest,
    umo: { name: umo.name, payerId: umo.payerId },
    requester: (({ rejections: _x, ...p }) => p)(requester),
    subscriber: (({ rejections: _x, ...p }) => p)(subscriber),
    trace: trace ? (({ type: _t, ...t }) => t)(trace) : { number: '', originatorId: '' },
    services: services.map((s) => {
      const out: UmService278 = { procedure: s.procedure, units: s.units ?? 0, serviceDate: s.serviceDate ?? '' };
      if (s.revenueCode) out.revenueCode = s.revenueCode;
      if (s.chargeCents !== undefined) out.chargeCents = s.chargeCents;
      if (s.serviceDateEnd) out.serviceDateEnd = s.serviceDateEnd;
      return out;
    }),
  };
  if (dependent) out.dependent = (({ rejections: _x, ...p }) => p)(dependent);
  return out;
}

function kindFinding(expected: 'request' | 'response', stPosition: number): X12Finding {
  return finding('BHT_PURPOSE_MISMATCH', 'warning', { loop: 'BHT', segment: 'BHT', element: 'BHT02' },
    `278 at segment ${stPosition} is not a ${expected} (BHT02)`, expected === 'request' ? 'read it with parse278Response' : 'read it with parse278Request');
}

/** Read every 278 review request (BHT02 13) of an input (005010X217). */
export function parse278Request(input: string | Uint8Array, options: ParseOptions = {}): ParseResult<UmRequest278> {
  return parseTransactionSets(input, '278', ['005010X217'], options, (set, findings) => {
    const { tx, kind } = parse278TransactionSet(set, findings);
    if (kind !== 'request') findings.push(kindFinding('request', set.stPosition));
    return asRequest(tx);
  });
}

/** Read every 278 review response (BHT02 11) of an input (005010X217). */
export function parse278Response(input: string | Uint8Array, options: ParseOptions = {}): ParseResult<UmResponse278> {
  return parseTransactionSets(input, '278', ['005010X217'], options, (set, findings) => {
    const { tx, kind } = parse278TransactionSet(set, findings);
    if (kind !== 'response') findings.push(kindFinding('response', set.stPosition));
    return tx;
  });
}
