import { buildInterchange, type EnvelopeParams } from './build-envelope';
import { X12BuildError } from './errors';
import { hasErrors } from './finding';
import type { Transaction837P } from './model-837p';
import { render837PBody } from './render-837p';
import { validate837P } from './validate-837p';

/**
 * One interchange (ISA/GS HC/ST 837 ... IEA) holding the given 837P transaction sets.
 * Refuses with X12BuildError (code VALIDATION_FAILED, carrying the findings) when the outbound
 * validator finds an error; warnings do not block.
 */
export function build837P(envelope: EnvelopeParams, transactions: readonly Transaction837P[]): string {
  const findings = transactions.flatMap((tx) => validate837P(tx));
  if (hasErrors(findings)) {
    const n = findings.filter((f) => f.severity === 'error').length;
    throw new X12BuildError('VALIDATION_FAILED', `837P validation failed with ${n} error(s)`, findings);
  }
  return buildInterchange(envelope, '837P', transactions.map((tx) => ({ controlNumber: tx.controlNumber, body: render837PBody(tx) })));
}
