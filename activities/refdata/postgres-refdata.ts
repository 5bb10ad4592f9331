import type { Db } from '../../db/database';
import { readRefDataInput, refdataReleasesStamp } from '../../db/repositories/refdata';
import { buildRefData } from '../../domain/refdata/build-ref-data';
import type { RefData } from '../../domain/refdata/ref-data';
import { bundledRefData } from './bundled-refdata';

/** Reference data for activities: the in-memory RefData built from every release in PostgreSQL. */
export interface RefDataSource {
  /** The current RefData; rebuilt when a release was loaded since the last build. */
  get(): Promise<RefData>;
  /** Forget the cached index (the next get() rebuilds). */
  invalidate(): void;
}

export interface PostgresRefDataOptions {
  /** Minimum time between two checks of refdata_releases (default 5 s; 0 checks on every get()). */
  checkIntervalMs?: number;
  /** Used while the tables are empty (default: the bundled data set). */
  fallback?: () => RefData;
  /** Monotonic milliseconds; injectable for tests. */
  nowMs?: () => number;
}

/**
 * A RefData source over PostgreSQL. The index is built once and kept; a cheap query on refdata_releases
 * (count, newest id and load time) tells when a new release was loaded, and the index is rebuilt then.
 * With no release loaded it answers from the bundled data, so a fresh install works before seeding.
 */
export function createPostgresRefData(db: Db, options: PostgresRefDataOptions = {}): RefDataSource {
  const interval = options.checkIntervalMs ?? 5000;
  const fallback = options.fallback ?? bundledRefData;
  const now = options.nowMs ?? (() => performance.now());
  let cached: { stamp: string; refData: RefData } | undefined;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let inFlight: Promise<RefData> | undefined;

  async function refresh(): Promise<RefData> {
    const stamp = await refdataReleasesStamp(db);
    checkedAt = now();
    if (cached && cached.stamp === stamp) return cached.refData;
    const input = await readRefDataInput(db);
    const refData = input ? buildRefData(input) : fallback();
    // Stamp read before the rows: a release loaded meanwhile changes the stamp and triggers another build.
    cached = { stamp, refData };
    return refData;
  }

  return {
    get(): Promise<RefData> {
      if (cached && now() - checkedAt < interval) return Promise.resolve(cached.refData);
      if (!inFlight) {
        inFlight = refresh().finally(() => {
          inFlight = undefined;
        });
      }
      return inFlight;
    },
    invalidate(): void {
      cached = undefined;
      checkedAt = Number.NEGATIVE_INFINITY;
    },
  };
}

const perDb = new WeakMap<Db, RefDataSource>();

/**
 * One source per database handle per process, so every activity shares one index. It checks the releases'
 * fingerprint on every get() (one aggregate over the few rows of refdata_releases), so a release loaded by
 * `npm run refdata:load` governs the next exam coded, without a restart; the index itself is rebuilt only then.
 */
export function postgresRefData(db: Db): RefDataSource {
  let source = perDb.get(db);
  if (!source) {
    source = createPostgresRefData(db, { checkIntervalMs: 0 });
    perDb.set(db, source);
  }
  return source;
}
