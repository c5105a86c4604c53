const path = require('path');

module.exports = {
  displayName: 'node',
  rootDir: path.join(__dirname, '..'),
  testEnvironment: 'node',
  testMatch: ['<rootDir>/tests/{backend,host,content,scripts}/**/*.test.ts'],
  // Removes the temp folders each test file made (tests/support/temp.ts).
  setupFilesAfterEnv: ['<rootDir>/tests/support/cleanup.ts'],
  // Build output and scratch folders hold package.json copies Jest's module map would collide on.
  modulePathIgnorePatterns: [
    '<rootDir>/.local/',
    '<rootDir>/dist/',
    '<rootDir>/miniprogram/miniprogram_npm/',
  ],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
};
