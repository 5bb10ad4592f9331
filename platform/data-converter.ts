import type { DataConverter } from '@temporalio/common';
import type { Config } from './config';
import { AesGcmPayloadCodec } from './payload-codec';

/**
 * The one data converter of every client and worker: encrypted payloads, encoded failure messages. The
 * worker's (`requireEncrypted`) does not believe a payload that arrives unencrypted.
 */
export function createDataConverter(config: Pick<Config, 'payloadKeys'>, options: { requireEncrypted?: boolean } = {}): DataConverter {
  const { current, previous } = config.payloadKeys;
  if (!current) throw new Error('no payload key configured (PAYLOAD_KEY / PAYLOAD_KEY_ID)');
  return {
    payloadCodecs: [new AesGcmPayloadCodec(current, previous, options)],
    failureConverterPath: require.resolve('./failure-converter'),
  };
}
