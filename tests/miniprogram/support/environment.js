// jsdom, as the pages need, plus a bridge to the real backend running in Node's own realm: the
// host (Fastify, NeDB) needs Node's globals, which jsdom does not have, and this realm keeps its
// modules and its seeded store for every test file the worker runs.
const { TestEnvironment } = require('jest-environment-jsdom');
const tsx = require('tsx/cjs/api');

let backend;

/** Loaded on first use only, so test files that never call the backend do not pay for it. */
function nodeHost() {
  backend ??= tsx.require('./node-host.ts', __filename);
  return backend;
}

class MiniprogramEnvironment extends TestEnvironment {
  async setup() {
    await super.setup();
    this.global.realHostBridge = {
      post: (catalogue, functionName, eventJson, headers) =>
        nodeHost().post(catalogue, functionName, eventJson, headers),
      media: (urlPath, catalogue = 'content') => nodeHost().media(catalogue, urlPath),
    };
  }
}

module.exports = MiniprogramEnvironment;
