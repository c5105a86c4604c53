const path = require('path');

// `npm run shots` renders the pages in jsdom exactly as tests/miniprogram does (same environment,
// compiler settings and setup file), with a spec of its own that dumps each screen.
module.exports = {
  rootDir: path.join(__dirname, '..', '..'),
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/scripts/shots/*.spec.ts'],
  // A scenario plays minutes of narration through the fake audio, with real HTTP round trips.
  testTimeout: 60000,
  modulePathIgnorePatterns: ['<rootDir>/.local/', '<rootDir>/dist/'],
  // `ts` first: simulate requires a page by its extension-less path and must get index.ts.
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFilesAfterEnv: ['<rootDir>/tests/miniprogram/support/setup.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tests/miniprogram/tsconfig.json' }],
  },
};
