import type { Client } from '@temporalio/client';
import type { Db } from '../db/database';
import type { Config } from '../platform/config';
import type { AppealSubmission, ClaimSubmission } from '../workflows/exam/claim-submission';
import { createAuthorizationActivities } from './authorizations-on-file';
import { createClearinghouse } from './clearinghouse/create-clearinghouse';
import type { ClearinghousePort } from './clearinghouse/port';
import { createClaimActivities } from './claims';
import { createClaimChangeActivities } from './claims/claim-changes';
import { createFileAppealRequest } from './claims/file-appeal-request';
import { createCodeAndScrubActivities } from './code-and-scrub';
import { createExamRecordActivities } from './exam-records';
import { createIngestionActivities } from './ingestion/ingestion-activities';
import { createLifecycleRecordActivities } from './lifecycle-records';
import { createLedgerActivities } from './ledger';
import { createPayerExchangeActivities } from './payer-exchange';
import { createRemittanceClassificationActivities } from './remittance-classification';
import { createWatchdogActivities } from './watchdog/sweep-stalled-exams';

export interface ActivityDeps {
  db: Db;
  /** to signal exam workflows from the inbound path */
  temporal: Client;
  config: Config;
  /** the clearinghouse port; the configured one (sandbox by default, or filedrop) when not given */
  clearinghouse?: ClearinghousePort;
  /** claim and appeal submission; real X12 through the clearinghouse when not given */
  claims?: ClaimChannel;
}

/** Sends claims and appeals to the payer; responses come back through the inbound path. */
export interface ClaimChannel {
  submitClaim(input: ClaimSubmission): Promise<unknown>;
  submitAppeal(input: AppealSubmission): Promise<unknown>;
}

/** Every activity of the engine, built from real dependencies by the worker. */
export function createActivities(deps: ActivityDeps) {
  // One clearinghouse for everything X12: real-time 270/271, 278 and 276/277 answer in the call;
  // claims go out as 837 and come back as 999/277CA/835 through the inbound path.
  const clearinghouse = deps.clearinghouse ?? createClearinghouse(deps);
  const claims: ClaimChannel = deps.claims ?? createClaimActivities({ ...deps, clearinghouse });
  return {
    ...createExamRecordActivities(deps),
    ...createLifecycleRecordActivities(deps),
    ...createLedgerActivities(deps),
    ...createPayerExchangeActivities({ db: deps.db, clearinghouse }),
    ...createAuthorizationActivities(deps),
    ...createCodeAndScrubActivities(deps),
    ...createRemittanceClassificationActivities(),
    // the ingestion workflow's: a stored payer file delivered to its exams in batches
    ...createIngestionActivities(deps),
    ...createWatchdogActivities(deps),
    // voids and reopening requests: once per claim version, through the same clearinghouse as claims
    ...createClaimChangeActivities({ db: deps.db, clearinghouse }),
    submitClaim: (input: Parameters<ClaimChannel['submitClaim']>[0]) => claims.submitClaim(input),
    submitAppeal: (input: Parameters<ClaimChannel['submitAppeal']>[0]) => claims.submitAppeal(input),
    // written appeal requests and reopenings (appeal vehicles): a document, filed where the channel can
    fileAppealRequest: createFileAppealRequest({ db: deps.db, clearinghouse }),
  };
}
