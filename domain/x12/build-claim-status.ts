import { assertBuildable } from './assert-buildable';
import { buildInterchange, type EnvelopeParams } from './build-envelope';
import type { ClaimStatusRequest276 } from './model-276';
import type { ClaimStatusResponse277 } from './model-277';
import { render276Body, render277Body } from './render-claim-status';
import { validate276, validate277 } from './validate-claim-status';

/** One interchange (GS HR, 005010X212) holding the given claim status requests; refuses when the validator finds an error. */
export function build276(envelope: EnvelopeParams, requests: readonly ClaimStatusRequest276[]): string {
  assertBuildable(requests.flatMap((tx) => validate276(tx)), '276');
  return buildInterchange(envelope, '276', requests.map((tx) => ({ controlNumber: tx.controlNumber, body: render276Body(tx) })));
}

/** One interchange (GS HN, 005010X212) holding the given claim status responses; refuses when the validator finds an error. */
export function build277(envelope: EnvelopeParams, responses: readonly ClaimStatusResponse277[]): string {
  assertBuildable(responses.flatMap((tx) => validate277(tx)), '277');
  return buildInterchange(envelope, '277', responses.map((tx) => ({ controlNumber: tx.controlNumber, body: render277Body(tx) })));
}
