import { ActivityFailure, ApplicationFailure, RetryState } from '@temporalio/common';
import { describeFailure, failureDetails } from '../../../workflows/exam/work-failure';

describe('what a failed activity leaves on its task', () => {
  it('X12 findings become codes and element references; values and messages are left out', () => {
    const details = [{ findings: [{ code: 'DELIMITER_IN_VALUE', severity: 'error', loop: '2010BA', segment: 'N3', element: 'N301', message: 'N301 "12 Oak*St" contains a delimiter', fix: 'remove' }] }, { code: 'SQLSTATE-22P05', value: 'Love\u0000lace' }];
    expect(failureDetails(details)).toEqual(['DELIMITER_IN_VALUE@2010BA/N3/N301', 'SQLSTATE-22P05']);
    expect(failureDetails([{ findings: [{ code: 'has a value: Ada Lovelace!' }] }, 'free text', null])).toEqual([]);
  });

  it('an activity failure is described by its type and message', () => {
    const cause = ApplicationFailure.create({ type: 'ClaimDataMissing', message: 'the payer has no X12 payer id (self-pay or unknown payer)', nonRetryable: true });
    const failure = new ActivityFailure('activity failed', 'submitClaim', '13', RetryState.NON_RETRYABLE_FAILURE, 'worker', cause);
    expect(describeFailure(failure)).toEqual({ type: 'ClaimDataMissing', message: 'the payer has no X12 payer id (self-pay or unknown payer)', details: [] });
  });
});
