/**
 * Who is signed in: a bearer token kept for the browser session. In development the role picker asks
 * the gateway for the demo tokens (DEV_TOKENS_PATH); in production the user pastes a token from the
 * configured issuer. The token's claims decide which pages the console offers; the graph decides what
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
}

export const DEV_TOKENS_PATH = '/console/dev-tokens';
const KEY = 'zhiyuan.session';
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

/** Keeps a token that decodes to a session; false for one that does not. */
export function signIn(token: string): boolean {
  const session = decode(token.trim());
  if (!session) return false;
  sessionStorage.setItem(KEY, session.token);
  listeners.forEach((l) => l());
  return true;
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
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
/** The cockpit: the county's readers, and the township and village teams for their own division. */
export const COCKPIT_ROLES: Role[] = [...COUNTY_READERS, ...WORKBENCH_ROLES];
/** A county department works the tasks assigned to it (it reads no cockpit figures). */
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
