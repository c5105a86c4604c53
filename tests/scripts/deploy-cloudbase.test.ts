import { promises as fs } from 'fs';
import path from 'path';
import JSZip from 'jszip';
import { loadCatalogue } from '../../backend/content/load';
import { packDataExhibition } from '../../backend/domain/packs';
import {
  deployCommand,
  DeployUsageError,
  type DeployDependencies,
} from '../../scripts/deploy-cloudbase';
import { MANIFEST_PATH } from '../../scripts/lib/deploy/execute';
import {
  createManagerPort,
  type DocumentsApi,
  type ManagerApi,
} from '../../scripts/lib/deploy/manager-port';
import type { Trigger } from '../../scripts/lib/deploy/plan';
import { tempDir } from '../support/temp';

const CONTENT = path.resolve(__dirname, '../../content');
const ENV = {
  CLOUDBASE_ENV_ID: 'pompidou-test-1a2b',
  TENCENTCLOUD_SECRETID: 'AKIDstandin',
  TENCENTCLOUD_SECRETKEY: 'stand-in-key',
};
const BUCKET = '7465-pompidou-test-1a2b-1250000000';
const NARRATED = 'picasso-arlequin-1923';

/** Calls that change the cloud; everything else the fake answers is a read. */
const CHANGES = new Set([
  'functions.createFunction',
  'functions.updateFunctionCode',
  'functions.createFunctionTriggers',
  'functions.deleteFunctionTrigger',
  'database.createCollection',
  'database.updateCollection',
  'tcb.ModifySafeRule',
  'storage.uploadFile',
  'db.set',
  'db.update',
]);

interface FakeFunction {
  runtime: string;
  handler: string;
  installDependency: boolean;
  triggers: Trigger[];
  env: Record<string, string>;
  code: string;
}

type Index = { Name: string; Unique: boolean; Keys: Array<{ Name: string; Direction: string }> };

/**
 * A stand-in for manager-node's CloudBase and node-sdk's database: it keeps what it is sent and
 * records every call, so the adapter runs as it would against the real SDKs.
 */
class FakeCloudBase implements ManagerApi {
  calls: Array<{ api: string; args: unknown[] }> = [];
  fns = new Map<string, FakeFunction>();
  collections = new Map<
    string,
    { docs: Map<string, Record<string, unknown>>; aclTag: string | null; indexes: Index[] }
  >();
  files = new Map<string, Buffer>();

  private record(api: string, ...args: unknown[]) {
    this.calls.push({ api, args });
  }

  private fn(name: string): FakeFunction {
    const fn = this.fns.get(name);
    if (!fn)
      throw Object.assign(new Error(`function ${name} not found`), { code: 'ResourceNotFound' });
    return fn;
  }

  private collection(name: string) {
    const found = this.collections.get(name);
    if (!found) throw new Error(`collection ${name} does not exist`);
    return found;
  }

  changes() {
    return this.calls.filter((call) => CHANGES.has(call.api));
  }

  functions: ManagerApi['functions'] = {
    listFunctions: async (limit = 20, offset = 0) => {
      this.record('functions.listFunctions', limit, offset);
      return [...this.fns.entries()]
        .slice(offset, offset + limit)
        .map(([name, fn]) => ({ FunctionName: name, Runtime: fn.runtime }));
    },
    getFunctionDetail: async (name) => {
      this.record('functions.getFunctionDetail', name);
      const fn = this.fn(name);
      // SCF reports a timer's schedule as JSON.
      return {
        Runtime: fn.runtime,
        Triggers: fn.triggers.map((trigger) => ({
          TriggerName: trigger.name,
          Type: trigger.type,
          TriggerDesc: JSON.stringify({ cron: trigger.config }),
        })),
      };
    },
    createFunction: async (param) => {
      this.record('functions.createFunction', param);
      if (this.fns.has(param.func.name)) throw new Error('ResourceInUse.Function');
      this.fns.set(param.func.name, {
        runtime: param.func.runtime ?? 'Nodejs8.9',
        handler: param.func.handler,
        installDependency: param.func.installDependency,
        triggers: [...(param.func.triggers ?? [])],
        env: { ...(param.func.envVariables ?? {}) },
        code: param.base64Code,
      });
    },
    updateFunctionCode: async (param) => {
      this.record('functions.updateFunctionCode', param);
      this.fn(param.func.name).code = param.base64Code;
    },
    createFunctionTriggers: async (name, triggers = []) => {
      this.record('functions.createFunctionTriggers', name, triggers);
      this.fn(name).triggers.push(...triggers);
    },
    deleteFunctionTrigger: async (name, triggerName) => {
      this.record('functions.deleteFunctionTrigger', name, triggerName);
      const fn = this.fn(name);
      fn.triggers = fn.triggers.filter((trigger) => trigger.name !== triggerName);
    },
    waitFunctionActive: async (name) => {
      this.record('functions.waitFunctionActive', name);
    },
  };

  database: ManagerApi['database'] = {
    checkCollectionExists: async (name) => {
      this.record('database.checkCollectionExists', name);
      return { Exists: this.collections.has(name) };
    },
    createCollection: async (name) => {
      this.record('database.createCollection', name);
      if (this.collections.has(name)) throw new Error(`collection ${name} exists`);
      this.collections.set(name, { docs: new Map(), aclTag: null, indexes: [] });
    },
    describeCollection: async (name) => {
      this.record('database.describeCollection', name);
      const idIndex = { Name: '_id_', Unique: true, Keys: [{ Name: '_id', Direction: '1' }] };
      return { Indexes: [idIndex, ...this.collection(name).indexes] };
    },
    updateCollection: async (name, options) => {
      this.record('database.updateCollection', name, options);
      const collection = this.collection(name);
      for (const created of options.CreateIndexes) {
        collection.indexes = collection.indexes.filter((index) => index.Name !== created.IndexName);
        collection.indexes.push({
          Name: created.IndexName,
          Unique: created.MgoKeySchema.MgoIsUnique,
          Keys: created.MgoKeySchema.MgoIndexKeys,
        });
      }
    },
  };

  storage: ManagerApi['storage'] = {
    uploadFile: async ({ localPath, cloudPath }) => {
      this.record('storage.uploadFile', cloudPath);
      this.files.set(cloudPath, await fs.readFile(localPath));
    },
    downloadFile: async ({ cloudPath, localPath }) => {
      this.record('storage.downloadFile', cloudPath);
      const content = this.files.get(cloudPath);
      if (!content) throw new Error(`${cloudPath}: no such file`);
      await fs.writeFile(localPath, content);
    },
    listDirectoryFiles: async (cloudPath) => {
      this.record('storage.listDirectoryFiles', cloudPath);
      return [...this.files.keys()]
        .filter((key) => key.startsWith(cloudPath))
        .map((Key) => ({ Key }));
    },
  };

  commonService(service = 'tcb') {
    return {
      call: async ({ Action, Param }: { Action: string; Param: Record<string, unknown> }) => {
        this.record(`${service}.${Action}`, Param);
        const collection = this.collection(String(Param.CollectionName));
        if (Param.EnvId !== ENV.CLOUDBASE_ENV_ID) throw new Error('wrong EnvId');
        if (Action === 'DescribeSafeRule') return { AclTag: collection.aclTag ?? undefined };
        if (Action === 'ModifySafeRule') {
          collection.aclTag = String(Param.AclTag);
          return { RequestId: 'r' };
        }
        throw new Error(`unexpected action ${Action}`);
      },
    };
  }

  env: ManagerApi['env'] = {
    getEnvInfo: async () => {
      this.record('env.getEnvInfo');
      return { EnvInfo: { Storages: [{ Bucket: BUCKET }] } };
    },
  };

  documents: DocumentsApi = {
    collection: (name) => {
      const query = (skip: number, limit: number) => ({
        skip: (offset: number) => query(offset, limit),
        limit: (count: number) => query(skip, count),
        get: async () => {
          this.record('db.get', name, skip, limit);
          const docs = [...this.collection(name).docs.entries()]
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .slice(skip, skip + limit)
            .map(([_id, data]) => ({ _id, ...data }));
          return { data: docs };
        },
      });
      return {
        orderBy: () => query(0, 100),
        doc: (id) => ({
          set: async (data: object) => {
            this.record('db.set', name, id, data);
            // As the SDK does: the _id is the document's, never inside its data.
            if ('_id' in data) return { code: 'INVALID_PARAM', message: '不能更新_id的值' };
            this.collection(name).docs.set(id, structuredClone(data) as Record<string, unknown>);
            return { updated: 1 };
          },
          update: async (data: object) => {
            this.record('db.update', name, id, data);
            const docs = this.collection(name).docs;
            docs.set(id, { ...docs.get(id), ...data });
            return { updated: 1 };
          },
        }),
      };
    },
  };
}

let functionsDir: string;

/** Two functions as `npm run build` leaves them: one serving media, one on a timer. */
beforeAll(async () => {
  functionsDir = await tempDir('deploy-functions-');
  const write = async (name: string, files: Record<string, string>) => {
    await fs.mkdir(path.join(functionsDir, name));
    for (const [file, text] of Object.entries(files)) {
      await fs.writeFile(path.join(functionsDir, name, file), text);
    }
  };
  const packageJson = (name: string) =>
    JSON.stringify({ name, main: 'index.js', dependencies: { 'wx-server-sdk': '~4.0.2' } });
  await write('artworks', {
    'index.ts': 'export const main = () => process.env.MEDIA_BASE_URL;\n',
    'index.js': 'exports.main = () => process.env.MEDIA_BASE_URL;\n',
    'package.json': packageJson('artworks'),
  });
  await write('reminders', {
    'index.ts': 'export const main = () => 0;\n',
    'index.js': 'exports.main = () => 0;\n',
    'package.json': packageJson('reminders'),
    'config.json': JSON.stringify({
      permissions: { openapi: ['subscribeMessage.send'] },
      triggers: [{ name: 'every-5-minutes', type: 'timer', config: '0 */5 * * * * *' }],
    }),
  });
});

async function deploy(
  cloud: FakeCloudBase | null,
  argv: string[] = [],
  options: {
    contentDir?: string;
    functionsDir?: string;
    env?: NodeJS.ProcessEnv;
    outDir?: string;
  } = {},
) {
  const lines: string[] = [];
  const connect = jest.fn<Promise<ReturnType<typeof createManagerPort>>, [{ envId: string }]>(
    async (credentials) => {
      if (!cloud) throw new Error('this run must not connect');
      return createManagerPort({
        manager: cloud,
        documents: cloud.documents,
        envId: credentials.envId,
      });
    },
  );
  const bundle = jest.fn(async () => undefined);
  const dependencies: Partial<DeployDependencies> = {
    contentDir: options.contentDir ?? CONTENT,
    functionsDir: options.functionsDir ?? functionsDir,
    outDir: options.outDir ?? (await tempDir('deploy-out-')),
    bundle,
    connect,
    print: (line) => lines.push(line),
  };
  const result = await deployCommand(argv, options.env ?? ENV, dependencies);
  return { result, lines, connect, bundle };
}

/** What `npm run build` leaves in a function's folder for upload, in bytes. */
async function packageBytes(dir: string, name: string): Promise<string> {
  let total = 0;
  for (const file of ['index.js', 'package.json', 'config.json']) {
    total += (await fs.stat(path.join(dir, name, file)).catch(() => ({ size: 0 }))).size;
  }
  return total.toLocaleString('en-US');
}

/** A copy of content/ that a test may change. */
async function contentCopy(): Promise<string> {
  const dir = path.join(await tempDir('deploy-content-'), 'content');
  await fs.cp(CONTENT, dir, { recursive: true });
  return dir;
}

const uploads = (cloud: FakeCloudBase) =>
  cloud
    .changes()
    .filter((call) => call.api === 'storage.uploadFile')
    .map((call) => String(call.args[0]));

describe('npm run deploy:cloudbase', () => {
  it('first run creates every function, collection, rule, index, document and file', async () => {
    const cloud = new FakeCloudBase();
    const outDir = await tempDir('deploy-out-');
    const { result, lines, bundle } = await deploy(cloud, [], { outDir });
    const catalogue = await loadCatalogue(CONTENT);

    expect(bundle).toHaveBeenCalledTimes(1);
    expect([...cloud.fns.keys()].sort()).toEqual(['artworks', 'reminders']);
    const artworksFn = cloud.fns.get('artworks');
    expect(artworksFn).toMatchObject({
      runtime: 'Nodejs16.13',
      handler: 'index.main',
      installDependency: true,
      env: { MEDIA_BASE_URL: `cloud://${ENV.CLOUDBASE_ENV_ID}.${BUCKET}/media` },
      triggers: [],
    });
    // Only the media variable is set, and only on the function that reads it.
    expect(cloud.fns.get('reminders')?.env).toEqual({});
    expect(cloud.fns.get('reminders')?.triggers).toEqual([
      { name: 'every-5-minutes', type: 'timer', config: '0 */5 * * * * *' },
    ]);
    const zip = await JSZip.loadAsync(
      Buffer.from(cloud.fns.get('reminders')?.code ?? '', 'base64'),
    );
    expect(Object.keys(zip.files).sort()).toEqual(['config.json', 'index.js', 'package.json']);

    const names = [...cloud.collections.keys()].sort();
    expect(names).toEqual(
      [
        'artists',
        'artworks',
        'exhibitions',
        'liveReminders',
        'lives',
        'orders',
        'replaySources',
        'replays',
        'rights',
        'statsDaily',
        'statsEvents',
        'visitors',
      ].sort(),
    );
    for (const name of names) expect(cloud.collections.get(name)?.aclTag).toBe('ADMINONLY');
    expect(cloud.collections.get('artworks')?.indexes.map((index) => index.Keys)).toEqual([
      [
        { Name: 'published', Direction: '1' },
        { Name: 'sortKey', Direction: '1' },
      ],
      [
        { Name: 'published', Direction: '1' },
        { Name: 'artist.id', Direction: '1' },
        { Name: 'sortKey', Direction: '1' },
      ],
      [
        { Name: 'published', Direction: '1' },
        { Name: 'location.floor', Direction: '1' },
        { Name: 'sortKey', Direction: '1' },
      ],
      [
        { Name: 'published', Direction: '1' },
        { Name: 'number', Direction: '1' },
      ],
    ]);
    expect(cloud.collections.get('liveReminders')?.indexes[0]?.Name).toBe('liveId_state');

    // The documents are those export:cloudbase writes, keyed by _id.
    const artworks = cloud.collections.get('artworks')?.docs;
    expect(artworks?.size).toBe(catalogue.artworks.length);
    const { _id, ...stored } = catalogue.artworks.find((doc) => doc.id === NARRATED) ?? {};
    expect(artworks?.get(String(_id))).toEqual(JSON.parse(JSON.stringify(stored)));
    expect(cloud.collections.get('lives')?.docs.size).toBe(catalogue.lives?.length);
    expect(cloud.collections.get('visitors')?.docs.size).toBe(0);

    const mediaFiles = (await fs.readdir(path.join(CONTENT, 'media'), { recursive: true })).length;
    expect(cloud.files.get(`media/audio/${NARRATED}.m4a`)).toEqual(
      await fs.readFile(path.join(CONTENT, 'media', 'audio', `${NARRATED}.m4a`)),
    );
    const packs = [...cloud.files.keys()].filter((key) => key.startsWith('media/packs/'));
    expect(packs).toHaveLength(catalogue.exhibitions?.filter((e) => e.published).length ?? 0);
    expect(cloud.files.has(MANIFEST_PATH)).toBe(true);
    expect(mediaFiles).toBeGreaterThan(0);

    expect(result.summary).toMatchObject({
      functions: { create: 2, update: 0, unchanged: 0 },
      collections: { create: 12 },
      records: {
        upsert:
          catalogue.artworks.length +
          catalogue.artists.length +
          catalogue.replays.length +
          (catalogue.exhibitions?.length ?? 0) +
          (catalogue.lives?.length ?? 0),
        unpublish: 0,
      },
      rules: { set: 12 },
      indexes: { create: 10 },
      triggers: { create: 1 },
    });
    expect(result.summary.files.upload).toBe(cloud.files.size - 1);
    expect(lines.at(-2)).toMatch(/^Deployed: functions 2 \(2 create/);
    const deployed = JSON.parse(await fs.readFile(path.join(outDir, 'deployed.json'), 'utf8'));
    expect(deployed).toEqual(result.state);
  }, 60_000);

  it('a second run with unchanged content changes nothing, and a dry run from its state agrees', async () => {
    const cloud = new FakeCloudBase();
    const outDir = await tempDir('deploy-out-');
    await deploy(cloud, [], { outDir });
    cloud.calls = [];

    const { result, lines } = await deploy(cloud);
    expect(cloud.changes()).toEqual([]);
    expect(result.summary.changes).toBe(0);
    expect(lines.at(-2)).toMatch(/^Deployed: Nothing changes: 2 functions, \d+ records, \d+ files/);

    const dry = await deploy(null, ['--dry-run', '--state', path.join(outDir, 'deployed.json')], {
      env: {},
    });
    expect(dry.connect).not.toHaveBeenCalled();
    expect(dry.result.summary.changes).toBe(0);
    expect(dry.result.line).toBe(result.line);
  }, 60_000);

  it('a changed narration file sends that file, its artwork and the packs that hold it, nothing else', async () => {
    const cloud = new FakeCloudBase();
    await deploy(cloud);
    const changed = await contentCopy();
    const audio = path.join(changed, 'media', 'audio', `${NARRATED}.m4a`);
    const bytes = await fs.readFile(audio);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = (bytes[middle] ?? 0) ^ 0xff; // same length, as the track file records it
    await fs.writeFile(audio, bytes);
    cloud.calls = [];

    const { result } = await deploy(cloud, [], { contentDir: changed });

    const holding = (await loadCatalogue(changed)).exhibitions
      ?.filter((e) => e.published && e.works.some((work) => work.artworkId === NARRATED))
      .map((e) => e.id)
      .sort();
    expect(holding?.length).toBeGreaterThan(0);
    const sent = uploads(cloud).filter((file) => file !== MANIFEST_PATH);
    expect(sent[0]).toBe(`media/audio/${NARRATED}.m4a`);
    expect(
      sent
        .slice(1)
        .map((file) => packDataExhibition(file.slice('media/'.length)))
        .sort(),
    ).toEqual(holding);
    expect(uploads(cloud)).toContain(MANIFEST_PATH);
    expect(
      cloud
        .changes()
        .filter((call) => call.api !== 'storage.uploadFile')
        .map((call) => [call.api, call.args[0], call.args[1]]),
    ).toEqual([['db.set', 'artworks', NARRATED]]);
    expect(result.summary).toMatchObject({
      functions: { create: 0, update: 0 },
      records: { upsert: 1, unpublish: 0 },
      files: { upload: 1 + (holding?.length ?? 0) },
      rules: { set: 0 },
      indexes: { create: 0 },
    });
  }, 60_000);

  it('an artwork removed from content is unpublished, not deleted', async () => {
    const withExtra = await contentCopy();
    const source = await fs.readFile(path.join(withExtra, 'artworks', `${NARRATED}.yaml`), 'utf8');
    await fs.writeFile(
      path.join(withExtra, 'artworks', 'retired-work.yaml'),
      source
        .replace(`id: ${NARRATED}`, 'id: retired-work')
        .replace('number: "502"', 'number: "999"'),
    );
    const cloud = new FakeCloudBase();
    await deploy(cloud, [], { contentDir: withExtra });
    expect(cloud.collections.get('artworks')?.docs.get('retired-work')?.published).toBe(true);
    cloud.calls = [];

    const { result, lines } = await deploy(cloud);
    expect(cloud.changes().map((call) => [call.api, ...call.args])).toEqual([
      ['db.update', 'artworks', 'retired-work', { published: false }],
    ]);
    const retired = cloud.collections.get('artworks')?.docs.get('retired-work');
    expect(retired).toMatchObject({ published: false, number: '999', title: { zh: '丑角' } });
    expect(result.summary.records.unpublish).toBe(1);
    expect(lines).toContain('    unpublish: retired-work');

    cloud.calls = [];
    await deploy(cloud);
    expect(cloud.changes()).toEqual([]);
  }, 60_000);

  it('a changed function gets its new code, and a changed timer is replaced', async () => {
    const changedFunctions = await tempDir('deploy-functions-changed-');
    await fs.cp(functionsDir, changedFunctions, { recursive: true });
    const cloud = new FakeCloudBase();
    await deploy(cloud, [], { functionsDir: changedFunctions });
    const config = path.join(changedFunctions, 'reminders', 'config.json');
    const parsed = JSON.parse(await fs.readFile(config, 'utf8'));
    parsed.triggers[0].config = '0 */10 * * * * *';
    await fs.writeFile(config, JSON.stringify(parsed));
    cloud.calls = [];

    const { lines } = await deploy(cloud, [], { functionsDir: changedFunctions });
    expect(
      cloud
        .changes()
        .filter((call) => call.api.startsWith('functions.'))
        .map((call) => call.api),
    ).toEqual([
      'functions.updateFunctionCode',
      'functions.deleteFunctionTrigger',
      'functions.createFunctionTriggers',
    ]);
    expect(cloud.fns.get('reminders')?.triggers).toEqual([
      { name: 'every-5-minutes', type: 'timer', config: '0 */10 * * * * *' },
    ]);
    // Its environment variables are the console's: an update sends none.
    expect(JSON.stringify(cloud.calls)).not.toContain('envVariables');
    expect(lines).toContain(
      '  update    reminders    ' +
        `${await packageBytes(changedFunctions, 'reminders')} bytes; ` +
        'delete trigger every-5-minutes; trigger every-5-minutes "0 */10 * * * * *"',
    );
  }, 60_000);

  it('--dry-run needs no credentials, makes no call and plans against an empty environment', async () => {
    const { result, lines, connect } = await deploy(null, ['--dry-run'], { env: {} });
    expect(connect).not.toHaveBeenCalled();
    expect(result.dryRun).toBe(true);
    expect(result.summary.functions.create).toBe(2);
    expect(result.summary.collections.create).toBe(12);
    expect(result.summary.files.unchanged).toBe(0);
    expect(lines.at(-1)).toBe('Dry run: nothing was sent.');
    expect(lines.at(-2)).toBe(`Plan: ${result.line}`);
    expect(lines).toContain(
      'Dry run against an empty environment (give --state <deployed.json> to compare).',
    );
  }, 60_000);

  it('without credentials a real run stops before anything, naming the variables', async () => {
    const run = deploy(null, [], { env: { CLOUDBASE_ENV_ID: 'pompidou-test-1a2b' } });
    await expect(run).rejects.toThrow(DeployUsageError);
    await expect(run).rejects.toThrow(
      /^Missing TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY: .*CLOUDBASE_ENV_ID, TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY.*--dry-run/,
    );
    await expect(deploy(null, ['--state', 'x.json'])).rejects.toThrow(
      /--state is for --dry-run only/,
    );
  });
});
