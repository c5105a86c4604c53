import { makeAutoObservable, runInAction } from 'mobx-miniprogram';
import { isBackendError, messageOf } from '../services/backend';
import { exhibitions, type ExhibitionsService } from '../services/exhibitions';
import {
  LOCAL_FILE_LIMIT_BYTES,
  fileSize,
  packFolder,
  readPackIndex,
  savedName,
  writePackIndex,
  type PackIndex,
  type PendingPack,
  type ReadyPack,
} from '../services/packs';
import type { ExhibitionPack } from '../types/api';
import { sha256Hex } from '../utils/sha256';

/** What the phone's file system and downloads are asked for; wx's own in the app. */
export interface PackPlatform {
  /** Downloads `url` into `filePath`, telling the bytes written so far. */
  download(
    url: string,
    filePath: string,
    onProgress: (bytesWritten: number) => void,
  ): { done: Promise<void>; abort(): void };
  read(path: string): ArrayBuffer;
  rename(from: string, to: string): void;
  remove(path: string): void;
  removeFolder(path: string): void;
  makeFolder(path: string): void;
  /** Names in a folder (none when it does not exist). */
  list(path: string): string[];
  /** Bytes of every local file the mini program keeps (user files), all folders. */
  usedBytes(): number;
}

export type PackState = 'none' | 'downloading' | 'paused' | 'ready' | 'update';

export interface PackOffer {
  version: string;
  totalBytes: number;
  /** Bytes still to fetch: files already on the phone (same SHA-256) are kept. */
  neededBytes: number;
  manifest: ExhibitionPack;
}

export interface DownloadJob {
  id: string;
  doneBytes: number;
  totalBytes: number;
}

/** At most this often the progress bar moves (setData budget: a handful of updates a second). */
export const PROGRESS_EVERY_MS = 250;

const MB = 1024 * 1024;
export const formatMegabytes = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;

/** A download aborted by the visitor: not an error to show. */
class Paused extends Error {}

/** A file whose checksum did not match twice running. */
class Corrupt extends Error {}

export interface OfflineDeps {
  exhibitions: ExhibitionsService;
  platform: PackPlatform;
  now(): number;
}

/**
 * Offline packs: what is on the phone, what the backend offers, and the download between them.
 * Each file is fetched to a `.part` name, checked against its SHA-256 and only then given its
 * final name; the pack becomes usable only once every file has. An interrupted download keeps
 * the files it checked and resumes from there.
 */
export class OfflineStore {
  index: PackIndex = {};
  offers: Record<string, PackOffer> = {};
  job: DownloadJob | null = null;
  errors: Record<string, string> = {};
  private abortCurrent: (() => void) | null = null;
  private lastProgressAt = 0;
  private readonly deps: OfflineDeps;

  constructor(deps: OfflineDeps) {
    this.deps = deps;
    this.index = readPackIndex();
    makeAutoObservable<OfflineStore, 'deps' | 'abortCurrent' | 'lastProgressAt'>(this, {
      deps: false,
      abortCurrent: false,
      lastProgressAt: false,
    });
  }

  stateOf(id: string): PackState {
    if (this.job?.id === id) return 'downloading';
    const record = this.index[id];
    if (record?.pending) return 'paused';
    if (record?.ready) {
      const offer = this.offers[id];
      return offer && offer.version !== record.ready.version ? 'update' : 'ready';
    }
    return 'none';
  }

  /** Bytes of an interrupted download already on the phone and checked. */
  savedBytesOf(id: string): number {
    const pending = this.index[id]?.pending;
    if (!pending) return 0;
    const folder = packFolder(id);
    return pending.files.reduce(
      (sum, file) => sum + (fileSize(`${folder}/${file.name}`) === file.bytes ? file.bytes : 0),
      0,
    );
  }

  /** Asks the backend for the pack's manifest (size before download, updates after). */
  async check(id: string): Promise<PackOffer | null> {
    try {
      return await this.fetchOffer(id);
    } catch (error) {
      runInAction(() => {
        this.errors = { ...this.errors, [id]: messageOf(error) };
      });
      return null;
    }
  }

  /** Downloads (or resumes, or updates) the exhibition's pack. Never rejects. */
  async download(id: string): Promise<void> {
    if (this.job) return;
    runInAction(() => {
      this.errors = { ...this.errors, [id]: '' };
      this.job = { id, doneBytes: 0, totalBytes: this.offers[id]?.totalBytes ?? 0 };
    });
    try {
      // A fresh manifest: a resumed download follows the version the backend has now.
      const offer = await this.fetchOffer(id);
      const used = this.deps.platform.usedBytes();
      if (used + offer.neededBytes > LOCAL_FILE_LIMIT_BYTES) {
        throw new Error(
          `离线包还需要 ${formatMegabytes(offer.neededBytes)}，而微信给小程序的本地文件空间（${formatMegabytes(LOCAL_FILE_LIMIT_BYTES)}）只剩 ${formatMegabytes(Math.max(0, LOCAL_FILE_LIMIT_BYTES - used))}。请先删除其他展览的离线包`,
        );
      }
      const pending: PendingPack = {
        version: offer.version,
        totalBytes: offer.totalBytes,
        files: offer.manifest.files.map((file) => ({
          url: file.url,
          name: savedName(file.url, file.sha256),
          sha256: file.sha256,
          bytes: file.bytes,
          kind: file.kind,
        })),
      };
      this.saveRecord(id, { ...this.index[id], pending });
      const folder = packFolder(id);
      this.deps.platform.makeFolder(folder);
      let done = 0;
      runInAction(() => {
        if (this.job) this.job.totalBytes = pending.totalBytes;
      });
      for (const file of pending.files) {
        const target = `${folder}/${file.name}`;
        if (fileSize(target) !== file.bytes) await this.fetchChecked(file, target, done);
        done += file.bytes;
        this.progress(done, true);
      }
      const ready: ReadyPack = {
        version: pending.version,
        totalBytes: pending.totalBytes,
        files: pending.files.map(({ url: _url, ...file }) => file),
        dataName: pending.files.find((file) => file.kind === 'data')?.name ?? '',
        savedAt: this.deps.now(),
      };
      this.saveRecord(id, { ready });
      this.sweep(id, new Set(ready.files.map((file) => file.name)));
    } catch (error) {
      runInAction(() => {
        const message = error instanceof Paused ? '' : this.failureMessage(error);
        this.errors = { ...this.errors, [id]: message };
      });
    } finally {
      runInAction(() => {
        this.job = null;
      });
      this.abortCurrent = null;
    }
  }

  /** Stops the download under way; what was checked stays for 继续下载. */
  pause(): void {
    this.abortCurrent?.();
  }

  /** Takes the pack (and any interrupted download of it) off the phone. */
  remove(id: string): void {
    if (this.job?.id === id) this.pause();
    this.deps.platform.removeFolder(packFolder(id));
    const next = { ...this.index };
    delete next[id];
    this.index = next;
    writePackIndex(next);
  }

  /** The manifest as the backend answers it now, remembered as the exhibition's offer. */
  private async fetchOffer(id: string): Promise<PackOffer> {
    const offer = this.offerOf(id, await this.deps.exhibitions.pack(id));
    runInAction(() => {
      this.offers = { ...this.offers, [id]: offer };
    });
    return offer;
  }

  private offerOf(id: string, manifest: ExhibitionPack): PackOffer {
    const folder = packFolder(id);
    const neededBytes = manifest.files.reduce((sum, file) => {
      const present = fileSize(`${folder}/${savedName(file.url, file.sha256)}`) === file.bytes;
      return present ? sum : sum + file.bytes;
    }, 0);
    return { version: manifest.version, totalBytes: manifest.totalBytes, neededBytes, manifest };
  }

  /** One file, checked: a wrong checksum is thrown away and fetched once more before giving up. */
  private async fetchChecked(
    file: PendingPack['files'][number],
    target: string,
    doneBefore: number,
  ): Promise<void> {
    const part = `${target}.part`;
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      const task = this.deps.platform.download(file.url, part, (written) =>
        this.progress(doneBefore + Math.min(written, file.bytes), false),
      );
      this.abortCurrent = task.abort;
      await task.done;
      this.abortCurrent = null;
      const body = this.deps.platform.read(part);
      if (body.byteLength === file.bytes && sha256Hex(body) === file.sha256) {
        this.deps.platform.rename(part, target);
        return;
      }
      this.deps.platform.remove(part);
    }
    throw new Corrupt(file.url);
  }

  private progress(doneBytes: number, force: boolean): void {
    const now = this.deps.now();
    if (!force && now - this.lastProgressAt < PROGRESS_EVERY_MS) return;
    this.lastProgressAt = now;
    runInAction(() => {
      if (this.job) this.job.doneBytes = doneBytes;
    });
  }

  private failureMessage(error: unknown): string {
    if (error instanceof Corrupt) {
      return '有一个文件两次下载都没有通过校验，已丢弃，没有保存。请稍后点「继续下载」重试';
    }
    if (isBackendError(error)) return error.message;
    const text = error instanceof Error ? error.message : String(error);
    if (/abort/i.test(text)) return '';
    if (/^download|errMsg|fail|HTTP/i.test(text)) {
      return '下载中断了。已下载并校验过的文件会保留，连上网络后点「继续下载」即可接着下载';
    }
    return text;
  }

  private saveRecord(id: string, record: PackIndex[string]): void {
    const next = { ...this.index, [id]: record };
    this.index = next;
    writePackIndex(next);
  }

  /** Removes files the pack no longer names: an old version's, and any `.part` left behind. */
  private sweep(id: string, keep: Set<string>): void {
    const folder = packFolder(id);
    for (const name of this.deps.platform.list(folder)) {
      if (!keep.has(name)) this.deps.platform.remove(`${folder}/${name}`);
    }
  }
}

/** The phone's own file system and downloads. */
export function wxPackPlatform(): PackPlatform {
  const fs = () => wx.getFileSystemManager();
  return {
    download(url, filePath, onProgress) {
      let task: WechatMiniprogram.DownloadTask | null = null;
      let aborted = false;
      const done = resolveUrl(url).then(
        (https) =>
          new Promise<void>((resolve, reject) => {
            if (aborted) return reject(new Paused('aborted'));
            task = wx.downloadFile({
              url: https,
              filePath,
              success: (result) =>
                result.statusCode === 200
                  ? resolve()
                  : reject(new Error(`HTTP ${result.statusCode}`)),
              fail: (error) => reject(aborted ? new Paused(error.errMsg) : new Error(error.errMsg)),
            });
            task.onProgressUpdate((update) => onProgress(update.totalBytesWritten));
          }),
      );
      return {
        done,
        abort: () => {
          aborted = true;
          task?.abort();
        },
      };
    },
    read: (path) => fs().readFileSync(path) as ArrayBuffer,
    rename: (from, to) => fs().renameSync(from, to),
    remove: (path) => {
      try {
        fs().unlinkSync(path);
      } catch {
        // already gone
      }
    },
    removeFolder: (path) => {
      try {
        fs().rmdirSync(path, true);
      } catch {
        // already gone
      }
    },
    makeFolder: (path) => {
      try {
        fs().mkdirSync(path, true);
      } catch {
        // exists
      }
    },
    list: (path) => {
      try {
        return fs().readdirSync(path);
      } catch {
        return [];
      }
    },
    usedBytes: () => {
      try {
        const stats = fs().statSync(wx.env.USER_DATA_PATH, true) as unknown;
        // An array of { path, stats } on older base libraries, an object by path on newer ones.
        const entries = Array.isArray(stats)
          ? (stats as WechatMiniprogram.FileStats[]).map((entry) => entry.stats)
          : Object.values(stats as Record<string, WechatMiniprogram.Stats>);
        return entries.reduce((sum, entry) => sum + (entry.isFile() ? entry.size : 0), 0);
      } catch {
        return 0;
      }
    },
  };
}

/** A cloud file ID becomes a temporary https link first: downloads only take https. */
async function resolveUrl(url: string): Promise<string> {
  if (!url.startsWith('cloud://')) return url;
  const answer = await wx.cloud.getTempFileURL({ fileList: [url] });
  const link = answer.fileList[0]?.tempFileURL;
  if (!link) throw new Error(`download: no temporary link for ${url}`);
  return link;
}

export const offlineStore = new OfflineStore({
  exhibitions,
  platform: wxPackPlatform(),
  now: () => Date.now(),
});

/** What the exhibition page's offline row renders for one exhibition. */
export interface PackView {
  state: PackState;
  /** The whole pack ("10.0 MB"), '' until the backend said. */
  size: string;
  /** What a download or update would still fetch. */
  needed: string;
  done: string;
  percent: number;
  message: string;
}

export function packView(store: OfflineStore, id: string): PackView {
  const state = store.stateOf(id);
  const offer = store.offers[id];
  const record = store.index[id];
  const total =
    store.job?.id === id
      ? store.job.totalBytes
      : (offer?.totalBytes ?? record?.ready?.totalBytes ?? record?.pending?.totalBytes ?? 0);
  const done =
    store.job?.id === id ? store.job.doneBytes : state === 'paused' ? store.savedBytesOf(id) : 0;
  return {
    state,
    size: total ? formatMegabytes(total) : '',
    needed: offer ? formatMegabytes(offer.neededBytes) : '',
    done: formatMegabytes(done),
    percent: total ? Math.min(100, Math.floor((done / total) * 100)) : 0,
    message: store.errors[id] ?? '',
  };
}
