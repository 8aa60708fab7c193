/**
 * Who is signed in: a bearer token kept for the browser session. A party signs in with an SMS code
 * (`signIn(phone, code)`), which also gives a refresh token kept beside the access token; staff paste a
 * token from the configured issuer; in development the role picker asks the gateway for the demo tokens
 * (DEV_TOKENS_PATH). The token's claims decide which pages the console offers; the graph decides what
 * they show.
 */
import { useSyncExternalStore } from 'react';

export type Role =
  | 'ADMIN'
  | 'JUDGE'
  | 'ENFORCEMENT_OFFICER'
  | 'TOWNSHIP_LIAISON'
  | 'VILLAGE_CADRE'
  | 'COUNTY_DEPARTMENT'
  | 'PARTNER'
  | 'PARTY';

export interface Session {
  token: string;
  sub: string;
  roles: Role[];
  divisionCode: string | null;
  partyId: string | null;
  /** When the access token expires (ms since the epoch), or null when it does not say. */
  expiresAt: number | null;
}

export const DEV_TOKENS_PATH = '/console/dev-tokens';
const KEY = 'zhiyuan.session';
const REFRESH_KEY = 'zhiyuan.refresh';
const listeners = new Set<() => void>();

function decode(token: string): Session | null {
  try {
    const part = token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(part), (c) => c.charCodeAt(0)));
    const claims = JSON.parse(json) as Partial<Session> & { exp?: number };
    if (claims.exp && claims.exp * 1000 < Date.now()) return null;
    return {
      token,
      sub: String(claims.sub ?? ''),
      roles: (claims.roles ?? []) as Role[],
      divisionCode: claims.divisionCode ?? null,
      partyId: claims.partyId ?? null,
      expiresAt: claims.exp ? claims.exp * 1000 : null,
    };
  } catch {
    return null;
  }
}

let cached: { raw: string | null; session: Session | null } = { raw: null, session: null };

export function currentSession(): Session | null {
  const raw = sessionStorage.getItem(KEY);
  if (raw !== cached.raw) cached = { raw, session: raw ? decode(raw) : null };
  return cached.session;
}

export function currentToken(): string | null {
  return currentSession()?.token ?? null;
}

/** The party session's refresh token, when a party signed in by SMS code. */
export function currentRefreshToken(): string | null {
  return sessionStorage.getItem(REFRESH_KEY);
}

/**
 * Keeps a token that decodes to a session (with the refresh token of a party session); false for one
 * that does not.
 */
export function signIn(token: string, refreshToken?: string): boolean {
  const session = decode(token.trim());
  if (!session) return false;
  sessionStorage.setItem(KEY, session.token);
  if (refreshToken) sessionStorage.setItem(REFRESH_KEY, refreshToken);
  else sessionStorage.removeItem(REFRESH_KEY);
  listeners.forEach((l) => l());
  return true;
}

/** Forgets the tokens here; ending a party session on the server is party-session.ts's `endSession`. */
export function signOut(): void {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(REFRESH_KEY);
  listeners.forEach((l) => l());
}

export function useSession(): Session | null {
  return useSyncExternalStore((l) => {
    listeners.add(l);
    return () => listeners.delete(l);
  }, currentSession);
}

/** The county's read models (metrics): admin and judge. */
export const COUNTY_READERS: Role[] = ['ADMIN', 'JUDGE'];
export const WORKBENCH_ROLES: Role[] = ['ENFORCEMENT_OFFICER', 'TOWNSHIP_LIAISON', 'VILLAGE_CADRE'];
/**
 * The cockpit: the county's readers, the township and village teams for their own division, and a
 * county department for the county's aggregate figures (no warnings).
 */
export const COCKPIT_ROLES: Role[] = [...COUNTY_READERS, ...WORKBENCH_ROLES, 'COUNTY_DEPARTMENT'];
/** A county department works the tasks assigned to it (and reads the county's cockpit figures). */
export const TASK_ROLES: Role[] = [...WORKBENCH_ROLES, 'COUNTY_DEPARTMENT'];

export function hasRole(session: Session | null, roles: Role[]): boolean {
  return !!session?.roles.some((r) => roles.includes(r));
}

/** The page a role starts on. */
export function homeOf(session: Session | null): string {
  if (!session) return '/board';
  if (hasRole(session, COUNTY_READERS)) return '/cockpit';
  if (hasRole(session, TASK_ROLES)) return '/workbench';
  if (hasRole(session, ['PARTY'])) return '/portal';
  return '/board';
}
