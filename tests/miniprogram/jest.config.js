const path = require('path');

// Pages render in jsdom through miniprogram-simulate and the official WXML compiler.
module.exports = {
  displayName: 'miniprogram',
  rootDir: path.join(__dirname, '..', '..'),
  // jsdom, plus the real local host in Node's realm (support/environment.js).
  testEnvironment: '<rootDir>/tests/miniprogram/support/environment.js',
  testMatch: ['<rootDir>/tests/miniprogram/**/*.test.ts'],
  // `ts` first: simulate requires a page by its extension-less path and must get index.ts.
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFilesAfterEnv: ['<rootDir>/tests/miniprogram/support/setup.ts'],
  // Build output and scratch folders hold package.json copies Jest's module map would collide on.
  modulePathIgnorePatterns: [
    '<rootDir>/.local/',
    '<rootDir>/dist/',
    '<rootDir>/miniprogram/miniprogram_npm/',
  ],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tests/miniprogram/tsconfig.json' }],
  },
};
