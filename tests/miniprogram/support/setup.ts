import { installFakeWx } from './fake-wx';
import { realHost } from './real-host';

// Platform globals the runtime provides to every page; `wx` is the one faked boundary.
installFakeWx();

const app = { globalData: {} };
Object.assign(globalThis, {
  getApp: () => app,
  getCurrentPages: () => [],
});

beforeEach(() => {
  globalThis.fakeWx.reset();
  // The backend is the real local host over content/; a test replaces it only to inject a fault.
  globalThis.fakeWx.host = realHost();
});
