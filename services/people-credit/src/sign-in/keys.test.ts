import { createLocalJWKSet, exportPKCS8, exportSPKI, generateKeyPair, importSPKI, jwtVerify } from 'jose';
import { loadPeopleCreditConfig } from '../config';
import { PartyTokenKeys } from './keys';

const opts = { issuer: 'zhiyuan-party', audience: 'zhiyuan', accessTtlSeconds: 900 };
const partyId = '5b0c7f0e-8a55-4c4e-9a39-1f2d3c4b5a69';

describe('party token keys', () => {
  it('signs with a configured PKCS#8 key (newlines escaped as in .env) and publishes its public half', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const pem = (await exportPKCS8(privateKey)).replace(/\n/g, '\\n');
    const keys = await PartyTokenKeys.load(pem, opts);
    const now = new Date();
    const { token, expiresAt } = await keys.accessToken(partyId, now);
    expect(expiresAt.getTime() - Math.floor(now.getTime() / 1000) * 1000).toBe(900_000);
    // The configured key's own public key verifies it, and so does the published set.
    const spki = await importSPKI(await exportSPKI(publicKey), 'ES256');
    await expect(jwtVerify(token, spki, { issuer: 'zhiyuan-party', audience: 'zhiyuan' })).resolves.toBeTruthy();
    const { payload } = await jwtVerify(token, createLocalJWKSet(keys.jwks()), { algorithms: ['ES256'] });
    expect(payload).toMatchObject({ sub: partyId, partyId, roles: ['PARTY'] });
    expect(keys.jwks().keys[0]).not.toHaveProperty('d');
    // The same key loaded again hashes codes the same way: codes survive a restart with a configured key.
    const again = await PartyTokenKeys.load(pem, opts);
    expect(again.hashCode('c1', '123456')).toBe(keys.hashCode('c1', '123456'));
    expect(again.jwks()).toEqual(keys.jwks());
  });

  it('binds a code hash to its row and its code', async () => {
    const keys = await PartyTokenKeys.load(undefined, opts);
    const h = keys.hashCode('c1', '123456');
    expect(h).not.toContain('123456');
    expect(keys.codeMatches('c1', '123456', h)).toBe(true);
    expect(keys.codeMatches('c1', '123457', h)).toBe(false);
    expect(keys.codeMatches('c2', '123456', h)).toBe(false);
    // Another key (another deployment, or a restart without a configured key) matches nothing.
    expect((await PartyTokenKeys.load(undefined, opts)).codeMatches('c1', '123456', h)).toBe(false);
  });

  it('requires the key in production', () => {
    const base = {
      DATABASE_URL: 'postgres://x@127.0.0.1/x',
      NODE_ENV: 'production',
      INTERNAL_AUTH_SECRET: 'a'.repeat(48),
      // Its own webhook key, so that the party token key is what the configuration refuses here.
      WEBHOOK_SECRET_KEY: Buffer.alloc(32, 'production-webhook-key').toString('base64'),
    };
    expect(() => loadPeopleCreditConfig(base)).toThrow(/PARTY_TOKEN_PRIVATE_KEY/);
    expect(loadPeopleCreditConfig({ ...base, PARTY_TOKEN_PRIVATE_KEY: 'pem' }).PARTY_TOKEN_PRIVATE_KEY).toBe('pem');
  });
});
