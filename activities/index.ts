import type { Client } from '@temporalio/client';
import type { Db } from '../db/database';
import type { Config } from '../platform/config';
import { createExamRecordActivities } from './exam-records';

export interface ActivityDeps {
  db: Db;
  /** to signal exam workflows from the inbound path */
  temporal: Client;
  config: Config;
}

/** Every activity of the engine, built from real dependencies by the worker. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createExamRecordActivities(deps),
  };
}
