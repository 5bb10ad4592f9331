import { parseConfig } from '../../platform/config';
import { startHealthServer } from '../../platform/health-server';
import { connectionOptions } from '../../platform/temporal-connection';

describe('the health endpoints of the worker and the HL7 listener', () => {
  it('answers liveness while the process runs, and readiness only when every check passes', async () => {
    let databaseUp = true;
    const server = await startHealthServer({
      host: '127.0.0.1',
      port: 0,
      checks: { database: async () => { if (!databaseUp) throw new Error('connection refused: secret detail'); }, worker: async () => undefined },
    });
    try {
      const get = (p: string) => fetch(`http://127.0.0.1:${server.port}${p}`);
      expect((await get('/healthz')).status).toBe(200);
      const ready = await get('/readyz');
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ok', checks: { database: 'ok', worker: 'ok' } });
      databaseUp = false;
      const down = await get('/readyz');
      expect(down.status).toBe(503);
      const body = await down.text();
      expect(JSON.parse(body)).toEqual({ status: 'unavailable', checks: { database: 'unavailable', worker: 'ok' } });
      expect(body).not.toContain('secret detail');
      // still alive while not ready
      expect((await get('/healthz')).status).toBe(200);
      expect((await get('/metrics')).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('is served only when HEALTH_PORT is set', () => {
    expect(parseConfig({}).health).toBeUndefined();
    expect(parseConfig({ HEALTH_PORT: '9464', HEALTH_HOST: '0.0.0.0' }).health).toEqual({ host: '0.0.0.0', port: 9464 });
  });
});

describe('mTLS to Temporal', () => {
  const PEM = (what: string) => `-----BEGIN ${what}-----\nMIIB\n-----END ${what}-----\n`;

  it('is off unless configured: nothing changes locally', () => {
    expect(connectionOptions(parseConfig({ TEMPORAL_ADDRESS: 'temporal:7233' }), 'temporal:7233').tls).toBeUndefined();
  });

  it('presents the client certificate given as PEM text and trusts the given CA under the given server name', () => {
    const config = parseConfig({ TEMPORAL_TLS_CERT: PEM('CERTIFICATE'), TEMPORAL_TLS_KEY: PEM('PRIVATE KEY'), TEMPORAL_TLS_CA: PEM('CERTIFICATE'), TEMPORAL_TLS_SERVER_NAME: 'temporal-frontend' });
    const tls = connectionOptions(config, 'temporal-frontend:7233').tls as { serverNameOverride?: string; serverRootCACertificate?: Buffer; clientCertPair?: { crt: Buffer; key: Buffer } };
    expect(tls.serverNameOverride).toBe('temporal-frontend');
    expect(tls.serverRootCACertificate?.toString()).toContain('BEGIN CERTIFICATE');
    expect(tls.clientCertPair?.key.toString()).toContain('BEGIN PRIVATE KEY');
  });

  it('refuses a certificate without its key, or the same material twice', () => {
    expect(() => parseConfig({ TEMPORAL_TLS_CERT: PEM('CERTIFICATE') })).toThrow(/TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together/);
    expect(() => parseConfig({ TEMPORAL_TLS_CA: PEM('CERTIFICATE'), TEMPORAL_TLS_CA_PATH: '/etc/ca.pem' })).toThrow(/either as PEM/);
  });
});
