import { assertBuildable } from './assert-buildable';
import { buildInterchange, type EnvelopeParams } from './build-envelope';
import type { EligibilityRequest270 } from './model-270';
import { render270Body } from './render-270';
import { validate270 } from './validate-270';

/** One interchange (GS HS, 005010X279A1) holding the given 270 inquiries; refuses when the validator finds an error. */
export function build270(envelope: EnvelopeParams, requests: readonly EligibilityRequest270[]): string {
  assertBuildable(requests.flatMap((tx) => validate270(tx)), '270');
  return buildInterchange(envelope, '270', requests.map((tx) => ({ controlNumber: tx.controlNumber, body: render270Body(tx) })));
}
