import { type Payload, type PayloadConverter, defaultPayloadConverter } from '@temporalio/common';
import { decode } from '@temporalio/common/lib/encoding';
import { ACTOR_CHECK, ACTOR_CHECK_METADATA, type ActorCheck } from '../workflows/actor-check';

/**
 * The default payload converter, plus: the actor-assertion verdict the worker's codec put in a payload's metadata
 * is attached to the decoded object as a non-enumerable property (workflows/actor-check.ts). Loaded by path
 * (`payloadConverterPath`) in the worker and in the workflow sandbox: no Node APIs here.
 */
class ActorCheckPayloadConverter implements PayloadConverter {
  toPayload<T>(value: T): Payload {
    return defaultPayloadConverter.toPayload(value);
  }

  fromPayload<T>(payload: Payload): T {
    const value = defaultPayloadConverter.fromPayload<T>(payload);
    const verdict = payload.metadata?.[ACTOR_CHECK_METADATA];
    if (verdict && value !== null && typeof value === 'object' && Object.isExtensible(value)) {
      let check: ActorCheck;
      try {
        check = JSON.parse(decode(verdict)) as ActorCheck;
      } catch {
        check = { ok: false, reason: 'malformed' };
      }
      Object.defineProperty(value, ACTOR_CHECK, { value: check, enumerable: false });
    }
    return value;
  }
}

export const payloadConverter = new ActorCheckPayloadConverter();
