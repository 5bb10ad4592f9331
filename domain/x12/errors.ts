import type { X12Finding } from './finding';

/** Why a parse failed. Stable codes: callers branch on them, messages are for people. */
export type X12ParseErrorCode =
  | 'INPUT_TOO_LARGE'
  | 'EMPTY_INPUT'
  | 'MISSING_HEADER'
  | 'INVALID_ISA'
  | 'INVALID_SEGMENT_ID'
  | 'UNEXPECTED_SEGMENT'
  | 'MISSING_SEGMENT'
  | 'INVALID_AMOUNT'
  | 'INVALID_NUMBER'
  | 'INVALID_DATE'
  | 'WRONG_TRANSACTION_TYPE'
  | 'TOO_MANY_SEGMENTS';

export interface X12ParseErrorDetails {
  /** 1-based index of the offending segment in the input (0 when not tied to a segment). */
  segmentPosition: number;
  segmentId: string;
}

/**
 * The only error the readers throw. The message names segment ids, element positions and codes,
 * never element contents (they can be names, member ids or dates of birth).
 */
export class X12ParseError extends Error {
  readonly code: X12ParseErrorCode;
  readonly segmentPosition: number;
  readonly segmentId: string;

  constructor(code: X12ParseErrorCode, message: string, details: X12ParseErrorDetails = { segmentPosition: 0, segmentId: '' }) {
    super(message);
    this.name = 'X12ParseError';
    this.code = code;
    this.segmentPosition = details.segmentPosition;
    this.segmentId = details.segmentId;
  }
}

export type X12BuildErrorCode = 'VALIDATION_FAILED' | 'DELIMITER_IN_VALUE' | 'INVALID_VALUE';

/** Thrown by builders: either a value cannot be written, or the outbound validator found errors. */
export class X12BuildError extends Error {
  readonly code: X12BuildErrorCode;
  readonly findings: readonly X12Finding[];

  constructor(code: X12BuildErrorCode, message: string, findings: readonly X12Finding[] = []) {
    super(message);
    this.name = 'X12BuildError';
    this.code = code;
    this.findings = findings;
  }
}
