import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import express from 'express';
import { SignJWT, exportJWK, exportSPKI, generateKeyPair, type JWK, type KeyLike } from 'jose';
import { silentLogger } from '@zhiyuan/testing';
import { AuthenticationError, createAuthenticator, type Authenticate } from '../src/auth';
import { DEV_JWT_SECRET, loadGatewayConfig } from '../src/config';
import { DEMO_ROLES, issueToken } from '../src/dev-tokens';
import { servePartyJwks } from '../src/jwks';

/** A stand-in for people-credit's key endpoint. */
async function serveJson(
  body: () => unknown,
): Promise<{ url: string; close: () => Promise<void>; hits: () => number }> {
  let hits = 0;
  const server = http.createServer((_req, res) => {
    hits++;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body()));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`,
    close: () => new Promise((r) => server.close(() => r())),
    hits: () => hits,
  };
}

describe('party tokens at the gateway', () => {
  let key: KeyLike;
  let jwk: JWK;
  let upstream: Awaited<ReturnType<typeof serveJson>>;
  let auth: Authenticate;
  const partyId = randomUUID();

  const partyToken = (
    claims: Record<string, unknown>,
    opts: { sub?: string; iss?: string; signWith?: KeyLike; kid?: string } = {},
  ) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: opts.kid ?? jwk.kid! })
      .setSubject(opts.sub ?? partyId)
      .setIssuer(opts.iss ?? 'zhiyuan-party')
      .setAudience('zhiyuan')
      .setIssuedAt()
      .setExpirationTime('15m')
      .sign(opts.signWith ?? key);

  beforeAll(async () => {
    ({ privateKey: key } = await generateKeyPair('ES256', { extractable: true }));
    jwk = { ...(await exportJWK(key)), kid: 'k1', alg: 'ES256', use: 'sig' };
    const { d: _d, ...publicJwk } = jwk;
    upstream = await serveJson(() => ({ keys: [publicJwk] }));
    auth = await createAuthenticator(loadGatewayConfig({ PARTY_JWKS_URL: upstream.url }));
  });
  afterAll(async () => upstream.close());

  it('accepts a party token of the party issuer: role PARTY bound to its party', async () => {
    const token = await partyToken({ roles: ['PARTY'], partyId });
    expect(await auth(`Bearer ${token}`, '10.1.1.1')).toEqual({
      sub: partyId,
      roles: ['PARTY'],
      divisionCode: null,
      department: null,
      partyId,
      ip: '10.1.1.1',
    });
  });

  it.each([
    ['another role', { roles: ['ADMIN'], partyId }],
    ['a second role', { roles: ['PARTY', 'JUDGE'], partyId }],
    ['no party', { roles: ['PARTY'] }],
    ['a division', { roles: ['PARTY'], partyId, divisionCode: '330522' }],
    ['a department', { roles: ['PARTY'], partyId, department: 'BANK_LOAN' }],
  ])('refuses a party-issuer token claiming %s', async (_what, claims) => {
    const token = await partyToken(claims);
    await expect(auth(`Bearer ${token}`, null)).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('refuses a party token whose subject is not its party', async () => {
    const token = await partyToken({ roles: ['PARTY'], partyId }, { sub: randomUUID() });
    await expect(auth(`Bearer ${token}`, null)).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('refuses a party token signed by another key, or with HS256 and the staff secret', async () => {
    const { privateKey: other } = await generateKeyPair('ES256');
    await expect(
      auth(`Bearer ${await partyToken({ roles: ['PARTY'], partyId }, { signWith: other })}`, null),
    ).rejects.toBeInstanceOf(AuthenticationError);
    const hs = await new SignJWT({ roles: ['PARTY'], partyId })
      .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
      .setSubject(partyId)
      .setIssuer('zhiyuan-party')
      .setAudience('zhiyuan')
      .setExpirationTime('15m')
      .sign(new TextEncoder().encode(DEV_JWT_SECRET));
    await expect(auth(`Bearer ${hs}`, null)).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('keeps the party key to the party issuer: signed with it but naming the staff issuer, a token is refused', async () => {
    const token = await partyToken({ roles: ['ADMIN'] }, { iss: 'zhiyuan-dev', sub: 'admin' });
    await expect(auth(`Bearer ${token}`, null)).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('still accepts staff tokens of the configured issuer', async () => {
    const staff = await issueToken(DEMO_ROLES.judge!, {
      secret: DEV_JWT_SECRET,
      issuer: 'zhiyuan-dev',
      audience: 'zhiyuan',
    });
    expect((await auth(`Bearer ${staff}`, null)).roles).toEqual(['JUDGE']);
  });

  it('refuses role PARTY from the staff issuer in production, where parties sign in through the product', async () => {
    const { privateKey: staffKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const prod = await createAuthenticator(
      loadGatewayConfig({
        NODE_ENV: 'production',
        INTERNAL_AUTH_SECRET: 'p'.repeat(48),
        JWT_PUBLIC_KEY: await exportSPKI(publicKey),
        JWT_ALGORITHM: 'ES256',
        PARTY_JWKS_URL: upstream.url,
      }),
    );
    const staffToken = (roles: string[]) =>
      new SignJWT({ roles, partyId })
        .setProtectedHeader({ alg: 'ES256' })
        .setSubject('someone')
        .setIssuer('zhiyuan-dev')
        .setAudience('zhiyuan')
        .setExpirationTime('15m')
        .sign(staffKey);
    await expect(prod(`Bearer ${await staffToken(['PARTY'])}`, null)).rejects.toBeInstanceOf(AuthenticationError);
    expect((await prod(`Bearer ${await staffToken(['JUDGE'])}`, null)).roles).toEqual(['JUDGE']);
    expect((await prod(`Bearer ${await partyToken({ roles: ['PARTY'], partyId })}`, null)).partyId).toBe(partyId);
  });

  it('refuses a configuration whose party issuer is the staff issuer', () => {
    expect(() => loadGatewayConfig({ PARTY_JWT_ISSUER: 'zhiyuan-dev' })).toThrow(/PARTY_JWT_ISSUER/);
  });

  it('serves the public key set at /.well-known/jwks.json, without private members, kept a minute', async () => {
    const leaky = await serveJson(() => ({ keys: [jwk] }));
    const app = express();
    app.get(
      '/.well-known/jwks.json',
      servePartyJwks(
        { PARTY_JWKS_URL: leaky.url, PEOPLE_CREDIT_URL: 'http://127.0.0.1:1/graphql', SUBGRAPH_TIMEOUT_MS: 2000 },
        silentLogger,
      ),
    );
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
    try {
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=300');
      const body = await res.json();
      expect(body.keys).toEqual([{ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, kid: 'k1', alg: 'ES256', use: 'sig' }]);
      await fetch(url);
      expect(leaky.hits()).toBe(1);
    } finally {
      await new Promise((r) => server.close(r));
      await leaky.close();
    }
  });

  it('answers 503 while people-credit cannot be reached', async () => {
    const app = express();
    app.get(
      '/jwks',
      servePartyJwks(
        {
          PARTY_JWKS_URL: 'http://127.0.0.1:1/.well-known/jwks.json',
          PEOPLE_CREDIT_URL: 'http://127.0.0.1:1/graphql',
          SUBGRAPH_TIMEOUT_MS: 2000,
        },
        silentLogger,
      ),
    );
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`);
      expect(res.status).toBe(503);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
