/**
 * Generates the stand-in pictures of the demo exhibitions: a cover for each and the floor plan of
 * the current one. They are drawn, not photographed, and say so; a museum replaces them with its
 * own files under the same names. Deterministic (same bytes on every run).
 *
 *   content/media/images/exhibition-<id>.jpg   cover, 1200 × 675, at most 200 KB
 *   content/media/images/plan-<id>.png         floor plan, 1200 × 800 (pins are in these pixels)
 *
 * Run: npm run images:exhibitions (needs fonts-noto-cjk).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

const OUT_DIR = path.resolve(__dirname, '..', 'content', 'media', 'images');
const FONT = 'Noto Sans CJK SC';

interface Cover {
  id: string;
  title: string;
  subtitle: string;
  ground: [string, string];
  shapes: string[];
}

const COVERS: Cover[] = [
  {
    id: 'pompidou-modern-collection',
    title: '现代馆藏 · 5 层',
    subtitle: '蓬皮杜中心 · 巴黎（已闭馆）',
    ground: ['#e9e4da', '#c9c1b3'],
    shapes: ['#1f3a68', '#b23a2b', '#e0b43c'],
  },
  {
    id: 'modern-masters-on-tour',
    title: '现代的诞生',
    subtitle: '毕加索 · 夏加尔 · 康定斯基（演示展览）',
    ground: ['#f3ece3', '#d8c8b0'],
    shapes: ['#2c5d8a', '#c8553d', '#f2c14e', '#3a7d44'],
  },
  {
    id: 'kandinsky-colour-symphony',
    title: '色彩的交响',
    subtitle: '康定斯基（演示展览 · 即将开幕）',
    ground: ['#e6eef5', '#b9cde0'],
    shapes: ['#1d4e89', '#d1495b', '#edae49', '#00798c'],
  },
];

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function coverSvg(cover: Cover): string {
  const [top, bottom] = cover.ground;
  const shapes = cover.shapes
    .map((color, index) => {
      const x = 640 + index * 130;
      const y = 170 + (index % 2) * 150;
      const r = 150 - index * 18;
      return index % 2 === 0
        ? `<circle cx="${x}" cy="${y}" r="${r}" fill="${color}" fill-opacity="0.78"/>`
        : `<rect x="${x - r}" y="${y - r / 2}" width="${r * 1.6}" height="${r}" fill="${color}" fill-opacity="0.7" transform="rotate(${-12 + index * 9} ${x} ${y})"/>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675">
  <defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="${bottom}"/></linearGradient></defs>
  <rect width="1200" height="675" fill="url(#g)"/>
  ${shapes}
  <rect x="0" y="455" width="1200" height="220" fill="#1f1d1a" fill-opacity="0.72"/>
  <text x="64" y="545" font-family="${FONT}" font-size="72" font-weight="700" fill="#ffffff">${escape(cover.title)}</text>
  <text x="64" y="612" font-family="${FONT}" font-size="34" fill="#f3ece3">${escape(cover.subtitle)}</text>
  <text x="1136" y="52" text-anchor="end" font-family="${FONT}" font-size="26" fill="#1f1d1a" fill-opacity="0.7">示意图</text>
</svg>`;
}

/** Rooms of the stand-in plan, in plan pixels; the pins in the exhibition's YAML sit inside them. */
export const PLAN_ROOMS = [
  { label: '1 · 立体主义之后', x: 60, y: 120, w: 340, h: 300 },
  { label: '2 · 战争年代', x: 420, y: 120, w: 340, h: 300 },
  { label: '3 · 夏加尔的梦', x: 780, y: 120, w: 360, h: 300 },
  { label: '4 · 走向抽象', x: 60, y: 450, w: 700, h: 290 },
  { label: '5 · 晚年的天空', x: 780, y: 450, w: 360, h: 290 },
] as const;

function planSvg(): string {
  const rooms = PLAN_ROOMS.map(
    (room) =>
      `<rect x="${room.x}" y="${room.y}" width="${room.w}" height="${room.h}" fill="#ffffff" stroke="#5f5a53" stroke-width="4"/>
  <text x="${room.x + 18}" y="${room.y + 40}" font-family="${FONT}" font-size="28" fill="#1f1d1a">${escape(room.label)}</text>`,
  ).join('\n  ');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800" viewBox="0 0 1200 800">
  <rect width="1200" height="800" fill="#f3ece3"/>
  <text x="60" y="72" font-family="${FONT}" font-size="34" font-weight="700" fill="#1f1d1a">展厅平面示意图（演示）</text>
  ${rooms}
  <rect x="560" y="756" width="80" height="44" fill="#1f3a68"/>
  <text x="656" y="788" font-family="${FONT}" font-size="26" fill="#1f3a68">入口</text>
</svg>`;
}

async function main(): Promise<void> {
  await mkdir(OUT_DIR, { recursive: true });
  for (const cover of COVERS) {
    const file = path.join(OUT_DIR, `exhibition-${cover.id}.jpg`);
    const jpeg = await sharp(Buffer.from(coverSvg(cover)))
      .jpeg({ quality: 80, mozjpeg: true })
      .toBuffer();
    await writeFile(file, jpeg);
    console.log(`${path.relative(process.cwd(), file)}  ${(jpeg.length / 1024).toFixed(1)} KB`);
  }
  const plan = await sharp(Buffer.from(planSvg()))
    .png({ compressionLevel: 9, palette: true })
    .toBuffer();
  const planFile = path.join(OUT_DIR, 'plan-modern-masters-on-tour.png');
  await writeFile(planFile, plan);
  console.log(`${path.relative(process.cwd(), planFile)}  ${(plan.length / 1024).toFixed(1)} KB`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
