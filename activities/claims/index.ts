import type { Client } from '@temporalio/client';
import type { Db } from '../../db/database';
import type { Config } from '../../platform/config';
import { createClearinghouse } from '../clearinghouse/create-clearinghouse';
import type { ClearinghousePort } from '../clearinghouse/port';
import { createSubmitAppeal } from './submit-appeal';
import { createSubmitClaim } from './submit-claim';

export interface ClaimActivityDeps {
  db: Db;
  temporal: Client;
  config: Config;
  /** tests and the filedrop pass their own; otherwise the configured one */
  clearinghouse?: ClearinghousePort;
}

/**
 * Claims on the wire through the configured clearinghouse (sandbox or filedrop): `submitClaim` and
 * `submitAppeal`. Structurally a ClaimChannel of activities/index.ts.
 */
export function createClaimActivities(deps: ClaimActivityDeps) {
  const clearinghouse = deps.clearinghouse ?? createClearinghouse(deps);
  return {
    submitClaim: createSubmitClaim({ db: deps.db, clearinghouse }),
    submitAppeal: createSubmitAppeal({ db: deps.db, clearinghouse }),
  };
}
