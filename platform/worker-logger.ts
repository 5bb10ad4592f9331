import { DefaultLogger, type LogEntry, type LogLevel } from '@temporalio/worker';

const LEVELS: Record<string, LogLevel> = { fatal: 'ERROR', error: 'ERROR', warn: 'WARN', info: 'INFO', debug: 'DEBUG', trace: 'TRACE', silent: 'ERROR' };

/**
 * The worker's logs as JSON lines, like the API's. Only the SDK's message and metadata are written
 * (workflow ids are opaque exam ids; payloads are never logged), and a `meta.err` keeps only the
 * error's name and type, never its message, which could quote a payload.
 */
export function createWorkerLogger(level: string): DefaultLogger {
  return new DefaultLogger(LEVELS[level] ?? 'INFO', (entry: LogEntry) => {
    const meta = { ...(entry.meta ?? {}) } as Record<string, unknown>;
    const err = meta.error ?? meta.err;
    if (err && typeof err === 'object') {
      meta.error = { name: (err as Error).name, type: (err as { type?: string }).type };
      delete meta.err;
    }
    process.stdout.write(`${JSON.stringify({ level: entry.level.toLowerCase(), time: Number(entry.timestampNanos / 1_000_000n), msg: entry.message, ...meta })}\n`);
  });
}
