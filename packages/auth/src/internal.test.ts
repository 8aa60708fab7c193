import { ANONYMOUS, InternalTokenCache, signInternalIdentity, verifyInternalIdentity, type Identity } from './index';

const secret = 'a-test-secret-that-is-long-enough-000000';
const judge: Identity = { sub: 'u1', roles: ['JUDGE'], divisionCode: '330522', department: null, partyId: null, ip: '127.0.0.1' };

describe('internal identity', () => {
  it('round-trips a signed identity', async () => {
    const token = await signInternalIdentity(judge, secret);
    await expect(verifyInternalIdentity(token, secret)).resolves.toEqual(judge);
  });

  it('refuses a missing, forged or expired token', async () => {
    await expect(verifyInternalIdentity(undefined, secret)).rejects.toThrow('missing internal identity');
    const forged = await signInternalIdentity({ ...judge, roles: ['ADMIN'] }, 'another-secret-of-the-same-length-00000');
    await expect(verifyInternalIdentity(forged, secret)).rejects.toThrow('invalid internal identity');
    const expired = await signInternalIdentity(judge, secret, -10);
    await expect(verifyInternalIdentity(expired, secret)).rejects.toThrow('invalid internal identity');
  });

  it('reuses a token for the same identity', async () => {
    const cache = new InternalTokenCache(secret);
    const a = await cache.tokenFor(ANONYMOUS);
    expect(await cache.tokenFor(ANONYMOUS)).toBe(a);
    expect(await cache.tokenFor(judge)).not.toBe(a);
  });
});
