import path from 'node:path';
import { gqlRequest } from '@zhiyuan/testing';
import { useE2eStack } from './support/e2e';
import { SHARED_STACK_SWITCH, filesSharingTheStack, sharedStackInfo } from './support/shared-stack';

describe('the one stack the e2e files share', () => {
  const e2e = useE2eStack({ name: 'shared_check', shared: true });

  it('serves the files that ask for it from the run’s one stack, or a stack of their own without it', async () => {
    const info = sharedStackInfo();
    // The stack package's global setup starts it whenever a sharing file runs (this one), unless switched off.
    if (process.env.CI === 'true' && process.env[SHARED_STACK_SWITCH] !== 'off') expect(info).toBeDefined();
    if (info) {
      expect(e2e.gatewayUrl).toBe(info.gatewayUrl);
      expect(e2e.db.url).toBe(info.databaseUrl);
      expect(() => e2e.stack).toThrow(/shared stack/);
    } else {
      expect(e2e.gatewayUrl).toBe(e2e.stack.gatewayUrl);
    }
    const r = await gqlRequest(
      e2e.gatewayUrl,
      `{ exposureBoard(divisionCode: "330522", first: 1) { nodes { name } } }`,
    );
    expect(r.errors).toBeUndefined();
  });

  it('is asked for with no other option, which it could not honour', () => {
    expect(() => useE2eStack({ name: 'x', shared: true, nats: true })).toThrow(
      'the e2e file x asks for the shared stack and for nats',
    );
  });

  it('is started for the files that declare it', () => {
    const files = filesSharingTheStack(__dirname).map((f) => path.basename(f));
    expect(files).toEqual(
      expect.arrayContaining([
        'audit.e2e.test.ts',
        'authorization.e2e.test.ts',
        'authorization-people-credit.e2e.test.ts',
        'payment-reversal.e2e.test.ts',
        'shared-stack.e2e.test.ts',
      ]),
    );
    expect(files).not.toContain('demo.e2e.test.ts');
  });
});
