// The CloudPort over CloudBase's own libraries: @cloudbase/manager-node for functions, collections,
// indexes, security rules and storage; @cloudbase/node-sdk for documents (manager-node only imports
// whole files, while `doc(id).set()` replaces or creates one document, as the functions do).
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import JSZip from 'jszip';
import { MANIFEST_PATH, type CloudPort, type DeployManifest, type StateScope } from './execute';
import { MEDIA_FOLDER } from './local';
import {
  documentHash,
  type CloudState,
  type IndexSpec,
  type LocalFunction,
  type Trigger,
} from './plan';

interface ManagerFunction {
  name: string;
  runtime?: string;
  handler: string;
  installDependency: boolean;
  triggers?: Trigger[];
  envVariables?: Record<string, string>;
}

/** The part of manager-node's CloudBase the deploy calls; a `new CloudBase(…)` fits it as it is. */
export interface ManagerApi {
  functions: {
    listFunctions(limit?: number, offset?: number): Promise<Array<Record<string, string>>>;
    getFunctionDetail(name: string): Promise<{
      Runtime?: string;
      Triggers?: Array<{ TriggerName?: string; Type?: string; TriggerDesc?: string }>;
    }>;
    createFunction(param: {
      func: ManagerFunction;
      base64Code: string;
      force: boolean;
    }): Promise<unknown>;
    updateFunctionCode(param: { func: ManagerFunction; base64Code: string }): Promise<unknown>;
    createFunctionTriggers(name: string, triggers?: Trigger[]): Promise<unknown>;
    deleteFunctionTrigger(name: string, triggerName: string): Promise<unknown>;
    waitFunctionActive(name: string): Promise<void>;
  };
  database: {
    checkCollectionExists(name: string): Promise<{ Exists: boolean }>;
    createCollection(name: string): Promise<unknown>;
    describeCollection(name: string): Promise<{
      Indexes?: Array<{
        Name: string;
        Unique: boolean;
        Keys: Array<{ Name?: string; Direction?: string }>;
      }>;
    }>;
    updateCollection(
      name: string,
      indexes: {
        CreateIndexes: Array<{
          IndexName: string;
          MgoKeySchema: {
            MgoIndexKeys: Array<{ Name: string; Direction: string }>;
            MgoIsUnique: boolean;
          };
        }>;
      },
    ): Promise<unknown>;
  };
  storage: {
    uploadFile(options: { localPath: string; cloudPath: string }): Promise<unknown>;
    downloadFile(options: { cloudPath: string; localPath: string }): Promise<unknown>;
    listDirectoryFiles(cloudPath: string): Promise<Array<{ Key: string }>>;
  };
  /** The tcb API (2018-06-08) by action name: used for the collections' security rules. */
  commonService(service?: string): {
    call(options: { Action: string; Param: Record<string, unknown> }): Promise<unknown>;
  };
  env: { getEnvInfo(): Promise<{ EnvInfo: { Storages?: Array<{ Bucket?: string }> } }> };
}

interface DocumentsQuery {
  skip(offset: number): DocumentsQuery;
  limit(count: number): DocumentsQuery;
  get(): Promise<unknown>;
}

/** The part of node-sdk's `app.database()` the deploy calls. */
export interface DocumentsApi {
  collection(name: string): {
    orderBy(field: string, direction: string): DocumentsQuery;
    doc(id: string): {
      set(data: object): Promise<unknown>;
      update(data: object): Promise<unknown>;
    };
  };
}

export interface Credentials {
  envId: string;
  secretId: string;
  secretKey: string;
  sessionToken?: string;
}

/** A server-side get answers at most 1,000 documents. */
const PAGE = 1000;
/** manager-node sends a ZipFile inline up to 1.5 MB. */
const MAX_ZIP_BYTES = 1.5 * 1024 * 1024;
/** The same bytes for the same files, whenever the package is made. */
const ZIP_DATE = new Date('2020-01-01T00:00:00Z');

/** node-sdk answers some failures as `{ code, message }` instead of rejecting. */
function checked<T>(answer: T, what: string): T {
  const failed = answer as { code?: unknown; message?: unknown } | null;
  if (failed && typeof failed === 'object' && failed.code) {
    throw new Error(`${what}: ${String(failed.code)} ${String(failed.message ?? '')}`.trim());
  }
  return answer;
}

/** A timer's schedule as SCF reports it: the cron itself, or `{"cron": "…"}`. */
function cronOf(description: string | undefined): string {
  if (!description) return '';
  try {
    const parsed = JSON.parse(description) as { cron?: unknown };
    if (typeof parsed.cron === 'string') return parsed.cron;
  } catch {
    // The plain cron expression.
  }
  return description;
}

async function withTempDir<T>(use: (dir: string) => Promise<T>): Promise<T> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'deploy-cloudbase-'));
  try {
    return await use(dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

export async function packageBase64(fn: LocalFunction): Promise<string> {
  const zip = new JSZip();
  for (const file of fn.files)
    zip.file(file.name, await fs.readFile(file.path), { date: ZIP_DATE });
  const data = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  if (data.length > MAX_ZIP_BYTES) {
    throw new Error(
      `function ${fn.name}: the code package is ${data.length} bytes zipped, over the 1.5 MB CloudBase takes inline`,
    );
  }
  return data.toString('base64');
}

function parseManifest(text: string): DeployManifest {
  const parsed = JSON.parse(text) as Partial<DeployManifest>;
  if (parsed.format !== 1 || typeof parsed.files !== 'object' || !parsed.files) {
    throw new Error(`${MANIFEST_PATH} in storage is not a deploy manifest (format 1)`);
  }
  return { format: 1, functions: parsed.functions ?? {}, files: parsed.files };
}

export function createManagerPort(options: {
  manager: ManagerApi;
  documents: DocumentsApi;
  envId: string;
  /** MEDIA_BASE_URL for new functions; by default the media folder's cloud:// file ID prefix. */
  mediaBaseUrl?: string;
}): CloudPort {
  const { manager, documents, envId } = options;
  const tcb = () => manager.commonService('tcb');

  async function readManifest(): Promise<DeployManifest> {
    const folder = MANIFEST_PATH.slice(0, MANIFEST_PATH.lastIndexOf('/') + 1);
    const listed = await manager.storage.listDirectoryFiles(folder);
    if (!listed.some((file) => file.Key.replace(/^\/+/, '') === MANIFEST_PATH)) {
      return { format: 1, functions: {}, files: {} };
    }
    return withTempDir(async (dir) => {
      const localPath = path.join(dir, 'manifest.json');
      await manager.storage.downloadFile({ cloudPath: MANIFEST_PATH, localPath });
      return parseManifest(await fs.readFile(localPath, 'utf8'));
    });
  }

  async function functionNames(): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (let offset = 0; ; offset += 100) {
      const page = await manager.functions.listFunctions(100, offset);
      for (const fn of page) if (fn.FunctionName) names.set(fn.FunctionName, fn.Runtime ?? '');
      if (page.length < 100) return names;
    }
  }

  async function readDocs(
    name: string,
  ): Promise<Record<string, { sha256: string; published: boolean }>> {
    const docs: Record<string, { sha256: string; published: boolean }> = {};
    for (let skip = 0; ; skip += PAGE) {
      const answer = checked(
        await documents.collection(name).orderBy('_id', 'asc').skip(skip).limit(PAGE).get(),
        `${name} get`,
      ) as { data?: Array<Record<string, unknown>> };
      const page = answer.data ?? [];
      for (const doc of page) {
        docs[String(doc._id)] = { sha256: documentHash(doc), published: doc.published !== false };
      }
      if (page.length < PAGE) return docs;
    }
  }

  async function readRule(collection: string): Promise<string | null> {
    const answer = (await tcb().call({
      Action: 'DescribeSafeRule',
      Param: { EnvId: envId, CollectionName: collection },
    })) as { AclTag?: string; Rule?: string | null };
    if (!answer.AclTag) return null;
    return answer.AclTag === 'CUSTOM' ? `CUSTOM ${answer.Rule ?? ''}` : answer.AclTag;
  }

  async function readIndexes(collection: string): Promise<IndexSpec[]> {
    const { Indexes = [] } = await manager.database.describeCollection(collection);
    return Indexes.filter((index) => index.Name !== '_id_').map((index) => ({
      name: index.Name,
      unique: Boolean(index.Unique),
      keys: index.Keys.map((key) => ({
        field: key.Name ?? '',
        direction: Number(key.Direction) === -1 ? -1 : 1,
      })),
    }));
  }

  return {
    async readState(scope: StateScope): Promise<CloudState> {
      const manifest = await readManifest();
      const state: CloudState = { functions: {}, collections: {}, files: manifest.files };
      const existing = await functionNames();
      for (const name of scope.functions) {
        if (!existing.has(name)) continue;
        const detail = await manager.functions.getFunctionDetail(name);
        state.functions[name] = {
          runtime: detail.Runtime ?? existing.get(name) ?? '',
          codeSha256: manifest.functions[name] ?? null,
          triggers: (detail.Triggers ?? [])
            .filter((trigger) => trigger.Type === 'timer')
            .map((trigger) => ({
              name: trigger.TriggerName ?? '',
              type: 'timer',
              config: cronOf(trigger.TriggerDesc),
            })),
        };
      }
      for (const { name, readDocs: withDocs } of scope.collections) {
        if (!(await manager.database.checkCollectionExists(name)).Exists) continue;
        state.collections[name] = {
          docs: withDocs ? await readDocs(name) : {},
          rule: await readRule(name),
          indexes: await readIndexes(name),
        };
      }
      return state;
    },

    async mediaBaseUrl() {
      if (options.mediaBaseUrl) return options.mediaBaseUrl;
      const { EnvInfo } = await manager.env.getEnvInfo();
      const bucket = EnvInfo.Storages?.[0]?.Bucket;
      if (!bucket) {
        throw new Error(
          'the environment reports no storage bucket: set MEDIA_BASE_URL (cloud://<env>.<bucket>/media)',
        );
      }
      return `cloud://${envId}.${bucket}/${MEDIA_FOLDER}`;
    },

    async createFunction(fn, settings) {
      const env = Object.keys(settings.env).length > 0 ? { envVariables: settings.env } : {};
      await manager.functions.createFunction({
        func: {
          name: fn.name,
          runtime: settings.runtime,
          handler: 'index.main',
          installDependency: true,
          triggers: fn.triggers,
          ...env,
        },
        base64Code: await packageBase64(fn),
        force: false,
      });
    },

    async updateFunctionCode(fn) {
      await manager.functions.updateFunctionCode({
        func: { name: fn.name, handler: 'index.main', installDependency: true },
        base64Code: await packageBase64(fn),
      });
    },

    async createTriggers(functionName, triggers) {
      await manager.functions.waitFunctionActive(functionName);
      await manager.functions.createFunctionTriggers(functionName, triggers);
    },

    async deleteTrigger(functionName, triggerName) {
      await manager.functions.waitFunctionActive(functionName);
      await manager.functions.deleteFunctionTrigger(functionName, triggerName);
    },

    async createCollection(name) {
      await manager.database.createCollection(name);
    },

    async setRule(collection, aclTag) {
      await tcb().call({
        Action: 'ModifySafeRule',
        Param: { EnvId: envId, CollectionName: collection, AclTag: aclTag },
      });
    },

    async createIndexes(collection, indexes) {
      await manager.database.updateCollection(collection, {
        CreateIndexes: indexes.map((spec) => ({
          IndexName: spec.name,
          MgoKeySchema: {
            MgoIndexKeys: spec.keys.map((key) => ({
              Name: key.field,
              Direction: String(key.direction),
            })),
            MgoIsUnique: spec.unique,
          },
        })),
      });
    },

    async upsertDocument(collection, id, data) {
      checked(await documents.collection(collection).doc(id).set(data), `${collection}/${id} set`);
    },

    async unpublishDocument(collection, id) {
      checked(
        await documents.collection(collection).doc(id).update({ published: false }),
        `${collection}/${id} update`,
      );
    },

    async uploadFile(file) {
      await manager.storage.uploadFile({ localPath: file.localPath, cloudPath: file.cloudPath });
    },

    async writeManifest(manifest) {
      await withTempDir(async (dir) => {
        const localPath = path.join(dir, 'manifest.json');
        await fs.writeFile(localPath, JSON.stringify(manifest, null, 2) + '\n');
        await manager.storage.uploadFile({ localPath, cloudPath: MANIFEST_PATH });
      });
    },
  };
}

/** The port over the real SDKs, loaded only when a deploy is really made. */
export async function connectCloudBase(
  credentials: Credentials,
  options: { mediaBaseUrl?: string } = {},
): Promise<CloudPort> {
  const { default: CloudBase } = await import('@cloudbase/manager-node');
  const { default: tcb } = await import('@cloudbase/node-sdk');
  const { envId, secretId, secretKey, sessionToken } = credentials;
  const manager: ManagerApi = new CloudBase({ envId, secretId, secretKey, token: sessionToken });
  const documents: DocumentsApi = tcb
    .init({ env: envId, secretId, secretKey, sessionToken })
    .database();
  return createManagerPort({ manager, documents, envId, mediaBaseUrl: options.mediaBaseUrl });
}
