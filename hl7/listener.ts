import fs from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { Hl7Connection, type Hl7MessageEvent, type Hl7ErrorEvent } from '@medplum/hl7';
import { headerOf } from './fields';
import { HL7_ERROR } from './map';
import { type Hl7Deps, buildAck, expireHeld, receiveHl7 } from './process';

export interface ListenerOptions {
  host: string;
  port: number;
  /** a framed message larger than this closes its connection */
  maxMessageBytes: number;
  encoding: string;
  /** a message held for its order (a result before the order) longer than this becomes an interface error; checked every few minutes */
  holdHours?: number;
  /** one line per event, never PHI (sender, type, control id, ACK code) */
  log?: (line: string) => void;
  /** MLLP over TLS: the server's certificate and key (PEM); with `ca`, a client must present a certificate it signed */
  tls?: { cert: string | Buffer; key: string | Buffer; ca?: string | Buffer };
}

export interface Hl7Listener {
  host: string;
  port: number;
  close(): Promise<void>;
}

const FS = 0x1c;

/**
 * The MLLP listener: TCP connections framed and parsed by @medplum/hl7 (its Hl7Connection: VT ... FS CR framing,
 * character set, Hl7Message parsing), one message at a time per connection (so the messages of an accession sent
 * on one connection are applied in order), each answered with its original-mode ACK on the same connection.
 * A connection that sends more than `maxMessageBytes` without ending a message is closed.
 */
export async function startHl7Listener(deps: Hl7Deps, options: ListenerOptions): Promise<Hl7Listener> {
  const log = options.log ?? (() => undefined);
  const connections = new Set<net.Socket>();
  const onSocket = (socket: net.Socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
    // Bound the size of one message before the framer buffers it (registered first: runs before the framer's).
    let pending = 0;
    socket.on('data', (chunk: Buffer) => {
      let from = 0;
      for (let i = chunk.indexOf(FS); i !== -1; i = chunk.indexOf(FS, i + 1)) {
        if (pending + (i - from) > options.maxMessageBytes) break;
        pending = 0;
        from = i + 1;
      }
      pending += chunk.length - from;
      if (pending > options.maxMessageBytes) {
        log(`hl7: a message over ${options.maxMessageBytes} bytes: connection closed`);
        socket.destroy();
      }
    });
    const connection = new Hl7Connection(socket, options.encoding);
    let queue: Promise<void> = Promise.resolve();
    connection.addEventListener('message', (event: Hl7MessageEvent) => {
      // The framer parses the chunk that went over the bound after the guard closed the socket: not taken.
      if (socket.destroyed) return;
      const msg = event.message;
      queue = queue.then(async () => {
        let ack;
        try {
          ack = await receiveHl7(deps, msg);
        } catch (err) {
          // Not stored or not decided (the database unreachable): AE, and a resend is processed as new.
          log(`hl7: message could not be processed (${(err as Error).name})`);
          ack = buildAck(msg, { ackCode: 'AE', error: { code: HL7_ERROR.internalError, field: 'MSH-10', message: 'the engine could not store the message: send it again' } });
        }
        if (!connection.isClosed()) connection.send(ack);
        const h = headerOf(msg);
        log(`hl7: ${h.sender.application || '(no sender)'} ${h.type || '(no type)'} ${h.controlId.slice(0, 40)} -> ${ack.getSegment('MSA')?.getField(1)?.toString() ?? '?'}`);
      });
    });
    connection.addEventListener('error', (event: Hl7ErrorEvent) => {
      // A frame that is not an HL7 message (no MSH) cannot be answered: it is dropped and the connection stays.
      log(`hl7: connection error (${event.error.name})`);
    });
  };
  const t = options.tls;
  const server = t
    ? tls.createServer({ cert: t.cert, key: t.key, minVersion: 'TLSv1.2', ...(t.ca ? { ca: t.ca, requestCert: true, rejectUnauthorized: true } : {}) }, onSocket)
    : net.createServer(onSocket);
  if (t) server.on('tlsClientError', (err) => log(`hl7: TLS handshake refused (${err.message.slice(0, 80)})`));
  server.maxConnections = 200;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: options.host, port: options.port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as net.AddressInfo;
  const holdHours = options.holdHours;
  const sweep = holdHours
    ? setInterval(() => {
        expireHeld(deps, new Date(Date.now() - holdHours * 3_600_000)).then(
          (n) => n > 0 && log(`hl7: ${n} held message(s) waited ${holdHours} h for their order: interface errors`),
          (err: unknown) => log(`hl7: held-message sweep failed (${(err as Error).name})`),
        );
      }, 5 * 60_000)
    : undefined;
  sweep?.unref();
  return {
    host: options.host,
    port: address.port,
    async close() {
      if (sweep) clearInterval(sweep);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of connections) s.destroy();
      });
    },
  };
}

/** The PEM files of HL7_TLS_CERT / HL7_TLS_KEY / HL7_TLS_CA, read at start; a missing or unreadable one stops the start with its name. */
export function readTlsFiles(files: { certFile: string; keyFile: string; caFile?: string } | undefined): ListenerOptions['tls'] {
  if (!files) return undefined;
  if (!files.keyFile) throw new Error('HL7_TLS_CERT is set but HL7_TLS_KEY is not: the listener needs both for TLS');
  const read = (name: string, file: string) => {
    try {
      return fs.readFileSync(file);
    } catch (err) {
      throw new Error(`${name} (${file}) cannot be read: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  };
  return { cert: read('HL7_TLS_CERT', files.certFile), key: read('HL7_TLS_KEY', files.keyFile), ...(files.caFile ? { ca: read('HL7_TLS_CA', files.caFile) } : {}) };
}

/** True when the error says the port is taken. */
export const isAddressInUse = (err: unknown): boolean => (err as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE';
