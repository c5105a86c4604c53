import { spawn } from 'child_process';
import automator from 'miniprogram-automator';
import type MiniProgram from 'miniprogram-automator/out/MiniProgram';
import {
  automationEndpoint,
  automationPort,
  findDevTools,
  PROJECT_DIR,
  skipReason,
} from './devtools-env';

/** Opening the project includes DevTools compiling it: far beyond automator's default 30 s. */
const LAUNCH_TIMEOUT_MS = 3 * 60 * 1000;

const CHECKLIST = `Check that:
  - DevTools is logged in (a login QR code in its window means it is not);
  - 设置 → 安全设置 → 服务端口 is on;
  - nothing else holds the automation port (set WECHAT_DEVTOOLS_PORT to use another).`;

/**
 * `describe` when DevTools can run the specs; otherwise `describe.skip` with the reason in the
 * title, so a run without DevTools reports skipped specs, never passed ones.
 */
export function describeWithDevTools(title: string, body: () => void): void {
  const devtools = findDevTools();
  if (devtools.ok) {
    describe(title, body);
    return;
  }
  // Jest lists nothing for a suite whose tests are all skipped; console output would come with a
  // code frame. A plain line says which spec did not run and why.
  process.stderr.write(`○ ${title}: ${skipReason(devtools.problem)}\n`);
  describe.skip(`${title} — ${skipReason(devtools.problem)}`, body);
}

/** Opens this project in DevTools with automation on. */
export async function launchDevTools(cliPath: string): Promise<MiniProgram> {
  const port = automationPort();
  try {
    // Node ≥ 20.12 refuses to spawn a .bat without a shell (CVE-2024-27980), and automator.launch
    // spawns DevTools' cli.bat without one: on Windows, start `cli auto` through the shell instead.
    if (process.platform === 'win32') return await launchThroughShell(cliPath, port);
    return await automator.launch({
      cliPath,
      projectPath: PROJECT_DIR,
      port,
      timeout: LAUNCH_TIMEOUT_MS,
      trustProject: true,
    });
  } catch (error) {
    throw new Error(
      `Could not open the project in WeChat DevTools: ${messageOf(error)}\n${CHECKLIST}`,
      { cause: error },
    );
  }
}

async function launchThroughShell(cliPath: string, port: number): Promise<MiniProgram> {
  const args = ['auto', '--project', PROJECT_DIR, '--auto-port', String(port), '--trust-project'];
  const command = [cliPath, ...args].map((part) => `"${part}"`).join(' ');
  let failure: string | undefined;
  const child = spawn(command, { shell: true, stdio: 'inherit' });
  child.on('error', (error) => (failure = error.message));
  child.on('exit', (code) => {
    if (code !== 0) failure = `the DevTools CLI exited with code ${code}`;
  });
  const deadline = Date.now() + LAUNCH_TIMEOUT_MS;
  for (;;) {
    if (failure) throw new Error(failure);
    try {
      return await connectDevTools();
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** Attaches to the DevTools window the global setup opened. */
export function connectDevTools(): Promise<MiniProgram> {
  return automator.connect({ wsEndpoint: automationEndpoint() });
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
