import type { Client } from '@temporalio/client';
import type { Db } from '../db/database';
import type { Config } from '../platform/config';
import type { ClearinghousePort } from './clearinghouse/port';
import { createClaimActivities } from './claims';
import { createCodeAndScrubActivities } from './code-and-scrub';
import { createExamRecordActivities } from './exam-records';
import { createLifecycleRecordActivities } from './lifecycle-records';
import { createPayerExchangeActivities } from './payer-exchange';
import { type ClaimChannel, createScriptedPayer } from './scripted-payer';

export interface ActivityDeps {
  db: Db;
  /** to signal exam workflows from the inbound path */
  temporal: Client;
  config: Config;
  /** the clearinghouse port; the in-process scripted payer when not given */
  clearinghouse?: ClearinghousePort;
  /** claim and appeal submission; real X12 through the configured clearinghouse when not given */
  claims?: ClaimChannel;
}

/** Every activity of the engine, built from real dependencies by the worker. */
export function createActivities(deps: ActivityDeps) {
  // Real-time exchanges (eligibility, prior auth) still speak domain objects to the in-process payer;
  // claims go out as X12 837 and come back as 999/277CA/835 through the inbound path.
  const clearinghouse = deps.clearinghouse ?? createScriptedPayer(deps).clearinghouse;
  const claims: ClaimChannel = deps.claims ?? createClaimActivities(deps);
  return {
    ...createExamRecordActivities(deps),
    ...createLifecycleRecordActivities(deps),
    ...createPayerExchangeActivities({ clearinghouse }),
    ...createCodeAndScrubActivities(),
    submitClaim: (input: Parameters<ClaimChannel['submitClaim']>[0]) => claims.submitClaim(input),
    submitAppeal: (input: Parameters<ClaimChannel['submitAppeal']>[0]) => claims.submitAppeal(input),
  };
}
