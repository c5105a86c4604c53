import { installFakeWx } from './fake-wx';

// Platform globals the runtime provides to every page; `wx` is the one faked boundary.
installFakeWx();

const app = { globalData: {} };
Object.assign(globalThis, {
  getApp: () => app,
  getCurrentPages: () => [],
});

beforeEach(() => {
  globalThis.fakeWx.reset();
});
