import fs from 'node:fs';
import { Client, Connection, type ConnectionOptions } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { Config } from './config';
import { createDataConverter } from './data-converter';
import { tracingFor } from './tracing';

/** TLS material given as PEM text, else read from its file, else none. */
const pem = (text: string | undefined, file: string | undefined): Buffer | undefined => (text ? Buffer.from(text) : file ? fs.readFileSync(file) : undefined);

/**
 * How the API, the worker and the HL7 listener reach Temporal: plain inside a private network (the
 * default), TLS (TEMPORAL_TLS=true, or a CA given), or mTLS (a client certificate and key given as
 * TEMPORAL_TLS_CERT/KEY PEM text or TEMPORAL_TLS_CERT_PATH/KEY_PATH files; the server's CA as
 * TEMPORAL_TLS_CA or TEMPORAL_TLS_CA_PATH; TEMPORAL_TLS_SERVER_NAME when the address is not the
 * name in the server's certificate). See docs/deployment.md.
 */
export function connectionOptions(config: Config, address: string): ConnectionOptions {
  const tls = config.temporal.tls;
  return {
    address,
    apiKey: config.temporal.apiKey,
    tls: tls
      ? {
          serverNameOverride: tls.serverName,
          serverRootCACertificate: pem(tls.caPem, tls.caPath),
          clientCertPair: tls.certPem && tls.keyPem
            ? { crt: Buffer.from(tls.certPem), key: Buffer.from(tls.keyPem) }
            : tls.certPath && tls.keyPath ? { crt: fs.readFileSync(tls.certPath), key: fs.readFileSync(tls.keyPath) } : undefined,
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

/** One client per process, with the encrypting data converter (and, with tracing on, the tracing interceptors). */
export async function connectClient(config: Config): Promise<Client> {
  const connection = await Connection.connect(connectionOptions(config, requireAddress(config)));
  const interceptors = tracingFor(config)?.clientInterceptors;
  return new Client({ connection, namespace: config.temporal.namespace, dataConverter: createDataConverter(config), ...(interceptors ? { interceptors } : {}) });
}

export async function connectWorkerConnection(config: Config): Promise<NativeConnection> {
  const options = connectionOptions(config, requireAddress(config));
  return NativeConnection.connect({ address: options.address, apiKey: config.temporal.apiKey, tls: options.tls as never });
}
