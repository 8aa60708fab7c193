const base = require('../jest.config.base');

/** The console's tests drive the built console in Chromium through one stack: node side only. */
module.exports = {
  ...base,
  roots: ['<rootDir>/test'],
  testTimeout: 120_000,
};
