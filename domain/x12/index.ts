/** ASC X12 5010 for imaging revenue cycle: pure (no I/O, no clock), importable from workflows. */
export { X12ParseError, X12BuildError, type X12ParseErrorCode, type X12BuildErrorCode } from './errors';
export { type X12Finding, hasErrors } from './finding';
export { amountToCents, centsToAmount } from './money';
export { isValidNpi, npiWithCheckDigit } from './npi';
export { tokenize, decodeInput, el, comp, components, repetitions, DEFAULT_DELIMITERS, DEFAULT_MAX_BYTES, type Delimiters, type Segment, type TokenizeOptions } from './tokenize';
export { readEnvelopes, readTransactionSets, type InterchangeHeader, type GroupHeader, type ParsedInterchange, type ParsedGroup, type ParsedTransactionSet, type ReadEnvelopesResult } from './read-envelopes';
export { buildInterchange, envelopeSegments, serializeSegments, wrapTransactionSet, type EnvelopeParams, type TransactionSetContent } from './build-envelope';
export { TRANSACTION_TYPES, FUNCTIONAL_IDS, type TransactionType } from './transaction-types';
export type { ParseResult, ParseOptions, TransactionEnvelope } from './parse-result';
export type { Address, Adjustment, EntityName, NpiProvider, Procedure } from './model-common';
export type * from './model-837p';
export { build837P } from './build-837p';
export { parse837P } from './parse-837p';
export { validate837P, validate837PFile } from './validate-837p';
export type * from './model-835';
export { build835 } from './build-835';
export { parse835 } from './parse-835';
export { check835Balance } from './balance-835';
