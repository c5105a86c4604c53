// What `npm run deploy:cloudbase` has to change: the local functions, collections and files compared
// with what the cloud holds. Pure: no I/O here, so a dry run and a real run make the same plan.
import { createHash } from 'crypto';
import { canonicalJson } from '../../../backend/domain/packs';

/** New functions get this runtime (the bundles target node16); CloudBase cannot change it later. */
export const RUNTIME = 'Nodejs16.13';
/** Every collection: readable and writable by the cloud functions (admin) only. */
export const ADMIN_ONLY = 'ADMINONLY';

export interface Trigger {
  name: string;
  type: string;
  config: string;
}

export interface LocalFunction {
  name: string;
  /** What the code package holds, under the name it has there. */
  files: Array<{ name: string; path: string; bytes: number }>;
  bytes: number;
  /** SHA-256 over the package's file names and contents. */
  codeSha256: string;
  /** Timer triggers from its config.json. */
  triggers: Trigger[];
  /** Environment variables it cannot answer without, set only when the function is created. */
  envOnCreate: string[];
}

export interface IndexSpec {
  name: string;
  keys: Array<{ field: string; direction: 1 | -1 }>;
  unique: boolean;
}

/** A document as content makes it; the database keys it by `_id`. */
export interface Doc {
  _id: string;
  published?: boolean;
}

export interface LocalCollection {
  name: string;
  /** Documents from content/, or null for a collection only the functions write. */
  docs: Doc[] | null;
  indexes: IndexSpec[];
}

export interface LocalFile {
  cloudPath: string;
  localPath: string;
  bytes: number;
  sha256: string;
}

export interface LocalState {
  functions: LocalFunction[];
  collections: LocalCollection[];
  files: LocalFile[];
}

export interface CloudDoc {
  sha256: string;
  published: boolean;
}

/** What the deploy knows about the cloud; also the shape of dist/cloudbase/deployed.json. */
export interface CloudState {
  functions: Record<string, { runtime: string; codeSha256: string | null; triggers: Trigger[] }>;
  collections: Record<
    string,
    { docs: Record<string, CloudDoc>; rule: string | null; indexes: IndexSpec[] }
  >;
  /** Cloud path → SHA-256 of the files the deploy uploaded (its manifest in storage). */
  files: Record<string, string>;
}

export const emptyCloud = (): CloudState => ({ functions: {}, collections: {}, files: {} });

export interface FunctionStep {
  fn: LocalFunction;
  action: 'create' | 'update' | 'unchanged';
  triggersToCreate: Trigger[];
  triggersToDelete: string[];
  /** Why the cloud's function differs in a way the deploy cannot change. */
  warning?: string;
}

export interface DocWrite {
  id: string;
  sha256: string;
  published: boolean;
  data: Record<string, unknown>;
}

export interface CollectionStep {
  name: string;
  create: boolean;
  upsert: DocWrite[];
  unpublish: string[];
  unchanged: number;
  setRule: boolean;
  createIndexes: IndexSpec[];
  indexesUnchanged: number;
}

export interface PlanSummary {
  functions: { create: number; update: number; unchanged: number; bytes: number };
  triggers: { create: number; delete: number };
  collections: { create: number };
  records: { upsert: number; unpublish: number; unchanged: number };
  files: { upload: number; unchanged: number; bytes: number };
  rules: { set: number; unchanged: number };
  indexes: { create: number; unchanged: number };
  /** Bytes sent: function packages and files. */
  bytes: number;
  /** Calls that change something in the cloud, the manifest write included. */
  changes: number;
}

export interface DeployPlan {
  functions: FunctionStep[];
  collections: CollectionStep[];
  uploads: LocalFile[];
  filesUnchanged: number;
  summary: PlanSummary;
}

export const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** What a document holds, whatever its key order: `_id` (and the SDK's `_openid`) left out. */
export function documentData(doc: object): Record<string, unknown> {
  const { _id, _openid, ...data } = doc as Record<string, unknown>;
  // Through JSON, as the database stores it: undefined fields vanish.
  return JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
}

export const documentHash = (doc: object) => sha256(canonicalJson(documentData(doc)));

const sameTrigger = (a: Trigger, b: Trigger) =>
  a.type === b.type &&
  a.config.trim().replace(/\s+/g, ' ') === b.config.trim().replace(/\s+/g, ' ');

const indexSignature = (spec: IndexSpec) =>
  `${spec.unique ? 'unique ' : ''}${spec.keys.map((key) => `${key.field}:${key.direction}`).join(',')}`;

function runtimeWarning(runtime: string): string | undefined {
  const version = /^Nodejs(\d+)\.(\d+)$/.exec(runtime);
  const [major, minor] = [Number(version?.[1] ?? 0), Number(version?.[2] ?? 0)];
  if (!runtime || major > 16 || (major === 16 && minor >= 13)) return undefined;
  return `runtime ${runtime} in the cloud cannot run the bundle (${RUNTIME} or newer needed) and cannot be changed: delete the function in the console, then deploy again`;
}

function planFunction(fn: LocalFunction, cloud: CloudState): FunctionStep {
  const deployed = cloud.functions[fn.name];
  if (!deployed) {
    return { fn, action: 'create', triggersToCreate: [], triggersToDelete: [] };
  }
  const changed = (local: Trigger) => {
    const same = deployed.triggers.find((trigger) => trigger.name === local.name);
    return !same || !sameTrigger(same, local);
  };
  const triggersToCreate = fn.triggers.filter(changed);
  // A trigger config.json no longer names, or one whose schedule changed, goes first.
  const triggersToDelete = deployed.triggers
    .filter(
      (trigger) =>
        !fn.triggers.some((local) => local.name === trigger.name) ||
        triggersToCreate.some((local) => local.name === trigger.name),
    )
    .map((trigger) => trigger.name);
  return {
    fn,
    action: deployed.codeSha256 === fn.codeSha256 ? 'unchanged' : 'update',
    triggersToCreate,
    triggersToDelete,
    warning: runtimeWarning(deployed.runtime),
  };
}

function planCollection(local: LocalCollection, cloud: CloudState): CollectionStep {
  const deployed = cloud.collections[local.name];
  const cloudDocs = deployed?.docs ?? {};
  const upsert: DocWrite[] = [];
  let unchanged = 0;
  const ids = new Set<string>();
  for (const doc of local.docs ?? []) {
    ids.add(doc._id);
    const hash = documentHash(doc);
    if (cloudDocs[doc._id]?.sha256 === hash) unchanged += 1;
    else {
      upsert.push({
        id: doc._id,
        sha256: hash,
        published: doc.published !== false,
        data: documentData(doc),
      });
    }
  }
  // Records gone from content stay, unpublished: their links and rights answer "not found".
  const unpublish =
    local.docs === null
      ? []
      : Object.entries(cloudDocs)
          .filter(([id, doc]) => !ids.has(id) && doc.published)
          .map(([id]) => id)
          .sort();
  const cloudIndexes = new Set((deployed?.indexes ?? []).map(indexSignature));
  const createIndexes = local.indexes.filter((spec) => !cloudIndexes.has(indexSignature(spec)));
  return {
    name: local.name,
    create: !deployed,
    upsert,
    unpublish,
    unchanged,
    setRule: deployed?.rule !== ADMIN_ONLY,
    createIndexes,
    indexesUnchanged: local.indexes.length - createIndexes.length,
  };
}

export function planDeploy(local: LocalState, cloud: CloudState): DeployPlan {
  const functions = local.functions.map((fn) => planFunction(fn, cloud));
  const collections = local.collections.map((collection) => planCollection(collection, cloud));
  const uploads = local.files.filter((file) => cloud.files[file.cloudPath] !== file.sha256);
  return {
    functions,
    collections,
    uploads,
    filesUnchanged: local.files.length - uploads.length,
    summary: summarize(functions, collections, uploads, local.files.length - uploads.length),
  };
}

function summarize(
  functions: FunctionStep[],
  collections: CollectionStep[],
  uploads: LocalFile[],
  filesUnchanged: number,
): PlanSummary {
  const count = <T>(items: T[], test: (item: T) => boolean) => items.filter(test).length;
  const total = <T>(items: T[], value: (item: T) => number) =>
    items.reduce((sum, item) => sum + value(item), 0);
  const sent = functions.filter((step) => step.action !== 'unchanged');
  const summary: PlanSummary = {
    functions: {
      create: count(functions, (step) => step.action === 'create'),
      update: count(functions, (step) => step.action === 'update'),
      unchanged: count(functions, (step) => step.action === 'unchanged'),
      bytes: total(sent, (step) => step.fn.bytes),
    },
    triggers: {
      create: total(functions, (step) =>
        step.action === 'create' ? step.fn.triggers.length : step.triggersToCreate.length,
      ),
      delete: total(functions, (step) => step.triggersToDelete.length),
    },
    collections: { create: count(collections, (step) => step.create) },
    records: {
      upsert: total(collections, (step) => step.upsert.length),
      unpublish: total(collections, (step) => step.unpublish.length),
      unchanged: total(collections, (step) => step.unchanged),
    },
    files: {
      upload: uploads.length,
      unchanged: filesUnchanged,
      bytes: total(uploads, (f) => f.bytes),
    },
    rules: {
      set: count(collections, (step) => step.setRule),
      unchanged: count(collections, (step) => !step.setRule),
    },
    indexes: {
      create: total(collections, (step) => step.createIndexes.length),
      unchanged: total(collections, (step) => step.indexesUnchanged),
    },
    bytes: 0,
    changes: 0,
  };
  summary.bytes = summary.functions.bytes + summary.files.bytes;
  const writes =
    summary.functions.create +
    summary.functions.update +
    summary.triggers.create +
    summary.triggers.delete +
    summary.collections.create +
    summary.records.upsert +
    summary.records.unpublish +
    summary.files.upload +
    summary.rules.set +
    summary.indexes.create;
  // The manifest is written whenever a function package or a file was sent.
  const manifest = summary.functions.create + summary.functions.update + summary.files.upload > 0;
  summary.changes = writes + (manifest ? 1 : 0);
  return summary;
}

const grouped = (n: number) => n.toLocaleString('en-US');

/** One line with every figure, for the end of the output and for notes. */
export function summaryLine(summary: PlanSummary): string {
  const { functions: f, records: r, files, rules, indexes, collections, triggers } = summary;
  const functionCount = f.create + f.update + f.unchanged;
  const recordCount = r.upsert + r.unpublish + r.unchanged;
  if (summary.changes === 0) {
    return `Nothing changes: ${functionCount} functions, ${recordCount} records, ${files.unchanged} files, ${rules.unchanged} rules and ${indexes.unchanged} indexes are as deployed.`;
  }
  return [
    `functions ${functionCount} (${f.create} create, ${f.update} update, ${f.unchanged} unchanged)`,
    `triggers ${triggers.create} create, ${triggers.delete} delete`,
    `collections ${collections.create} create`,
    `records ${recordCount} (${r.upsert} upsert, ${r.unpublish} unpublish, ${r.unchanged} unchanged)`,
    `files ${files.upload} upload, ${files.unchanged} skipped`,
    `bytes ${grouped(summary.bytes)} (${grouped(f.bytes)} code, ${grouped(files.bytes)} files)`,
    `rules ${rules.set} set, ${rules.unchanged} unchanged`,
    `indexes ${indexes.create} create, ${indexes.unchanged} unchanged`,
  ].join('; ');
}
