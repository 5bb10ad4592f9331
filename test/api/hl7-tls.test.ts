import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Hl7Listener, startHl7Listener } from '../../hl7/listener';
import { loadProfiles } from '../../hl7/profile';
import { ackCodeOf, readMessages, sendMessages } from '../../hl7/send';
import { REPLAY_CONFIG } from '../replay/replay-key';
import type { ApiHarness } from '../support/api-harness';
import { startApiHarnessOnOwnServer } from '../support/own-test-server';

/**
 * MLLP over TLS with certificates made for this run by the openssl CLI: a CA, the listener's certificate and a
 * client's. Skipped (with the reason) where openssl is not installed.
 */
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'hl7');
const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcm-hl7-tls-'));
const file = (name: string) => path.join(dir, name);
const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });

/** A CA, and a certificate it signs for `cn` (with 127.0.0.1 and localhost as names). */
function makeCertificates(): void {
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=test-ca');
  for (const cn of ['server', 'client']) {
    openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${cn}.key`, '-out', `${cn}.csr`, '-subj', `/CN=${cn}`);
    fs.writeFileSync(file(`${cn}.ext`), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
    openssl('x509', '-req', '-in', `${cn}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${cn}.pem`, '-days', '2', '-extfile', `${cn}.ext`);
  }
  // a client certificate no CA of the listener signed
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'stranger.key', '-out', 'stranger.pem', '-days', '2', '-subj', '/CN=stranger');
}

const describeTls = hasOpenssl ? describe : describe.skip;
if (!hasOpenssl) test.skip('MLLP over TLS: skipped because the openssl CLI is not installed (certificates are made at test time)', () => undefined);

describeTls('MLLP over TLS', () => {
  let h: ApiHarness;
  let plain: Hl7Listener;
  let mutual: Hl7Listener;
  const order = readMessages(path.join(FIXTURES, 'orm-o01-new-order.hl7'))[0]!;

  beforeAll(async () => {
    makeCertificates();
    h = await startApiHarnessOnOwnServer({ ...REPLAY_CONFIG, HL7_PROFILES_DIR: path.join(FIXTURES, 'profiles') });
    const deps = { db: h.database.db, temporal: h.env.client, taskQueue: h.config.temporal.taskQueue, deadlineMs: 10_000, profiles: loadProfiles(path.join(FIXTURES, 'profiles')), payloadKeys: h.config.payloadKeys };
    const base = { host: '127.0.0.1', port: 0, maxMessageBytes: 64 * 1024, encoding: 'utf-8' };
    const pem = (n: string) => fs.readFileSync(file(n));
    plain = await startHl7Listener(deps, { ...base, tls: { cert: pem('server.pem'), key: pem('server.key') } });
    mutual = await startHl7Listener(deps, { ...base, tls: { cert: pem('server.pem'), key: pem('server.key'), ca: pem('ca.pem') } });
  });
  afterAll(async () => {
    await plain?.close();
    await mutual?.close();
    await h?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a client that trusts the CA sends an order over TLS and gets its ACK; a plain TCP client gets none', async () => {
    const [ack] = await sendMessages({ host: '127.0.0.1', port: plain.port, tls: { ca: fs.readFileSync(file('ca.pem')) } }, [order.replace('NR-0001', 'NR-TLS-1').replace(/ACC-HL7-5001/g, 'ACC-HL7-8001')]);
    expect(ackCodeOf(ack!)).toBe('AA');
    await expect(sendMessages({ host: '127.0.0.1', port: plain.port }, [order.replace('NR-0001', 'NR-TLS-2')], 2000)).rejects.toThrow();
    // a client that does not trust the listener's certificate does not connect
    await expect(sendMessages({ host: '127.0.0.1', port: plain.port, tls: {} }, [order.replace('NR-0001', 'NR-TLS-3')], 2000)).rejects.toThrow(/self.signed|unable to verify|certificate/i);
    const stored = await h.database.db.selectFrom('hl7_messages').select('control_id').where('control_id', 'in', ['NR-TLS-1', 'NR-TLS-2', 'NR-TLS-3']).execute();
    expect(stored.map((r) => r.control_id)).toEqual(['NR-TLS-1']);
  });

  test('with HL7_TLS_CA the listener takes only clients with a certificate the CA signed', async () => {
    const ca = fs.readFileSync(file('ca.pem'));
    const [ack] = await sendMessages(
      { host: '127.0.0.1', port: mutual.port, tls: { ca, cert: fs.readFileSync(file('client.pem')), key: fs.readFileSync(file('client.key')) } },
      [order.replace('NR-0001', 'NR-TLS-4').replace(/ACC-HL7-5001/g, 'ACC-HL7-8004')],
    );
    expect(ackCodeOf(ack!)).toBe('AA');
    await expect(sendMessages({ host: '127.0.0.1', port: mutual.port, tls: { ca } }, [order.replace('NR-0001', 'NR-TLS-5')], 2000)).rejects.toThrow();
    await expect(
      sendMessages({ host: '127.0.0.1', port: mutual.port, tls: { ca, cert: fs.readFileSync(file('stranger.pem')), key: fs.readFileSync(file('stranger.key')) } }, [order.replace('NR-0001', 'NR-TLS-6')], 2000),
    ).rejects.toThrow();
    const stored = await h.database.db.selectFrom('hl7_messages').select('control_id').where('control_id', 'in', ['NR-TLS-4', 'NR-TLS-5', 'NR-TLS-6']).execute();
    expect(stored.map((r) => r.control_id)).toEqual(['NR-TLS-4']);
  });
});
