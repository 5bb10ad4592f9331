import type { LedgerRejection } from '../ledger';

export type PostingErrorDetail =
  | { readonly code: 'invalid-adjudication'; readonly field: string }
  | { readonly code: 'claim-mismatch' }
  | { readonly code: 'out-of-balance'; readonly chargeCents: number; readonly paidCents: number; readonly adjustmentsCents: number }
  | { readonly code: 'ledger-rejected'; readonly rejection: LedgerRejection };

export class PostingError extends Error {
  readonly code: PostingErrorDetail['code'];
  constructor(readonly detail: PostingErrorDetail) {
    super(PostingError.describe(detail));
    this.name = 'PostingError';
    this.code = detail.code;
  }

  static describe(detail: PostingErrorDetail): string {
    switch (detail.code) {
      case 'invalid-adjudication':
        return `claim payment is invalid at ${detail.field}`;
      case 'claim-mismatch':
        return 'claim payment does not belong to the billed claim';
      case 'out-of-balance':
        return `claim payment does not balance: charge ${detail.chargeCents} - paid ${detail.paidCents} != adjustments ${detail.adjustmentsCents}`;
      case 'ledger-rejected':
        return `ledger refused the posting: ${detail.rejection.code}`;
    }
  }
}
