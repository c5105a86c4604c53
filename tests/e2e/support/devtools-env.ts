// Whether WeChat DevTools can run here, and what to tell someone when it cannot. No automator
// import: `npm run e2e` reads this on machines where nothing else of the specs will load.
import { statSync } from 'fs';
import path from 'path';

export const PROJECT_DIR = path.resolve(__dirname, '..', '..', '..');
export const CLI_ENV = 'WECHAT_DEVTOOLS_CLI';
export const PORT_ENV = 'WECHAT_DEVTOOLS_PORT';
/** miniprogram-automator's own default. */
export const DEFAULT_AUTOMATION_PORT = 9420;

export const MAC_CLI = '/Applications/wechatwebdevtools.app/Contents/MacOS/cli';
export const WINDOWS_CLI = 'C:\\Program Files (x86)\\Tencent\\微信web开发者工具\\cli.bat';

export type DevToolsCheck = { ok: true; cliPath: string } | { ok: false; problem: string };

export function findDevTools(env: NodeJS.ProcessEnv = process.env): DevToolsCheck {
  const cliPath = env[CLI_ENV]?.trim();
  if (!cliPath) return { ok: false, problem: `${CLI_ENV} is not set` };
  if (!statSync(cliPath, { throwIfNoEntry: false })?.isFile()) {
    return { ok: false, problem: `${CLI_ENV} points at no file (${cliPath})` };
  }
  return { ok: true, cliPath };
}

export function automationPort(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[PORT_ENV]?.trim();
  if (!raw) return DEFAULT_AUTOMATION_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${PORT_ENV} must be a port number, got "${raw}"`);
  }
  return port;
}

export function automationEndpoint(env: NodeJS.ProcessEnv = process.env): string {
  return `ws://127.0.0.1:${automationPort(env)}`;
}

/** The full explanation `npm run e2e` prints when the specs cannot run. */
export function howToEnable(problem: string): string {
  return `WeChat DevTools not found: ${problem}.

The end-to-end specs (tests/e2e/) drive the real mini program in WeChat DevTools through
miniprogram-automator. DevTools runs on Windows and macOS only; there is no Linux build.
To run them on a Windows or macOS machine:
  1. Install WeChat DevTools (微信开发者工具), open it once and log in with WeChat.
  2. In DevTools: 设置 → 安全设置 → 服务端口: turn it on (the CLI and automation need it).
  3. Point ${CLI_ENV} at DevTools' command-line tool:
       macOS        export ${CLI_ENV}=${MAC_CLI}
       Windows cmd  set "${CLI_ENV}=${WINDOWS_CLI}"
       PowerShell   $env:${CLI_ENV} = '${WINDOWS_CLI}'
  4. npm run e2e   (it starts the local host itself, or uses the one \`npm start\` runs)

Nothing was run.`;
}

/** One line for a skipped spec's title. */
export function skipReason(problem: string): string {
  return `skipped: WeChat DevTools not found (${problem}); \`npm run e2e\` says how to enable it`;
}
