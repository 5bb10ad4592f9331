import fs from 'node:fs';
import { Hl7Message } from '@medplum/core';
import { Hl7Client } from '@medplum/hl7';

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
export async function sendMessages(target: { host: string; port: number; encoding?: string }, messages: string[], timeoutMs = 30_000): Promise<Hl7Message[]> {
  const client = new Hl7Client({ host: target.host, port: target.port, ...(target.encoding ? { encoding: target.encoding } : {}) });
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
