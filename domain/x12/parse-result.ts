import type { X12Finding } from './finding';
import { readTransactionSets, type GroupHeader, type InterchangeHeader, type ParsedTransactionSet } from './read-envelopes';
import type { TokenizeOptions } from './tokenize';

/** Where a parsed transaction set came from. */
export interface TransactionEnvelope {
  interchange: InterchangeHeader | undefined;
  group: GroupHeader | undefined;
  controlNumber: string;
  implementationReference: string;
  /** Position of its ST segment in the input (1-based). */
  stPosition: number;
}

/** What every reader returns: the transactions, their envelopes (same order), and findings. */
export interface ParseResult<T> {
  transactions: T[];
  envelopes: TransactionEnvelope[];
  findings: X12Finding[];
}

export type ParseOptions = TokenizeOptions;

export function parseTransactionSets<T>(
  input: string | Uint8Array,
  setId: string,
  implementationReferences: readonly string[] | undefined,
  options: ParseOptions,
  parseOne: (set: ParsedTransactionSet, findings: X12Finding[]) => T,
): ParseResult<T> {
  const read = readTransactionSets(input, setId, { ...options, ...(implementationReferences ? { implementationReferences } : {}) });
  const findings = [...read.findings];
  const transactions: T[] = [];
  const envelopes: TransactionEnvelope[] = [];
  for (const set of read.sets) {
    transactions.push(parseOne(set, findings));
    envelopes.push({
      interchange: set.interchange,
      group: set.group,
      controlNumber: set.controlNumber,
      implementationReference: set.implementationReference,
      stPosition: set.stPosition,
    });
  }
  return { transactions, envelopes, findings };
}
