import type { Db } from '../db/database';
import { asSeenByExam, authorizationsOnFile, recordAuthorizationUse, releaseAuthorizationUse, saveAuthorization } from '../db/repositories/authorizations';
import type { PayerPolicy } from '../domain/policy';
import { matchAuthorization, type AuthMatchResult, type Authorization } from '../domain/prior-auth';
import { patientKeyOf, readExamParties } from './real-time-x12';

export interface AuthorizationLookupInput {
  examId: string;
  /** the exam's payer policy (CPT families decide what an authorization covers) */
  policy: PayerPolicy;
  /** YYYY-MM-DD or an ISO instant: the scheduled date of service */
  dateOfService: string;
  procedures: { cpt: string; units: number }[];
}

export type AuthorizationLookup =
  | { outcome: 'on-file'; authorization: Authorization; reason: string }
  | { outcome: 'none'; reason: string };

/** A short reason for the decision: which authorization, or why none matched (codes, no PHI). */
function lookupReason(result: AuthMatchResult): string {
  if (result.outcome === 'match') {
    const used = result.procedures.map((p) => (p.outcome === 'match' ? `${p.cpt} by ${p.matchedBy}` : p.cpt));
    return `authorization ${[...new Set(result.procedures.map((p) => (p.outcome === 'match' ? p.authNumber : '')))].join(', ')} on file (${used.join(', ')})`;
  }
  const misses = result.procedures.filter((p) => p.outcome === 'no-match');
  return `no authorization on file matched: ${misses.map((p) => (p.outcome === 'no-match' ? `${p.cpt} ${p.reason}` : '')).join('; ')}`.slice(0, 500);
}

/**
 * Authorizations on file for the patient (MRN + payer + member id) across exams: found by CPT or
 * CPT family, date window and units left, and used by an exam once.
 */
export function createAuthorizationActivities({ db }: { db: Db }) {
  /** Uses the units the match consumes; an exam that used them before uses nothing more. */
  async function consume(trx: Db, examId: string, ids: ReadonlyMap<string, number>, result: AuthMatchResult): Promise<void> {
    for (const c of result.consumption) {
      const id = ids.get(c.authNumber);
      if (id !== undefined && c.units > 0) await recordAuthorizationUse(trx, { authorizationId: id, examId, units: c.units });
    }
  }

  return {
    /**
     * Looks for an approved authorization of the patient that covers every ordered procedure on the
     * date of service with units left (units other exams used count; this exam's own do not, so a
     * retry finds the same). A match uses the units at once, under row locks: two exams of the
     * same patient cannot both take the last units.
     */
    async findAuthorizationOnFile(input: AuthorizationLookupInput): Promise<AuthorizationLookup> {
      const parties = await readExamParties(db, input.examId);
      if (!parties) return { outcome: 'none', reason: 'exam-not-recorded' };
      const key = patientKeyOf(parties);
      return db.transaction().execute(async (tx) => {
        const trx = tx as unknown as Db;
        const onFile = await authorizationsOnFile(trx, key, input.policy.id, { lock: true });
        if (onFile.length === 0) return { outcome: 'none' as const, reason: 'no authorization on file for this patient and payer' };
        const seen = onFile.map((a) => asSeenByExam(a, input.examId));
        const result = matchAuthorization(input.policy, seen, { payerId: input.policy.id, dateOfService: input.dateOfService, procedures: input.procedures });
        if (result.outcome !== 'match') return { outcome: 'none' as const, reason: lookupReason(result) };
        await consume(trx, input.examId, new Map(onFile.map((a) => [a.authorization.authNumber, a.id])), result);
        const first = result.procedures[0];
        const chosen = seen.find((a) => first?.outcome === 'match' && a.authNumber === first.authNumber) ?? seen[0]!;
        return { outcome: 'on-file' as const, authorization: chosen, reason: lookupReason(result) };
      });
    },

    /**
     * An authorization for the exam (a 278 approval, staff's `approved`, an updated authorization):
     * kept on file for the patient, and the exam uses its units for the ordered procedures it
     * covers, once. Returns whether it is on file and the units this exam uses. A 278 approval is
     * already on file (source 278) when this runs; anything new comes from staff.
     */
    async recordAuthorization(input: AuthorizationLookupInput & { authorization: Authorization; source?: '278' | 'staff' }): Promise<{ recorded: boolean; unitsUsed: number }> {
      const parties = await readExamParties(db, input.examId);
      if (!parties) return { recorded: false, unitsUsed: 0 };
      const key = patientKeyOf(parties);
      return db.transaction().execute(async (tx) => {
        const trx = tx as unknown as Db;
        const id = await saveAuthorization(trx, { patientKey: key, authorization: input.authorization, source: input.source ?? 'staff', examId: input.examId });
        if (id === null) return { recorded: false, unitsUsed: 0 };
        // This authorization's row only (the lookup locks a patient's rows in id order: no deadlock).
        await trx.selectFrom('prior_authorizations').select('id').where('id', '=', id).forUpdate().execute();
        const onFile = (await authorizationsOnFile(trx, key, input.authorization.payerId)).find((a) => a.id === id);
        if (!onFile) return { recorded: false, unitsUsed: 0 };
        const mine = onFile.uses.find((u) => u.examId === input.examId);
        if (mine) return { recorded: true, unitsUsed: mine.units };
        // Only the procedures this authorization covers use its units; none when they do not fit it.
        const seen = asSeenByExam(onFile, input.examId);
        const covered = input.procedures
          .map((p) => ({ p, r: matchAuthorization(input.policy, [seen], { payerId: seen.payerId, dateOfService: input.dateOfService, procedures: [p] }) }))
          .filter((x) => x.r.outcome === 'match')
          .map((x) => x.p);
        if (covered.length === 0) return { recorded: true, unitsUsed: 0 };
        const result = matchAuthorization(input.policy, [seen], { payerId: seen.payerId, dateOfService: input.dateOfService, procedures: covered });
        await consume(trx, input.examId, new Map([[seen.authNumber, id]]), result);
        return { recorded: true, unitsUsed: result.consumption.reduce((s, c) => s + c.units, 0) };
      });
    },

    /**
     * The exam was cancelled before it was performed: the units it used of authorizations on file
     * are given back for the patient's next exam. Idempotent: a retry releases nothing more.
     */
    async releaseAuthorizationUse(input: { examId: string }): Promise<{ unitsReleased: number }> {
      return { unitsReleased: await releaseAuthorizationUse(db, input.examId) };
    },
  };
}
