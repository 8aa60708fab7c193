// The cluster tier (*.cluster.test.ts): the whole product as a local cluster of processes, with
// failures injected. Opt-in (`npm run test:cluster`); `npm test` never runs it (docs/deploy.md).
const base = require('../../jest.config.base');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.cluster.test.ts'],
  transform: base.transform,
  setupFiles: ['reflect-metadata'],
  testTimeout: 900_000,
  maxWorkers: 1,
};
