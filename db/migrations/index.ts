import type { Migration } from 'kysely';
import * as platform from './2026-11-22T0001-platform';
import * as lifecycle from './2026-11-22T0002-lifecycle';
import * as claims from './2026-11-22T0003-claims';
import * as refdata from './2026-11-22T0004-refdata';
import * as ledger from './2026-11-24T0005-ledger';

/** Every migration, in order. Names are frozen once shipped. */
export const migrations: Record<string, Migration> = {
  '2026-11-22T0001-platform': platform,
  '2026-11-22T0002-lifecycle': lifecycle,
  '2026-11-22T0003-claims': claims,
  '2026-11-22T0004-refdata': refdata,
  '2026-11-24T0005-ledger': ledger,
};
