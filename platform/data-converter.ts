import type { DataConverter } from '@temporalio/common';
import type { Config } from './config';
import { publicKeyOf } from './actor-assertion';
import { AesGcmPayloadCodec } from './payload-codec';

/**
 * The one data converter of every client and worker: encrypted payloads, encoded failure messages. The
 * worker's (`requireEncrypted`) does not believe a payload that arrives unencrypted.
 */
export function createDataConverter(config: Pick<Config, 'payloadKeys'> & Partial<Pick<Config, 'actorAssertion'>>, options: { requireEncrypted?: boolean } = {}): DataConverter {
  const { current, previous } = config.payloadKeys;
  if (!current) throw new Error('no payload key configured (PAYLOAD_KEY / PAYLOAD_KEY_ID)');
  // The worker's codec verifies the API's actor assertions when it is given public keys (ACTOR_VERIFY_KEYS).
  const verifyKeys = options.requireEncrypted ? (config.actorAssertion?.verifyKeys ?? []) : [];
  const actorVerifyKeys = new Map(verifyKeys.map((k) => [k.kid, publicKeyOf(k.key)]));
  return {
    payloadCodecs: [new AesGcmPayloadCodec(current, previous, { ...options, actorVerifyKeys })],
    payloadConverterPath: PAYLOAD_CONVERTER_PATH,
    failureConverterPath: FAILURE_CONVERTER_PATH,
  };
}

/** Bundled with the workflows (`bundleWorkflowCode`): the sandbox decodes payloads with these. */
export const PAYLOAD_CONVERTER_PATH = require.resolve('./actor-payload-converter');
export const FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');
