import type { DataConverter } from '@temporalio/common';
import type { Config } from './config';
import { AesGcmPayloadCodec } from './payload-codec';

/** The one data converter of every client and worker: encrypted payloads, encoded failure messages. */
export function createDataConverter(config: Pick<Config, 'payloadKeys'>): DataConverter {
  const { current, previous } = config.payloadKeys;
  if (!current) throw new Error('no payload key configured (PAYLOAD_KEY / PAYLOAD_KEY_ID)');
  return {
    payloadCodecs: [new AesGcmPayloadCodec(current, previous)],
    failureConverterPath: require.resolve('./failure-converter'),
  };
}
