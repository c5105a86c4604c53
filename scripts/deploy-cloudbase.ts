// npm run deploy:cloudbase [-- --dry-run [--state <deployed.json>]]: functions, content, media,
// rules and indexes to a CloudBase environment in one command; a second run changes nothing.
import { promises as fs } from 'fs';
import path from 'path';
import { ContentError } from '../backend/content/load';
import { CONTENT_DIR, ROOT_DIR } from '../backend/host/local';
import { WRITABLE_COLLECTIONS } from './lib/deploy/collections';
import { DeployFailure, executePlan, MANIFEST_PATH, type CloudPort } from './lib/deploy/execute';
import { readLocalState } from './lib/deploy/local';
import { connectCloudBase, type Credentials } from './lib/deploy/manager-port';
import {
  ADMIN_ONLY,
  emptyCloud,
  planDeploy,
  RUNTIME,
  summaryLine,
  type CloudState,
  type DeployPlan,
  type PlanSummary,
} from './lib/deploy/plan';
import { bundleCloudFunctions, FUNCTIONS_DIR } from './lib/functions-bundle';

export const CREDENTIAL_VARIABLES = [
  'CLOUDBASE_ENV_ID',
  'TENCENTCLOUD_SECRETID',
  'TENCENTCLOUD_SECRETKEY',
] as const;

export class DeployUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeployUsageError';
  }
}

export interface DeployDependencies {
  contentDir: string;
  functionsDir: string;
  /** Where the packs' data files and deployed.json are written. */
  outDir: string;
  bundle: () => Promise<unknown>;
  connect: (credentials: Credentials, env: NodeJS.ProcessEnv) => Promise<CloudPort>;
  print: (line: string) => void;
}

export interface DeployResult {
  dryRun: boolean;
  plan: DeployPlan;
  summary: PlanSummary;
  line: string;
  /** The cloud after the run (for a dry run: as it was compared). */
  state: CloudState;
}

const USAGE =
  'Usage: npm run deploy:cloudbase [-- --dry-run [--state dist/cloudbase/deployed.json]]';

function parseArgs(argv: string[]): { dryRun: boolean; stateFile: string | null } {
  let dryRun = false;
  let stateFile: string | null = null;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--dry-run') dryRun = true;
    else if (arg === '--state') {
      stateFile = argv[i + 1] ?? null;
      if (!stateFile) throw new DeployUsageError(`--state needs a file. ${USAGE}`);
      i += 1;
    } else throw new DeployUsageError(`Unknown argument "${arg}". ${USAGE}`);
  }
  if (stateFile && !dryRun) {
    throw new DeployUsageError(
      `--state is for --dry-run only: a real run reads the environment itself. ${USAGE}`,
    );
  }
  return { dryRun, stateFile };
}

function credentialsFrom(env: NodeJS.ProcessEnv): Credentials {
  const missing = CREDENTIAL_VARIABLES.filter((name) => !env[name]?.trim());
  if (missing.length > 0) {
    throw new DeployUsageError(
      `Missing ${missing.join(', ')}: the deploy takes the environment id and the API key only from ` +
        `CLOUDBASE_ENV_ID, TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY (and ` +
        `TENCENTCLOUD_SESSIONTOKEN for a temporary key). Or run with --dry-run to see the plan.`,
    );
  }
  const value = (name: string) => env[name]?.trim() ?? '';
  return {
    envId: value('CLOUDBASE_ENV_ID'),
    secretId: value('TENCENTCLOUD_SECRETID'),
    secretKey: value('TENCENTCLOUD_SECRETKEY'),
    sessionToken: value('TENCENTCLOUD_SESSIONTOKEN') || undefined,
  };
}

async function readStateFile(file: string): Promise<CloudState> {
  const text = await fs.readFile(file, 'utf8').catch(() => {
    throw new DeployUsageError(`--state ${file}: no such file (a real run writes one).`);
  });
  const state = JSON.parse(text) as Partial<CloudState>;
  if (!state.functions || !state.collections || !state.files) {
    throw new DeployUsageError(
      `--state ${file}: not a deployed.json (functions, collections, files).`,
    );
  }
  return { functions: state.functions, collections: state.collections, files: state.files };
}

const bytes = (n: number) => `${n.toLocaleString('en-US')} bytes`;

function printPlan(plan: DeployPlan, print: (line: string) => void): void {
  print(
    `Functions (new ones run ${RUNTIME}, dependencies installed in the cloud; environment variables stay as set in the console):`,
  );
  for (const step of plan.functions) {
    const notes: string[] = [];
    if (step.action === 'create') {
      notes.push(...step.fn.envOnCreate.map((name) => `sets ${name}`));
      notes.push(...step.fn.triggers.map((t) => `trigger ${t.name} "${t.config}"`));
    }
    notes.push(...step.triggersToDelete.map((name) => `delete trigger ${name}`));
    notes.push(...step.triggersToCreate.map((t) => `trigger ${t.name} "${t.config}"`));
    print(
      `  ${step.action.padEnd(9)} ${step.fn.name.padEnd(12)} ${bytes(step.fn.bytes)}${notes.length ? `; ${notes.join('; ')}` : ''}`,
    );
    if (step.warning) print(`  ! ${step.fn.name}: ${step.warning}`);
  }
  print(`Collections (rule ${ADMIN_ONLY}: only the cloud functions read and write them):`);
  for (const step of plan.collections) {
    const writable = WRITABLE_COLLECTIONS.includes(step.name);
    const parts = [
      step.create ? 'create' : 'exists',
      writable
        ? 'documents written by the functions'
        : `${step.upsert.length} upsert, ${step.unpublish.length} unpublish, ${step.unchanged} unchanged`,
      step.setRule ? 'set rule' : 'rule as is',
      `${step.createIndexes.length} indexes to create, ${step.indexesUnchanged} as is`,
    ];
    print(`  ${step.name.padEnd(14)} ${parts.join('; ')}`);
    if (step.upsert.length > 0 && step.upsert.length <= 20) {
      print(`    upsert: ${step.upsert.map((doc) => doc.id).join(', ')}`);
    }
    if (step.unpublish.length > 0) print(`    unpublish: ${step.unpublish.join(', ')}`);
  }
  print(
    `Files (content/media/ as media/, offline pack data as media/packs/; hashes kept in ${MANIFEST_PATH}):`,
  );
  for (const file of plan.uploads) print(`  upload ${file.cloudPath} (${bytes(file.bytes)})`);
  print(`  ${plan.filesUnchanged} unchanged, skipped`);
}

export async function deployCommand(
  argv: string[],
  env: NodeJS.ProcessEnv,
  dependencies: Partial<DeployDependencies> = {},
): Promise<DeployResult> {
  const deps: DeployDependencies = {
    contentDir: CONTENT_DIR,
    functionsDir: FUNCTIONS_DIR,
    outDir: path.join(ROOT_DIR, 'dist', 'cloudbase'),
    bundle: bundleCloudFunctions,
    connect: (credentials, variables) =>
      connectCloudBase(credentials, {
        mediaBaseUrl: variables.MEDIA_BASE_URL?.trim() || undefined,
      }),
    print: (line) => console.log(line),
    ...dependencies,
  };
  const { dryRun, stateFile } = parseArgs(argv);
  const credentials = dryRun ? null : credentialsFrom(env);

  await deps.bundle();
  const local = await readLocalState(deps);
  let port: CloudPort | null = null;
  let before: CloudState;
  if (credentials) {
    port = await deps.connect(credentials, env);
    before = await port.readState({
      functions: local.functions.map((fn) => fn.name),
      collections: local.collections.map((c) => ({ name: c.name, readDocs: c.docs !== null })),
    });
    deps.print(`Environment ${credentials.envId}: read what is deployed.`);
  } else if (stateFile) {
    before = await readStateFile(stateFile);
    deps.print(`Dry run against ${stateFile}.`);
  } else {
    before = emptyCloud();
    deps.print('Dry run against an empty environment (give --state <deployed.json> to compare).');
  }

  const plan = planDeploy(local, before);
  printPlan(plan, deps.print);
  const line = summaryLine(plan.summary);
  if (!port) {
    deps.print(`Plan: ${line}`);
    deps.print('Dry run: nothing was sent.');
    return { dryRun: true, plan, summary: plan.summary, line, state: before };
  }

  const deployedFile = path.join(deps.outDir, 'deployed.json');
  const writeState = (state: CloudState) =>
    fs.writeFile(deployedFile, JSON.stringify(state, null, 2) + '\n');
  try {
    const state = await executePlan(plan, before, port, (text) => deps.print(`  ${text}`));
    await writeState(state);
    deps.print(`Deployed: ${line}`);
    deps.print(`Wrote ${path.relative(ROOT_DIR, deployedFile)} (use it with --dry-run --state).`);
    return { dryRun: false, plan, summary: plan.summary, line, state };
  } catch (error) {
    if (error instanceof DeployFailure) {
      await writeState(error.state);
      deps.print(
        `Stopped: ${error.message}. What was done is in ${deployedFile}; run again to finish.`,
      );
    }
    throw error;
  }
}

if (require.main === module) {
  deployCommand(process.argv.slice(2), process.env)
    // The SDKs keep connections alive.
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(
        error instanceof ContentError || error instanceof DeployUsageError ? error.message : error,
      );
      process.exit(1);
    });
}
