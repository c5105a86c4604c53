import { parseArgs } from 'util';
import { LabelError } from './errors';
import { WechatApiError, wechatApiBase } from '../wechat-api';

export const EXAMPLE_LINK_BASE = 'https://guide.example.com/l';
const ENV_VERSIONS = ['release', 'trial', 'develop'] as const;
export type EnvVersion = (typeof ENV_VERSIONS)[number];

export type CodeSettings =
  | { kind: 'qr'; linkBase: string; example: boolean }
  | {
      kind: 'wxacode';
      appId: string;
      appSecret: string;
      apiBase: string;
      envVersion: EnvVersion;
    };

export interface LabelSettings {
  exhibitionId: string;
  code: CodeSettings;
  /** --out: where the PDF goes instead of dist/labels. */
  outDir?: string;
  /** Said before the run; the sheet is still made. */
  warnings: string[];
}

export const USAGE =
  'Usage: npm run labels -- <exhibitionId> [--code qr|wxacode] [--out <dir>] writes <dir>/<exhibitionId>.pdf, dist/labels by default.';

export const EXAMPLE_PREFIX_WARNING =
  `LABEL_LINK_BASE is not set, so the QR codes use the example prefix ${EXAMPLE_LINK_BASE}, which opens nothing: ` +
  'before printing for the walls, set it to the prefix the museum registers in the mini program admin under ' +
  '开发管理 → 开发设置 → 扫普通链接二维码打开小程序.';

type Env = Record<string, string | undefined>;

/** Command line and environment of `npm run labels`, checked before anything is read or fetched. */
export function readSettings(argv: readonly string[], env: Env): LabelSettings {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { code: { type: 'string' }, out: { type: 'string' } },
      allowPositionals: true,
    });
  } catch (error) {
    throw new LabelError(`${(error as Error).message}. ${USAGE}`);
  }
  const [exhibitionId, ...extra] = parsed.positionals;
  if (!exhibitionId || extra.length > 0) throw new LabelError(USAGE);
  const warnings: string[] = [];
  const code = codeSettings(parsed.values.code, env, warnings);
  const outDir = parsed.values.out?.trim();
  return { exhibitionId, code, warnings, ...(outDir ? { outDir } : {}) };
}

function codeSettings(flag: string | undefined, env: Env, warnings: string[]): CodeSettings {
  const appId = env.WX_APPID?.trim() ?? '';
  const appSecret = env.WX_APPSECRET?.trim() ?? '';
  if (flag !== undefined && flag !== 'qr' && flag !== 'wxacode') {
    throw new LabelError(`--code must be qr or wxacode, not "${flag}". ${USAGE}`);
  }
  if (flag === 'wxacode' && !(appId && appSecret)) {
    throw new LabelError(
      "--code wxacode needs WX_APPID and WX_APPSECRET, the mini program's AppID and AppSecret (开发管理 → 开发设置).",
    );
  }
  if (flag === undefined && Boolean(appId) !== Boolean(appSecret)) {
    const [set, missing] = appId ? ['WX_APPID', 'WX_APPSECRET'] : ['WX_APPSECRET', 'WX_APPID'];
    throw new LabelError(
      `Only ${set} is set: set ${missing} too for mini program codes, or pass --code qr for plain QR codes.`,
    );
  }
  if (flag === 'qr' || !(appId && appSecret)) return qrSettings(env, warnings);
  return {
    kind: 'wxacode',
    appId,
    appSecret,
    apiBase: apiBase(env.WX_API_BASE),
    envVersion: envVersion(env.WX_ENV_VERSION),
  };
}

function qrSettings(env: Env, warnings: string[]): CodeSettings {
  const raw = env.LABEL_LINK_BASE?.trim();
  if (!raw) {
    warnings.push(EXAMPLE_PREFIX_WARNING);
    return { kind: 'qr', linkBase: EXAMPLE_LINK_BASE, example: true };
  }
  const url = parsedUrl(raw);
  if (!url || url.protocol !== 'https:' || url.search || url.hash || url.username) {
    throw new LabelError(
      `LABEL_LINK_BASE must be an https:// link prefix without query or fragment, such as ${EXAMPLE_LINK_BASE}; "${raw}" is not.`,
    );
  }
  return { kind: 'qr', linkBase: raw.replace(/\/+$/, ''), example: false };
}

/** WX_API_BASE as every WeChat API command checks it, refused as a label-sheet error. */
function apiBase(raw: string | undefined): string {
  try {
    return wechatApiBase(raw);
  } catch (error) {
    if (error instanceof WechatApiError) throw new LabelError(error.message);
    throw error;
  }
}

function envVersion(raw: string | undefined): EnvVersion {
  const value = raw?.trim() || 'release';
  const known = ENV_VERSIONS.find((version) => version === value);
  if (!known) {
    throw new LabelError(
      `WX_ENV_VERSION must be one of ${ENV_VERSIONS.join(', ')}; "${value}" is not.`,
    );
  }
  return known;
}

function parsedUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}
