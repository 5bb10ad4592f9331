import { NativeConnection, Runtime, DefaultLogger, Worker } from '@temporalio/worker';
import { loadConfig } from '../platform/config';
import { createDataConverter } from '../platform/data-converter';

/**
 * The bench's yardstick worker (`npm run bench` starts one per engine worker): the bare workflow and its no-op
 * activity, on the same Temporal server, with the same data converter (payloads encrypted) as the engine's worker.
 */
async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const config = loadConfig(process.env, 'worker');
  const connection = await NativeConnection.connect({ address: config.temporal.address! });
  const worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: process.env.BENCH_BARE_TASK_QUEUE ?? 'bench-bare',
    dataConverter: createDataConverter(config),
    workflowsPath: require.resolve('../workflows/bench/noop-workflow'),
    activities: { noop: async (i: number) => i },
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => worker.shutdown());
  await worker.run();
  await connection.close();
}

main().catch((err: Error) => {
  process.stderr.write(`bench bare worker: ${err.message}\n`);
  process.exit(1);
});
