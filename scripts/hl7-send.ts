import fs from 'node:fs';
import { ackCodeOf, readMessages, sendMessages } from '../hl7/send';

/**
 * `npm run hl7-send -- [--tls] <file> [host:port]`: sends the messages of a file over MLLP (one connection, one message
 * at a time) and prints each ACK. Default target: HL7_HOST:HL7_PORT (127.0.0.1:2575). With --tls the connection is
 * TLS: HL7_TLS_CA the CA to trust (else the system's), HL7_SEND_CERT / HL7_SEND_KEY a client certificate when the
 * listener asks for one. Exit status 1 when a message was not accepted (AE or AR).
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const useTls = args.includes('--tls');
  const [file, target] = args.filter((a) => a !== '--tls');
  if (!file) {
    process.stderr.write('usage: npm run hl7-send -- [--tls] <file of HL7 messages> [host:port]\n');
    process.exit(64);
  }
  const [host, port] = (target ?? `${process.env.HL7_HOST ?? '127.0.0.1'}:${process.env.HL7_PORT ?? '2575'}`).split(':');
  const messages = readMessages(file);
  const pem = (v: string | undefined) => (v ? fs.readFileSync(v) : undefined);
  const tls = useTls ? { ca: pem(process.env.HL7_TLS_CA), cert: pem(process.env.HL7_SEND_CERT), key: pem(process.env.HL7_SEND_KEY) } : undefined;
  const acks = await sendMessages({ host: host!, port: Number(port), ...(tls ? { tls: Object.fromEntries(Object.entries(tls).filter(([, v]) => v)) } : {}) }, messages);
  let refused = 0;
  for (const ack of acks) {
    process.stdout.write(`${ack.toString().replace(/\r/g, '\n')}\n\n`);
    if (ackCodeOf(ack) !== 'AA') refused++;
  }
  process.stdout.write(`${messages.length} sent, ${messages.length - refused} AA, ${refused} not accepted\n`);
  process.exit(refused ? 1 : 0);
}

main().catch((err: Error) => {
  process.stderr.write(`hl7-send: ${err.message}\n`);
  process.exit(1);
});
