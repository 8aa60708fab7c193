import { INTERNAL_IDENTITY_HEADER, signInternalIdentity, type Identity, type Role } from '@zhiyuan/auth';

/** The development default of INTERNAL_AUTH_SECRET, used by services started in tests. */
export const TEST_INTERNAL_SECRET = 'development-internal-secret-change-me-0000';

export function identity(roles: Role[], extra: Partial<Identity> = {}): Identity {
  return {
    sub: `test-${roles.join('-') || 'anon'}`,
    roles,
    divisionCode: null,
    department: null,
    partyId: null,
    ip: '127.0.0.1',
    ...extra,
  };
}

export const ADMIN = identity(['ADMIN']);

export interface GqlResult<T> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

/** Posts a GraphQL operation; with an identity, signs it as the gateway would (for direct subgraph tests). */
export async function gqlRequest<T = any>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  who?: Identity,
  headers: Record<string, string> = {},
): Promise<GqlResult<T>> {
  const h: Record<string, string> = { 'content-type': 'application/json', ...headers };
  if (who) h[INTERNAL_IDENTITY_HEADER] = await signInternalIdentity(who, TEST_INTERNAL_SECRET);
  const res = await fetch(url, { method: 'POST', headers: h, body: JSON.stringify({ query, variables }) });
  const body = (await res.json().catch(() => ({}))) as Omit<GqlResult<T>, 'status'>;
  return { status: res.status, ...body };
}
