import type { Client } from '@temporalio/client';
import type { Db } from '../../db/database';
import type { Config } from '../../platform/config';
import { createClearinghouse } from '../clearinghouse/create-clearinghouse';
import type { ClearinghousePort } from '../clearinghouse/port';
import { type IngestInput, ingestX12 } from '../ingestion/ingest-x12';
import { createSubmitClaim } from './submit-claim';

export interface ClaimActivityDeps {
  db: Db;
  temporal: Client;
  config: Config;
  /** tests and the filedrop pass their own; otherwise the configured one */
  clearinghouse?: ClearinghousePort;
}

/** Claims on the wire: submission through the clearinghouse port, and the inbound path as an activity. */
export function createClaimActivities(deps: ClaimActivityDeps) {
  const clearinghouse = deps.clearinghouse ?? createClearinghouse(deps);
  return {
    submitClaim: createSubmitClaim({ db: deps.db, clearinghouse }),
    /** stores, parses and routes a payer response already in the database's reach (e.g. fetched by another activity) */
    async ingestPayerResponse(input: { x12: string; fileName?: string }) {
      const request: IngestInput = { raw: input.x12, source: 'inbox', ...(input.fileName ? { fileName: input.fileName } : {}) };
      return ingestX12({ db: deps.db, temporal: deps.temporal }, request);
    },
  };
}
