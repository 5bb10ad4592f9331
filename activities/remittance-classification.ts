import type { ExamEventOf } from '../domain/lifecycle';
import { remittanceContext, remittanceEvent } from '../workflows/exam/payer-event-adapter';
import type { ClaimRemittance } from '../workflows/exam/payer-events';

export interface ClassifyRemittanceInput {
  remittance: ClaimRemittance;
  /** the exam's coverages, payer and order only */
  coverages: { payerId: string; order: 'primary' | 'secondary' | 'tertiary' }[];
  /** the remittance behaviours the exam has (its patches: secondary billing, line denials, reversals) */
  patches: string[];
}

/**
 * An 835 claim payment as the exam's lifecycle reads it, its denials classified with the CARC/RARC table of the
 * release that runs it. Done here rather than in the workflow, the classification is recorded in the exam's
 * history: an update of the table changes how new payments are read, never how a recorded exam replays.
 */
export function createRemittanceClassificationActivities() {
  return {
    async classifyRemittance(input: ClassifyRemittanceInput): Promise<ExamEventOf<'remittance'>> {
      const ctx = remittanceContext({ coverages: input.coverages }, input.remittance, (patchId) => input.patches.includes(patchId));
      return remittanceEvent(input.remittance, ctx);
    },
  };
}
