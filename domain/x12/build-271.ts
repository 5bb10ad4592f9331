import { assertBuildable } from './assert-buildable';
import { buildInterchange, type EnvelopeParams } from './build-envelope';
import type { EligibilityResponse271 } from './model-271';
import { render271Body } from './render-271';
import { validate271 } from './validate-271';

/** One interchange (GS HB, 005010X279A1) holding the given 271 responses; refuses when the validator finds an error. */
export function build271(envelope: EnvelopeParams, responses: readonly EligibilityResponse271[]): string {
  assertBuildable(responses.flatMap((tx) => validate271(tx)), '271');
  return buildInterchange(envelope, '271', responses.map((tx) => ({ controlNumber: tx.controlNumber, body: render271Body(tx) })));
}
