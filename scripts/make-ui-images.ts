// npm run images:ui — the small pictures the pages draw, shipped inside the package. Vant fetches
// its search icon font and empty-state pictures from internet CDNs, which are blank on weak gallery
// Wi-Fi; these stand in for them. Deterministic: the same bytes on every run (the PNGs are committed).
import { mkdir, writeFile } from 'fs/promises';
import path from 'path';
import sharp from 'sharp';

const ASSETS = path.resolve(__dirname, '..', 'miniprogram', 'assets');

const INK_SOFT = '#6b655d';
const LINE = '#d9d3c9';
const PAPER = '#efebe4';
const ACCENT = '#1f3a68';

/** A gallery frame on a wall: the shape every empty state starts from. */
function frame(inner: string): string {
  return `
    <ellipse cx="160" cy="272" rx="104" ry="14" fill="${PAPER}"/>
    <rect x="64" y="56" width="192" height="168" rx="10" fill="#ffffff" stroke="${LINE}" stroke-width="10"/>
    ${inner}`;
}

const PICTURES: Record<string, { size: number; svg: string }> = {
  'icons/search': {
    size: 48,
    svg: `<circle cx="20" cy="20" r="13" fill="none" stroke="${INK_SOFT}" stroke-width="4.5"/>
          <line x1="30" y1="30" x2="42" y2="42" stroke="${INK_SOFT}" stroke-width="5" stroke-linecap="round"/>`,
  },
  'icons/clear': {
    size: 48,
    svg: `<circle cx="24" cy="24" r="20" fill="#b8b2a8"/>
          <path d="M16 16 L32 32 M32 16 L16 32" stroke="#ffffff" stroke-width="4" stroke-linecap="round"/>`,
  },
  // Nothing listened to yet: headphones resting in front of an empty frame.
  'empty/default': {
    size: 320,
    svg: frame(`
      <path d="M112 176 v-22 a48 48 0 0 1 96 0 v22" fill="none" stroke="${ACCENT}" stroke-width="10" stroke-linecap="round"/>
      <rect x="100" y="160" width="28" height="44" rx="10" fill="${ACCENT}"/>
      <rect x="192" y="160" width="28" height="44" rx="10" fill="${ACCENT}"/>`),
  },
  // No connection: the signal arcs, crossed out.
  'empty/network': {
    size: 320,
    svg: frame(`
      <path d="M104 132 a80 80 0 0 1 112 0" fill="none" stroke="${LINE}" stroke-width="12" stroke-linecap="round"/>
      <path d="M124 154 a52 52 0 0 1 72 0" fill="none" stroke="${LINE}" stroke-width="12" stroke-linecap="round"/>
      <circle cx="160" cy="184" r="10" fill="${INK_SOFT}"/>
      <line x1="108" y1="96" x2="212" y2="200" stroke="${INK_SOFT}" stroke-width="10" stroke-linecap="round"/>`),
  },
  // Nothing matched: a magnifier over an empty frame.
  'empty/search': {
    size: 320,
    svg: frame(`
      <circle cx="150" cy="132" r="38" fill="none" stroke="${ACCENT}" stroke-width="12"/>
      <line x1="178" y1="160" x2="212" y2="194" stroke="${ACCENT}" stroke-width="14" stroke-linecap="round"/>`),
  },
  // Something went wrong: an exclamation mark in the frame.
  'empty/error': {
    size: 320,
    svg: frame(`
      <line x1="160" y1="92" x2="160" y2="160" stroke="#a23b2c" stroke-width="16" stroke-linecap="round"/>
      <circle cx="160" cy="192" r="10" fill="#a23b2c"/>`),
  },
};

async function main(): Promise<void> {
  for (const [name, { size, svg }] of Object.entries(PICTURES)) {
    const viewBox = name.startsWith('icons/') ? '0 0 48 48' : '0 0 320 320';
    const document = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="${viewBox}">${svg}</svg>`;
    const file = path.join(ASSETS, `${name}.png`);
    await mkdir(path.dirname(file), { recursive: true });
    const png = await sharp(Buffer.from(document))
      .png({ palette: true, compressionLevel: 9 })
      .toBuffer();
    await writeFile(file, png);
    console.log(`${path.relative(process.cwd(), file)}  ${(png.length / 1024).toFixed(1)} KB`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
