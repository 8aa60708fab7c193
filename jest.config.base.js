// Shared Jest settings. Tiers by suffix: *.test.ts (unit), *.int.test.ts (real PostgreSQL and NATS),
// *.e2e.test.ts (through the gateway with all four subgraphs).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'].filter((p) =>
    require('fs').existsSync(p.replace('<rootDir>', process.cwd())),
  ),
  testMatch: ['**/*.test.ts'],
  // swc only strips types (the type-check is `npm run typecheck`); decorators and their metadata as tsc emits them.
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: true },
          target: 'es2022',
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  setupFiles: ['reflect-metadata'],
  // One migrated template database per run for the services under test; each test database copies it.
  globalSetup: require.resolve('./packages/testing/src/jest/global-setup.ts'),
  globalTeardown: require.resolve('./packages/testing/src/jest/global-teardown.ts'),
  testTimeout: 60_000,
  maxWorkers: process.env.CI ? 2 : '50%',
  reporters: ['default', require.resolve('./packages/testing/src/summary-reporter.js')],
};
