import { ActivityFailure, ApplicationFailure, log, proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../../activities';
import type { Effect, ExamEvent } from '../../domain/lifecycle';
import type { PaymentMethod } from '../../domain/patient-balance';
import { type PayerPolicy, PayerPolicySchema, withAppealDefaults } from '../../domain/policy';
import { billedClaim, refundOf, remittancePostedEvent, selfPayLines, writeOffDocument } from './money';
import { ACTIVITY_OPTIONS, LOCAL_ACTIVITY_OPTIONS } from './activity-options';
import { proxyLocalActivitiesAsScheduled } from './local-activities';
import { WORK_FAILURE_PATCH } from './work-failure';
import type { AppliedTransition, ExamState } from './state';

type Activities = ReturnType<typeof createActivities>;

/**
 * Whether two payer policies say the same, fields added later with a default counted at their default: a policy
 * loaded (or recorded in history) before such a field existed is the same policy, not an edit.
 */
function samePolicy(a: PayerPolicy, b: PayerPolicy): boolean {
  const normal = (p: PayerPolicy) => {
    // appeal vehicles a policy does not spell out are its payer type's (a policy from before them says the same)
    const parsed = PayerPolicySchema.safeParse(withAppealDefaults(p));
    return JSON.stringify(parsed.success ? parsed.data : p);
  };
  return normal(a) === normal(b);
}
type EffectOf<T extends Effect['type']> = Extract<Effect, { type: T }>;

/** The patch that added ledger postings to the exam workflow. */
export const LEDGER_PATCH = 'exam-ledger-postings';
/** The patch that turns what an 835 posting found (underpayment, payer credit) into work. */
export const REMITTANCE_WORK_PATCH = 'exam-remittance-work';

const ledger = proxyActivities<Activities>(ACTIVITY_OPTIONS.ledger);
/** Postings (one balanced entry each, a few milliseconds) as local activities, for exams that run them so. */
const localLedger = proxyLocalActivitiesAsScheduled<Activities>(LOCAL_ACTIVITY_OPTIONS.ledger);

/**
 * The exam's money: every effect that moves it posts to the ledger in PostgreSQL through an
 * activity, with an idempotency key made here from the exam's own state (never the run id). A posting
 * the ledger refuses is logged (codes only) and never stops the exam.
 */
export class ExamLedger {
  /** the self-pay charge was posted by this run (the activity is idempotent anyway) */
  private selfPayCharged = false;
  /** postings made for an effect: a failure the retries could not overcome goes back to the effect (see `step`) */
  private reportsFailures = false;

  /** Runs the postings of one effect: a posting that could not be made for good fails the effect. */
  async forEffect<T>(run: () => Promise<T>): Promise<T> {
    this.reportsFailures = true;
    try {
      return await run();
    } finally {
      this.reportsFailures = false;
    }
  }

  constructor(
    private readonly exam: ExamState,
    private readonly examId: string,
    /** postings run as local activities (exams from before schedule them on the server) */
    private readonly localPostings: boolean,
    /** the exam's patch decisions (`patched`, or the exam's bundle of them) */
    private readonly patched: (patchId: string) => boolean,
  ) {}

  private get postings(): typeof ledger {
    return this.localPostings ? localLedger : ledger;
  }

  private async step<T>(what: string, run: () => Promise<T>): Promise<T | undefined> {
    // Exams whose history was written before the ledger postings replay without them.
    if (!this.patched(LEDGER_PATCH)) return undefined;
    try {
      return await run();
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      // A posting the ledger could not make in its bounded retries (an outage, not a refusal) is work that failed:
      // the effect's failure opens a task whose retry posts it again (postings are idempotent).
      if (!(err.cause instanceof ApplicationFailure) && this.reportsFailures && this.patched(WORK_FAILURE_PATCH)) throw err;
      const cause = err.cause instanceof ApplicationFailure ? err.cause.type : undefined;
      log.warn('ledger posting refused', { what, failure: cause ?? 'unknown' });
      return undefined;
    }
  }

  /** Self-pay exams have no claim: the coded charges go to the patient before anything is billed or paid. */
  private async selfPayCharges(today: string): Promise<void> {
    const s = this.exam.lifecycle;
    if (this.selfPayCharged || !s.flags.selfPay || s.claims.length > 0) return;
    const lines = selfPayLines(this.exam.coding);
    if (lines.length === 0) return;
    await this.step('self-pay-charges', () => this.postings.postSelfPayCharges({ examId: this.examId, lines, effectiveDate: today }));
    this.selfPayCharged = true;
  }

  /** 'build-claim': the claim version's gross charges to the payer's receivable (a new version reverses the one it replaces). */
  async chargeClaim(effect: EffectOf<'build-claim'>, now: string): Promise<void> {
    const s = this.exam.lifecycle;
    const billed = billedClaim(this.exam.coding, effect.component, s.coding.fromCoding === true);
    if (!billed) return;
    await this.step('charges', () =>
      this.postings.postClaimCharges({
        examId: this.examId,
        claimId: effect.claimId,
        version: effect.version,
        billTo: s.flags.selfPay ? { kind: 'patient' } : { kind: 'insurance', payerId: s.policy.id },
        lines: billed.lines,
        effectiveDate: now.slice(0, 10),
      }),
    );
  }

  /**
   * 'post-remittance': the 835 claim payments of the claim (to the payer it was billed to), read from the stored 835.
   * Returns the work the posting found: an underpayment review, the refund of a payer's credit.
   */
  async postRemittance(effect: EffectOf<'post-remittance'>, now: string): Promise<ExamEvent[]> {
    const s = this.exam.lifecycle;
    const claim = s.claims.find((c) => c.claimId === effect.claimId);
    const billed = billedClaim(this.exam.coding, claim?.component ?? 'global', s.coding.fromCoding === true);
    if (!billed) return [];
    const payerId = claim?.payerId ?? s.policy.id;
    const result = await this.step('remittance', () =>
      this.postings.postRemittance({
        examId: this.examId,
        claimId: effect.claimId,
        remittanceId: effect.remittanceId,
        billed: { payerId, ...billed },
        effectiveDate: now.slice(0, 10),
      }),
    );
    if (!result) return [];
    if (result.underpaymentCents > 0) log.warn('underpayment against the fee schedule', { claimId: effect.claimId, shortfallCents: result.underpaymentCents });
    if (result.creditBalanceAccounts.length > 0) log.warn('credit balance after an 835', { claimId: effect.claimId, accounts: result.creditBalanceAccounts.join(',') });
    // The remittance's payer (the id starts with it): its receivable in credit is its overpayment.
    const remitPayer = effect.remittanceId.slice(0, Math.max(0, effect.remittanceId.indexOf(':')));
    const payerCredits = (result.creditBalances ?? [])
      .filter((c) => c.account === `insurance_receivable:${remitPayer}`)
      .map((c) => ({ payerId: remitPayer, creditCents: c.creditCents }));
    const work = remittancePostedEvent(s, effect, result, payerCredits);
    // Exams whose history was written before this work existed replay without it.
    return work && this.patched(REMITTANCE_WORK_PATCH) ? [work] : [];
  }

  /** 'write-off': an approved write-off of a claim's open insurance balance, or of the patient balance (small balances included). */
  async writeOff(effect: EffectOf<'write-off'>, key: string, now: string): Promise<void> {
    const today = now.slice(0, 10);
    if (effect.scope === 'patient-balance') await this.selfPayCharges(today);
    await this.step('write-off', () =>
      this.postings.postWriteOff({
        examId: this.examId,
        scope: effect.scope,
        claimId: effect.claimId,
        reason: effect.reason,
        documentId: writeOffDocument(this.exam.lifecycle, effect.claimId, effect.reason),
        idempotencyKey: `write-off:${this.examId}:${key}`,
        effectiveDate: today,
      }),
    );
  }

  /**
   * 'bill-secondary': the patient share the primary left moves to the secondary payer's receivable,
   * and the secondary 837P (carrying the primary's adjudication) goes out once per claim version.
   */
  async billSecondary(effect: EffectOf<'bill-secondary'>, key: string, now: string): Promise<ExamEvent[]> {
    await this.step('secondary-transfer', () => this.postings.transferToSecondary({ examId: this.examId, claimId: effect.claimId, payerId: effect.payerId, ...this.primaryRemittance(effect.claimId), effectiveDate: now.slice(0, 10) }));
    // A crossover: the primary forwarded the claim itself; sending it again would be a duplicate.
    if (!effect.crossover) {
      const send = () => ledger.submitSecondaryClaim({ examId: this.examId, claimId: effect.claimId, version: effect.version, secondaryPayerId: effect.payerId });
      // A secondary claim that cannot be built or sent is the biller's claim-build-error (exams from before logged it).
      if (this.patched(LEDGER_PATCH) && this.patched(WORK_FAILURE_PATCH)) await send();
      else await this.step('secondary-claim', send);
    }
    const loaded = await ledger.loadPayerPolicy({ payerId: effect.payerId });
    const current = this.exam.lifecycle.secondaryPolicy;
    if (!loaded.policy || (current && samePolicy(current, loaded.policy))) return [];
    return [{ type: 'policy-changed', eventId: `policy:secondary:${key}`, policy: loaded.policy, coverage: 'secondary' }];
  }

  /** The primary's latest remittance: the COB transfer is keyed by it, so a corrected primary moves the difference of its share. */
  private primaryRemittance(claimId: string): { remittanceId?: string } {
    const ids = this.exam.lifecycle.claims.find((c) => c.claimId === claimId)?.remittanceIds ?? [];
    const last = ids[ids.length - 1];
    return last !== undefined ? { remittanceId: last } : {};
  }

  /** 'send-statement': the statement PDF is rendered from the ledger and stored; only its id is kept. */
  async sendStatement(effect: EffectOf<'send-statement'>, now: string): Promise<string | undefined> {
    await this.selfPayCharges(now.slice(0, 10));
    const sent = await this.step('statement', () => ledger.sendStatement({ examId: this.examId, sequence: effect.sequence, statementDate: now.slice(0, 10), createdAt: now }));
    return sent?.documentId;
  }

  /** 'submit-appeal': the appeal letter PDF for payers that take paper; only its id is kept. */
  async appealLetter(effect: EffectOf<'submit-appeal'>, version: number, payerId: string, now: string): Promise<string | undefined> {
    const stored = await this.step('appeal-letter', () =>
      ledger.storeAppealLetter({ examId: this.examId, claimId: effect.claimId, version, level: effect.level, levelName: effect.levelName, payerId, letterDate: now.slice(0, 10), createdAt: now }),
    );
    return stored?.documentId;
  }

  /** 'refer-to-collections': the patient balance leaves the books as bad debt. */
  async referToCollections(key: string, now: string): Promise<void> {
    await this.selfPayCharges(now.slice(0, 10));
    await this.step('collections', () => this.postings.postCollectionsReferral({ examId: this.examId, idempotencyKey: `collections:${this.examId}:${key}`, effectiveDate: now.slice(0, 10) }));
  }

  /** Money that comes with an event rather than an effect: patient payments and recorded refunds. */
  async postEvent(t: AppliedTransition, now: string, method: PaymentMethod = 'other'): Promise<void> {
    const today = now.slice(0, 10);
    if (t.event.type === 'patient-payment') {
      await this.selfPayCharges(today);
      const { paymentId, amountCents } = t.event;
      await this.step('patient-payment', () => this.postings.postPatientPayment({ examId: this.examId, amountCents, method, reference: paymentId, receivedDate: today }));
      return;
    }
    const refund = refundOf(this.exam.lifecycle, t.event);
    if (refund) {
      await this.step('refund', () =>
        this.postings.postRefund({
          examId: this.examId,
          amountCents: refund.amountCents,
          reference: refund.reference,
          idempotencyKey: `refund:${this.examId}:${refund.taskId}`,
          effectiveDate: today,
          ...(refund.account ? { account: refund.account } : {}),
        }),
      );
    }
  }
}
