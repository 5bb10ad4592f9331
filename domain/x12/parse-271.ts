import { canonicalDecimal } from './decimal-text';
import { finding, type X12Finding } from './finding';
import type { Address, EntityName } from './model-common';
import type { Benefit271, EligibilityAnswer271, EligibilityPerson271, EligibilityResponse271 } from './model-271';
import { parseTransactionSets, type ParseOptions, type ParseResult } from './parse-result';
import { LenientReader } from './read-elements';
import { readDtp, readRejection, readTrace } from './read-eligibility';
import type { ParsedTransactionSet } from './read-envelopes';
import { applyAddressSegment, completeAddress, entityName } from './read-parties';
import { components, el, repetitions, type Segment } from './tokenize';

const EMPTY_NAME: EntityName = { entityType: '2', lastOrOrgName: '' };

function person(): EligibilityPerson271 {
  return { name: EMPTY_NAME, references: [], dates: [], rejections: [] };
}

function clonePerson(p: EligibilityPerson271): EligibilityPerson271 {
  return JSON.parse(JSON.stringify(p)) as EligibilityPerson271;
}

/** Read one 271 transaction set (lenient: unknown segments are skipped, unreadable values become warnings). */
export function parse271TransactionSet(set: ParsedTransactionSet, findings: X12Finding[] = []): EligibilityResponse271 {
  let loop = 'HEADER';
  const read = new LenientReader(findings, () => loop);
  const tx: EligibilityResponse271 = {
    controlNumber: set.controlNumber, reference: '', createdDate: '', createdTime: '',
    source: { name: '', payerId: '', rejections: [] },
    receiver: { name: EMPTY_NAME, idQualifier: '', id: '', rejections: [] },
    answers: [],
  };
  let answer: EligibilityAnswer271 | undefined;
  let current: EligibilityPerson271 | undefined;
  let address: Partial<Address> = {};
  let benefit: Benefit271 | undefined;
  let inRelated = false;

  const benefitFrom = (s: Segment): Benefit271 => {
    const b: Benefit271 = { code: el(s, 1), serviceTypeCodes: repetitions(s, 3), references: [], dates: [], rejections: [], messages: [], relatedEntities: [] };
    if (el(s, 2)) b.coverageLevel = el(s, 2);
    if (el(s, 4)) b.insuranceType = el(s, 4);
    if (el(s, 5)) b.planDescription = el(s, 5);
    if (el(s, 6)) b.timePeriod = el(s, 6);
    const amount = read.optCents(s, 7);
    if (amount !== undefined) b.amountCents = amount;
    if (el(s, 8)) {
      const p = canonicalDecimal(el(s, 8));
      if (p === undefined) findings.push(finding('UNREADABLE_ELEMENT', 'warning', { loop, segment: 'EB', element: 'EB08' }, `EB08 at segment ${s.position} is not a valid percent; read as empty`, 'ask the sender to correct the element'));
      else b.percent = p;
    }
    if (el(s, 9)) b.quantityQualifier = el(s, 9);
    const q = read.optQuantity(s, 10);
    if (q !== undefined) b.quantity = q;
    const auth = el(s, 11);
    if (auth === 'Y' || auth === 'N' || auth === 'U') b.authorizationRequired = auth;
    const net = el(s, 12);
    if (net === 'Y' || net === 'N' || net === 'U' || net === 'W') b.inNetwork = net;
    const proc = components(s, 13);
    if (proc.length > 0) b.procedure = { qualifier: proc[0] ?? '', code: proc[1] ?? '', modifiers: proc.slice(2, 6).filter((m) => m !== '') };
    return b;
  };

  for (const s of set.segments) {
    if (inRelated) {
      if (s.id === 'LE') inRelated = false;
      else if (s.id === 'NM1' && benefit) {
        const e: Benefit271['relatedEntities'][number] = { entityCode: el(s, 1), name: entityName(s) };
        if (el(s, 9)) {
          e.idQualifier = el(s, 8);
          e.id = el(s, 9);
        }
        benefit.relatedEntities.push(e);
      }
      continue;
    }
    switch (s.id) {
      case 'BHT':
        tx.reference = el(s, 3);
        tx.createdDate = read.optDate(s, 4) ?? '';
        tx.createdTime = el(s, 5);
        break;
      case 'HL': {
        const level = el(s, 3);
        loop = { '20': '2000A', '21': '2000B', '22': '2000C', '23': '2000D' }[level] ?? 'OTHER';
        benefit = undefined;
        current = undefined;
        if (level === '22') {
          answer = { traces: [], subscriber: person(), benefits: [] };
          tx.answers.push(answer);
        } else if (level === '23' && answer) {
          // Each dependent is its own answer; the first one shares the subscriber's HL.
          if (answer.dependent || answer.benefits.length > 0 || answer.traces.length > 0) {
            answer = { traces: [], subscriber: clonePerson(answer.subscriber), benefits: [] };
            tx.answers.push(answer);
          }
          answer.dependent = person();
        } else if (level !== '23') answer = undefined;
        break;
      }
      case 'TRN':
        if (answer && (el(s, 1) === '1' || el(s, 1) === '2')) answer.traces.push({ type: el(s, 1) as '1' | '2', ...readTrace(s) });
        break;
      case 'NM1': {
        const code = el(s, 1);
        if (loop === '2000A') {
          loop = '2100A';
          tx.source.name = el(s, 3);
          tx.source.payerId = el(s, 9);
        } else if (loop === '2000B') {
          loop = '2100B';
          tx.receiver.name = entityName(s);
          tx.receiver.idQualifier = el(s, 8);
          tx.receiver.id = el(s, 9);
        } else if ((loop === '2000C' && answer) || (loop === '2000D' && answer?.dependent)) {
          current = loop === '2000C' ? answer!.subscriber : answer!.dependent!;
          loop = loop === '2000C' ? '2100C' : '2100D';
          current.name = entityName(s);
          if (el(s, 9) && (code === 'IL' || code === '03')) current.memberId = el(s, 9);
          address = {};
        }
        break;
      }
      case 'N3':
      case 'N4':
        if (current && !benefit) {
          applyAddressSegment(address, s);
          current.address = completeAddress(address);
        }
        break;
      case 'DMG':
        if (current && !benefit) {
          const birth = read.optDate(s, 2);
          if (birth) current.birthDate = birth;
          const g = el(s, 3);
          if (g === 'M' || g === 'F' || g === 'U') current.gender = g;
        }
        break;
      case 'INS':
        if (current && !benefit && loop === '2100D' && el(s, 2)) current.relationship = el(s, 2);
        break;
      case 'REF': {
        const r: EligibilityPerson271['references'][number] = { qualifier: el(s, 1), value: el(s, 2) };
        if (el(s, 3)) r.description = el(s, 3);
        if (benefit) benefit.references.push(r);
        else if (current) current.references.push(r);
        break;
      }
      case 'DTP': {
        const d = readDtp(s, read);
        if (!d) break;
        if (benefit) benefit.dates.push(d);
        else if (current) current.dates.push(d);
        break;
      }
      case 'AAA': {
        const r = readRejection(s);
        if (benefit) benefit.rejections.push(r);
        else if (current) current.rejections.push(r);
        else if (loop === '2100A' || loop === '2000A') tx.source.rejections.push(r);
        else if (loop === '2100B' || loop === '2000B') tx.receiver.rejections.push(r);
        break;
      }
      case 'EB':
        if (answer) {
          loop = answer.dependent ? '2110D' : '2110C';
          if (!current) current = answer.dependent ?? answer.subscriber;
          benefit = benefitFrom(s);
          answer.benefits.push(benefit);
        }
        break;
      case 'MSG':
        if (benefit) benefit.messages.push(el(s, 1));
        break;
      case 'LS':
        inRelated = true;
        break;
      default:
        break;
    }
  }
  return tx;
}

/** Read every 271 (005010X279) of an input. */
export function parse271(input: string | Uint8Array, options: ParseOptions = {}): ParseResult<EligibilityResponse271> {
  return parseTransactionSets(input, '271', ['005010X279'], options, (set, findings) => parse271TransactionSet(set, findings));
}
