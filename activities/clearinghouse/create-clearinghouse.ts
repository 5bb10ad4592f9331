import type { Client } from '@temporalio/client';
import type { Db } from '../../db/database';
import type { Config } from '../../platform/config';
import { ingestX12 } from '../ingestion/ingest-x12';
import { createFiledropClearinghouse } from './filedrop';
import type { ClearinghousePort } from './port';
import { createSandboxClearinghouse } from './sandbox';

/** The clearinghouse the configuration names (CLEARINGHOUSE=sandbox|filedrop, FILEDROP_DIR). */
export function createClearinghouse(deps: { db: Db; temporal: Client; config: Config }): ClearinghousePort {
  const { kind, filedropDir } = deps.config.clearinghouse;
  if (kind === 'filedrop') {
    if (!filedropDir) throw new Error('CLEARINGHOUSE=filedrop needs FILEDROP_DIR');
    return createFiledropClearinghouse(filedropDir);
  }
  return createSandboxClearinghouse({
    deliver: (file) => ingestX12({ db: deps.db, temporal: deps.temporal }, { raw: file.x12, source: 'sandbox', fileName: file.name }),
  });
}
