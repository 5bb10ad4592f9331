import type { EnvelopeParams, InterchangeHeader } from '../x12';
import type { SandboxClock } from './respond-to-claims';

export const SANDBOX_SENDER_ID = 'SANDBOXPAYER';

/** The envelope of a sandbox answer: from the payer back to whoever sent the request. */
export function answerEnvelope(request: InterchangeHeader | undefined, clock: SandboxClock): EnvelopeParams {
  const icn = Number(request?.controlNumber ?? '1') || 1;
  return {
    senderQualifier: 'ZZ',
    senderId: SANDBOX_SENDER_ID,
    receiverQualifier: request?.senderQualifier || 'ZZ',
    receiverId: (request?.senderId || 'SUBMITTER').slice(0, 15),
    interchangeControlNumber: icn,
    groupControlNumber: icn,
    date: clock.date,
    time: clock.time,
    usage: request?.usage === 'P' ? 'P' : 'T',
  };
}
