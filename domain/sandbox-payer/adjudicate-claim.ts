import { expectedReimbursement } from '../fee-schedule/expected-reimbursement';
import { seedPayerPolicies } from '../policy';
import type { RefData } from '../refdata/ref-data';
import type { Adjustment, Claim837P, ClaimPayment835, ServicePayment835 } from '../x12';
import { percentOfCents, planShareFor } from './plan-share';
import { SANDBOX_SEQUESTRATION_PERCENT, isAdvancedImagingCpt, sandboxScenario, type SandboxScenario } from './scenario';

/** CARC 27: expenses incurred after coverage terminated; 197: precertification absent; 97: bundled. */
const CARC_COVERAGE_TERMINATED = '27';
const CARC_NO_AUTHORIZATION = '197';
const CARC_BUNDLED = '97';

export interface SandboxClaimDecision {
  scenario: SandboxScenario;
  /** false: the 277CA rejects the claim. */
  accepted: boolean;
  /** 277CA status composites when rejected (category:code:entity). */
  rejection?: { category: string; code: string; entity?: string };
  /** absent when the payer never answers (NORESP) or the claim was rejected. */
  payment?: ClaimPayment835;
  /** PARTIAL appealed or corrected: the earlier partial payment, reversed (CLP02 22), sent before `payment`. */
  reversal?: ClaimPayment835;
  /** XOVER: the claim the payer forwarded, as the next payer (X12 payer id) adjudicates it. */
  crossover?: { payerId: string; payment: ClaimPayment835 };
}

/** Where XOVER claims cross over to when the claim names no secondary payer (2320 SBR01 S): the sandbox Medicaid. */
export const SANDBOX_CROSSOVER_PAYER_ID = 'SBXMCD1';

/** Corrected claims (frequency 7) are how the sandbox payer recognises an appeal. */
export function isAppealOrCorrection(claim: Claim837P): boolean {
  return claim.frequency === '7';
}

/** A void (frequency 8) of a claim the payer has. */
export function isVoid(claim: Pick<Claim837P, 'frequency'>): boolean {
  return claim.frequency === '8';
}

/** CARC 16 (claim lacks information): the sandbox answers it with MA130, unprocessable, no appeal rights. */
function isUnprocessable(carc: string): boolean {
  return carc === '16';
}

/**
 * The sandbox payer's decision on one claim of an 837P, by the member id's scenario. Paid claims are
 * priced with the physician fee schedule (allowed amount; never more than the charge), the difference
 * is a CO-45 contractual adjustment and the member's share follows the plan (PR-2 coinsurance, PR-3
 * copay). Pure: the reference data, the payer claim number and whether the payer saw this claim
 * before (`resubmission`) are arguments.
 */
export function adjudicateSandboxClaim(claim: Claim837P, ref: RefData, payerClaimNumber: string, resubmission = false): SandboxClaimDecision {
  const scenario = sandboxScenario(claim.subscriber.memberId);
  // REJECT: the first submission is returned for invalid subscriber data; a corrected one goes through.
  if (scenario.kind === 'reject' && !resubmission) {
    return { scenario, accepted: false, rejection: { category: 'A7', code: '164', entity: 'IL' } };
  }
  if (scenario.kind === 'no-response') return { scenario, accepted: true };
  // A void (frequency 8): the payer takes it and cancels its claim; nothing is paid on it.
  if (isVoid(claim)) return { scenario, accepted: true };

  const base = {
    claimId: claim.claimId,
    chargeCents: claim.totalChargeCents,
    filingIndicator: claim.subscriber.claimFilingIndicator,
    payerClaimControlNumber: payerClaimNumber,
    facilityCode: claim.placeOfService,
    frequency: '1',
    adjustments: [],
    references: [],
    amounts: [],
    ...(claim.patient
      ? { patient: { name: claim.patient.name } }
      : { patient: { name: claim.subscriber.name, idQualifier: 'MI', id: claim.subscriber.memberId } }),
  };

  const appealed = isAppealOrCorrection(claim);
  let denialCarc: string | undefined;
  // DENY16: unprocessable (MA130); the claim sent again as a new claim, fixed, is paid.
  if (scenario.kind === 'deny' && !appealed && !(isUnprocessable(scenario.carc) && resubmission)) denialCarc = scenario.carc;
  if (scenario.kind === 'inactive') denialCarc = CARC_COVERAGE_TERMINATED;
  if ((scenario.kind === 'prior-auth-approve' || scenario.kind === 'prior-auth-deny') && !claim.priorAuthorization
    && claim.lines.some((l) => isAdvancedImagingCpt(l.procedureCode)) && !appealed) {
    denialCarc = CARC_NO_AUTHORIZATION;
  }
  if (denialCarc) {
    const lines = claim.lines.map((l) => deniedLine(l, denialCarc!));
    return { scenario, accepted: true, payment: { ...base, status: '4', paidCents: 0, patientResponsibilityCents: 0, lines } };
  }

  const prior = claim.subscriber.payerResponsibility !== 'P' ? claim.otherSubscribers?.find((o) => o.payerResponsibility === 'P') : undefined;
  if (prior) return { scenario, accepted: true, payment: { ...base, ...secondaryPayment(claim, prior.payerId) } };

  const share = planShareFor(claim.payer.payerId);
  const estimate = expectedReimbursement(
    {
      dateOfService: claim.lines[0]?.serviceDate ?? '',
      placeOfService: claim.placeOfService,
      lines: claim.lines.map((l, i) => ({ lineNumber: i + 1, cpt: l.procedureCode, modifiers: l.modifiers, units: Math.max(1, Math.round(l.units)) })),
    },
    ref,
  );
  // PARTIAL: the last line is bundled (CO-97) on a first claim; an appeal or a corrected claim gets it paid.
  const bundledIndex = scenario.kind === 'partial' && !appealed ? claim.lines.length - 1 : -1;
  const payPercent = scenario.kind === 'paid' ? scenario.payPercent : undefined;
  const sequestration = scenario.kind === 'paid' && scenario.sequestration === true;
  let copayLeft = share.copayCents;
  const lines: ServicePayment835[] = claim.lines.map((l, i) => {
    if (i === bundledIndex) return deniedLine(l, CARC_BUNDLED);
    const schedule = estimate.lines.find((e) => e.lineNumber === i + 1)?.allowedCents;
    // PAYPCT<n>: the payer allows n % of the fee schedule.
    const priced = schedule !== undefined && schedule !== null && payPercent !== undefined ? percentOfCents(schedule, payPercent) : schedule;
    const allowed = Math.min(l.chargeCents, priced ?? l.chargeCents);
    const adjustments: Adjustment[] = [];
    if (l.chargeCents > allowed) adjustments.push({ group: 'CO', reason: '45', amountCents: l.chargeCents - allowed });
    const copay = Math.min(copayLeft, allowed);
    copayLeft -= copay;
    const coinsurance = Math.min(allowed - copay, percentOfCents(allowed - copay, share.coinsurancePercent));
    if (coinsurance > 0) adjustments.push({ group: 'PR', reason: '2', amountCents: coinsurance });
    if (copay > 0) adjustments.push({ group: 'PR', reason: '3', amountCents: copay });
    // SEQ: Medicare's sequestration takes 2 % of the payment (CO-253).
    const sequestered = sequestration ? percentOfCents(allowed - copay - coinsurance, SANDBOX_SEQUESTRATION_PERCENT) : 0;
    if (sequestered > 0) adjustments.push({ group: 'CO', reason: '253', amountCents: sequestered });
    return {
      ...lineBase(l),
      paidCents: allowed - copay - coinsurance - sequestered,
      allowedCents: allowed,
      adjustments,
      remarkCodes: [],
    };
  });
  const paidCents = lines.reduce((s, l) => s + l.paidCents, 0);
  const patientResponsibilityCents = patientShareOfLines(lines);
  if (scenario.kind === 'crossover' && patientResponsibilityCents > 0) {
    // CLP02 19: processed as primary, forwarded to the additional payer, which answers under the same claim id.
    const next = claim.otherSubscribers?.find((o) => o.payerResponsibility === 'S')?.payerId ?? SANDBOX_CROSSOVER_PAYER_ID;
    const priorShare = (i: number) => patientShareCents(lines[i]?.adjustments ?? []);
    const forwarded = nextPayerPayment(claim, next, priorShare);
    return {
      scenario,
      accepted: true,
      payment: { ...base, status: '19', paidCents, patientResponsibilityCents, lines },
      crossover: {
        payerId: next,
        payment: { ...base, filingIndicator: seedPayerPolicies().find((p) => p.x12PayerId === next)?.claimFilingIndicatorCode ?? base.filingIndicator, payerClaimControlNumber: `${payerClaimNumber}X`, ...forwarded },
      },
    };
  }
  const payment: ClaimPayment835 = { ...base, status: '1', paidCents, patientResponsibilityCents, lines };
  if (scenario.kind === 'partial' && appealed) {
    // The payer takes back its partial payment and pays the claim as it should have been (reversal and correction).
    const earlier = adjudicateSandboxClaim({ ...claim, frequency: '1' }, ref, payerClaimNumber, resubmission).payment;
    if (earlier) return { scenario, accepted: true, reversal: reversalOf(earlier), payment };
  }
  return { scenario, accepted: true, payment };
}

/** A claim payment taken back: CLP02 22, every amount negated (X12 835 reversal). */
function reversalOf(p: ClaimPayment835): ClaimPayment835 {
  const negate = (a: Adjustment): Adjustment => ({ ...a, amountCents: -a.amountCents });
  return {
    ...p,
    status: '22',
    chargeCents: -p.chargeCents,
    paidCents: -p.paidCents,
    patientResponsibilityCents: -(p.patientResponsibilityCents ?? 0),
    adjustments: p.adjustments.map(negate),
    lines: p.lines.map((l) => ({
      ...l,
      chargeCents: -l.chargeCents,
      paidCents: -l.paidCents,
      ...(l.allowedCents !== undefined ? { allowedCents: -l.allowedCents } : {}),
      adjustments: l.adjustments.map(negate),
    })),
  };
}

/** The member's share in a set of adjustments: their patient-responsibility (PR) amounts. */
function patientShareCents(adjustments: readonly { group: string; amountCents: number }[]): number {
  return adjustments.filter((a) => a.group === 'PR').reduce((t, a) => t + a.amountCents, 0);
}

function patientShareOfLines(lines: readonly ServicePayment835[]): number {
  return lines.reduce((t, l) => t + patientShareCents(l.adjustments), 0);
}

function lineBase(l: Claim837P['lines'][number]) {
  return {
    procedure: { qualifier: 'HC', code: l.procedureCode, modifiers: [...l.modifiers] },
    chargeCents: l.chargeCents,
    units: l.units,
    serviceDate: l.serviceDate,
    ...(l.lineControlNumber ? { lineControlNumber: l.lineControlNumber } : {}),
    references: [],
  };
}

/**
 * A claim billed to this payer as secondary (it carries the primary's adjudication, 2320/2430): the
 * payer pays what the primary left to the patient, less its own coinsurance on it. What the primary
 * settled is OA-23; the member's remaining share PR-2.
 */
function secondaryPayment(claim: Claim837P, priorPayerId: string): Pick<ClaimPayment835, 'status' | 'paidCents' | 'patientResponsibilityCents' | 'lines'> {
  return nextPayerPayment(claim, claim.payer.payerId, (i) => {
    const prior = (claim.lines[i]?.adjudications ?? []).filter((a) => a.payerId === priorPayerId);
    return patientShareCents(prior.flatMap((a) => a.adjustments));
  });
}

/** The next payer (X12 id `payerId`) pays what the prior payer left to the member on each line, less its own coinsurance. */
function nextPayerPayment(claim: Claim837P, payerId: string, priorShare: (lineIndex: number) => number): Pick<ClaimPayment835, 'status' | 'paidCents' | 'patientResponsibilityCents' | 'lines'> {
  const share = planShareFor(payerId);
  const lines: ServicePayment835[] = claim.lines.map((l, i) => {
    const remaining = Math.min(l.chargeCents, priorShare(i));
    const patient = percentOfCents(remaining, share.coinsurancePercent);
    const adjustments: Adjustment[] = [];
    if (l.chargeCents > remaining) adjustments.push({ group: 'OA', reason: '23', amountCents: l.chargeCents - remaining });
    if (patient > 0) adjustments.push({ group: 'PR', reason: '2', amountCents: patient });
    return { ...lineBase(l), paidCents: remaining - patient, allowedCents: remaining, adjustments, remarkCodes: [] };
  });
  return {
    status: '2',
    paidCents: lines.reduce((t, l) => t + l.paidCents, 0),
    patientResponsibilityCents: patientShareOfLines(lines),
    lines,
  };
}

function deniedLine(l: Claim837P['lines'][number], carc: string): ServicePayment835 {
  return {
    ...lineBase(l),
    paidCents: 0,
    adjustments: [{ group: 'CO', reason: carc, amountCents: l.chargeCents }],
    remarkCodes: isUnprocessable(carc) ? ['MA130'] : [],
  };
}
