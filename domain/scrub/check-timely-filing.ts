import { finding } from '../coding/finding';
import { addDays, daysBetween, isIsoDate } from '../refdata/iso-date';
import type { ScrubState } from './scrub-context';
import { filingDeadlineFor } from '../policy/claim-changes';

/** The filing deadline (date of service + the payer's days) against today; a date of service after today is an error. */
export function checkTimelyFiling(s: ScrubState): void {
  const { claim, ctx } = s;
  if (!isIsoDate(claim.dateOfService) || !isIsoDate(ctx.today)) return;
  if (claim.dateOfService > ctx.today) {
    s.findings.push(finding('DOS_IN_FUTURE', 'error', 'dateOfService', 'The date of service is after today.', 'Correct the date of service.'));
    return;
  }
  const deadline = ctx.payer.timelyFilingBasis === 'one-calendar-year'
    ? filingDeadlineFor(claim.dateOfService, { days: ctx.payer.timelyFilingDays, basis: 'one-calendar-year' }).slice(0, 10)
    : addDays(claim.dateOfService, ctx.payer.timelyFilingDays);
  const limit = ctx.payer.timelyFilingBasis === 'one-calendar-year' ? 'one calendar year' : `${ctx.payer.timelyFilingDays} days`;
  const left = daysBetween(ctx.today, deadline);
  if (left < 0) {
    s.findings.push(finding('TIMELY_FILING_EXPIRED', 'error', 'dateOfService', `The filing limit of ${limit} ended on ${deadline}.`, 'File only with proof of timely filing or an exception; otherwise route for write-off approval.'));
  } else if (left <= ctx.payer.timelyFilingWarningDays) {
    s.findings.push(finding('TIMELY_FILING_NEAR', 'warning', 'dateOfService', `The filing limit ends on ${deadline} (${left} days left).`, 'Submit this claim first.'));
  }
}
