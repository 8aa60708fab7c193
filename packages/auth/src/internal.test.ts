import {
  BOUND_TTL_SECONDS,
  InternalAuthError,
  signInternalIdentity,
  signInternalRequest,
  verifyInternalIdentity,
  type Identity,
} from './index';

const secret = 'a-test-secret-that-is-long-enough-000000';
const judge: Identity = {
  sub: 'u1',
  roles: ['JUDGE'],
  divisionCode: '330522',
  department: null,
  partyId: null,
  ip: '127.0.0.1',
};

describe('internal identity', () => {
  it('round-trips a signed identity', async () => {
    const token = await signInternalIdentity(judge, secret);
    await expect(verifyInternalIdentity(token, secret)).resolves.toEqual(judge);
  });

  it('refuses a missing, forged or expired token', async () => {
    await expect(verifyInternalIdentity(undefined, secret)).rejects.toThrow('missing internal identity');
    const forged = await signInternalIdentity(
      { ...judge, roles: ['ADMIN'] },
      'another-secret-of-the-same-length-00000',
    );
    await expect(verifyInternalIdentity(forged, secret)).rejects.toThrow('invalid internal identity');
    const expired = await signInternalIdentity(judge, secret, -10);
    await expect(verifyInternalIdentity(expired, secret)).rejects.toThrow('invalid internal identity');
  });
});

describe('internal identity bound to one request', () => {
  const request = { method: 'POST', path: '/graphql', body: '{"query":"{ a }"}' };

  it('verifies a token against the request it was signed for', async () => {
    const token = await signInternalRequest(judge, secret, request);
    await expect(verifyInternalIdentity(token, secret, request)).resolves.toEqual(judge);
  });

  it('refuses the same token on another body, path or method', async () => {
    const token = await signInternalRequest(judge, secret, request);
    await expect(
      verifyInternalIdentity(token, secret, { ...request, body: '{"query":"mutation { b }"}' }),
    ).rejects.toThrow(InternalAuthError);
    await expect(verifyInternalIdentity(token, secret, { ...request, path: '/other' })).rejects.toThrow(
      InternalAuthError,
    );
    await expect(verifyInternalIdentity(token, secret, { ...request, method: 'GET' })).rejects.toThrow(
      InternalAuthError,
    );
    // Without the request to compare with, a bound token proves nothing.
    await expect(verifyInternalIdentity(token, secret)).rejects.toThrow(InternalAuthError);
  });

  it('lives only as long as a subgraph fetch needs', async () => {
    const old = await signInternalRequest(judge, secret, request, { now: Date.now() - (BOUND_TTL_SECONDS + 1) * 1000 });
    await expect(verifyInternalIdentity(old, secret, request)).rejects.toThrow(InternalAuthError);
    expect(BOUND_TTL_SECONDS).toBeLessThanOrEqual(15);
  });

  it('refuses an unbound token when binding is required', async () => {
    const unbound = await signInternalIdentity(judge, secret);
    await expect(verifyInternalIdentity(unbound, secret, request, { requireBinding: true })).rejects.toThrow(
      InternalAuthError,
    );
    await expect(verifyInternalIdentity(unbound, secret, request)).resolves.toEqual(judge);
  });
});
