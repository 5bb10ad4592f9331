import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type CheckpointKey, writeCheckpoint } from '../../db/repositories/audit-checkpoints';

/**
 * Every `intervalMinutes`, the API signs the audit chain's end (see db/repositories/audit-checkpoints.ts)
 * and writes the checkpoint to its log too: ids and hashes only, never PHI. Several API processes may
 * each write one; that changes nothing but the count.
 */
export const auditCheckpointPlugin = fp(async (app: FastifyInstance, opts: { key: CheckpointKey; intervalMinutes: number }) => {
  const tick = async (): Promise<void> => {
    try {
      const checkpoint = await writeCheckpoint(app.db, opts.key);
      if (checkpoint) app.log.info({ auditCheckpoint: checkpoint }, 'audit chain checkpoint');
    } catch (err) {
      app.log.warn({ err: { message: (err as Error).message } }, 'audit chain checkpoint not written');
    }
  };
  const timer = setInterval(() => void tick(), opts.intervalMinutes * 60_000);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
});
