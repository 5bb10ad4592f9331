import fs from 'node:fs';
import { Client, Connection, type ConnectionOptions } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { Config } from './config';
import { createDataConverter } from './data-converter';

function connectionOptions(config: Config, address: string): ConnectionOptions {
  const tls = config.temporal.tls;
  return {
    address,
    apiKey: config.temporal.apiKey,
    tls: tls
      ? {
          serverNameOverride: tls.serverName,
          serverRootCACertificate: tls.caPath ? fs.readFileSync(tls.caPath) : undefined,
          clientCertPair: tls.certPath && tls.keyPath ? { crt: fs.readFileSync(tls.certPath), key: fs.readFileSync(tls.keyPath) } : undefined,
        }
      : config.temporal.apiKey
        ? true
        : undefined,
  };
}

function requireAddress(config: Config): string {
  if (!config.temporal.address) throw new Error('TEMPORAL_ADDRESS is not set');
  return config.temporal.address;
}

/** One client per process, with the encrypting data converter. */
export async function connectClient(config: Config): Promise<Client> {
  const connection = await Connection.connect(connectionOptions(config, requireAddress(config)));
  return new Client({ connection, namespace: config.temporal.namespace, dataConverter: createDataConverter(config) });
}

export async function connectWorkerConnection(config: Config): Promise<NativeConnection> {
  const options = connectionOptions(config, requireAddress(config));
  return NativeConnection.connect({ address: options.address, apiKey: config.temporal.apiKey, tls: options.tls as never });
}
