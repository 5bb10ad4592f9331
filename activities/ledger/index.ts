import type { Client } from '@temporalio/client';
import type { Db } from '../../db/database';
import type { Config } from '../../platform/config';
import { createClearinghouse } from '../clearinghouse/create-clearinghouse';
import type { ClearinghousePort } from '../clearinghouse/port';
import { type SubmitSecondaryInput, createSubmitSecondaryClaim } from '../claims/submit-secondary-claim';
import { createAppealLetterActivities } from '../claims/appeal-letter';
import { createChargeActivities } from './post-charges';
import { createPatientMoneyActivities } from './patient-money';
import { createRemittancePostingActivities } from './post-remittance';
import { createStatementActivities } from './statements';
import { createVoidPostingActivities } from './void-claim';

export { LedgerFailure } from './ledger-failure';
export type { ChargedLine, PostClaimChargesInput } from './post-charges';
export type { PostRemittanceInput, PostRemittanceResult } from './post-remittance';

/**
 * The exam's money in PostgreSQL: charges, 835 postings, patient payments, write-offs, refunds,
 * secondary transfers, statements and appeal letters. Each posting is one transaction on the exam's ledger with an
 * idempotency key made by the workflow: a retried or replayed activity posts nothing twice.
 */
export function createLedgerActivities(deps: { db: Db; clearinghouse?: ClearinghousePort; temporal?: Client; config?: Config }) {
  let secondary: ReturnType<typeof createSubmitSecondaryClaim> | undefined;
  const claimChannel = () => {
    if (!deps.clearinghouse && (!deps.temporal || !deps.config)) throw new Error('secondary billing needs a clearinghouse');
    secondary ??= createSubmitSecondaryClaim({ db: deps.db, clearinghouse: deps.clearinghouse ?? createClearinghouse({ db: deps.db, temporal: deps.temporal!, config: deps.config! }) });
    return secondary;
  };
  return {
    /** Coordination of benefits: the secondary 837P with the primary's adjudication, once per claim version. */
    submitSecondaryClaim: (input: SubmitSecondaryInput) => claimChannel()(input),
    ...createChargeActivities(deps),
    ...createRemittancePostingActivities(deps),
    ...createPatientMoneyActivities(deps),
    ...createStatementActivities(deps),
    ...createAppealLetterActivities(deps),
    ...createVoidPostingActivities(deps),
  };
}
