// Two worlds: the backend and scripts run in Node; pages render in jsdom through miniprogram-simulate.
module.exports = {
  projects: ['<rootDir>/tests/jest.node.config.js', '<rootDir>/tests/miniprogram/jest.config.js'],
};
