import { ackCodeOf, readMessages, sendMessages } from '../hl7/send';

/**
 * `npm run hl7-send -- <file> [host:port]`: sends the messages of a file over MLLP (one connection, one message
 * at a time) and prints each ACK. Default target: HL7_HOST:HL7_PORT (127.0.0.1:2575). Exit status 1 when a
 * message was not accepted (AE or AR).
 */
async function main(): Promise<void> {
  const [file, target] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: npm run hl7-send -- <file of HL7 messages> [host:port]\n');
    process.exit(64);
  }
  const [host, port] = (target ?? `${process.env.HL7_HOST ?? '127.0.0.1'}:${process.env.HL7_PORT ?? '2575'}`).split(':');
  const messages = readMessages(file);
  const acks = await sendMessages({ host: host!, port: Number(port) }, messages);
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
