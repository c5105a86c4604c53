// Offline packs, downloaded by the real store from the real local host. Faked: only the platform —
// wx.downloadFile (the bytes the host serves, or a corrupted copy / a dropped connection when a
// test says so) and wx.getFileSystemManager (the phone's files, in memory). See support/fake-wx.ts.
import { createHash } from 'crypto';
import { autorun } from 'mobx-miniprogram';
import { fakeWx, USER_DATA_PATH } from '../support/fake-wx';
import { fetchData } from '../support/real-host';
import type { ExhibitionPack } from '../../../miniprogram/types/api';

const CURRENT = 'modern-masters-on-tour';
// A pack is 10 MB read from the real host: a download takes a few seconds here.
jest.setTimeout(30_000);

const FOLDER = `${USER_DATA_PATH}/packs/${CURRENT}`;

type Modules = {
  offline: typeof import('../../../miniprogram/stores/offline');
  packs: typeof import('../../../miniprogram/services/packs');
};

function load(): Modules {
  let modules: Modules | undefined;
  jest.isolateModules(() => {
    modules = {
      offline: jest.requireActual('../../../miniprogram/stores/offline'),
      packs: jest.requireActual('../../../miniprogram/services/packs'),
    };
  });
  if (!modules) throw new Error('not loaded');
  return modules;
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

function manifest(): Promise<ExhibitionPack> {
  return fetchData<ExhibitionPack>('exhibitions', { action: 'pack', id: CURRENT });
}

/** The pack's files on the phone under their final names (no `.part`). */
function savedFiles(): string[] {
  return [...fakeWx().files.keys()].filter((path) => path.startsWith(`${FOLDER}/`));
}

describe('downloading an offline pack', () => {
  it('says its size first, then fetches every file, checks each, and keeps it under the user data folder', async () => {
    const { offline, packs } = load();
    const store = offline.offlineStore;
    const expected = await manifest();
    expect(store.stateOf(CURRENT)).toBe('none');
    await store.check(CURRENT);
    expect(offline.packView(store, CURRENT)).toMatchObject({
      state: 'none',
      size: `${(expected.totalBytes / 1024 / 1024).toFixed(1)} MB`,
    });

    const seen: number[] = [];
    const stop = autorun(() => {
      if (store.job) seen.push(store.job.doneBytes);
    });
    const downloading = store.download(CURRENT);
    expect(store.stateOf(CURRENT)).toBe('downloading');
    await downloading;
    stop();

    expect(store.stateOf(CURRENT)).toBe('ready');
    expect(fakeWx().downloads).toHaveLength(expected.files.length);
    const saved = savedFiles();
    expect(saved).toHaveLength(expected.files.length);
    expect(saved.filter((path) => path.endsWith('.part'))).toEqual([]);
    for (const file of expected.files) {
      const local = fakeWx().files.get(`${FOLDER}/${packs.savedName(file.url, file.sha256)}`);
      expect(local && [local.length, sha256(local)]).toEqual([file.bytes, file.sha256]);
    }
    // The bar moves in bytes, never back, and ends at the whole pack.
    expect(seen.length).toBeGreaterThan(5);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen[seen.length - 1]).toBe(expected.totalBytes);
  });

  it('answers the exhibition and its works from the pack, with local files, once it is complete', async () => {
    const { offline, packs } = load();
    await offline.offlineStore.download(CURRENT);
    const exhibition = packs.localExhibition(CURRENT);
    expect(exhibition?.status).toBe('current');
    expect(exhibition?.map?.image).toMatch(new RegExp(`^${FOLDER}/[0-9a-f]{64}\\.png$`));
    const work = packs.localArtworkByNumber('501', CURRENT);
    expect(work?.id).toBe('picasso-guitariste-1910');
    expect(work?.audio?.url).toMatch(new RegExp(`^${FOLDER}/[0-9a-f]{64}\\.m4a$`));
    expect(fakeWx().files.has(work?.audio?.url ?? '')).toBe(true);
    expect(packs.localArtwork('picasso-secret-draft')).toBeNull();
  });

  it('throws a corrupted file away and fetches it again; twice corrupted, the pack is not kept', async () => {
    const { offline, packs } = load();
    const expected = await manifest();
    const victim = expected.files.find((file) => file.kind === 'audio');
    if (!victim) throw new Error('no audio');
    let spoiled = 0;
    fakeWx().downloadHook = (url, body) => {
      if (url !== victim.url || spoiled >= 1) return body;
      spoiled += 1;
      const copy = body.slice();
      copy[100] = (copy[100] ?? 0) ^ 0xff;
      return copy;
    };
    await offline.offlineStore.download(CURRENT);
    expect(offline.offlineStore.stateOf(CURRENT)).toBe('ready');
    expect(fakeWx().downloads.filter((url) => url === victim.url)).toHaveLength(2);

    // Another phone, a file that never arrives intact.
    const second = load();
    fakeWx().files.clear();
    fakeWx().storage.clear();
    fakeWx().downloadHook = (url, body) => (url === victim.url ? body.slice(0, 1000) : body);
    const fresh = new second.offline.OfflineStore({
      exhibitions: jest.requireActual<typeof import('../../../miniprogram/services/exhibitions')>(
        '../../../miniprogram/services/exhibitions',
      ).exhibitions,
      platform: second.offline.wxPackPlatform(),
      now: () => Date.now(),
    });
    await fresh.download(CURRENT);
    expect(fresh.stateOf(CURRENT)).toBe('paused');
    expect(fresh.errors[CURRENT]).toContain('校验');
    const name = packs.savedName(victim.url, victim.sha256);
    expect(fakeWx().files.has(`${FOLDER}/${name}`)).toBe(false);
    expect(second.packs.localExhibition(CURRENT)).toBeNull();
  });

  it('resumes an interrupted download from the files already checked', async () => {
    const { offline } = load();
    const store = offline.offlineStore;
    const expected = await manifest();
    let delivered = 0;
    fakeWx().downloadHook = (_url, body) => (++delivered > 10 ? new Error('network lost') : body);
    await store.download(CURRENT);
    expect(store.stateOf(CURRENT)).toBe('paused');
    expect(store.errors[CURRENT]).toContain('继续下载');
    const savedBytes = expected.files.slice(0, 10).reduce((sum, file) => sum + file.bytes, 0);
    expect(store.savedBytesOf(CURRENT)).toBe(savedBytes);
    expect(offline.packView(store, CURRENT).done).toBe(
      `${(savedBytes / 1024 / 1024).toFixed(1)} MB`,
    );

    // The app is closed and opened again: the saved index brings the paused download back.
    const reopened = load().offline.offlineStore;
    expect(reopened.stateOf(CURRENT)).toBe('paused');
    fakeWx().downloadHook = null;
    fakeWx().downloads = [];
    await reopened.download(CURRENT);
    expect(reopened.stateOf(CURRENT)).toBe('ready');
    expect(fakeWx().downloads).toEqual(expected.files.slice(10).map((file) => file.url));
  });

  it('checks the space first: a pack that does not fit in what WeChat leaves is not started', async () => {
    const { offline } = load();
    // Other files of this mini program already take 195 MB of the 200 MB.
    fakeWx().files.set(`${USER_DATA_PATH}/other/big.bin`, new Uint8Array(195 * 1024 * 1024));
    await offline.offlineStore.download(CURRENT);
    expect(fakeWx().downloads).toEqual([]);
    expect(offline.offlineStore.stateOf(CURRENT)).toBe('none');
    expect(offline.offlineStore.errors[CURRENT]).toMatch(
      /^离线包还需要 \d+\.\d MB，而微信给小程序的本地文件空间（200\.0 MB）只剩 5\.0 MB/,
    );
  });

  it('offers a new version as an update that fetches only what changed, and can be removed', async () => {
    const { offline, packs } = load();
    const store = offline.offlineStore;
    await store.download(CURRENT);
    const expected = await manifest();
    // The phone holds an older version: one narration differed then.
    const changed = expected.files.find((file) => file.kind === 'audio');
    if (!changed) throw new Error('no audio');
    const index = packs.readPackIndex();
    const ready = index[CURRENT]?.ready;
    if (!ready) throw new Error('not ready');
    const changedName = packs.savedName(changed.url, changed.sha256);
    const oldName = `${'0'.repeat(64)}.m4a`;
    fakeWx().files.set(
      `${FOLDER}/${oldName}`,
      fakeWx().files.get(`${FOLDER}/${changedName}`) ?? new Uint8Array(),
    );
    fakeWx().files.delete(`${FOLDER}/${changedName}`);
    packs.writePackIndex({
      [CURRENT]: {
        ready: {
          ...ready,
          version: 'older000000',
          files: ready.files.map((file) =>
            file.name === changedName ? { ...file, name: oldName, sha256: '0'.repeat(64) } : file,
          ),
        },
      },
    });
    const phone = load();
    await phone.offline.offlineStore.check(CURRENT);
    expect(phone.offline.offlineStore.stateOf(CURRENT)).toBe('update');
    expect(phone.offline.packView(phone.offline.offlineStore, CURRENT).needed).toBe(
      `${(changed.bytes / 1024 / 1024).toFixed(1)} MB`,
    );
    fakeWx().downloads = [];
    await phone.offline.offlineStore.download(CURRENT);
    expect(fakeWx().downloads).toEqual([changed.url]);
    expect(phone.offline.offlineStore.stateOf(CURRENT)).toBe('ready');
    expect(fakeWx().files.has(`${FOLDER}/${oldName}`)).toBe(false);

    phone.offline.offlineStore.remove(CURRENT);
    expect(savedFiles()).toEqual([]);
    expect(phone.offline.offlineStore.stateOf(CURRENT)).toBe('none');
    expect(phone.packs.localExhibition(CURRENT)).toBeNull();
  });
});
