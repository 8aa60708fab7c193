import { parse } from 'graphql';
import {
  BOUND_TTL_SECONDS,
  INTERNAL_IDENTITY_HEADER,
  signInternalIdentity,
  signInternalRequest,
  type Identity,
} from '@zhiyuan/auth';
import { silentLogger } from '@zhiyuan/testing';
import { startSubgraphServer, type RunningServer } from './server';

const secret = 'a-test-secret-that-is-long-enough-000000';
const admin: Identity = {
  sub: 'admin',
  roles: ['ADMIN'],
  divisionCode: null,
  department: null,
  partyId: null,
  ip: '127.0.0.1',
};
const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { whoami: String }
`);

/** The signed identity is bound to its request: a captured header opens no other request, and only for seconds. */
describe.each([
  ['production', false],
  ['development', true],
])('internal identity on a subgraph (%s)', (_env, development) => {
  let server: RunningServer;
  let resolved = 0;
  beforeAll(async () => {
    server = await startSubgraphServer({
      name: 'toy',
      typeDefs,
      resolvers: {
        Query: {
          whoami: (_p: unknown, _a: unknown, ctx: { identity: Identity }) => (resolved++, ctx.identity.sub),
        },
      } as never,
      port: 0,
      internalSecret: secret,
      context: (identity) => ({ identity }),
      ready: async () => ({}),
      logger: silentLogger,
      development,
    });
  });
  afterAll(() => server.stop());

  const body = JSON.stringify({ query: '{ whoami }' });
  const post = async (token: string | undefined, sent = body) => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { [INTERNAL_IDENTITY_HEADER]: token } : {}),
      },
      body: sent,
    });
    return {
      status: res.status,
      body: (await res.json()) as {
        data?: { whoami?: string };
        errors?: { extensions?: { code?: string } }[];
      },
    };
  };
  const bound = (sent = body, opts: { now?: number } = {}) =>
    signInternalRequest(admin, secret, { method: 'POST', path: '/graphql', body: sent }, opts);

  it('answers the request the token was signed for', async () => {
    const r = await post(await bound());
    expect(r.status).toBe(200);
    expect(r.body.data?.whoami).toBe('admin');
  });

  it('refuses the same header on another body, before running anything', async () => {
    const before = resolved;
    const other = JSON.stringify({ query: '{ whoami __typename }' });
    const r = await post(await bound(), other);
    expect(r.status).toBe(401);
    expect(r.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(resolved).toBe(before);
  });

  it('refuses an expired header', async () => {
    const r = await post(await bound(body, { now: Date.now() - (BOUND_TTL_SECONDS + 2) * 1000 }));
    expect(r.status).toBe(401);
  });

  it('refuses a missing header', async () => {
    expect((await post(undefined)).status).toBe(401);
  });

  it(
    development
      ? 'accepts an unbound token outside production (direct test calls)'
      : 'refuses an unbound token in production',
    async () => {
      const r = await post(await signInternalIdentity(admin, secret));
      expect(r.status).toBe(development ? 200 : 401);
    },
  );
});
