const path = require('path');

// End-to-end specs drive the real mini program in WeChat DevTools: `npm run e2e` runs them with this
// config; the root config never does (its projects match other folders).
module.exports = {
  displayName: 'e2e',
  rootDir: path.join(__dirname, '..', '..'),
  testEnvironment: 'node',
  testMatch: ['<rootDir>/tests/e2e/**/*.e2e.ts'],
  globalSetup: '<rootDir>/tests/e2e/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/e2e/support/global-teardown.ts',
  // .local/ holds build staging (a second package.json) and stores, never test code.
  modulePathIgnorePatterns: ['<rootDir>/.local/'],
  // One DevTools window runs one app: the specs take turns.
  maxWorkers: 1,
  // Launching DevTools, compiling the project and real playback take minutes, not seconds.
  testTimeout: 5 * 60 * 1000,
  // Every walk and every label code listed by name, passed, failed or skipped.
  verbose: true,
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
};
