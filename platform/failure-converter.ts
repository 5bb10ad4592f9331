import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Failure messages and stack traces can carry details of an exam: they are moved into an encoded
 * attributes payload so the payload codec encrypts them like any other payload.
 * Loaded by path (`failureConverterPath`) in clients and in the workflow sandbox.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
