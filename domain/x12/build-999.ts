import { buildInterchange, type EnvelopeParams } from './build-envelope';
import type { Ack999 } from './model-999';
import { seg, type OutSegment } from './write-segments';

/**
 * IK303 is an X12 loop identifier (data element 447, at most 4 characters): a guide loop such as
 * 2010BA goes out as the standard's loop 2010; a name that is no loop id is left out.
 */
function loopIdentifier(loop: string | undefined): string | undefined {
  if (!loop) return undefined;
  if (/^\d{4}/.test(loop)) return loop.slice(0, 4);
  return loop.length <= 4 ? loop : undefined;
}

export function render999Body(a: Ack999): OutSegment[] {
  const out: OutSegment[] = [seg('HEADER', 'AK1', a.functionalId, a.groupControlNumber, a.version)];
  for (const t of a.transactions) {
    out.push(seg('2000', 'AK2', t.setId, t.controlNumber, t.implementationReference));
    for (const s of t.segmentErrors) {
      out.push(seg('2100', 'IK3', s.segmentId, String(s.position), loopIdentifier(s.loop), s.errorCode));
      for (const e of s.elementErrors) {
        out.push(seg('2110', 'IK4', e.componentPosition === undefined ? String(e.elementPosition) : [String(e.elementPosition), String(e.componentPosition)],
          e.elementReference, e.errorCode, e.badValue));
      }
    }
    out.push(seg('2000', 'IK5', t.status, ...t.errorCodes.slice(0, 5)));
  }
  out.push(seg('HEADER', 'AK9', a.groupStatus, String(a.includedCount), String(a.receivedCount), String(a.acceptedCount), ...a.groupErrorCodes.slice(0, 5)));
  return out;
}

/** One interchange (GS FA) holding the given 999 acknowledgments. */
export function build999(envelope: EnvelopeParams, acks: readonly Ack999[]): string {
  return buildInterchange(envelope, '999', acks.map((a) => ({ controlNumber: a.controlNumber, body: render999Body(a) })));
}
