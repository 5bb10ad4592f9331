/** 999 Implementation Acknowledgment (005010X231A1). */

export interface ElementError999 {
  /** IK401 position in segment (element, and component when present). */
  elementPosition: number;
  componentPosition?: number;
  /** IK402 data element reference number. */
  elementReference?: string;
  /** IK403 implementation data element syntax error code (1 required missing, 7 invalid code value...). */
  errorCode: string;
  /** IK404 copy of the bad data element (may be absent; never logged). */
  badValue?: string;
}

export interface SegmentError999 {
  /** IK301 segment id. */
  segmentId: string;
  /** IK302 position of the segment in the transaction set (ST = 1). */
  position: number;
  /** IK303 loop identifier (at most 4 characters on the wire: a guide loop 2010BA is written as 2010). */
  loop?: string;
  /** IK304 implementation segment syntax error code. */
  errorCode: string;
  elementErrors: ElementError999[];
}

/** A accepted, E accepted with errors, P partially accepted, R rejected (IK501 / AK901). */
export type AckCode999 = 'A' | 'E' | 'P' | 'R' | 'M' | 'W' | 'X';

export interface TransactionAck999 {
  /** AK201 acknowledged set id (837...), AK202 its control number, AK203 its guide. */
  setId: string;
  controlNumber: string;
  implementationReference?: string;
  segmentErrors: SegmentError999[];
  status: AckCode999;
  /** IK502-IK506 transaction set syntax error codes. */
  errorCodes: string[];
}

export interface Ack999 {
  controlNumber: string;
  /** AK101 functional id acknowledged (HC), AK102 its group control number, AK103 its version. */
  functionalId: string;
  groupControlNumber: string;
  version?: string;
  transactions: TransactionAck999[];
  /** AK9. */
  groupStatus: AckCode999;
  includedCount: number;
  receivedCount: number;
  acceptedCount: number;
  groupErrorCodes: string[];
}
