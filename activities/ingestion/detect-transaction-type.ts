import { X12ParseError, readEnvelopes, type TokenizeOptions } from '../../domain/x12';

export type InboundTransactionType = '835' | '999' | '277CA' | '271' | '277' | '278' | 'other';

/**
 * The transaction type of an inbound file from its first ST (277 with guide 005010X214 is a 277CA).
 * Throws X12ParseError (with the segment position) when the envelope cannot be read, or when the file holds
 * more segments than `options.maxSegments` (TOO_MANY_SEGMENTS).
 */
export function detectTransactionType(input: string, options: TokenizeOptions = {}): InboundTransactionType {
  const { interchanges } = readEnvelopes(input, options);
  const first = interchanges.flatMap((i) => i.groups).flatMap((g) => g.transactions)[0];
  if (!first) throw new X12ParseError('MISSING_SEGMENT', 'input holds no transaction set (ST)', { segmentPosition: 0, segmentId: 'ST' });
  switch (first.setId) {
    case '835':
    case '999':
    case '271':
    case '278':
      return first.setId;
    case '277':
      return first.implementationReference.startsWith('005010X214') ? '277CA' : '277';
    default:
      return 'other';
  }
}
