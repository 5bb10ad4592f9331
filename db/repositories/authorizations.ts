import { sql } from 'kysely';
import type { Authorization } from '../../domain/prior-auth';
import type { Db } from '../database';

/** An authorization on file with its row id and the units each exam has used of it. */
export interface AuthorizationOnFile {
  id: number;
  authorization: Omit<Authorization, 'unitsUsed'>;
  source: '278' | 'staff';
  uses: { examId: string; units: number }[];
}

/**
 * Records an authorization for a patient (`patientKey`); the same payer and number again changes
 * nothing unless it comes for the same patient with other terms (an updated authorization), which
 * replace the stored ones. Returns the row id, or null when the number belongs to another patient.
 */
export async function saveAuthorization(
  db: Db,
  input: { patientKey: string; authorization: Authorization; source: '278' | 'staff'; examId: string; documentId?: string | null },
): Promise<number | null> {
  const a = input.authorization;
  const values = {
    payer_id: a.payerId,
    auth_number: a.authNumber,
    patient_key: input.patientKey,
    cpts: a.cpts,
    cpt_family: a.cptFamily ?? null,
    units_authorized: a.unitsAuthorized,
    valid_from: a.validFrom,
    valid_to: a.validTo,
    status: a.status,
    source: input.source,
    source_exam_id: input.examId,
    document_id: input.documentId ?? null,
  };
  await db
    .insertInto('prior_authorizations')
    .values(values)
    .onConflict((oc) =>
      oc
        .columns(['payer_id', 'auth_number'])
        .doUpdateSet({
          cpts: (eb) => eb.ref('excluded.cpts'),
          cpt_family: (eb) => eb.ref('excluded.cpt_family'),
          units_authorized: (eb) => eb.ref('excluded.units_authorized'),
          valid_from: (eb) => eb.ref('excluded.valid_from'),
          valid_to: (eb) => eb.ref('excluded.valid_to'),
          status: (eb) => eb.ref('excluded.status'),
          updated_at: sql`now()`,
        })
        .where('prior_authorizations.patient_key', '=', input.patientKey)
        .where(sql<boolean>`(prior_authorizations.cpts, prior_authorizations.cpt_family, prior_authorizations.units_authorized, prior_authorizations.valid_from, prior_authorizations.valid_to, prior_authorizations.status)
          is distinct from (excluded.cpts, excluded.cpt_family, excluded.units_authorized, excluded.valid_from, excluded.valid_to, excluded.status)`),
    )
    .execute();
  const row = await db
    .selectFrom('prior_authorizations')
    .select(['id', 'patient_key'])
    .where('payer_id', '=', a.payerId)
    .where('auth_number', '=', a.authNumber)
    .executeTakeFirst();
  return row && row.patient_key === input.patientKey ? Number(row.id) : null;
}

/**
 * The patient's authorizations from a payer with their uses. `lock` takes row locks (inside a
 * transaction) so that two exams of the same patient cannot use the same last units.
 */
export async function authorizationsOnFile(db: Db, patientKey: string, payerId: string, opts: { lock?: boolean } = {}): Promise<AuthorizationOnFile[]> {
  let query = db
    .selectFrom('prior_authorizations')
    .select([
      'id', 'payer_id', 'auth_number', 'cpts', 'cpt_family', 'units_authorized', 'status', 'source',
      sql<string>`to_char(valid_from, 'YYYY-MM-DD')`.as('valid_from'),
      sql<string>`to_char(valid_to, 'YYYY-MM-DD')`.as('valid_to'),
    ])
    .where('patient_key', '=', patientKey)
    .where('payer_id', '=', payerId)
    .orderBy('id');
  if (opts.lock) query = query.forUpdate();
  const rows = await query.execute();
  if (rows.length === 0) return [];
  const uses = await db
    .selectFrom('prior_authorization_uses')
    .select(['authorization_id', 'exam_id', 'units'])
    .where('authorization_id', 'in', rows.map((r) => r.id))
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    source: r.source,
    authorization: {
      authNumber: r.auth_number,
      payerId: r.payer_id,
      cpts: r.cpts,
      ...(r.cpt_family ? { cptFamily: r.cpt_family } : {}),
      unitsAuthorized: r.units_authorized,
      validFrom: r.valid_from,
      validTo: r.valid_to,
      status: r.status,
    },
    uses: uses.filter((u) => Number(u.authorization_id) === Number(r.id)).map((u) => ({ examId: u.exam_id, units: u.units })),
  }));
}

/** The authorization as one exam sees it: units used by every other exam. */
export function asSeenByExam(onFile: AuthorizationOnFile, examId: string): Authorization {
  const unitsUsed = onFile.uses.filter((u) => u.examId !== examId).reduce((s, u) => s + u.units, 0);
  return { ...onFile.authorization, unitsUsed };
}

/** An exam uses units of an authorization, once: a second call for the same exam changes nothing. */
export async function recordAuthorizationUse(db: Db, input: { authorizationId: number; examId: string; units: number }): Promise<void> {
  await db
    .insertInto('prior_authorization_uses')
    .values({ authorization_id: input.authorizationId, exam_id: input.examId, units: input.units })
    .onConflict((oc) => oc.columns(['authorization_id', 'exam_id']).doNothing())
    .execute();
}

/**
 * Gives back the units an exam used (a cancelled exam that was not performed): its use rows go,
 * so the patient's next exam finds them. Returns the units released; a second call releases none.
 */
export async function releaseAuthorizationUse(db: Db, examId: string): Promise<number> {
  const removed = await db.deleteFrom('prior_authorization_uses').where('exam_id', '=', examId).returning('units').execute();
  return removed.reduce((s, r) => s + r.units, 0);
}
