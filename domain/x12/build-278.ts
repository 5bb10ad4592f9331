import { assertBuildable } from './assert-buildable';
import { buildInterchange, type EnvelopeParams } from './build-envelope';
import type { UmRequest278, UmResponse278 } from './model-278';
import { render278Body, requestAsResponse } from './render-278';
import { validate278Request, validate278Response } from './validate-278';

/** One interchange (GS HI, 005010X217) holding the given review requests; refuses when the validator finds an error. */
export function build278Request(envelope: EnvelopeParams, requests: readonly UmRequest278[]): string {
  assertBuildable(requests.flatMap((tx) => validate278Request(tx)), '278 request');
  return buildInterchange(envelope, '278', requests.map((tx) => ({ controlNumber: tx.controlNumber, body: render278Body(requestAsResponse(tx), 'request') })));
}

/** One interchange (GS HI, 005010X217) holding the given review responses; refuses when the validator finds an error. */
export function build278Response(envelope: EnvelopeParams, responses: readonly UmResponse278[]): string {
  assertBuildable(responses.flatMap((tx) => validate278Response(tx)), '278 response');
  return buildInterchange(envelope, '278', responses.map((tx) => ({ controlNumber: tx.controlNumber, body: render278Body(tx, 'response') })));
}
