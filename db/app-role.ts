import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from './database';

/** The group role the audit-protection migration grants to: DML on every table, INSERT and SELECT only on the audit trail. */
export const APP_GROUP_ROLE = 'rcm_app';

/** The login the processes of `npm start` connect as (a member of `rcm_app`, never an owner). */
export const EMBEDDED_APP_LOGIN = 'rcm_app_login';

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Creates (or gives a new password to) a login role that is a member of `rcm_app` and nothing else: the
 * connection the API, worker and HL7 listener use when the engine runs its own PostgreSQL. Run by the owner
 * (a role that may create roles) after the migrations. The password is generated here, used for this run only.
 */
export async function ensureAppLogin(owner: Db, login = EMBEDDED_APP_LOGIN): Promise<{ user: string; password: string }> {
  if (!ROLE_NAME.test(login)) throw new Error('the application login must be a plain role name');
  const password = randomBytes(24).toString('hex');
  const exists = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_roles WHERE rolname = ${login}`.execute(owner);
  const verb = exists.rows[0]!.n > 0 ? 'ALTER' : 'CREATE';
  // A role name and a password cannot be bind parameters: both are checked to hold only safe characters.
  await sql.raw(`${verb} ROLE ${login} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT PASSWORD '${password}'`).execute(owner);
  await sql.raw(`GRANT ${APP_GROUP_ROLE} TO ${login}`).execute(owner);
  return { user: login, password };
}

/** The URL of `url`'s server and database, as another user. */
export function urlAs(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.toString();
}
