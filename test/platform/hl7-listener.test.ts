import net from 'node:net';
import { isAddressInUse, startHl7Listener } from '../../hl7/listener';
import { profilesOf } from '../../hl7/profile';
import type { Hl7Deps } from '../../hl7/process';

/** The listener's port: a taken one is said as such (npm start then takes a free port, npm run hl7 stops). */
test('a taken HL7 port is reported as address in use, and port 0 picks a free one', async () => {
  const holder = net.createServer();
  await new Promise<void>((r) => holder.listen(0, '127.0.0.1', () => r()));
  const taken = (holder.address() as net.AddressInfo).port;
  const deps = { profiles: profilesOf([]), payloadKeys: { previous: [] } } as unknown as Hl7Deps;
  const options = { host: '127.0.0.1', port: taken, maxMessageBytes: 1024 * 1024, encoding: 'utf-8' };
  const err = await startHl7Listener(deps, options).then(() => undefined, (e: unknown) => e);
  expect(isAddressInUse(err)).toBe(true);
  const free = await startHl7Listener(deps, { ...options, port: 0 });
  expect(free.port).toBeGreaterThan(0);
  expect(free.port).not.toBe(taken);
  await free.close();
  await new Promise((r) => holder.close(r));
});
