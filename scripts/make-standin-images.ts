/**
 * Generates the stand-in images for the works in the guide.
 *
 * The repository carries no photographs of artworks. Instead, each work gets a
 * card in a palette that suggests the painting (a few soft abstract shapes in
 * its dominant colours) with its title, artist and year, in the painting's
 * proportions. A museum deploying the guide replaces these files with its own
 * photographs, keeping the same file names.
 *
 * Output, deterministic (same bytes on every run):
 *   content/media/images/<id>.jpg        longest side 1200 px, at most 200 KB
 *   content/media/images/<id>.thumb.jpg  longest side 360 px, at most 30 KB
 *
 * Run: npx tsx scripts/make-standin-images.ts
 * Needs a CJK serif font for the "示意图" note (Debian: fonts-noto-cjk).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

const OUT_DIR = path.resolve(__dirname, '..', 'content', 'media', 'images');
// Noto Serif CJK: its Latin is Source Serif. The KR variant sets ’ and · at
// proportional width (SC sets them full width), SC draws the Chinese glyphs.
const LATIN_FONT = 'Noto Serif CJK KR';
const CJK_FONT = 'Noto Serif CJK SC';
const NOTE_FR = 'Image de remplacement · ';
const NOTE_ZH = '示意图';

interface Variant {
  suffix: string;
  longestSide: number;
  maxBytes: number;
}

const VARIANTS: readonly Variant[] = [
  { suffix: '.jpg', longestSide: 1200, maxBytes: 200 * 1024 },
  { suffix: '.thumb.jpg', longestSide: 360, maxBytes: 30 * 1024 },
];

/** How the abstract composition is drawn; see the MOTIFS table. */
type Motif = 'facets' | 'harlequin' | 'flatForms' | 'dream' | 'lyrical' | 'geometric' | 'organisms';

interface Palette {
  /** Background gradient, top to bottom. */
  ground: readonly [string, string];
  /** Dominant colours of the shapes. */
  colors: readonly string[];
  /** Line colour. */
  ink: string;
  /** A highlight: the moon, the red blot, the big circle... */
  accent: string;
}

/** Per-work tweaks of the motif. */
interface MotifOptions {
  /** Lyrical: draw the dominant black arc. */
  arc?: boolean;
  /** Lyrical: size of the accent mass, 1 being the default. */
  accentScale?: number;
}

interface Work {
  id: string;
  title: string;
  artist: string;
  year: string;
  heightCm: number;
  widthCm: number;
  motif: Motif;
  options?: MotifOptions;
  palette: Palette;
}

const WORKS: readonly Work[] = [
  {
    id: 'picasso-guitariste-1910',
    title: 'Le Guitariste',
    artist: 'Pablo Picasso',
    year: '1910',
    heightCm: 100,
    widthCm: 73,
    motif: 'facets',
    palette: {
      ground: ['#a89474', '#6f5f48'],
      colors: ['#c8a56a', '#b08850', '#8c7a62', '#d9c79f', '#6b6156', '#9a9488'],
      ink: '#2e261d',
      accent: '#e6d5ae',
    },
  },
  {
    id: 'picasso-arlequin-1923',
    title: 'Arlequin',
    artist: 'Pablo Picasso',
    year: '1923',
    heightCm: 130,
    widthCm: 97,
    motif: 'harlequin',
    palette: {
      ground: ['#c9c2b3', '#a69d8c'],
      colors: ['#b8483a', '#d8b24a', '#4d6f95', '#6e8a5c', '#e9e1cf'],
      ink: '#3b342c',
      accent: '#efe7d6',
    },
  },
  {
    id: 'picasso-la-muse-1935',
    title: 'La Muse',
    artist: 'Pablo Picasso',
    year: '1935',
    heightCm: 130,
    widthCm: 162,
    motif: 'flatForms',
    palette: {
      ground: ['#5b3f7a', '#3a2d63'],
      colors: ['#2f4fa2', '#e5c43c', '#4e9a5b', '#d86a8a', '#c8352e', '#8a5bb0'],
      ink: '#1c1626',
      accent: '#f1e6c8',
    },
  },
  {
    id: 'picasso-aubade-1942',
    title: 'L’Aubade',
    artist: 'Pablo Picasso',
    year: '1942',
    heightCm: 195,
    widthCm: 265,
    motif: 'facets',
    palette: {
      ground: ['#5d5a52', '#3a3833'],
      colors: ['#7d7a6c', '#8f8470', '#6d7f6a', '#8b6f7d', '#b9b0a0', '#4f5559'],
      ink: '#1f1e1b',
      accent: '#d2cbbb',
    },
  },
  {
    id: 'chagall-a-la-russie-1911',
    title: 'À la Russie, aux ânes et aux autres',
    artist: 'Marc Chagall',
    year: '1911–1912',
    heightCm: 157,
    widthCm: 122,
    motif: 'dream',
    palette: {
      ground: ['#1d1a35', '#0e0d18'],
      colors: ['#c8322c', '#2f7d4f', '#e8e2d0', '#6a3a8c', '#d9a63a'],
      ink: '#f0e8d8',
      accent: '#e8c65a',
    },
  },
  {
    id: 'chagall-double-portrait-1917',
    title: 'Double portrait au verre de vin',
    artist: 'Marc Chagall',
    year: '1917–1918',
    heightCm: 233,
    widthCm: 136,
    motif: 'dream',
    palette: {
      ground: ['#8fb3c4', '#5f8ea3'],
      colors: ['#c73a3a', '#f2efe6', '#3d7a56', '#6b4c8f', '#e3c15a'],
      ink: '#233847',
      accent: '#f6e7a6',
    },
  },
  {
    id: 'chagall-maries-tour-eiffel-1938',
    title: 'Les Mariés de la tour Eiffel',
    artist: 'Marc Chagall',
    year: '1938–1939',
    heightCm: 150,
    widthCm: 136.5,
    motif: 'dream',
    palette: {
      ground: ['#1f3f8a', '#142a5e'],
      colors: ['#c8302f', '#3b6fc2', '#f1ece0', '#2b8a6a', '#8d2f6b'],
      ink: '#e9e3d3',
      accent: '#f3d250',
    },
  },
  {
    id: 'chagall-autour-d-elle-1945',
    title: 'Autour d’elle',
    artist: 'Marc Chagall',
    year: '1945',
    heightCm: 131,
    widthCm: 109.7,
    motif: 'dream',
    palette: {
      ground: ['#27305a', '#15193a'],
      colors: ['#4a5a9c', '#6d3f7e', '#a33a3f', '#3f6f78', '#d9d3c2'],
      ink: '#e2dccb',
      accent: '#d8dccb',
    },
  },
  {
    id: 'kandinsky-impression-v-1911',
    title: 'Impression V (Parc)',
    artist: 'Vassily Kandinsky',
    year: '1911',
    heightCm: 106,
    widthCm: 157.5,
    motif: 'lyrical',
    options: { accentScale: 0.55 },
    palette: {
      ground: ['#ece2c8', '#d9ccab'],
      colors: ['#8fae7a', '#d7b45c', '#c98a5a', '#7b9bb8', '#b6c79a'],
      ink: '#2b2622',
      accent: '#c8563f',
    },
  },
  {
    id: 'kandinsky-arc-noir-1912',
    title: 'Avec l’arc noir',
    artist: 'Vassily Kandinsky',
    year: '1912',
    heightCm: 189,
    widthCm: 198,
    motif: 'lyrical',
    options: { arc: true, accentScale: 0.8 },
    palette: {
      ground: ['#efe9dc', '#e2d8c4'],
      colors: ['#6a4a8e', '#2f5ea8', '#c23b36', '#d9a441', '#4b8a6e'],
      ink: '#141414',
      accent: '#b7322f',
    },
  },
  {
    id: 'kandinsky-tache-rouge-1914',
    title: 'Tableau à la tache rouge',
    artist: 'Vassily Kandinsky',
    year: '1914',
    heightCm: 130,
    widthCm: 130,
    motif: 'lyrical',
    options: { accentScale: 1.7 },
    palette: {
      ground: ['#f1ece0', '#e4dbc8'],
      colors: ['#e1c03e', '#3f6fb4', '#4f9a62', '#8a5aa8', '#e07b39'],
      ink: '#191817',
      accent: '#cf2c2a',
    },
  },
  {
    id: 'kandinsky-jaune-rouge-bleu-1925',
    title: 'Jaune-rouge-bleu',
    artist: 'Vassily Kandinsky',
    year: '1925',
    heightCm: 128,
    widthCm: 201.5,
    motif: 'geometric',
    palette: {
      ground: ['#eee8da', '#ddd3bf'],
      colors: ['#e8c33a', '#c9352f', '#2f57a3', '#8a6aa6', '#5c8f6a'],
      ink: '#151515',
      accent: '#1f3f86',
    },
  },
  {
    id: 'kandinsky-bleu-de-ciel-1940',
    title: 'Bleu de ciel',
    artist: 'Vassily Kandinsky',
    year: '1940',
    heightCm: 100,
    widthCm: 73,
    motif: 'organisms',
    palette: {
      ground: ['#9cc6e4', '#6fa7d2'],
      colors: ['#e24a3b', '#f2c53d', '#3c9a5f', '#8b4fa8', '#f08cb0', '#2f3e8f'],
      ink: '#1d1d24',
      accent: '#fdfaf0',
    },
  },
];

// ---------------------------------------------------------------------------
// Deterministic randomness and small helpers

type Rng = () => number;

/** FNV-1a hash, used to seed each work's generator from its id. */
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
function seededRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const between = (rand: Rng, min: number, max: number): number => min + (max - min) * rand();

function pick<T>(rand: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rand() * items.length)];
  if (item === undefined) throw new Error('pick() from an empty list');
  return item;
}

/** The i-th item, wrapping around: to walk a palette without repeats. */
function cycle<T>(items: readonly T[], i: number): T {
  const item = items[i % items.length];
  if (item === undefined) throw new Error('cycle() on an empty list');
  return item;
}

const fmt = (n: number): string => String(Math.round(n * 10) / 10);

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

type Point = readonly [number, number];

/** A closed, smooth path through the points (Catmull-Rom as cubic Béziers). */
function smoothClosedPath(points: readonly Point[]): string {
  const n = points.length;
  const at = (i: number): Point => points[((i % n) + n) % n] ?? [0, 0];
  let d = `M${fmt(at(0)[0])},${fmt(at(0)[1])}`;
  for (let i = 0; i < n; i += 1) {
    const [x0, y0] = at(i - 1);
    const [x1, y1] = at(i);
    const [x2, y2] = at(i + 1);
    const [x3, y3] = at(i + 2);
    const c1x = x1 + (x2 - x0) / 6;
    const c1y = y1 + (y2 - y0) / 6;
    const c2x = x2 - (x3 - x1) / 6;
    const c2y = y2 - (y3 - y1) / 6;
    d += `C${fmt(c1x)},${fmt(c1y)} ${fmt(c2x)},${fmt(c2y)} ${fmt(x2)},${fmt(y2)}`;
  }
  return `${d}Z`;
}

/** An organic blob around (cx, cy); `stretch` elongates it along `angle`. */
function blob(
  rand: Rng,
  cx: number,
  cy: number,
  r: number,
  wobble: number,
  stretch = 1,
  angle = 0,
): string {
  const count = 7;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const points: Point[] = [];
  for (let i = 0; i < count; i += 1) {
    const a = (i / count) * Math.PI * 2 + between(rand, -0.2, 0.2);
    const radius = r * (1 + between(rand, -wobble, wobble));
    const x = Math.cos(a) * radius * stretch;
    const y = Math.sin(a) * radius;
    points.push([cx + x * cos - y * sin, cy + x * sin + y * cos]);
  }
  return smoothClosedPath(points);
}

/** A rotated quadrilateral (a cubist plane), slightly irregular. */
function facet(rand: Rng, cx: number, cy: number, w: number, h: number, angle: number): Point[] {
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const corners: Point[] = [
    [-w / 2, -h / 2],
    [w / 2, -h / 2],
    [w / 2, h / 2],
    [-w / 2, h / 2],
  ];
  return corners.map(([x, y]) => {
    const jx = x + between(rand, -0.12, 0.12) * w;
    const jy = y + between(rand, -0.12, 0.12) * h;
    return [cx + jx * cos - jy * sin, cy + jx * sin + jy * cos];
  });
}

const polygonPoints = (points: readonly Point[]): string =>
  points.map(([x, y]) => `${fmt(x)},${fmt(y)}`).join(' ');

// ---------------------------------------------------------------------------
// Compositions. Coordinates are in a viewBox whose longest side is 1200; the
// label band covers roughly the bottom fifth, so shapes favour the area above.

interface Scene {
  w: number;
  h: number;
  /** Bottom of the area where the composition should sit. */
  artBottom: number;
  rand: Rng;
  palette: Palette;
  options: MotifOptions;
}

/** Cubism: overlapping translucent planes around a central figure. */
function drawFacets({ w, h, artBottom, rand, palette }: Scene): string {
  const angles = [-0.42, -0.18, 0, 0.14, 0.33, Math.PI / 2];
  const unit = Math.min(w, h);
  let svg = '';
  for (let i = 0; i < 34; i += 1) {
    // Gather planes in an ellipse around the middle, like a seated figure.
    const a = rand() * Math.PI * 2;
    const d = Math.sqrt(rand());
    const cx = w / 2 + Math.cos(a) * d * w * 0.42;
    const cy = artBottom * 0.5 + Math.sin(a) * d * artBottom * 0.46;
    const points = facet(
      rand,
      cx,
      cy,
      between(rand, 0.12, 0.34) * unit,
      between(rand, 0.1, 0.42) * unit,
      pick(rand, angles),
    );
    const fill = pick(rand, palette.colors);
    svg += `<polygon points="${polygonPoints(points)}" fill="${fill}" fill-opacity="${fmt(between(rand, 0.45, 0.85))}"/>`;
    if (rand() < 0.45) {
      // Passage: one edge drawn, the others left open.
      const [p, q] = [points[0], points[1]];
      if (p && q) {
        svg += `<line x1="${fmt(p[0])}" y1="${fmt(p[1])}" x2="${fmt(q[0])}" y2="${fmt(q[1])}" stroke="${palette.ink}" stroke-width="${fmt(unit * 0.004)}" stroke-opacity="0.7"/>`;
      }
    }
  }
  // A sound hole and a couple of curves: the instrument.
  const holeR = unit * 0.045;
  svg += `<circle cx="${fmt(w * 0.52)}" cy="${fmt(artBottom * 0.58)}" r="${fmt(holeR)}" fill="${palette.ink}" fill-opacity="0.75"/>`;
  svg += `<path d="M${fmt(w * 0.36)},${fmt(artBottom * 0.5)} q${fmt(w * 0.1)},${fmt(-unit * 0.12)} ${fmt(w * 0.24)},${fmt(-unit * 0.02)}" fill="none" stroke="${palette.accent}" stroke-width="${fmt(unit * 0.006)}" stroke-opacity="0.8"/>`;
  svg += `<path d="M${fmt(w * 0.38)},${fmt(artBottom * 0.7)} q${fmt(w * 0.12)},${fmt(unit * 0.1)} ${fmt(w * 0.26)},${fmt(-unit * 0.04)}" fill="none" stroke="${palette.ink}" stroke-width="${fmt(unit * 0.005)}" stroke-opacity="0.7"/>`;
  return svg;
}

/** A seated figure in a costume of coloured lozenges, on a muted ground. */
function drawHarlequin({ w, h, artBottom, rand, palette }: Scene): string {
  const unit = Math.min(w, h);
  const cx = w * 0.5;
  const body = blob(rand, cx, artBottom * 0.62, unit * 0.3, 0.12, 0.72);
  const head = `<ellipse cx="${fmt(cx + unit * 0.02)}" cy="${fmt(artBottom * 0.2)}" rx="${fmt(unit * 0.085)}" ry="${fmt(unit * 0.11)}" fill="${palette.accent}" fill-opacity="0.9"/>`;
  const hat = `<path d="M${fmt(cx - unit * 0.11)},${fmt(artBottom * 0.15)} q${fmt(unit * 0.13)},${fmt(-unit * 0.14)} ${fmt(unit * 0.26)},0 z" fill="${palette.ink}" fill-opacity="0.85"/>`;
  const size = unit * 0.085;
  let lozenges = '';
  for (let row = 0; row * size * 0.75 < h; row += 1) {
    for (let col = -1; col * size < w; col += 1) {
      const x = col * size + (row % 2 === 0 ? 0 : size / 2);
      const y = row * size * 0.75;
      if (rand() < 0.25) continue; // Left unfinished, as sketched.
      const points: Point[] = [
        [x, y - size * 0.75],
        [x + size / 2, y],
        [x, y + size * 0.75],
        [x - size / 2, y],
      ];
      lozenges += `<polygon points="${polygonPoints(points)}" fill="${pick(rand, palette.colors)}" fill-opacity="${fmt(between(rand, 0.55, 0.9))}" stroke="${palette.ink}" stroke-width="${fmt(unit * 0.0025)}" stroke-opacity="0.55"/>`;
    }
  }
  return [
    `<ellipse cx="${fmt(w * 0.5)}" cy="${fmt(artBottom * 0.55)}" rx="${fmt(w * 0.46)}" ry="${fmt(artBottom * 0.5)}" fill="${palette.accent}" fill-opacity="0.25" filter="url(#soft)"/>`,
    `<clipPath id="body"><path d="${body}"/></clipPath>`,
    `<path d="${body}" fill="${palette.accent}"/>`,
    `<g clip-path="url(#body)">${lozenges}</g>`,
    `<path d="${body}" fill="none" stroke="${palette.ink}" stroke-width="${fmt(unit * 0.005)}" stroke-opacity="0.7"/>`,
    head,
    hat,
  ].join('');
}

/** Bold, flat, curved forms with dark contours over coloured wall panels. */
function drawFlatForms({ w, h, artBottom, rand, palette }: Scene): string {
  const unit = Math.min(w, h);
  let svg = '';
  const panels = 4;
  for (let i = 0; i < panels; i += 1) {
    const x = (w / panels) * i;
    svg += `<rect x="${fmt(x)}" y="0" width="${fmt(w / panels + 1)}" height="${fmt(h)}" fill="${pick(rand, palette.colors)}" fill-opacity="0.35"/>`;
  }
  const forms: Array<[number, number, number]> = [
    [0.28, 0.42, 0.24],
    [0.68, 0.5, 0.22],
    [0.2, 0.8, 0.16],
    [0.52, 0.24, 0.14],
    [0.84, 0.2, 0.1],
    [0.5, 0.76, 0.15],
  ];
  const offset = Math.floor(rand() * palette.colors.length);
  forms.forEach(([fx, fy, fr], i) => {
    const d = blob(
      rand,
      w * fx,
      artBottom * fy,
      unit * fr,
      0.28,
      between(rand, 0.8, 1.4),
      between(rand, -0.6, 0.6),
    );
    svg += `<path d="${d}" fill="${cycle(palette.colors, offset + i)}" stroke="${palette.ink}" stroke-width="${fmt(unit * 0.008)}" stroke-linejoin="round"/>`;
  });
  // A small mirror.
  svg += `<circle cx="${fmt(w * 0.86)}" cy="${fmt(artBottom * 0.62)}" r="${fmt(unit * 0.07)}" fill="${palette.accent}" stroke="${palette.ink}" stroke-width="${fmt(unit * 0.007)}"/>`;
  return svg;
}

/** Chagall: soft coloured clouds in a night or sky, a moon, floating forms. */
function drawDream({ w, h, artBottom, rand, palette }: Scene): string {
  const unit = Math.min(w, h);
  let svg = '';
  for (let i = 0; i < 7; i += 1) {
    const d = blob(
      rand,
      between(rand, 0.1, 0.9) * w,
      between(rand, 0.1, 0.95) * artBottom,
      between(rand, 0.14, 0.3) * unit,
      0.3,
      between(rand, 0.8, 1.6),
      between(rand, -1, 1),
    );
    svg += `<path d="${d}" fill="${pick(rand, palette.colors)}" fill-opacity="0.55" filter="url(#soft)"/>`;
  }
  // The moon, with a halo.
  const mx = w * between(rand, 0.68, 0.8);
  const my = artBottom * between(rand, 0.14, 0.24);
  const mr = unit * 0.075;
  svg += `<circle cx="${fmt(mx)}" cy="${fmt(my)}" r="${fmt(mr * 2.4)}" fill="${palette.accent}" fill-opacity="0.22" filter="url(#soft)"/>`;
  svg += `<circle cx="${fmt(mx)}" cy="${fmt(my)}" r="${fmt(mr)}" fill="${palette.accent}"/>`;
  // Floating figures: elongated sharper forms drifting across the sky.
  for (let i = 0; i < 4; i += 1) {
    const d = blob(
      rand,
      between(rand, 0.15, 0.85) * w,
      between(rand, 0.25, 0.85) * artBottom,
      between(rand, 0.04, 0.08) * unit,
      0.25,
      between(rand, 1.8, 2.8),
      between(rand, -0.8, 0.8),
    );
    svg += `<path d="${d}" fill="${pick(rand, palette.colors)}" fill-opacity="0.9" stroke="${palette.ink}" stroke-width="${fmt(unit * 0.003)}" stroke-opacity="0.6"/>`;
  }
  // A few stars or flowers.
  for (let i = 0; i < 9; i += 1) {
    svg += `<circle cx="${fmt(between(rand, 0.05, 0.95) * w)}" cy="${fmt(between(rand, 0.04, 0.9) * artBottom)}" r="${fmt(unit * between(rand, 0.004, 0.009))}" fill="${palette.ink}" fill-opacity="0.8"/>`;
  }
  return svg;
}

/** Kandinsky before 1914: soft colour masses and calligraphic black lines. */
function drawLyrical(scene: Scene): string {
  const { w, artBottom, rand, palette, options } = scene;
  const unit = Math.min(w, scene.h);
  let svg = '';
  for (let i = 0; i < 8; i += 1) {
    const d = blob(
      rand,
      between(rand, 0.08, 0.92) * w,
      between(rand, 0.08, 0.92) * artBottom,
      between(rand, 0.09, 0.2) * unit,
      0.35,
      between(rand, 0.8, 1.7),
      between(rand, -1.5, 1.5),
    );
    svg += `<path d="${d}" fill="${cycle(palette.colors, i)}" fill-opacity="0.7" filter="url(#soft)"/>`;
  }
  // The accent mass (the red blot), sharper and brighter.
  const accent = blob(
    rand,
    w * between(rand, 0.4, 0.6),
    artBottom * between(rand, 0.38, 0.52),
    unit * 0.16 * (options.accentScale ?? 1),
    0.3,
    1.2,
    between(rand, -0.5, 0.5),
  );
  svg += `<path d="${accent}" fill="${palette.accent}" fill-opacity="0.88" filter="url(#slight)"/>`;
  if (options.arc) {
    svg += `<path d="M${fmt(w * 0.14)},${fmt(artBottom * 0.72)} C${fmt(w * 0.2)},${fmt(artBottom * 0.12)} ${fmt(w * 0.7)},${fmt(artBottom * 0.02)} ${fmt(w * 0.86)},${fmt(artBottom * 0.34)}" fill="none" stroke="${palette.ink}" stroke-width="${fmt(unit * 0.016)}" stroke-linecap="round"/>`;
  } else {
    // Tree trunks and branches: long, slightly wavering vertical strokes.
    for (let i = 0; i < 3; i += 1) {
      const x = w * between(rand, 0.12 + i * 0.28, 0.3 + i * 0.28);
      const top = artBottom * between(rand, 0.08, 0.3);
      const sway = unit * between(rand, -0.05, 0.05);
      svg += `<path d="M${fmt(x)},${fmt(artBottom * 0.95)} Q${fmt(x + sway)},${fmt((top + artBottom) / 2)} ${fmt(x - sway)},${fmt(top)}" fill="none" stroke="${palette.ink}" stroke-width="${fmt(unit * 0.006)}" stroke-linecap="round" stroke-opacity="0.85"/>`;
    }
  }
  // Thinner calligraphic lines.
  for (let i = 0; i < 7; i += 1) {
    const sx = between(rand, 0.1, 0.9) * w;
    const sy = between(rand, 0.1, 0.9) * artBottom;
    const len = between(rand, 0.1, 0.28) * unit;
    const a = between(rand, 0, Math.PI * 2);
    const ex = sx + Math.cos(a) * len;
    const ey = sy + Math.sin(a) * len;
    const bend = between(rand, -0.4, 0.4) * len;
    svg += `<path d="M${fmt(sx)},${fmt(sy)} Q${fmt((sx + ex) / 2 + bend)},${fmt((sy + ey) / 2 - bend)} ${fmt(ex)},${fmt(ey)}" fill="none" stroke="${palette.ink}" stroke-width="${fmt(unit * between(rand, 0.002, 0.006))}" stroke-linecap="round" stroke-opacity="0.85"/>`;
  }
  return svg;
}

/** Kandinsky at the Bauhaus: a yellow plane, a red-and-blue circle, rules. */
function drawGeometric({ w, h, artBottom, rand, palette }: Scene): string {
  const unit = Math.min(w, h);
  const [yellow, red, blue, violet, green] = palette.colors;
  let svg = '';
  svg += `<rect x="${fmt(w * 0.1)}" y="${fmt(artBottom * 0.12)}" width="${fmt(w * 0.16)}" height="${fmt(artBottom * 0.62)}" fill="${yellow}" fill-opacity="0.9" transform="rotate(-8 ${fmt(w * 0.18)} ${fmt(artBottom * 0.43)})"/>`;
  svg += `<path d="${blob(rand, w * 0.47, artBottom * 0.5, unit * 0.16, 0.25, 1.3, 0.4)}" fill="${violet}" fill-opacity="0.45" filter="url(#soft)"/>`;
  svg += `<circle cx="${fmt(w * 0.74)}" cy="${fmt(artBottom * 0.44)}" r="${fmt(unit * 0.25)}" fill="${red}" fill-opacity="0.85" filter="url(#slight)"/>`;
  svg += `<circle cx="${fmt(w * 0.74)}" cy="${fmt(artBottom * 0.44)}" r="${fmt(unit * 0.17)}" fill="${blue}"/>`;
  svg += `<circle cx="${fmt(w * 0.3)}" cy="${fmt(artBottom * 0.3)}" r="${fmt(unit * 0.05)}" fill="${green}" fill-opacity="0.85"/>`;
  // A small checkerboard.
  const cell = unit * 0.03;
  for (let r = 0; r < 3; r += 1) {
    for (let c = 0; c < 4; c += 1) {
      if ((r + c) % 2 === 0) {
        svg += `<rect x="${fmt(w * 0.44 + c * cell)}" y="${fmt(artBottom * 0.72 + r * cell)}" width="${fmt(cell)}" height="${fmt(cell)}" fill="${palette.ink}"/>`;
      }
    }
  }
  // Straight black rules and one wavy line.
  const lines: Array<[number, number, number, number, number]> = [
    [0.05, 0.82, 0.62, 0.16, 0.006],
    [0.3, 0.08, 0.52, 0.9, 0.004],
    [0.56, 0.2, 0.95, 0.64, 0.003],
    [0.06, 0.4, 0.4, 0.46, 0.003],
  ];
  for (const [ax, ay, bx, by, sw] of lines) {
    svg += `<line x1="${fmt(ax * w)}" y1="${fmt(ay * artBottom)}" x2="${fmt(bx * w)}" y2="${fmt(by * artBottom)}" stroke="${palette.ink}" stroke-width="${fmt(sw * unit)}" stroke-linecap="round"/>`;
  }
  let wave = `M${fmt(w * 0.14)},${fmt(artBottom * 0.9)}`;
  for (let i = 1; i <= 6; i += 1) {
    wave += ` Q${fmt(w * (0.14 + (i - 0.5) * 0.045))},${fmt(artBottom * (i % 2 === 0 ? 0.84 : 0.96))} ${fmt(w * (0.14 + i * 0.045))},${fmt(artBottom * 0.9)}`;
  }
  svg += `<path d="${wave}" fill="none" stroke="${palette.ink}" stroke-width="${fmt(unit * 0.004)}"/>`;
  return svg;
}

/** Late Kandinsky: small colourful organisms floating in a sky-blue field. */
function drawOrganisms({ w, h, artBottom, rand, palette }: Scene): string {
  const unit = Math.min(w, h);
  const cols = 6;
  const rows = Math.max(4, Math.round((cols * artBottom) / w));
  const stroke = fmt(unit * 0.0025);
  let svg = '';
  let count = 0;
  for (let r = 0; r < rows; r += 1) {
    for (let c = 0; c < cols; c += 1) {
      if (rand() < 0.3) continue;
      // Kept clear of the edges, so no organism is cut off.
      const cx = (0.07 + (0.86 * (c + between(rand, 0.2, 0.8))) / cols) * w;
      const cy = (0.05 + (0.88 * (r + between(rand, 0.2, 0.8))) / rows) * artBottom;
      const size = between(rand, 0.016, 0.045) * unit;
      const angle = between(rand, -1.2, 1.2);
      const fill = cycle(palette.colors, count * 5 + r);
      count += 1;
      const kind = Math.floor(rand() * 4);
      if (kind === 0) {
        // A round cell with a nucleus.
        svg += `<circle cx="${fmt(cx)}" cy="${fmt(cy)}" r="${fmt(size)}" fill="${fill}" stroke="${palette.ink}" stroke-width="${stroke}"/>`;
        svg += `<circle cx="${fmt(cx + size * 0.2)}" cy="${fmt(cy - size * 0.15)}" r="${fmt(size * 0.35)}" fill="${palette.accent}"/>`;
        svg += `<circle cx="${fmt(cx + size * 0.2)}" cy="${fmt(cy - size * 0.15)}" r="${fmt(size * 0.14)}" fill="${palette.ink}"/>`;
        continue;
      }
      const stretch = kind === 1 ? between(rand, 2, 2.8) : between(rand, 1, 1.8);
      const d = blob(rand, cx, cy, size, 0.35, stretch, angle);
      svg += `<path d="${d}" fill="${fill}" stroke="${palette.ink}" stroke-width="${stroke}"/>`;
      const along = (t: number): Point => [
        cx + Math.cos(angle) * t * size * stretch,
        cy + Math.sin(angle) * t * size * stretch,
      ];
      if (kind === 1) {
        // A worm: a few bands across the body.
        for (let s = -1; s <= 1; s += 1) {
          const [sx, sy] = along(s * 0.45);
          const nx = -Math.sin(angle) * size * 0.7;
          const ny = Math.cos(angle) * size * 0.7;
          svg += `<line x1="${fmt(sx - nx)}" y1="${fmt(sy - ny)}" x2="${fmt(sx + nx)}" y2="${fmt(sy + ny)}" stroke="${palette.ink}" stroke-width="${stroke}"/>`;
        }
      } else if (kind === 2) {
        // A tail or antenna.
        const [bx, by] = along(-0.9);
        const [tx, ty] = along(-1.9);
        svg += `<path d="M${fmt(bx)},${fmt(by)} Q${fmt(tx + size * 0.6)},${fmt(ty - size * 0.6)} ${fmt(tx)},${fmt(ty)}" fill="none" stroke="${palette.ink}" stroke-width="${stroke}" stroke-linecap="round"/>`;
      } else {
        // Spots.
        for (let s = -1; s <= 1; s += 2) {
          const [sx, sy] = along(s * 0.35);
          svg += `<circle cx="${fmt(sx)}" cy="${fmt(sy)}" r="${fmt(size * 0.18)}" fill="${palette.accent}" fill-opacity="0.9"/>`;
        }
      }
    }
  }
  return svg;
}

const MOTIFS: Record<Motif, (scene: Scene) => string> = {
  facets: drawFacets,
  harlequin: drawHarlequin,
  flatForms: drawFlatForms,
  dream: drawDream,
  lyrical: drawLyrical,
  geometric: drawGeometric,
  organisms: drawOrganisms,
};

// ---------------------------------------------------------------------------
// Label: title, artist · year and the stand-in note on a paper-coloured band.

const TEXT_DARK = '#211d18';
const TEXT_SOFT = '#6a6258';
const PAPER = '#f5f0e6';

/** Width in px of `text` set in the serif font at `sizePx`, via Pango. */
const widthCache = new Map<string, number>();
async function textWidth(text: string, sizePx: number): Promise<number> {
  const key = `${text}@${sizePx}`;
  const cached = widthCache.get(key);
  if (cached !== undefined) return cached;
  const reference = 100;
  const { width } = await sharp({
    text: {
      text: escapeXml(text),
      font: `${LATIN_FONT} ${reference}`,
      dpi: 72,
    },
  }).metadata();
  const result = ((width ?? text.length * reference * 0.5) * sizePx) / reference;
  widthCache.set(key, result);
  return result;
}

/** Split a title into two lines of similar width, at a space. */
function splitInTwo(title: string): [string, string] {
  const words = title.split(' ');
  let best: [string, string] = [title, ''];
  let bestDiff = Infinity;
  for (let i = 1; i < words.length; i += 1) {
    const first = words.slice(0, i).join(' ');
    const second = words.slice(i).join(' ');
    const diff = Math.abs(first.length - second.length);
    if (diff < bestDiff) {
      bestDiff = diff;
      best = [first, second];
    }
  }
  return best;
}

interface Label {
  svg: string;
  top: number;
}

/**
 * Lays the label out in viewBox units. `scale` is output px per unit: sizes
 * get minimums in output pixels so the thumbnail stays legible.
 */
async function layoutLabel(work: Work, w: number, h: number, scale: number): Promise<Label> {
  const unit = Math.min(w, h) / 100;
  const atLeast = (size: number, minPx: number): number => Math.max(size, minPx / scale);
  const pad = atLeast(unit * 4.5, 9);
  let titleSize = atLeast(unit * 6.2, 17);
  const metaSize = atLeast(unit * 3.3, 11);
  const noteSize = atLeast(unit * 2.1, 8.5);
  const available = w - pad * 2;

  let lines: string[] = [work.title];
  if ((await textWidth(work.title, titleSize)) > available) {
    const [first, second] = splitInTwo(work.title);
    lines = second ? [first, second] : [first];
  }
  for (const line of lines) {
    const width = await textWidth(line, titleSize);
    if (width > available) titleSize *= available / width;
  }
  const meta = `${work.artist} · ${work.year}`;
  const fittedMeta = Math.min(metaSize, (metaSize * available) / (await textWidth(meta, metaSize)));

  const titleLead = titleSize * 1.18;
  const height =
    pad * 0.85 + titleLead * lines.length + fittedMeta * 1.7 + noteSize * 2.2 + pad * 0.55;
  const top = h - height;
  let y = top + pad * 0.85 + titleSize * 0.95;
  let svg = `<rect x="0" y="${fmt(top)}" width="${fmt(w)}" height="${fmt(height + 1)}" fill="${PAPER}" fill-opacity="0.94"/>`;
  svg += `<rect x="0" y="${fmt(top)}" width="${fmt(w)}" height="${fmt(Math.max(unit * 0.25, 1 / scale))}" fill="${TEXT_DARK}" fill-opacity="0.25"/>`;
  const font = `font-family="${LATIN_FONT}, serif"`;
  for (const line of lines) {
    svg += `<text x="${fmt(pad)}" y="${fmt(y)}" ${font} font-size="${fmt(titleSize)}" fill="${TEXT_DARK}">${escapeXml(line)}</text>`;
    y += titleLead;
  }
  y += fittedMeta * 1.45 - titleLead + titleSize * 0.25;
  svg += `<text x="${fmt(pad)}" y="${fmt(y)}" ${font} font-size="${fmt(fittedMeta)}" fill="${TEXT_DARK}" fill-opacity="0.85">${escapeXml(meta)}</text>`;
  y += noteSize * 2.2;
  svg += `<text x="${fmt(pad)}" y="${fmt(y)}" ${font} font-size="${fmt(noteSize)}" letter-spacing="${fmt(noteSize * 0.06)}" fill="${TEXT_SOFT}">${escapeXml(NOTE_FR)}<tspan font-family="${CJK_FONT}, serif">${NOTE_ZH}</tspan></text>`;
  return { svg, top };
}

// ---------------------------------------------------------------------------
// Rendering

interface Size {
  width: number;
  height: number;
}

/** Output size in px for a work, keeping the painting's proportions. */
function outputSize(work: Work, longestSide: number): Size {
  const ratio = work.widthCm / work.heightCm;
  return ratio >= 1
    ? { width: longestSide, height: Math.round(longestSide / ratio) }
    : { width: Math.round(longestSide * ratio), height: longestSide };
}

async function buildSvg(work: Work, size: Size): Promise<string> {
  const viewBox = outputSize(work, 1200);
  const { width: w, height: h } = viewBox;
  const scale = size.width / w;
  const label = await layoutLabel(work, w, h, scale);
  const unit = Math.min(w, h);
  const scene: Scene = {
    w,
    h,
    // Fixed, so the detail and the thumbnail share the same composition.
    artBottom: h * 0.8,
    rand: seededRng(hashString(work.id)),
    palette: work.palette,
    options: work.options ?? {},
  };
  const [top, bottom] = work.palette.ground;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size.width}" height="${size.height}" viewBox="0 0 ${w} ${h}">`,
    '<defs>',
    `<linearGradient id="ground" x1="0" y1="0" x2="0.25" y2="1"><stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="${bottom}"/></linearGradient>`,
    `<filter id="soft" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="${fmt(unit * 0.03)}"/></filter>`,
    `<filter id="slight" x="-20%" y="-20%" width="140%" height="140%"><feGaussianBlur stdDeviation="${fmt(unit * 0.004)}"/></filter>`,
    `<radialGradient id="vignette" cx="0.5" cy="0.45" r="0.75"><stop offset="0.6" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.22"/></radialGradient>`,
    '</defs>',
    `<rect width="${w}" height="${h}" fill="url(#ground)"/>`,
    MOTIFS[work.motif](scene),
    `<rect width="${w}" height="${h}" fill="url(#vignette)"/>`,
    label.svg,
    '</svg>',
  ].join('');
}

interface Written {
  file: string;
  width: number;
  height: number;
  bytes: number;
  maxBytes: number;
  quality: number;
}

/** Encodes as progressive JPEG, lowering the quality until it fits. */
async function encode(svg: string, maxBytes: number): Promise<[Buffer, number]> {
  const image = sharp(Buffer.from(svg)).flatten({ background: PAPER });
  let quality = 86;
  for (;;) {
    const buffer = await image
      .clone()
      .jpeg({ quality, progressive: true, mozjpeg: true })
      .toBuffer();
    if (buffer.length <= maxBytes || quality <= 40) return [buffer, quality];
    quality -= 4;
  }
}

async function main(): Promise<void> {
  await mkdir(OUT_DIR, { recursive: true });
  const written: Written[] = [];
  for (const work of WORKS) {
    for (const variant of VARIANTS) {
      const size = outputSize(work, variant.longestSide);
      const svg = await buildSvg(work, size);
      const [buffer, quality] = await encode(svg, variant.maxBytes);
      const file = `${work.id}${variant.suffix}`;
      await writeFile(path.join(OUT_DIR, file), buffer);
      written.push({
        file,
        ...size,
        bytes: buffer.length,
        maxBytes: variant.maxBytes,
        quality,
      });
    }
  }

  const fileWidth = Math.max(...written.map((entry) => entry.file.length));
  console.log(`${'file'.padEnd(fileWidth)}  width  height   bytes  quality`);
  for (const entry of written) {
    const flag = entry.bytes > entry.maxBytes ? '  OVER BUDGET' : '';
    console.log(
      `${entry.file.padEnd(fileWidth)}  ${String(entry.width).padStart(5)}  ${String(entry.height).padStart(6)}  ${String(entry.bytes).padStart(6)}  ${String(entry.quality).padStart(7)}${flag}`,
    );
  }
  const over = written.filter((entry) => entry.bytes > entry.maxBytes);
  if (over.length > 0) {
    console.error(`${over.length} file(s) over budget.`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
