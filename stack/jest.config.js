const base = require('../jest.config.base');

/** The base settings, with a global setup that also starts the stack the `shared: true` e2e files use. */
module.exports = {
  ...base,
  globalSetup: require.resolve('./test/support/global-setup.ts'),
  globalTeardown: require.resolve('./test/support/global-teardown.ts'),
};
