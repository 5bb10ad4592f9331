import { assertBuildable } from './assert-buildable';
import { buildInterchange, type EnvelopeParams } from './build-envelope';
import type { Transaction837I } from './model-837i';
import { render837IBody } from './render-837i';
import { validate837I } from './validate-837i';

/** One interchange (GS HC, 005010X223A2) holding the given 837I transaction sets; refuses when the validator finds an error. */
export function build837I(envelope: EnvelopeParams, transactions: readonly Transaction837I[]): string {
  assertBuildable(transactions.flatMap((tx) => validate837I(tx)), '837I');
  return buildInterchange(envelope, '837I', transactions.map((tx) => ({ controlNumber: tx.controlNumber, body: render837IBody(tx) })));
}
