import { SignJWT } from 'jose';
import { createAuthenticator, AuthenticationError } from '../src/auth';
import { DEV_JWT_SECRET, loadGatewayConfig } from '../src/config';
import { DEMO_ROLES, issueToken } from '../src/dev-tokens';

const DEV = { secret: DEV_JWT_SECRET, issuer: 'zhiyuan-dev', audience: 'zhiyuan' };

describe('bearer tokens', () => {
  afterEach(() => jest.useRealTimers());

  it('remembers a verified token only until it expires', async () => {
    // Only the clock is Jest's (the cache and the verification both read Date): the test moves it past the expiry.
    jest.useFakeTimers({
      now: Date.now(),
      doNotFake: [
        'nextTick',
        'queueMicrotask',
        'setImmediate',
        'clearImmediate',
        'setTimeout',
        'clearTimeout',
        'setInterval',
        'clearInterval',
        'hrtime',
        'performance',
      ],
    });
    const auth = await createAuthenticator(loadGatewayConfig({}));
    // Expires at the next whole second plus one.
    const exp = Math.floor(Date.now() / 1000) + 2;
    const token = await new SignJWT({ roles: ['JUDGE'], divisionCode: '330522' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('j1')
      .setIssuer(DEV.issuer)
      .setAudience(DEV.audience)
      .setExpirationTime(exp)
      .sign(new TextEncoder().encode(DEV.secret));
    const first = await auth(`Bearer ${token}`, '10.0.0.1');
    expect(first).toMatchObject({ sub: 'j1', roles: ['JUDGE'], ip: '10.0.0.1' });
    // Remembered: the same identity, with this request's address.
    expect(await auth(`Bearer ${token}`, '10.0.0.2')).toMatchObject({ sub: 'j1', ip: '10.0.0.2' });
    jest.setSystemTime(exp * 1000 + 50);
    await expect(auth(`Bearer ${token}`, '10.0.0.1')).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('never remembers a token that failed verification', async () => {
    const auth = await createAuthenticator(loadGatewayConfig({}));
    const forged = await issueToken(DEMO_ROLES.admin!, { ...DEV, secret: 'x'.repeat(40) });
    for (let i = 0; i < 2; i++)
      await expect(auth(`Bearer ${forged}`, null)).rejects.toBeInstanceOf(AuthenticationError);
    const good = await issueToken(DEMO_ROLES.admin!, DEV);
    // One character changed in the signature is another token, verified on its own.
    const tampered = good.slice(0, -2) + (good.endsWith('AA') ? 'BB' : 'AA');
    expect((await auth(`Bearer ${good}`, null)).roles).toEqual(['ADMIN']);
    await expect(auth(`Bearer ${tampered}`, null)).rejects.toBeInstanceOf(AuthenticationError);
  });
});
