import { useSyncExternalStore } from 'react';

export const ROLES = ['front_desk', 'coder', 'biller', 'supervisor', 'admin', 'integration'] as const;
export type Role = (typeof ROLES)[number];
export const STAFF: readonly Role[] = ['front_desk', 'coder', 'biller', 'supervisor'];

export interface Session {
  token: string;
  sub: string;
  roles: Role[];
  /** seconds since the epoch */
  expiresAt?: number;
  via: 'token' | 'oidc';
}

export interface ConsoleConfig {
  oidc: { issuer: string; clientId: string; scope: string } | null;
  timeZones: Record<string, string>;
  defaultTimeZone: string | null;
  /** where the token carries the roles (JWT_ROLES_CLAIM): a claim name or a dotted path */
  rolesClaim: string;
}

/** The bearer token lives in this tab only: memory, and sessionStorage so a reload keeps the session. */
const STORAGE_KEY = 'rcm.console.session';
const OIDC_KEY = 'rcm.console.oidc';
let session: Session | null = null;
let rolesClaim = 'roles';
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

function b64urlDecode(part: string): string {
  const b64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** The value at a claim name or dotted path (`realm_access.roles`), as the API reads roles. */
function claimAt(payload: Record<string, unknown>, path: string): unknown {
  if (path in payload) return payload[path];
  let value: unknown = payload;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/**
 * What the console shows depends on the token's roles; the API checks them on every request (this is
 * only what the navigation offers). The signature is the API's to verify.
 */
export function readToken(token: string, via: Session['via']): Session {
  const parts = token.trim().split('.');
  if (parts.length !== 3) throw new Error('This is not a bearer token (a JWT has three parts separated by dots).');
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(b64urlDecode(parts[1]!)) as Record<string, unknown>;
  } catch {
    throw new Error('This token cannot be read. Paste the whole token, without "Bearer".');
  }
  if (typeof payload.sub !== 'string') throw new Error('This token names no user (no "sub").');
  const exp = typeof payload.exp === 'number' ? payload.exp : undefined;
  if (exp !== undefined && exp * 1000 < Date.now()) throw new Error('This token has expired. Ask for a new one (npm start prints development tokens).');
  const claimed = claimAt(payload, rolesClaim);
  const roles = Array.isArray(claimed) ? claimed.filter((r): r is Role => (ROLES as readonly unknown[]).includes(r)) : [];
  return { token: token.trim(), sub: payload.sub, roles, ...(exp !== undefined ? { expiresAt: exp } : {}), via };
}

export function restoreSession(): void {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return;
    const saved = JSON.parse(raw) as { token: string; via: Session['via'] };
    session = readToken(saved.token, saved.via);
  } catch {
    sessionStorage.removeItem(STORAGE_KEY);
    session = null;
  }
}

/** The claim the API reads roles from: the session is read again with it. */
export function setRolesClaim(claim: string): void {
  if (claim === rolesClaim) return;
  rolesClaim = claim;
  if (session) {
    try {
      session = readToken(session.token, session.via);
    } catch {
      session = null;
    }
    emit();
  }
}

export function signIn(token: string, via: Session['via'] = 'token'): Session {
  const next = readToken(token, via);
  session = next;
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ token: next.token, via }));
  emit();
  return next;
}

/** Sign-out forgets the token everywhere the console kept it. */
export function signOut(): void {
  session = null;
  sessionStorage.removeItem(STORAGE_KEY);
  sessionStorage.removeItem(OIDC_KEY);
  emit();
}

export const getToken = (): string | undefined => session?.token;

export function useSession(): Session | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => session,
  );
}

export const hasAny = (s: Session | null, roles: readonly Role[]): boolean => Boolean(s?.roles.some((r) => roles.includes(r)));

// ---- OpenID Connect: authorization code with PKCE (S256), a public client; the code, never a token, is in a URL.

function randomString(bytes = 32): string {
  const a = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...a)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
async function challengeOf(verifier: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  return btoa(String.fromCharCode(...digest)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
}
async function discover(issuer: string): Promise<Discovery> {
  const res = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!res.ok) throw new Error(`The sign-in service did not answer (${res.status}). Try again, or paste a token.`);
  return (await res.json()) as Discovery;
}
export const redirectUri = (): string => `${window.location.origin}/console/callback`;

export async function startOidc(oidc: NonNullable<ConsoleConfig['oidc']>): Promise<void> {
  const d = await discover(oidc.issuer);
  const verifier = randomString(48);
  const state = randomString(16);
  sessionStorage.setItem(OIDC_KEY, JSON.stringify({ verifier, state, tokenEndpoint: d.token_endpoint }));
  const url = new URL(d.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: oidc.clientId,
    redirect_uri: redirectUri(),
    scope: oidc.scope,
    state,
    code_challenge: await challengeOf(verifier),
    code_challenge_method: 'S256',
  }).toString();
  window.location.assign(url.toString());
}

/** Back from the issuer at /console/callback: the code is exchanged for the token, then removed from the address bar. */
export async function finishOidc(oidc: NonNullable<ConsoleConfig['oidc']>): Promise<Session> {
  const params = new URLSearchParams(window.location.search);
  window.history.replaceState(null, '', '/console/');
  const saved = JSON.parse(sessionStorage.getItem(OIDC_KEY) ?? 'null') as { verifier: string; state: string; tokenEndpoint: string } | null;
  sessionStorage.removeItem(OIDC_KEY);
  if (params.get('error')) throw new Error(`The sign-in service refused: ${params.get('error_description') ?? params.get('error')}`);
  const code = params.get('code');
  if (!saved || !code || params.get('state') !== saved.state) throw new Error('This sign-in was not started here (or was already used). Sign in again.');
  const res = await fetch(saved.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri(), client_id: oidc.clientId, code_verifier: saved.verifier }).toString(),
  });
  if (!res.ok) throw new Error(`The sign-in service did not give a token (${res.status}). Sign in again.`);
  const body = (await res.json()) as { access_token?: string };
  if (!body.access_token) throw new Error('The sign-in service gave no access token.');
  return signIn(body.access_token, 'oidc');
}
