import type { Migration } from 'kysely';
import * as platform from './2026-11-22T0001-platform';

/** Every migration, in order. Names are frozen once shipped. */
export const migrations: Record<string, Migration> = {
  '2026-11-22T0001-platform': platform,
};
