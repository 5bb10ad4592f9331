import type { X12Finding } from './finding';
import type { EntityName } from './model-common';
import type { EligibilityInquiry270, EligibilityRequest270 } from './model-270';
import { parseTransactionSets, type ParseOptions, type ParseResult } from './parse-result';
import { LenientReader } from './read-elements';
import { readDtp, readTrace } from './read-eligibility';
import type { ParsedTransactionSet } from './read-envelopes';
import { entityName } from './read-parties';
import { el, repetitions, type Segment } from './tokenize';

const EMPTY_NAME: EntityName = { entityType: '2', lastOrOrgName: '' };

function gender(s: Segment): 'M' | 'F' | 'U' | undefined {
  const g = el(s, 3);
  return g === 'M' || g === 'F' || g === 'U' ? g : undefined;
}

/** Read one 270 transaction set (lenient: unknown segments are skipped, unreadable values become warnings). */
export function parse270TransactionSet(set: ParsedTransactionSet, findings: X12Finding[] = []): EligibilityRequest270 {
  let loop = 'HEADER';
  const read = new LenientReader(findings, () => loop);
  const tx: EligibilityRequest270 = {
    controlNumber: set.controlNumber, reference: '', createdDate: '', createdTime: '',
    source: { name: '', payerId: '' }, receiver: { name: EMPTY_NAME, idQualifier: '', id: '' }, inquiries: [],
  };
  let inquiry: EligibilityInquiry270 | undefined;
  let subscriber: EligibilityInquiry270['subscriber'] = { name: EMPTY_NAME, memberId: '' };
  const newInquiry = (copySubscriber: boolean): EligibilityInquiry270 => {
    const q: EligibilityInquiry270 = {
      trace: { number: '', originatorId: '' }, subscriber: copySubscriber ? { ...subscriber, name: { ...subscriber.name } } : subscriber, serviceDate: '', serviceTypeCodes: [],
    };
    tx.inquiries.push(q);
    return q;
  };
  for (const s of set.segments) {
    switch (s.id) {
      case 'BHT':
        tx.reference = el(s, 3);
        tx.createdDate = read.optDate(s, 4) ?? '';
        tx.createdTime = el(s, 5);
        break;
      case 'HL': {
        const level = el(s, 3);
        loop = { '20': '2000A', '21': '2000B', '22': '2000C', '23': '2000D' }[level] ?? 'OTHER';
        if (level === '22') {
          subscriber = { name: EMPTY_NAME, memberId: '' };
          inquiry = newInquiry(false);
        } else if (level === '23') {
          // A second dependent under the same subscriber is its own inquiry.
          if (!inquiry || inquiry.dependent || inquiry.serviceTypeCodes.length > 0 || inquiry.trace.number) inquiry = newInquiry(true);
          inquiry.dependent = { name: EMPTY_NAME };
        } else inquiry = undefined;
        break;
      }
      case 'TRN':
        if (inquiry && el(s, 1) === '1') inquiry.trace = readTrace(s);
        break;
      case 'NM1': {
        const code = el(s, 1);
        if (loop === '2000A' && code === 'PR') {
          loop = '2100A';
          tx.source = { name: el(s, 3), payerId: el(s, 9) };
        } else if (loop === '2000B') {
          loop = '2100B';
          tx.receiver = { name: entityName(s), idQualifier: el(s, 8), id: el(s, 9) };
        } else if (loop === '2000C' && inquiry) {
          loop = '2100C';
          subscriber.name = entityName(s);
          subscriber.memberId = el(s, 9);
        } else if (loop === '2000D' && inquiry?.dependent) {
          loop = '2100D';
          inquiry.dependent.name = entityName(s);
        }
        break;
      }
      case 'DMG': {
        const target = loop === '2100C' ? subscriber : loop === '2100D' ? inquiry?.dependent : undefined;
        if (target) {
          const birth = read.optDate(s, 2);
          if (birth) target.birthDate = birth;
          const g = gender(s);
          if (g) target.gender = g;
        }
        break;
      }
      case 'INS':
        if (loop === '2100D' && inquiry?.dependent && ['01', '19', '34'].includes(el(s, 2))) inquiry.dependent.relationship = el(s, 2) as '01' | '19' | '34';
        break;
      case 'DTP':
        if (inquiry && el(s, 1) === '291') {
          const d = readDtp(s, read);
          if (d) {
            inquiry.serviceDate = d.from;
            if (d.to && d.to !== d.from) inquiry.serviceDateEnd = d.to;
          }
        }
        break;
      case 'EQ':
        if (inquiry) {
          loop = inquiry.dependent ? '2110D' : '2110C';
          inquiry.serviceTypeCodes.push(...repetitions(s, 1));
        }
        break;
      default:
        break;
    }
  }
  return tx;
}

/** Read every 270 (005010X279) of an input. */
export function parse270(input: string | Uint8Array, options: ParseOptions = {}): ParseResult<EligibilityRequest270> {
  return parseTransactionSets(input, '270', ['005010X279'], options, (set, findings) => parse270TransactionSet(set, findings));
}
