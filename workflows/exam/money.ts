import type { Claim } from '../../domain/coding/claim';
import type { ClaimComponent, ExamEvent, ExamState as LifecycleState } from '../../domain/lifecycle';
import { claimForComponent } from './coding-adapter';
import type { CodingSnapshot } from './messages';

/**
 * What the exam workflow hands the ledger activities, derived from its own state (pure and
 * deterministic: the idempotency keys below never depend on the run or the wall clock).
 */

export interface BilledLine {
  lineNumber: number;
  cpt: string;
  modifiers: string[];
  units: number;
  chargeCents: number;
}

interface BilledClaimLines {
  lines: BilledLine[];
  dateOfService: string;
  placeOfService: string;
}

function linesOf(claim: Claim): BilledLine[] {
  return claim.lines.map((l) => ({ lineNumber: l.lineNumber, cpt: l.cpt, modifiers: l.modifiers, units: l.units, chargeCents: l.chargeCents }));
}

/** The coded lines of a claim's component, as billed. */
export function billedClaim(coding: CodingSnapshot | null, component: ClaimComponent, exact = false): BilledClaimLines | null {
  const claim = coding ? claimForComponent(coding, component, exact) : undefined;
  if (!claim || claim.lines.length === 0) return null;
  return { lines: linesOf(claim), dateOfService: claim.dateOfService, placeOfService: claim.placeOfService };
}

/** A self-pay exam bills the patient every coded line (numbered across the coded claims). */
export function selfPayLines(coding: CodingSnapshot | null): BilledLine[] {
  if (!coding) return [];
  let n = 0;
  return coding.claims.flatMap((c) => linesOf(c).map((l) => ({ ...l, lineNumber: (n += 1) }))).filter((l) => l.chargeCents > 0);
}

/**
 * The approval behind a write-off: the latest resolved write-off-approval task of the claim (or exam), or the
 * underpayment review a biller accepted, else the policy.
 */
export function writeOffDocument(s: LifecycleState, claimId: string | null, reason: string): string {
  const approval = [...s.tasks].reverse().find((t) => t.status === 'resolved' && t.claimId === claimId
    && (t.type === 'write-off-approval' || (t.type === 'underpayment-review' && t.resolutionAction === 'accept')));
  return approval ? `task:${approval.taskId}` : `policy:${reason.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 40) || 'write-off'}`;
}

/**
 * A credit-balance refund a person recorded (task resolution `refunded`), or null. A payer's overpayment is
 * refunded from that payer's receivable (`account`), the patient's from the patient's.
 */
export function refundOf(s: LifecycleState, event: ExamEvent): { taskId: string; amountCents: number; reference: string; account?: string } | null {
  if (event.type !== 'task-resolved') return null;
  const task = s.tasks.find((t) => t.taskId === event.taskId);
  const r = event.resolution as { action?: unknown; amountCents?: unknown; reference?: unknown } | null;
  if (task?.type !== 'credit-balance-refund' || !r || r.action !== 'refunded') return null;
  if (typeof r.amountCents !== 'number' || typeof r.reference !== 'string' || r.amountCents <= 0) return null;
  const payerId = task.context.reason === 'payer-overpaid' && typeof task.context.payerId === 'string' ? task.context.payerId : undefined;
  return { taskId: task.taskId, amountCents: r.amountCents, reference: r.reference, ...(payerId ? { account: `insurance_receivable:${payerId}` } : {}) };
}

/** What an 835 posting reported that needs a person, as the lifecycle's event (null: nothing to do). */
export function remittancePostedEvent(
  s: LifecycleState,
  effect: { claimId: string; remittanceId: string; late: boolean },
  result: { underpaymentCents: number; creditBalanceAccounts: string[] },
  payerCredits: { payerId: string; creditCents: number }[],
): ExamEvent | null {
  const claim = s.claims.find((c) => c.claimId === effect.claimId);
  // A secondary pays only what the primary left: measured against the whole fee schedule it always looks short.
  const underpaymentCents = claim?.primaryClaimId === undefined ? result.underpaymentCents : 0;
  // A late 835 after close already opened the refund of the payment (payment-after-close).
  const credits = effect.late ? [] : payerCredits.filter((c) => c.creditCents > 0);
  if (underpaymentCents <= 0 && credits.length === 0) return null;
  return { type: 'remittance-posted', eventId: `posted:${effect.remittanceId}`, remittanceId: effect.remittanceId, claimId: effect.claimId, underpaymentCents: Math.max(0, underpaymentCents), payerCredits: credits };
}
