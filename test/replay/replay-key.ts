/**
 * A fixed payload key for the lifecycle tests whose histories are recorded for replay (test data
 * only: it protects nothing). Replay decodes the recorded, encrypted payloads with it.
 */
export const REPLAY_CONFIG = {
  PAYLOAD_KEY: 'cmVwbGF5LXRlc3Qta2V5LW5vdC1hLXNlY3JldC0wMDE=',
  PAYLOAD_KEY_ID: 'replay-1',
};

/** A bundle to build and every recorded history to replay, on a machine that may be busy: a bound, not a figure. */
export const REPLAY_BOUND_MS = 600_000;
