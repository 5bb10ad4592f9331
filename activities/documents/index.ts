import type { AppealLetter } from '../../domain/appeals';
import type { StatementContent } from '../../domain/patient-balance';
import { renderAppealLetter } from './render-appeal-letter';
import { renderStatement } from './render-statement';

export * from './render-appeal-letter';
export * from './render-pdf';
export * from './render-statement';

/** Where rendered documents go; only the returned id enters workflow history. */
export interface DocumentStore {
  put(document: { readonly kind: 'appeal-letter' | 'statement'; readonly contentType: 'application/pdf'; readonly bytes: Buffer; readonly idempotencyKey: string }): Promise<{ readonly documentId: string }>;
}

/** Activities that render a PDF and store it, returning the stored document id. */
export function createDocumentActivities(deps: { readonly store: DocumentStore }) {
  return {
    async renderAppealLetterDocument(input: { readonly letter: AppealLetter; readonly createdAt: string; readonly idempotencyKey: string }): Promise<{ documentId: string }> {
      const bytes = await renderAppealLetter(input.letter, { createdAt: input.createdAt });
      return deps.store.put({ kind: 'appeal-letter', contentType: 'application/pdf', bytes, idempotencyKey: input.idempotencyKey });
    },
    async renderStatementDocument(input: { readonly statement: StatementContent; readonly createdAt: string; readonly idempotencyKey: string }): Promise<{ documentId: string }> {
      const bytes = await renderStatement(input.statement, { createdAt: input.createdAt });
      return deps.store.put({ kind: 'statement', contentType: 'application/pdf', bytes, idempotencyKey: input.idempotencyKey });
    },
  };
}
export * from './render-claim-change-request';
