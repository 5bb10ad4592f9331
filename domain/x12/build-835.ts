import { buildInterchange, type EnvelopeParams } from './build-envelope';
import type { Remittance835 } from './model-835';
import { render835Body } from './render-835';

/** One interchange (GS HP) holding the given 835 remittances. */
export function build835(envelope: EnvelopeParams, remittances: readonly Remittance835[]): string {
  return buildInterchange(envelope, '835', remittances.map((r) => ({ controlNumber: r.controlNumber, body: render835Body(r) })));
}
