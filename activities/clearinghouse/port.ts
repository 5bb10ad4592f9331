/**
 * The engine's only door to payers: ASC X12 5010 in and out.
 * Real-time transactions (270/271, 276/277, 278) answer in the call; batch claims (837) are
 * answered later (999, 277CA, 835) through the inbound path, which parses, stores and routes each
 * response to its exam workflow (see workflows/exam/payer-events.ts).
 */
export interface OutboundFile {
  /** unique, deterministic file name, e.g. "837P-<claimId>-v<version>.x12" */
  name: string;
  x12: string;
}

export interface AppealRequestFile {
  name: string;
  documentId: string;
  /** 0: a reopening */
  level: number;
  claimX12: string;
}

export interface ClearinghousePort {
  readonly kind: 'sandbox' | 'filedrop';
  /** 270 -> 271; null when the channel has no real-time path (filedrop) or the payer did not answer */
  eligibility(x12: string): Promise<string | null>;
  /** 278 request -> 278 response; null as above */
  priorAuthorization(x12: string): Promise<string | null>;
  /** 276 -> 277; null as above */
  claimStatus(x12: string): Promise<string | null>;
  /** 837P / 837I batch out. Idempotent on the file name: sending the same file twice sends it once. */
  submit(file: OutboundFile): Promise<void>;
  /**
   * A written appeal request (PDF `documentId`) filed electronically, with the payer's copy of the claim it disputes
   * (`claimX12`, never sent as an 837): the payer's decision comes back as an 835 through the inbound path.
   * Absent where the channel has no such path (filedrop): staff send the document. Idempotent on `name`.
   */
  fileAppealRequest?(request: AppealRequestFile): Promise<void>;
}
