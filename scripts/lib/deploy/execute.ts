// Carries out a plan through a CloudPort: collections (with rules and indexes) first, then the
// files, then the documents that name them, then the functions. What was done is tracked as it
// goes, so the manifest and deployed.json tell the truth even when a step fails half-way.
import {
  ADMIN_ONLY,
  RUNTIME,
  type CloudState,
  type DeployPlan,
  type IndexSpec,
  type LocalFile,
  type LocalFunction,
  type Trigger,
} from './plan';

/** Kept in storage: what the deploy sent, since the cloud reports no hash of code or files. */
export const MANIFEST_PATH = 'deploy/manifest.json';

export interface DeployManifest {
  format: 1;
  /** Function name → SHA-256 of its code package. */
  functions: Record<string, string>;
  /** Cloud path → SHA-256 of the file. */
  files: Record<string, string>;
}

export interface StateScope {
  functions: string[];
  /** `readDocs`: the collection's documents are compared (content collections only). */
  collections: Array<{ name: string; readDocs: boolean }>;
}

/** Everything the deploy asks of CloudBase; manager-port.ts implements it over the SDKs. */
export interface CloudPort {
  readState(scope: StateScope): Promise<CloudState>;
  /** The value of MEDIA_BASE_URL for functions created now: the media folder's file ID prefix. */
  mediaBaseUrl(): Promise<string>;
  createFunction(
    fn: LocalFunction,
    settings: { runtime: string; env: Record<string, string> },
  ): Promise<void>;
  updateFunctionCode(fn: LocalFunction): Promise<void>;
  createTriggers(functionName: string, triggers: Trigger[]): Promise<void>;
  deleteTrigger(functionName: string, triggerName: string): Promise<void>;
  createCollection(name: string): Promise<void>;
  setRule(collection: string, aclTag: string): Promise<void>;
  createIndexes(collection: string, indexes: IndexSpec[]): Promise<void>;
  upsertDocument(collection: string, id: string, data: Record<string, unknown>): Promise<void>;
  unpublishDocument(collection: string, id: string): Promise<void>;
  uploadFile(file: LocalFile): Promise<void>;
  writeManifest(manifest: DeployManifest): Promise<void>;
}

export function manifestOf(state: CloudState): DeployManifest {
  const functions: Record<string, string> = {};
  for (const [name, fn] of Object.entries(state.functions)) {
    if (fn.codeSha256) functions[name] = fn.codeSha256;
  }
  return { format: 1, functions, files: { ...state.files } };
}

/** A step failed; `state` is what the cloud holds now, as far as the deploy knows. */
export class DeployFailure extends Error {
  constructor(
    readonly reason: unknown,
    readonly state: CloudState,
  ) {
    super(reason instanceof Error ? reason.message : String(reason));
    this.name = 'DeployFailure';
  }
}

export async function executePlan(
  plan: DeployPlan,
  before: CloudState,
  port: CloudPort,
  log: (line: string) => void,
): Promise<CloudState> {
  const state = structuredClone(before);
  let manifestChanged = false;
  const collection = (name: string) =>
    (state.collections[name] ??= { docs: {}, rule: null, indexes: [] });
  let failure: unknown = null;
  try {
    for (const step of plan.collections) {
      if (step.create) {
        await port.createCollection(step.name);
        collection(step.name);
        log(`collection ${step.name}: created`);
      }
      if (step.setRule) {
        await port.setRule(step.name, ADMIN_ONLY);
        collection(step.name).rule = ADMIN_ONLY;
        log(`collection ${step.name}: rule ${ADMIN_ONLY}`);
      }
      if (step.createIndexes.length > 0) {
        await port.createIndexes(step.name, step.createIndexes);
        collection(step.name).indexes.push(...step.createIndexes);
        log(
          `collection ${step.name}: indexes ${step.createIndexes.map((spec) => spec.name).join(', ')}`,
        );
      }
    }

    for (const file of plan.uploads) {
      await port.uploadFile(file);
      state.files[file.cloudPath] = file.sha256;
      manifestChanged = true;
      log(`uploaded ${file.cloudPath} (${file.bytes.toLocaleString('en-US')} bytes)`);
    }

    for (const step of plan.collections) {
      const docs = collection(step.name).docs;
      for (const doc of step.upsert) {
        await port.upsertDocument(step.name, doc.id, doc.data);
        docs[doc.id] = { sha256: doc.sha256, published: doc.published };
      }
      for (const id of step.unpublish) {
        await port.unpublishDocument(step.name, id);
        const doc = docs[id];
        if (doc) doc.published = false;
      }
      if (step.upsert.length + step.unpublish.length > 0) {
        log(
          `collection ${step.name}: ${step.upsert.length} upserted, ${step.unpublish.length} unpublished`,
        );
      }
    }

    let mediaBaseUrl: string | undefined;
    for (const step of plan.functions) {
      const { fn } = step;
      if (step.action === 'create') {
        const env: Record<string, string> = {};
        if (fn.envOnCreate.includes('MEDIA_BASE_URL')) {
          env.MEDIA_BASE_URL = mediaBaseUrl ??= await port.mediaBaseUrl();
        }
        await port.createFunction(fn, { runtime: RUNTIME, env });
        state.functions[fn.name] = {
          runtime: RUNTIME,
          codeSha256: fn.codeSha256,
          triggers: fn.triggers,
        };
        manifestChanged = true;
        log(`function ${fn.name}: created (${fn.bytes.toLocaleString('en-US')} bytes)`);
        continue;
      }
      const deployed = state.functions[fn.name];
      if (!deployed) throw new Error(`function ${fn.name}: planned as existing, not in the state`);
      if (step.action === 'update') {
        await port.updateFunctionCode(fn);
        deployed.codeSha256 = fn.codeSha256;
        manifestChanged = true;
        log(`function ${fn.name}: code updated (${fn.bytes.toLocaleString('en-US')} bytes)`);
      }
      for (const name of step.triggersToDelete) {
        await port.deleteTrigger(fn.name, name);
        deployed.triggers = deployed.triggers.filter((trigger) => trigger.name !== name);
        log(`function ${fn.name}: trigger ${name} deleted`);
      }
      if (step.triggersToCreate.length > 0) {
        await port.createTriggers(fn.name, step.triggersToCreate);
        deployed.triggers.push(...step.triggersToCreate);
        log(
          `function ${fn.name}: triggers ${step.triggersToCreate.map((trigger) => trigger.name).join(', ')}`,
        );
      }
    }
  } catch (error) {
    failure = error;
  }
  if (manifestChanged) {
    // Written after a failure too: what was sent need not be sent again.
    try {
      await port.writeManifest(manifestOf(state));
      log(`manifest ${MANIFEST_PATH} written`);
    } catch (error) {
      if (failure) log(`manifest ${MANIFEST_PATH} not written: ${String(error)}`);
      else failure = error;
    }
  }
  if (failure) throw new DeployFailure(failure, state);
  return state;
}
