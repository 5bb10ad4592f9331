import fs from 'node:fs';
import { Hl7Message } from '@medplum/core';
import tls from 'node:tls';
import { Hl7Client, Hl7Connection } from '@medplum/hl7';

/**
 * The messages of a file: one segment a line (CR, LF or CRLF), each message starting at its MSH; blank lines
 * and lines starting with # are skipped.
 */
export function messagesOf(text: string): string[] {
  const out: string[][] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (!line.trim() || line.startsWith('#')) continue;
    if (line.startsWith('MSH') || out.length === 0) out.push([]);
    out[out.length - 1]!.push(line);
  }
  return out.map((segments) => segments.join('\r'));
}

export const readMessages = (file: string): string[] => messagesOf(fs.readFileSync(file, 'utf8'));

/**
 * Sends messages over one MLLP connection (the @medplum/hl7 client), one at a time, each waiting for its ACK;
 * returns the ACKs in order.
 */
export interface SendTarget {
  host: string;
  port: number;
  encoding?: string;
  /** MLLP over TLS: the CA that signed the listener's certificate (else the system's), and a client certificate when the listener asks for one */
  tls?: { ca?: string | Buffer; cert?: string | Buffer; key?: string | Buffer; servername?: string };
}

/** One MLLP connection: the @medplum/hl7 client over TCP, or its connection over a TLS socket. */
async function connect(target: SendTarget): Promise<{ sendAndWait: Hl7Connection['sendAndWait']; close(): Promise<void> }> {
  if (!target.tls) {
    const client = new Hl7Client({ host: target.host, port: target.port, ...(target.encoding ? { encoding: target.encoding } : {}) });
    return { sendAndWait: (m, o) => client.sendAndWait(m, o), close: () => client.close() };
  }
  const t = target.tls;
  const socket = await new Promise<tls.TLSSocket>((resolve, reject) => {
    const s = tls.connect({ host: target.host, port: target.port, servername: t.servername ?? target.host, minVersion: 'TLSv1.2', ...(t.ca ? { ca: t.ca } : {}), ...(t.cert ? { cert: t.cert } : {}), ...(t.key ? { key: t.key } : {}) }, () => resolve(s));
    s.once('error', reject);
  });
  const connection = new Hl7Connection(socket, target.encoding);
  // a listener that refuses the client certificate closes the connection after the handshake: pending sends fail
  socket.on('error', () => undefined);
  return { sendAndWait: (m, o) => connection.sendAndWait(m, o), close: () => connection.close() };
}

export async function sendMessages(target: SendTarget, messages: string[], timeoutMs = 30_000): Promise<Hl7Message[]> {
  const client = await connect(target);
  try {
    const acks: Hl7Message[] = [];
    for (const text of messages) {
      // our own timer (cleared on the ACK): the client's timeoutMs leaves its timer running after the ACK
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no ACK within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        acks.push(await Promise.race([client.sendAndWait(Hl7Message.parse(text), { returnAck: 'first' }), timeout]));
      } finally {
        clearTimeout(timer);
      }
    }
    return acks;
  } finally {
    await client.close();
  }
}

/** MSA-1 of an ACK (AA, AE, AR). */
export const ackCodeOf = (ack: Hl7Message): string => ack.getSegment('MSA')?.getField(1)?.toString() ?? '';
