import type { X12Finding } from './finding';
import type { Ack999, AckCode999, ElementError999, SegmentError999, TransactionAck999 } from './model-999';
import { parseTransactionSets, type ParseOptions, type ParseResult } from './parse-result';
import { LenientReader } from './read-elements';
import type { ParsedTransactionSet } from './read-envelopes';
import { components, el } from './tokenize';

export function parse999TransactionSet(set: ParsedTransactionSet, findings: X12Finding[] = []): Ack999 {
  let loop = 'HEADER';
  const read = new LenientReader(findings, () => loop);
  const ack: Ack999 = { controlNumber: set.controlNumber, functionalId: '', groupControlNumber: '', transactions: [], groupStatus: 'R', includedCount: 0, receivedCount: 0, acceptedCount: 0, groupErrorCodes: [] };
  let tx: TransactionAck999 | undefined;
  let segError: SegmentError999 | undefined;
  const count = (s: Parameters<typeof el>[0], n: number) => read.optQuantity(s, n) ?? 0;
  for (const s of set.segments) {
    switch (s.id) {
      case 'AK1':
        ack.functionalId = el(s, 1);
        ack.groupControlNumber = el(s, 2);
        if (el(s, 3)) ack.version = el(s, 3);
        break;
      case 'AK2':
        loop = '2000';
        tx = { setId: el(s, 1), controlNumber: el(s, 2), segmentErrors: [], status: 'R', errorCodes: [] };
        if (el(s, 3)) tx.implementationReference = el(s, 3);
        segError = undefined;
        ack.transactions.push(tx);
        break;
      case 'IK3':
        if (tx) {
          loop = '2100';
          segError = { segmentId: el(s, 1), position: count(s, 2), errorCode: el(s, 4), elementErrors: [] };
          if (el(s, 3)) segError.loop = el(s, 3);
          tx.segmentErrors.push(segError);
        }
        break;
      case 'IK4':
        if (segError) {
          const pos = components(s, 1);
          const e: ElementError999 = { elementPosition: Number(pos[0]) || 0, errorCode: el(s, 3) };
          if (pos[1]) e.componentPosition = Number(pos[1]) || 0;
          if (el(s, 2)) e.elementReference = el(s, 2);
          if (el(s, 4)) e.badValue = el(s, 4);
          segError.elementErrors.push(e);
        }
        break;
      case 'IK5':
        if (tx) {
          tx.status = el(s, 1) as AckCode999;
          tx.errorCodes = [2, 3, 4, 5, 6].map((i) => el(s, i)).filter((v) => v !== '');
        }
        loop = '2000';
        break;
      case 'AK9':
        loop = 'HEADER';
        ack.groupStatus = el(s, 1) as AckCode999;
        ack.includedCount = count(s, 2);
        ack.receivedCount = count(s, 3);
        ack.acceptedCount = count(s, 4);
        ack.groupErrorCodes = [5, 6, 7, 8, 9].map((i) => el(s, i)).filter((v) => v !== '');
        break;
      default:
        break;
    }
  }
  return ack;
}

/** Read every 999 of an input. */
export function parse999(input: string | Uint8Array, options: ParseOptions = {}): ParseResult<Ack999> {
  return parseTransactionSets(input, '999', undefined, options, (set, findings) => parse999TransactionSet(set, findings));
}
