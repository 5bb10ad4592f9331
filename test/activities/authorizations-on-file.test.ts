import { createAuthorizationActivities } from '../../activities/authorizations-on-file';
import { seedPayerPolicy } from '../../domain/policy';
import type { Authorization } from '../../domain/prior-auth';
import { type TestDatabase, createTestDatabase } from '../support/test-env';
import { insertExamFor } from './real-time-fixture';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

const advantage = seedPayerPolicy('medicare-advantage');
const medicaid = seedPayerPolicy('medicaid');

function auth(overrides: Partial<Authorization> = {}): Authorization {
  return { authNumber: 'AUTH-2U', payerId: 'medicare-advantage', cpts: ['72148'], unitsAuthorized: 2, unitsUsed: 0, validFrom: '2026-11-20', validTo: '2027-01-20', status: 'approved', ...overrides };
}

const lookup = (examId: string, overrides: { cpt?: string; dateOfService?: string; policy?: typeof advantage; units?: number } = {}) => ({
  examId,
  policy: overrides.policy ?? advantage,
  dateOfService: overrides.dateOfService ?? '2026-11-25T14:00:00Z',
  procedures: [{ cpt: overrides.cpt ?? '72148', units: overrides.units ?? 1 }],
});

async function uses(authNumber: string) {
  return database.db
    .selectFrom('prior_authorization_uses')
    .innerJoin('prior_authorizations', 'prior_authorizations.id', 'prior_authorization_uses.authorization_id')
    .select(['prior_authorization_uses.exam_id', 'prior_authorization_uses.units'])
    .where('prior_authorizations.auth_number', '=', authNumber)
    .orderBy('prior_authorization_uses.created_at')
    .execute();
}

describe('authorizations on file', () => {
  it('a staff approval is kept for the patient: the next exams use its units, each once, until none are left', async () => {
    const { db } = database;
    const a = createAuthorizationActivities({ db });
    const patient = { payerId: 'medicare-advantage', memberId: 'MA-5001', mrn: 'MRN-5001' };
    const first = await insertExamFor(db, patient);
    expect(await a.recordAuthorization({ ...lookup(first), authorization: auth() })).toEqual({ recorded: true, unitsUsed: 1 });
    // Replayed: nothing more is used.
    expect(await a.recordAuthorization({ ...lookup(first), authorization: auth() })).toEqual({ recorded: true, unitsUsed: 1 });

    const second = await insertExamFor(db, patient);
    const found = await a.findAuthorizationOnFile(lookup(second));
    expect(found).toMatchObject({ outcome: 'on-file', authorization: { authNumber: 'AUTH-2U', unitsUsed: 1, unitsAuthorized: 2 } });
    expect(found.reason).toContain('AUTH-2U');
    // A retry of the same lookup finds the same authorization and uses nothing more.
    expect(await a.findAuthorizationOnFile(lookup(second))).toMatchObject({ outcome: 'on-file', authorization: { unitsUsed: 1 } });
    expect(await a.recordAuthorization({ ...lookup(second), authorization: auth({ unitsUsed: 1 }) })).toEqual({ recorded: true, unitsUsed: 1 });
    expect(await uses('AUTH-2U')).toEqual([{ exam_id: first, units: 1 }, { exam_id: second, units: 1 }]);

    const third = await insertExamFor(db, patient);
    const none = await a.findAuthorizationOnFile(lookup(third));
    expect(none).toEqual({ outcome: 'none', reason: 'no authorization on file matched: 72148 units-exhausted' });
    expect(await uses('AUTH-2U')).toHaveLength(2);
  });

  it('matches only the same patient, CPT and date window, and says why not', async () => {
    const { db } = database;
    const a = createAuthorizationActivities({ db });
    const patient = { payerId: 'medicare-advantage', memberId: 'MA-6001', mrn: 'MRN-6001' };
    const owner = await insertExamFor(db, patient);
    await a.recordAuthorization({ ...lookup(owner), authorization: auth({ authNumber: 'AUTH-6', unitsAuthorized: 5 }) });

    const otherPatient = await insertExamFor(db, { ...patient, mrn: 'MRN-6002' });
    expect(await a.findAuthorizationOnFile(lookup(otherPatient))).toEqual({ outcome: 'none', reason: 'no authorization on file for this patient and payer' });
    const otherMember = await insertExamFor(db, { ...patient, memberId: 'MA-6009' });
    expect((await a.findAuthorizationOnFile(lookup(otherMember))).outcome).toBe('none');

    const exam = await insertExamFor(db, patient);
    expect(await a.findAuthorizationOnFile(lookup(exam, { cpt: '72149' }))).toMatchObject({ outcome: 'none', reason: expect.stringContaining('72149 wrong-cpt') });
    expect(await a.findAuthorizationOnFile(lookup(exam, { dateOfService: '2027-03-01' }))).toMatchObject({ outcome: 'none', reason: expect.stringContaining('outside-window') });
    expect(await a.findAuthorizationOnFile(lookup(exam, { units: 6 }))).toMatchObject({ outcome: 'none', reason: expect.stringContaining('units-exhausted') });
    expect(await uses('AUTH-6')).toEqual([{ exam_id: owner, units: 1 }]);
  });

  it('a payer that matches within a CPT family takes the family member on file', async () => {
    const { db } = database;
    const a = createAuthorizationActivities({ db });
    const patient = { payerId: 'medicaid', memberId: 'MCD-1', mrn: 'MRN-7001' };
    const owner = await insertExamFor(db, patient);
    await a.recordAuthorization({ ...lookup(owner, { policy: medicaid }), authorization: auth({ authNumber: 'AUTH-FAM', payerId: 'medicaid', unitsAuthorized: 3 }) });
    const exam = await insertExamFor(db, patient);
    const found = await a.findAuthorizationOnFile(lookup(exam, { policy: medicaid, cpt: '72158' }));
    expect(found).toMatchObject({ outcome: 'on-file', authorization: { authNumber: 'AUTH-FAM' }, reason: expect.stringContaining('72158 by family') });
  });

  it('two exams racing for the last unit: one gets it', async () => {
    const { db } = database;
    const a = createAuthorizationActivities({ db });
    const patient = { payerId: 'medicare-advantage', memberId: 'MA-8001', mrn: 'MRN-8001' };
    const owner = await insertExamFor(db, patient);
    await a.recordAuthorization({ ...lookup(owner), authorization: auth({ authNumber: 'AUTH-LAST', unitsAuthorized: 2 }) });
    const [x, y] = [await insertExamFor(db, patient), await insertExamFor(db, patient)];
    const results = await Promise.all([a.findAuthorizationOnFile(lookup(x)), a.findAuthorizationOnFile(lookup(y))]);
    expect(results.map((r) => r.outcome).sort()).toEqual(['none', 'on-file']);
    expect(await uses('AUTH-LAST')).toHaveLength(2);
  });

  it('an authorization number of another patient is not taken over', async () => {
    const { db } = database;
    const a = createAuthorizationActivities({ db });
    const one = await insertExamFor(db, { payerId: 'medicare-advantage', memberId: 'MA-9001', mrn: 'MRN-9001' });
    const two = await insertExamFor(db, { payerId: 'medicare-advantage', memberId: 'MA-9002', mrn: 'MRN-9002' });
    expect((await a.recordAuthorization({ ...lookup(one), authorization: auth({ authNumber: 'AUTH-DUP' }) })).recorded).toBe(true);
    expect(await a.recordAuthorization({ ...lookup(two), authorization: auth({ authNumber: 'AUTH-DUP', unitsAuthorized: 9 }) })).toEqual({ recorded: false, unitsUsed: 0 });
    const row = await db.selectFrom('prior_authorizations').select(['units_authorized', 'source_exam_id']).where('auth_number', '=', 'AUTH-DUP').executeTakeFirstOrThrow();
    expect(row).toEqual({ units_authorized: 2, source_exam_id: one });
  });
});
