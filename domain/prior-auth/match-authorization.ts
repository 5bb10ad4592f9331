import { calendarDate, type PayerPolicy } from '../policy';
import type { Authorization } from './authorization';
import { authorizationCovers } from './authorization-coverage';

export type AuthNoMatchReason =
  | 'no-authorization-on-file'
  | 'wrong-cpt'
  | 'outside-window'
  | 'units-exhausted'
  | 'expired'
  | 'not-approved';

export interface AuthCandidateFailure {
  authNumber: string;
  reasons: AuthNoMatchReason[];
}

export type ProcedureAuthMatch =
  | { cpt: string; units: number; outcome: 'match'; authNumber: string; matchedBy: 'cpt' | 'family'; unitsConsumed: number }
  | { cpt: string; units: number; outcome: 'no-match'; reason: AuthNoMatchReason; explanation: string; candidates: AuthCandidateFailure[] };

export interface AuthMatchResult {
  outcome: 'match' | 'no-match';
  procedures: ProcedureAuthMatch[];
  /** Units each authorization would use up if the procedures are billed as they are. */
  consumption: { authNumber: string; units: number }[];
}

export interface AuthMatchRequest {
  payerId: string;
  /** YYYY-MM-DD or ISO instant; the calendar date is used. */
  dateOfService: string;
  procedures: readonly { cpt: string; units?: number }[];
}

const EXPLANATIONS: Record<AuthNoMatchReason, string> = {
  'no-authorization-on-file': 'no authorization from this payer is on file',
  'wrong-cpt': 'no authorization on file covers this procedure code',
  'outside-window': 'the date of service is outside the authorization dates',
  'units-exhausted': 'the authorization has no units left for this procedure',
  expired: 'the authorization has expired',
  'not-approved': 'the authorization is not approved (pending, denied or cancelled)',
};

/** Failure reasons in the order staff should act on them for an authorization that covers the code. */
const FAILURE_ORDER: readonly AuthNoMatchReason[] = ['expired', 'not-approved', 'outside-window', 'units-exhausted'];

/**
 * Finds, for each procedure, the authorization on file that covers it on the date of service with
 * units left: exact code before family, then the one expiring first. Units consumed by earlier
 * procedures of the same request count against later ones.
 */
export function matchAuthorization(policy: PayerPolicy, authorizations: readonly Authorization[], request: AuthMatchRequest): AuthMatchResult {
  const dos = calendarDate(request.dateOfService);
  const consumed = new Map<string, number>();
  const fromPayer = authorizations.filter((a) => a.payerId === request.payerId);

  const procedures = request.procedures.map(({ cpt, units: requested }): ProcedureAuthMatch => {
    const units = requested ?? 1;
    const evaluated = fromPayer.map((auth) => {
      const covers = authorizationCovers(policy, auth, cpt);
      const reasons: AuthNoMatchReason[] = [];
      if (covers === null) reasons.push('wrong-cpt');
      if (auth.status === 'expired') reasons.push('expired');
      else if (auth.status !== 'approved') reasons.push('not-approved');
      if (dos < auth.validFrom || dos > auth.validTo) reasons.push('outside-window');
      const left = auth.unitsAuthorized - auth.unitsUsed - (consumed.get(auth.authNumber) ?? 0);
      if (left < units) reasons.push('units-exhausted');
      return { auth, covers, reasons };
    });

    const passing = evaluated
      .filter((e) => e.reasons.length === 0)
      .sort(
        (a, b) =>
          (a.covers === 'cpt' ? 0 : 1) - (b.covers === 'cpt' ? 0 : 1) ||
          a.auth.validTo.localeCompare(b.auth.validTo) ||
          a.auth.authNumber.localeCompare(b.auth.authNumber),
      );
    const chosen = passing[0];
    if (chosen && chosen.covers !== null) {
      consumed.set(chosen.auth.authNumber, (consumed.get(chosen.auth.authNumber) ?? 0) + units);
      return { cpt, units, outcome: 'match', authNumber: chosen.auth.authNumber, matchedBy: chosen.covers, unitsConsumed: units };
    }

    const candidates = evaluated.map((e) => ({ authNumber: e.auth.authNumber, reasons: e.reasons }));
    let reason: AuthNoMatchReason;
    if (evaluated.length === 0) reason = 'no-authorization-on-file';
    else {
      const covering = evaluated.filter((e) => e.covers !== null).sort((a, b) => a.reasons.length - b.reasons.length);
      const closest = covering[0];
      reason = closest ? FAILURE_ORDER.find((r) => closest.reasons.includes(r)) ?? 'wrong-cpt' : 'wrong-cpt';
    }
    return { cpt, units, outcome: 'no-match', reason, explanation: EXPLANATIONS[reason], candidates };
  });

  return {
    outcome: procedures.every((p) => p.outcome === 'match') ? 'match' : 'no-match',
    procedures,
    consumption: [...consumed.entries()].map(([authNumber, units]) => ({ authNumber, units })),
  };
}
