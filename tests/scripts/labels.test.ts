import { spawn } from 'child_process';
import { promises as fs, readFileSync, readdirSync } from 'fs';
import http from 'http';
import type { AddressInfo } from 'net';
import path from 'path';
import { inflateSync } from 'zlib';
import jsQR from 'jsqr';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFRawStream,
  type PDFObject,
  type PDFPage,
} from 'pdf-lib';
import QRCode from 'qrcode';
import { parse } from 'yaml';
import { loadCatalogue } from '../../backend/content/load';
import { LabelError, makeLabelSheet, readSettings } from '../../scripts/lib/labels';
import { sceneFor } from '../../scripts/lib/labels/codes';
import { tempDir } from '../support/temp';

const ROOT = path.resolve(__dirname, '../..');
const CONTENT = path.join(ROOT, 'content');
const EXHIBITION = 'modern-masters-on-tour';
const A4 = [595.28, 841.89];

// ---- What content/ says, read straight from the YAML rather than through the script's code.

interface ExpectedWork {
  number: string;
  titleZh: string;
}

function readYaml<T>(file: string): T {
  return parse(readFileSync(file, 'utf8')) as T;
}

function expectedWorks(): ExpectedWork[] {
  const artworks = new Map(
    readdirSync(path.join(CONTENT, 'artworks'))
      .filter((name) => name.endsWith('.yaml'))
      .map((name) =>
        readYaml<{ id: string; published: boolean; title: { zh: string } }>(
          path.join(CONTENT, 'artworks', name),
        ),
      )
      .map((artwork) => [artwork.id, artwork]),
  );
  const exhibition = readYaml<{ works: Array<{ number: string; artwork: string }> }>(
    path.join(CONTENT, 'exhibitions', `${EXHIBITION}.yaml`),
  );
  return exhibition.works.flatMap(({ number, artwork }) => {
    const doc = artworks.get(artwork);
    return doc?.published ? [{ number, titleZh: doc.title.zh }] : [];
  });
}

const WORKS = expectedWorks();
const NUMBERS_IN_ORDER = WORKS.map((work) => work.number).sort((a, b) => Number(a) - Number(b));
const PAGES = Math.ceil(WORKS.length / 8);

// ---- The real script, as a child process (async, so a stand-in server here can answer it).

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function runLabels(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const base = { ...process.env };
  const settings = ['LABEL_LINK_BASE', 'WX_APPID', 'WX_APPSECRET', 'WX_API_BASE', 'WX_ENV_VERSION'];
  for (const name of [...settings, 'CONTENT_DIR']) {
    delete base[name];
  }
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'scripts/labels.ts', ...args], {
      cwd: ROOT,
      env: { ...base, ...env },
      timeout: 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

// ---- Reading the PDF back: pages, fonts, images and text.

function streamBytes(stream: PDFRawStream): Buffer {
  const filter = stream.dict.get(PDFName.of('Filter'));
  if (!filter) return Buffer.from(stream.contents);
  if (filter !== PDFName.of('FlateDecode')) throw new Error(`unexpected filter ${String(filter)}`);
  return inflateSync(stream.contents);
}

/** The stream an object or reference stands for (pdf-lib's typed lookup has no overload for it). */
function rawStream(pdf: PDFDocument, object: PDFObject | undefined): PDFRawStream | undefined {
  const found = object === undefined ? undefined : pdf.context.lookup(object);
  return found instanceof PDFRawStream ? found : undefined;
}

function pageStreams(page: PDFPage): PDFRawStream[] {
  const contents = page.node.Contents();
  if (contents instanceof PDFRawStream) return [contents];
  if (contents instanceof PDFArray) {
    return contents.asArray().flatMap((ref) => rawStream(page.doc, ref) ?? []);
  }
  return [];
}

const numberOf = (dict: PDFDict, key: string) => dict.lookup(PDFName.of(key), PDFNumber).asNumber();

/** Undoes PNG row filters (PDF predictors 10–15). */
function unpredict(data: Buffer, columns: number, bytesPerPixel: number): Buffer {
  const rowLength = columns * bytesPerPixel;
  const rows = data.length / (rowLength + 1);
  const out = Buffer.alloc(rowLength * rows);
  for (let row = 0; row < rows; row++) {
    const filter = data[row * (rowLength + 1)];
    for (let i = 0; i < rowLength; i++) {
      const raw = data[row * (rowLength + 1) + 1 + i] as number;
      const at = row * rowLength + i;
      const left = i >= bytesPerPixel ? (out[at - bytesPerPixel] as number) : 0;
      const up = row > 0 ? (out[at - rowLength] as number) : 0;
      const upLeft =
        row > 0 && i >= bytesPerPixel ? (out[at - rowLength - bytesPerPixel] as number) : 0;
      const paeth = () => {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      };
      const predicted = [0, left, up, (left + up) >> 1, filter === 4 ? paeth() : 0][filter ?? 0];
      out[at] = (raw + (predicted ?? 0)) & 0xff;
    }
  }
  return out;
}

interface Picture {
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
}

function pageImages(page: PDFPage): Picture[] {
  const xObjects = page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  if (!xObjects) return [];
  return [...xObjects.values()].flatMap((ref) => {
    const stream = rawStream(page.doc, ref);
    if (!stream || stream.dict.get(PDFName.of('Subtype')) !== PDFName.of('Image')) return [];
    const width = numberOf(stream.dict, 'Width');
    const height = numberOf(stream.dict, 'Height');
    const space = stream.dict.get(PDFName.of('ColorSpace'));
    const channels =
      space === PDFName.of('DeviceGray') ? 1 : space === PDFName.of('DeviceRGB') ? 3 : 0;
    if (!channels || numberOf(stream.dict, 'BitsPerComponent') !== 8) {
      throw new Error(`unexpected image format ${String(space)}`);
    }
    let pixels = streamBytes(stream);
    const parms = stream.dict.lookupMaybe(PDFName.of('DecodeParms'), PDFDict);
    if (parms && numberOf(parms, 'Predictor') >= 10) pixels = unpredict(pixels, width, channels);
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let i = 0; i < width * height; i++) {
      for (let c = 0; c < 3; c++)
        rgba[i * 4 + c] = pixels[i * channels + (channels === 1 ? 0 : c)] as number;
      rgba[i * 4 + 3] = 255;
    }
    return [{ width, height, rgba }];
  });
}

function decodedCodes(pdf: PDFDocument): string[] {
  return pdf
    .getPages()
    .flatMap(pageImages)
    .map((image) => jsQR(image.rgba, image.width, image.height)?.data ?? '(unreadable)');
}

/** A font's ToUnicode CMap: character code → text. */
function toUnicode(cmap: string): Map<number, string> {
  const text = (hex: string) =>
    Buffer.from(hex.replace(/\s/g, ''), 'hex').swap16().toString('utf16le');
  const map = new Map<number, string>();
  for (const [, body = ''] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code = '', value = ''] of body.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f\s]+)>/gi)) {
      map.set(parseInt(code, 16), text(value));
    }
  }
  for (const [, body = ''] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    const ranges = body.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*(\[[^\]]*\]|<[0-9a-f]+>)/gi);
    for (const [, low = '', high = '', target = ''] of ranges) {
      const start = parseInt(low, 16);
      if (target.startsWith('[')) {
        [...target.matchAll(/<([0-9a-f\s]+)>/gi)].forEach(([, value = ''], index) =>
          map.set(start + index, text(value)),
        );
      } else {
        const first = parseInt(target.slice(1, -1), 16);
        for (let code = start; code <= parseInt(high, 16); code++) {
          map.set(code, String.fromCharCode(first + code - start));
        }
      }
    }
  }
  return map;
}

/** The text a page shows, line after line, decoded through each font's ToUnicode map. */
function pageText(page: PDFPage): string {
  const fonts = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
  const maps = new Map<string, Map<number, string>>();
  for (const [name, ref] of fonts?.entries() ?? []) {
    const font = page.doc.context.lookup(ref, PDFDict);
    const cmap = rawStream(page.doc, font.get(PDFName.of('ToUnicode')));
    if (cmap) maps.set(name.decodeText(), toUnicode(streamBytes(cmap).toString('latin1')));
  }
  let current = new Map<number, string>();
  let out = '';
  const content = pageStreams(page)
    .map((stream) => streamBytes(stream).toString('latin1'))
    .join('\n');
  for (const match of content.matchAll(
    /\/(\S+)\s+[\d.]+\s+Tf|\[([^\]]*)\]\s*TJ|<([0-9a-f]*)>\s*Tj/gi,
  )) {
    if (match[1]) {
      current = maps.get(match[1]) ?? new Map();
      continue;
    }
    const hex = match[2]
      ? [...match[2].matchAll(/<([0-9a-f]*)>/gi)].map((m) => m[1]).join('')
      : match[3];
    for (let i = 0; i + 4 <= (hex ?? '').length; i += 4) {
      out += current.get(parseInt((hex ?? '').slice(i, i + 4), 16)) ?? '\ufffd';
    }
    out += '\n';
  }
  return out;
}

/** Each embedded Type0 font: its CID font's subtype and which font file stream carries it. */
function embeddedFonts(pdf: PDFDocument) {
  return pdf.context
    .enumerateIndirectObjects()
    .flatMap(([, object]) => (object instanceof PDFDict ? [object] : []))
    .filter((dict) => dict.get(PDFName.of('Subtype')) === PDFName.of('Type0'))
    .map((font) => {
      const descendant = font.lookup(PDFName.of('DescendantFonts'), PDFArray).lookup(0, PDFDict);
      const descriptor = descendant.lookup(PDFName.of('FontDescriptor'), PDFDict);
      const file = ['FontFile', 'FontFile2', 'FontFile3'].find((key) =>
        rawStream(pdf, descriptor.get(PDFName.of(key))),
      );
      return {
        name: String(font.get(PDFName.of('BaseFont'))),
        cid: String(descendant.get(PDFName.of('Subtype'))),
        file,
        toUnicode: Boolean(font.get(PDFName.of('ToUnicode'))),
      };
    });
}

async function openPdf(file: string): Promise<PDFDocument> {
  return PDFDocument.load(await fs.readFile(file));
}

// ---- A stand-in for WeChat's open API.

interface Call {
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
}

const TOKEN = 'stand-in-token-42';
// A grey PNG (pngjs' colorType 0): pdfkit decodes PNGs with alpha in plain JS, seconds for 13.
const GREY = { deflateLevel: 9, colorType: 0 };

/**
 * Fakes WeChat's open API on loopback: cgi-bin/stable_token and wxa/getwxacodeunlimit, recording
 * every call. Its "mini program code" is a plain QR code of the scene, so the PDF can be checked.
 */
async function startStandIn() {
  const calls: Call[] = [];
  const faults: { token?: object; codeForScene?: { scene: string; answer: object } } = {};
  const server = http.createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://stand-in');
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      calls.push({ path: url.pathname, query: url.searchParams, body });
      const json = (answer: object) => {
        response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        response.end(JSON.stringify(answer));
      };
      if (request.method === 'POST' && url.pathname === '/cgi-bin/stable_token') {
        json(faults.token ?? { access_token: TOKEN, expires_in: 7200 });
      } else if (request.method === 'POST' && url.pathname === '/wxa/getwxacodeunlimit') {
        const fault = faults.codeForScene;
        if (url.searchParams.get('access_token') !== TOKEN) {
          json({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid' });
        } else if (fault && fault.scene === body.scene) {
          json(fault.answer);
        } else {
          void QRCode.toBuffer(String(body.scene), {
            type: 'png',
            margin: 4,
            rendererOpts: GREY,
          }).then((png) => {
            response.writeHead(200, { 'content-type': 'image/png' });
            response.end(png);
          });
        }
      } else {
        response.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    faults,
    reset() {
      calls.length = 0;
      delete faults.token;
      delete faults.codeForScene;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// ---- The tests.

describe('npm run labels with plain QR codes', () => {
  const base = 'https://labels.museum.test/wall';
  let out: string;
  let run: Run;
  let pdf: PDFDocument;

  beforeAll(async () => {
    out = await tempDir('labels-qr-');
    // A trailing slash, as a person might type it, must not double the slash in the links.
    run = await runLabels([EXHIBITION, '--out', out], { LABEL_LINK_BASE: `${base}/` });
    pdf = await openPdf(path.join(out, `${EXHIBITION}.pdf`));
  }, 60_000);

  test('writes the sheet and sums it up', () => {
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout).toMatch(
      new RegExp(
        `${EXHIBITION}\\.pdf: ${PAGES} pages, ${WORKS.length} labels, plain QR codes .* \\d+ bytes`,
      ),
    );
  });

  test('has A4 portrait pages, eight labels to a page', () => {
    const sizes = pdf.getPages().map((page) => [page.getWidth(), page.getHeight()]);
    expect(sizes).toHaveLength(PAGES);
    for (const [width, height] of sizes) {
      expect(width).toBeCloseTo(A4[0] as number, 1);
      expect(height).toBeCloseTo(A4[1] as number, 1);
    }
  });

  test('embeds Noto Sans SC as subset CID fonts with a ToUnicode map', () => {
    const fonts = embeddedFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font).toEqual({
        name: expect.stringMatching(/^\/[A-Z]{6}\+NotoSansSC-/),
        cid: expect.stringMatching(/^\/CIDFontType[02]$/),
        file: expect.stringMatching(/^FontFile[23]$/),
        toUnicode: true,
      });
    }
  });

  test('every code decodes to its own work', () => {
    const links = NUMBERS_IN_ORDER.map((number) => `${base}/${EXHIBITION}/${number}`);
    expect(decodedCodes(pdf).sort()).toEqual(links.sort());
  });

  test('shows each work’s Chinese title and label number, in label-number order', () => {
    const text = pdf.getPages().map(pageText).join('\n');
    for (const work of WORKS) expect(text).toContain(work.titleZh);
    const shownNumbers = text.split('\n').filter((line) => /^\d+$/.test(line));
    expect(shownNumbers).toEqual(NUMBERS_IN_ORDER);
  });
});

describe('what npm run labels refuses', () => {
  let out: string;
  let usage: Run;
  let unknown: Run;
  let notHttps: Run;

  beforeAll(async () => {
    out = await tempDir('labels-refused-');
    [usage, unknown, notHttps] = await Promise.all([
      runLabels([]),
      runLabels(['no-such-show', '--out', out]),
      runLabels([EXHIBITION, '--out', out], { LABEL_LINK_BASE: 'http://labels.museum.test/wall' }),
    ]);
  }, 60_000);

  test('no exhibition id: says how to call it', () => {
    expect(usage.status).toBe(1);
    expect(usage.stderr).toMatch(/^Usage: npm run labels -- <exhibitionId>/);
  });

  test('an unknown exhibition: names every valid id', () => {
    expect(unknown.status).toBe(1);
    const ids = readdirSync(path.join(CONTENT, 'exhibitions')).map(
      (name) => readYaml<{ id: string }>(path.join(CONTENT, 'exhibitions', name)).id,
    );
    expect(ids.length).toBeGreaterThan(1);
    expect(unknown.stderr).toContain('no-such-show');
    for (const id of ids) expect(unknown.stderr).toContain(id);
  });

  test('a link prefix that is not https', () => {
    expect(notHttps.status).toBe(1);
    expect(notHttps.stderr).toMatch(/LABEL_LINK_BASE must be an https:\/\//);
  });

  test('a refused run writes nothing', async () => {
    expect(await fs.readdir(out)).toEqual([]);
  });

  test('settings: an example prefix is a warning, half the credentials an error', () => {
    const example = readSettings([EXHIBITION], {});
    expect(example.code).toEqual({
      kind: 'qr',
      linkBase: 'https://guide.example.com/l',
      example: true,
    });
    expect(example.warnings.join(' ')).toMatch(/example prefix.*扫普通链接二维码打开小程序/);
    expect(readSettings([EXHIBITION], { LABEL_LINK_BASE: 'https://a.test/l' }).warnings).toEqual(
      [],
    );
    expect(() => readSettings([EXHIBITION], { LABEL_LINK_BASE: 'https://a.test/l?x=1' })).toThrow(
      /LABEL_LINK_BASE/,
    );
    expect(() => readSettings([EXHIBITION], { WX_APPID: 'wx1' })).toThrow(/WX_APPSECRET/);
    expect(() => readSettings([EXHIBITION, '--code', 'wxacode'], {})).toThrow(/WX_APPID/);
    expect(() => readSettings([EXHIBITION, '--code', 'barcode'], {})).toThrow(LabelError);
    expect(() =>
      readSettings([EXHIBITION], { WX_APPID: 'a', WX_APPSECRET: 'b', WX_ENV_VERSION: 'beta' }),
    ).toThrow(/WX_ENV_VERSION/);
    expect(readSettings([EXHIBITION], { WX_APPID: 'a', WX_APPSECRET: 'b' }).code).toEqual({
      kind: 'wxacode',
      appId: 'a',
      appSecret: 'b',
      apiBase: 'https://api.weixin.qq.com',
      envVersion: 'release',
    });
    expect(
      readSettings([EXHIBITION, '--code', 'qr'], {
        WX_APPID: 'a',
        WX_APPSECRET: 'b',
        LABEL_LINK_BASE: 'https://a.test/l',
      }).code.kind,
    ).toBe('qr');
  });
});

describe('mini program codes, against a stand-in for WeChat', () => {
  let standIn: Awaited<ReturnType<typeof startStandIn>>;
  const credentials = () => ({
    WX_APPID: 'wx0123456789abcdef',
    WX_APPSECRET: 'stand-in-secret',
    WX_API_BASE: standIn.url,
  });

  beforeAll(async () => {
    standIn = await startStandIn();
  });
  afterAll(() => standIn.close());
  beforeEach(() => standIn.reset());

  test('one token, then one code per label in label-number order, each embedded in the PDF', async () => {
    const out = await tempDir('labels-wxacode-');
    const run = await runLabels([EXHIBITION, '--out', out], credentials());
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout).toContain(`${WORKS.length} labels, mini program codes`);

    const [token, ...codes] = standIn.calls;
    expect(token).toEqual({
      path: '/cgi-bin/stable_token',
      query: new URLSearchParams(),
      body: {
        grant_type: 'client_credential',
        appid: 'wx0123456789abcdef',
        secret: 'stand-in-secret',
      },
    });
    expect(codes.map((call) => call.path)).toEqual(
      NUMBERS_IN_ORDER.map(() => '/wxa/getwxacodeunlimit'),
    );
    expect(codes.map((call) => call.query.get('access_token'))).toEqual(
      NUMBERS_IN_ORDER.map(() => TOKEN),
    );
    expect(codes.map((call) => call.body)).toEqual(
      NUMBERS_IN_ORDER.map((number) => ({
        scene: `${EXHIBITION}/${number}`,
        page: 'pages/artwork/index',
        check_path: false,
        env_version: 'release',
        width: 430,
      })),
    );

    const pdf = await openPdf(path.join(out, `${EXHIBITION}.pdf`));
    const scenes = NUMBERS_IN_ORDER.map((number) => `${EXHIBITION}/${number}`);
    expect(decodedCodes(pdf).sort()).toEqual(scenes.sort());
  }, 60_000);

  test('a refused token stops the run with errcode and errmsg, before any code is asked for', async () => {
    standIn.faults.token = { errcode: 40001, errmsg: 'invalid credential' };
    const out = await tempDir('labels-token-');
    const run = await runLabels([EXHIBITION, '--out', out], credentials());
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/errcode 40001, errmsg "invalid credential"/);
    expect(run.stderr).not.toContain('stand-in-secret');
    expect(standIn.calls.map((call) => call.path)).toEqual(['/cgi-bin/stable_token']);
    expect(await fs.readdir(out)).toEqual([]);
  }, 30_000);

  describe('in process', () => {
    let catalogue: Awaited<ReturnType<typeof loadCatalogue>>;
    const code = () => ({
      kind: 'wxacode' as const,
      appId: 'wx0123456789abcdef',
      appSecret: 'stand-in-secret',
      apiBase: standIn.url,
      envVersion: 'trial' as const,
    });

    beforeAll(async () => {
      catalogue = await loadCatalogue(CONTENT);
    }, 30_000);

    test('a code refused for one label names the label and errcode, and writes no PDF', async () => {
      const broken = NUMBERS_IN_ORDER[3] as string;
      standIn.faults.codeForScene = {
        scene: `${EXHIBITION}/${broken}`,
        answer: { errcode: 41030, errmsg: 'invalid page rid: stand-in' },
      };
      const out = await tempDir('labels-code-');
      const made = makeLabelSheet({
        exhibitionId: EXHIBITION,
        catalogue,
        code: code(),
        outDir: out,
      });
      await expect(made).rejects.toThrow(LabelError);
      await expect(made).rejects.toThrow(new RegExp(`label ${broken} .*errcode 41030`));
      expect(standIn.calls).toHaveLength(1 + 4);
      expect(standIn.calls[1]?.body.env_version).toBe('trial');
      expect(await fs.readdir(out)).toEqual([]);
    });

    test('a scene over 32 characters is refused before any call', async () => {
      const longId = 'modern-masters-on-tour-in-shanghai';
      const exhibitions = (catalogue.exhibitions ?? []).map((exhibition) =>
        exhibition.id === EXHIBITION ? { ...exhibition, id: longId } : exhibition,
      );
      const out = await tempDir('labels-scene-');
      const made = makeLabelSheet({
        exhibitionId: longId,
        catalogue: { ...catalogue, exhibitions },
        code: code(),
        outDir: out,
      });
      await expect(made).rejects.toThrow(/Label \d+: .* over WeChat's limit of 32/);
      expect(standIn.calls).toEqual([]);
    });
  });

  test('sceneFor: exhibition/number, within WeChat’s length and characters', () => {
    expect(sceneFor(EXHIBITION, '501')).toBe('modern-masters-on-tour/501');
    expect(sceneFor('a'.repeat(28), '501')).toHaveLength(32);
    expect(() => sceneFor('a'.repeat(29), '501')).toThrow(
      /Label 501: .*33 characters.*limit of 32/,
    );
    expect(() => sceneFor('展览', '1')).toThrow(/Label 1: .*characters WeChat does not allow/);
    expect(() => sceneFor('modern masters', '1')).toThrow(LabelError);
  });
});
