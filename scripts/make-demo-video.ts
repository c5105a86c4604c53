/**
 * npm run video:demo — the demo stand-in video of a livestream replay, and the replay's cover.
 *
 * The repository carries no footage of the museum's livestream tours. For each chapter of the
 * replay this speaks the chapter's narration (scripts/demo-video/<replay>.yaml) with espeak-ng's
 * Mandarin voice and shows the stand-in images of the chapter's artworks, each for a share of the
 * chapter, or a title card when the chapter has none, with the chapter title and a "demo, not the
 * livestream" mark drawn on every frame. The result is one 640×360 H.264 (Main) / AAC MP4 with its
 * index at the front, so the mini program's <video> starts playing before the whole file has come.
 *
 * Each chapter lasts its narration plus a short pause, rounded up to a whole second (12 s at
 * least). The chapter start times and the file's measured duration and size are then written back
 * into the replay's record (only those fields: comments and layout stay), so the record always
 * matches the file.
 *
 * Outputs (fixed paths, overwritten on every run):
 *   content/media/<record.video.path>   the video
 *   content/media/<record.cover>        the cover, a 640×360 JPEG
 *
 * Run: npx tsx scripts/make-demo-video.ts [replayId]   (default first-livestream-2020)
 * Needs ffmpeg, ffprobe, espeak-ng and the Noto CJK fonts:
 *   apt-get install -y ffmpeg espeak-ng fonts-noto-cjk
 * Nothing at run time or in the tests needs these tools; the outputs are committed.
 */
import { spawnSync } from 'child_process';
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import YAML from 'yaml';
import { checkPronunciation, measureAudio } from './lib/audio-tools';

const ROOT = path.resolve(__dirname, '..');
const CONTENT = path.join(ROOT, 'content');
const MEDIA = path.join(CONTENT, 'media');
const IMAGES = path.join(MEDIA, 'images');
const REPLAY_ID = process.argv[2] ?? 'first-livestream-2020';
const INSTALL = 'apt-get install -y ffmpeg espeak-ng fonts-noto-cjk';

const WIDTH = 640;
const HEIGHT = 360;
const FPS = 25;
const SAMPLE_RATE = 44100;

/**
 * espeak-ng 1.51's `cmn` voice reads Chinese as pinyin and speaks the tone digits in English
 * ("hao three"); `cmn-latn-pinyin` is the same Mandarin voice without that fault (it only reads
 * Latin letters as pinyin, and the narration has none).
 */
const VOICE = 'cmn-latn-pinyin';
/** Words per minute; espeak-ng's default is 175, a little fast for a museum guide. */
const SPEED = 140;
/** espeak-ng's default amplitude (100) clips its peaks; this leaves them whole. */
const AMPLITUDE = 60;
/** Seconds added to each narration: a breath before it and a pause after it. */
const LEAD_IN = 0.7;
const PADDING = 2;
const MIN_CHAPTER = 12;
const NARRATION_CHARS = { min: 40, max: 90 };
/** Each still fades in from and out to black over this many frames. */
const FADE_FRAMES = 8;
const MAX_BYTES = 5 * 1024 * 1024;
const MAX_COVER_BYTES = 120 * 1024;

const MARK = '演示视频 · 非直播原片';
const SHOW = '云游蓬皮杜';

const INK = '0x15171c';
const PAPER = '0xf4efe4';
const GOLD = '0xc8a96a';

interface ReplayRecord {
  id: string;
  date: string;
  cover: string;
  video: { path: string };
  chapters: RecordChapter[];
}

interface RecordChapter {
  title: string;
  artworkIds: string[];
}

interface Fonts {
  bold: string;
  regular: string;
}

interface Chapter {
  index: number;
  title: string;
  images: string[];
  speech: string;
  spoken: number;
  seconds: number;
  start: number;
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/** Runs a tool with an argument array (never a shell) and answers its standard output. */
function run(tool: string, args: string[]): string {
  const result = spawnSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new Error(`${tool}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`${tool} ${args.slice(0, 3).join(' ')}… failed:\n${result.stderr.trim()}`);
  }
  return result.stdout;
}

/** stderr too: ffmpeg's analysis filters (loudnorm, ebur128) report there. */
function runForReport(tool: string, args: string[]): string {
  const result = spawnSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error || result.status !== 0) {
    throw new Error(`${tool} failed:\n${result.error?.message ?? result.stderr.trim()}`);
  }
  return result.stderr;
}

function requireTools(): void {
  const tools: Array<[string, string]> = [
    ['ffmpeg', '-version'],
    ['ffprobe', '-version'],
    ['espeak-ng', '--version'],
    ['fc-match', '--version'],
  ];
  const missing = tools
    .filter(([tool, flag]) => {
      const probe = spawnSync(tool, [flag], { stdio: 'ignore' });
      return probe.error !== undefined || probe.status !== 0;
    })
    .map(([tool]) => tool);
  if (missing.length > 0) {
    fail(`Missing ${missing.join(', ')}. This command needs them; on Debian/Ubuntu:\n  ${INSTALL}`);
  }
}

/**
 * A standalone font file for one face of an OpenType collection. drawtext opens only the first
 * face of a .ttc, which in Noto CJK is the Japanese one (centred punctuation, Japanese glyph
 * forms); this copies the face fontconfig picked into a file of its own.
 */
function faceOf(collection: Buffer, index: number): Buffer {
  if (collection.toString('latin1', 0, 4) !== 'ttcf') return collection;
  const fonts = collection.readUInt32BE(8);
  if (index >= fonts) throw new Error(`the collection has ${fonts} faces, not ${index + 1}`);
  const offset = collection.readUInt32BE(12 + 4 * index);
  const tableCount = collection.readUInt16BE(offset + 4);
  const header = Buffer.from(collection.subarray(offset, offset + 12 + 16 * tableCount));
  const parts: Buffer[] = [header];
  let at = header.length;
  for (let table = 0; table < tableCount; table += 1) {
    const record = 12 + 16 * table;
    const from = header.readUInt32BE(record + 8);
    const length = header.readUInt32BE(record + 12);
    header.writeUInt32BE(at, record + 8);
    const padded = Buffer.alloc(Math.ceil(length / 4) * 4);
    collection.copy(padded, 0, from, from + length);
    parts.push(padded);
    at += padded.length;
  }
  return Buffer.concat(parts);
}

async function findFonts(work: string): Promise<Fonts> {
  const pick = async (pattern: string, name: string): Promise<string> => {
    const [file = '', index] = run('fc-match', ['-f', '%{file}\n%{index}', pattern]).split('\n');
    if (!/Noto(Sans|Serif)CJK/.test(file)) {
      throw new Error(
        `No Noto CJK font matches "${pattern}" (fontconfig offers ${file}). Install it:\n  ${INSTALL}`,
      );
    }
    const face = Number(index);
    if (!face) return file;
    const out = path.join(work, `${name}.otf`);
    await fs.writeFile(out, faceOf(await fs.readFile(file), face));
    return out;
  };
  return {
    bold: await pick('Noto Sans CJK SC:style=Bold', 'bold'),
    regular: await pick('Noto Sans CJK SC:style=Regular', 'regular'),
  };
}

function durationOf(file: string): number {
  const out = run('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'format=duration',
    '-of',
    'csv=p=0',
    file,
  ]);
  const seconds = Number(out.trim());
  if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`no duration for ${file}`);
  return seconds;
}

function probeVideo(file: string): { duration: number; width: number; height: number } {
  const out = JSON.parse(
    run('ffprobe', ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', file]),
  ) as {
    format: { duration: string };
    streams: Array<{ codec_type: string; width?: number; height?: number }>;
  };
  const video = out.streams.find((stream) => stream.codec_type === 'video');
  if (!video?.width || !video.height) throw new Error(`${file} has no video stream`);
  return { duration: Number(out.format.duration), width: video.width, height: video.height };
}

/** The record's chapters, each with its narration text, checked against the record. */
async function readNarration(
  record: ReplayRecord,
): Promise<Array<RecordChapter & { narration: string }>> {
  const file = path.join(__dirname, 'demo-video', `${REPLAY_ID}.yaml`);
  const where = path.relative(ROOT, file);
  const script = YAML.parse(await fs.readFile(file, 'utf8')) as {
    narration?: Record<string, unknown>;
  };
  const narration = script.narration ?? {};
  const extra = Object.keys(narration).filter((key) => !record.chapters[Number(key)]);
  if (extra.length > 0) fail(`${where}: no chapter ${extra.join(', ')} in the replay's record`);
  return record.chapters.map((chapter, index) => {
    const text = narration[index];
    if (typeof text !== 'string' || text.trim() === '') {
      fail(`${where}: narration.${index} (${chapter.title}) is missing`);
    }
    const length = [...text.trim()].length;
    if (length < NARRATION_CHARS.min || length > NARRATION_CHARS.max) {
      fail(
        `${where}: narration.${index} (${chapter.title}) has ${length} characters; keep it between ${NARRATION_CHARS.min} and ${NARRATION_CHARS.max}`,
      );
    }
    return { ...chapter, narration: text.trim() };
  });
}

/** Speaks one narration into a WAV; refuses a voice that falls back to reading English. */
function speak(text: string, out: string): void {
  checkPronunciation(VOICE, text);
  run('espeak-ng', ['-v', VOICE, '-s', String(SPEED), '-a', String(AMPLITUDE), '-w', out, text]);
}

/** Escapes a value for a filter option written between single quotes. */
function quoted(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "'\\''")}'`;
}

let textFiles = 0;

/** drawtext reading its text from a file, which spares every escaping rule of the filter syntax. */
async function drawText(
  work: string,
  text: string,
  options: { font: string; size: number; color: string; x: string; y: string; extra?: string },
): Promise<string> {
  textFiles += 1;
  const file = path.join(work, `text-${textFiles}.txt`);
  // The SC face sets the middle dot full width: the spaces around it would double the gap.
  await fs.writeFile(file, text.replace(/\s*·\s*/g, '·'));
  return (
    `drawtext=fontfile=${quoted(options.font)}:textfile=${quoted(file)}:fontsize=${options.size}:` +
    `fontcolor=${options.color}:x=${options.x}:y=${options.y}${options.extra ? `:${options.extra}` : ''}`
  );
}

/** Frames of image `at` of a chapter's `count`: equal shares, the remainder to the first ones. */
function shareOf(frames: number, count: number, at: number): number {
  return Math.floor(frames / count) + (at < frames % count ? 1 : 0);
}

/**
 * Turns one composed frame into `frames` frames that fade out to black at the end and in from
 * black at the start, except the video's very first frame, which a player may show before playing.
 */
function hold(frames: number, first: boolean): string {
  return (
    `loop=loop=${frames - 1}:size=1:start=0,settb=expr=1/${FPS},setpts=N,` +
    (first ? '' : `fade=t=in:s=0:n=${FADE_FRAMES},`) +
    `fade=t=out:s=${frames - FADE_FRAMES}:n=${FADE_FRAMES},setsar=1,format=yuv420p`
  );
}

async function videoGraph(
  chapters: Chapter[],
  record: ReplayRecord,
  fonts: Fonts,
  work: string,
): Promise<{ inputs: string[]; graph: string; label: string }> {
  const inputs: string[] = [];
  const filters: string[] = [];
  const pieces: string[] = [];
  const mark = await drawText(work, MARK, {
    font: fonts.regular,
    size: 13,
    color: 'white@0.85',
    x: `w-text_w-14`,
    y: '12',
    extra: 'box=1:boxcolor=black@0.45:boxborderw=6',
  });
  const date = record.date.replace(/-/g, '.');

  for (const chapter of chapters) {
    const frames = chapter.seconds * FPS;
    if (chapter.images.length > 0) {
      // The work itself on a blurred, darkened enlargement of it, the title on a band below.
      const title = await drawText(work, chapter.title, {
        font: fonts.bold,
        size: 22,
        color: 'white',
        x: '24',
        y: `${HEIGHT - 40}`,
      });
      const counter = (at: number) =>
        drawText(work, `${at + 1} / ${chapter.images.length}`, {
          font: fonts.regular,
          size: 15,
          color: `${PAPER}@0.7`,
          x: 'w-text_w-24',
          y: `${HEIGHT - 36}`,
        });
      for (const [at, image] of chapter.images.entries()) {
        const input = inputs.length / 2;
        inputs.push('-i', image);
        const name = `c${chapter.index}i${at}`;
        const held = shareOf(frames, chapter.images.length, at);
        filters.push(
          `[${input}:v]split[${name}b][${name}f]`,
          `[${name}b]scale=${WIDTH}:${HEIGHT}:force_original_aspect_ratio=increase,crop=${WIDTH}:${HEIGHT},` +
            `gblur=sigma=28,eq=brightness=-0.28:saturation=0.6[${name}bg]`,
          `[${name}f]scale=${WIDTH - 80}:${HEIGHT - 84}:force_original_aspect_ratio=decrease[${name}fg]`,
          `[${name}bg][${name}fg]overlay=x=(W-w)/2:y=(${HEIGHT - 56}-h)/2+4,` +
            `drawbox=x=0:y=${HEIGHT - 56}:w=iw:h=56:color=${INK}@0.82:t=fill,` +
            `drawbox=x=24:y=${HEIGHT - 56}:w=36:h=2:color=${GOLD}:t=fill,` +
            `${title},${await counter(at)},${mark},${hold(held, pieces.length === 0)}[${name}]`,
        );
        pieces.push(`[${name}]`);
      }
    } else {
      // A title card: the show's name, the chapter title and the date on a dark gradient.
      const name = `c${chapter.index}card`;
      const kicker = await drawText(work, SHOW, {
        font: fonts.regular,
        size: 17,
        color: GOLD,
        x: '(w-text_w)/2',
        y: `${HEIGHT / 2 - 72}`,
      });
      const title = await drawText(work, chapter.title, {
        font: fonts.bold,
        size: 34,
        color: 'white',
        x: '(w-text_w)/2',
        y: `${HEIGHT / 2 - 36}`,
      });
      const subtitle = await drawText(work, `首场中文直播导览 · ${date}`, {
        font: fonts.regular,
        size: 16,
        color: `${PAPER}@0.75`,
        x: '(w-text_w)/2',
        y: `${HEIGHT / 2 + 34}`,
      });
      filters.push(
        `gradients=s=${WIDTH}x${HEIGHT}:r=${FPS}:c0=0x263657:c1=0x0b0d13:x0=0:y0=0:x1=${WIDTH}:y1=${HEIGHT}:` +
          `nb_colors=2:speed=0.00001:seed=1,trim=end_frame=1,` +
          `drawbox=x=(iw-64)/2:y=${HEIGHT / 2 + 18}:w=64:h=2:color=${GOLD}:t=fill,` +
          `${kicker},${title},${subtitle},${mark},${hold(frames, pieces.length === 0)}[${name}]`,
      );
      pieces.push(`[${name}]`);
    }
  }
  filters.push(`${pieces.join('')}concat=n=${pieces.length}:v=1:a=0[video]`);
  return { inputs, graph: filters.join(';'), label: '[video]' };
}

/**
 * One narration track: each chapter's speech after a breath, padded with silence to the exact
 * length of its chapter, then normalised in two passes to −16 LUFS, true peak under −2 dBTP.
 * Synthetic speech peaks some 20 dB over its loudness: a gentle compressor first narrows that, so
 * loudnorm's own limiter only has to touch the highest peaks.
 */
function narrationTrack(chapters: Chapter[], work: string): string {
  const target = 'I=-16:TP=-2:LRA=11';
  const inputs = chapters.flatMap((chapter) => ['-i', chapter.speech]);
  const padded = chapters.map(
    (chapter, at) =>
      `[${at}:a]aresample=${SAMPLE_RATE},adelay=${Math.round(LEAD_IN * 1000)},` +
      `apad=whole_len=${chapter.seconds * SAMPLE_RATE},atrim=end_sample=${chapter.seconds * SAMPLE_RATE}[s${at}]`,
  );
  const joined = path.join(work, 'narration.wav');
  run('ffmpeg', [
    '-y',
    '-v',
    'error',
    ...inputs,
    '-filter_complex',
    `${padded.join(';')};${chapters.map((_, at) => `[s${at}]`).join('')}concat=n=${chapters.length}:v=0:a=1,` +
      `acompressor=threshold=0.08:ratio=4:attack=5:release=120:makeup=2[a]`,
    '-map',
    '[a]',
    '-ac',
    '1',
    '-c:a',
    'pcm_s16le',
    joined,
  ]);

  const report = runForReport('ffmpeg', [
    '-hide_banner',
    '-nostats',
    '-i',
    joined,
    '-af',
    `loudnorm=${target}:print_format=json`,
    '-f',
    'null',
    '-',
  ]);
  const measured = loudnormReport(report);
  const normalised = path.join(work, 'narration-normalised.wav');
  run('ffmpeg', [
    '-y',
    '-v',
    'error',
    '-i',
    joined,
    '-af',
    `loudnorm=${target}:measured_I=${measured.input_i}:measured_TP=${measured.input_tp}:` +
      `measured_LRA=${measured.input_lra}:measured_thresh=${measured.input_thresh}:` +
      `offset=${measured.target_offset}:linear=true,aresample=${SAMPLE_RATE}`,
    '-ac',
    '1',
    '-c:a',
    'pcm_s16le',
    normalised,
  ]);
  return normalised;
}

/** The JSON that loudnorm prints last on stderr. */
function loudnormReport(stderr: string): Record<string, string> {
  return JSON.parse(stderr.slice(stderr.lastIndexOf('{'), stderr.lastIndexOf('}') + 1)) as Record<
    string,
    string
  >;
}

/** The cover: three works of the tour side by side, the show's name and the date over them. */
async function makeCover(record: ReplayRecord, fonts: Fonts, work: string): Promise<string> {
  const picks = record.chapters
    .map((chapter) => chapter.artworkIds[0])
    .filter((id): id is string => Boolean(id))
    .slice(0, 3)
    .map((id) => path.join(IMAGES, `${id}.jpg`));
  if (picks.length === 0) throw new Error('no chapter names an artwork for the cover');
  const column = Math.ceil(WIDTH / picks.length);
  const title = await drawText(work, SHOW, {
    font: fonts.bold,
    size: 46,
    color: 'white',
    x: '32',
    y: `${HEIGHT - 118}`,
  });
  const subtitle = await drawText(work, `首场中文直播导览 · ${record.date.replace(/-/g, '.')}`, {
    font: fonts.regular,
    size: 19,
    color: PAPER,
    x: '34',
    y: `${HEIGHT - 52}`,
  });
  const filters = picks.map(
    (_, at) =>
      // The stand-ins carry their label at the bottom (under a third of the shorter side): keep
      // the painted part.
      `[${at}:v]crop=w=iw:h=ih-min(iw\\,ih)/3:x=0:y=0,scale=${column}:${HEIGHT}:force_original_aspect_ratio=increase,` +
      `crop=${column}:${HEIGHT},setsar=1[p${at}]`,
  );
  filters.push(
    `${picks.map((_, at) => `[p${at}]`).join('')}hstack=inputs=${picks.length},crop=${WIDTH}:${HEIGHT},` +
      picks
        .slice(1)
        .map((_, at) => `drawbox=x=${(at + 1) * column - 1}:y=0:w=2:h=ih:color=${INK}:t=fill,`)
        .join('') +
      `drawbox=x=0:y=${HEIGHT - 140}:w=iw:h=140:color=${INK}@0.86:t=fill,` +
      `drawbox=x=32:y=${HEIGHT - 140}:w=48:h=3:color=${GOLD}:t=fill,` +
      `${title},${subtitle}`,
  );
  const cover = path.join(MEDIA, record.cover);
  for (const quality of [2, 3, 4, 6, 8]) {
    run('ffmpeg', [
      '-y',
      '-v',
      'error',
      ...picks.flatMap((file) => ['-i', file]),
      '-filter_complex',
      filters.join(';'),
      '-frames:v',
      '1',
      '-q:v',
      String(quality),
      '-update',
      '1',
      cover,
    ]);
    if ((await fs.stat(cover)).size <= MAX_COVER_BYTES) return cover;
  }
  throw new Error(`${cover} is over ${MAX_COVER_BYTES / 1024} KB`);
}

async function main(): Promise<void> {
  requireTools();
  const recordFile = path.join(CONTENT, 'replays', `${REPLAY_ID}.yaml`);
  const document = YAML.parseDocument(await fs.readFile(recordFile, 'utf8'));
  const record = document.toJS() as ReplayRecord;
  const narrated = await readNarration(record);

  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'demo-video-'));
  try {
    const fonts = await findFonts(work);

    const chapters: Chapter[] = [];
    let start = 0;
    for (const [index, chapter] of narrated.entries()) {
      const speech = path.join(work, `speech-${index}.wav`);
      speak(chapter.narration, speech);
      const spoken = durationOf(speech);
      const seconds = Math.max(MIN_CHAPTER, Math.ceil(spoken + PADDING));
      const images = chapter.artworkIds.map((id) => path.join(IMAGES, `${id}.jpg`));
      for (const image of images) await fs.access(image);
      chapters.push({ index, title: chapter.title, images, speech, spoken, seconds, start });
      start += seconds;
    }

    const audio = narrationTrack(chapters, work);
    const video = await videoGraph(chapters, record, fonts, work);
    const output = path.join(MEDIA, record.video.path);
    await fs.mkdir(path.dirname(output), { recursive: true });
    const audioInput = video.inputs.length / 2;
    run('ffmpeg', [
      '-y',
      '-v',
      'error',
      ...video.inputs,
      '-i',
      audio,
      '-filter_complex',
      video.graph,
      '-map',
      video.label,
      '-map',
      `${audioInput}:a`,
      '-c:v',
      'libx264',
      '-profile:v',
      'main',
      '-level:v',
      '3.0',
      '-pix_fmt',
      'yuv420p',
      '-preset',
      'slow',
      '-tune',
      'stillimage',
      '-crf',
      '26',
      '-r',
      String(FPS),
      '-g',
      String(FPS * 4),
      '-c:a',
      'aac',
      // The default coder's noise substitution overshoots synthetic speech by 3 dB (past 0 dBFS);
      // the fast coder keeps the peaks and is closer to the source.
      '-aac_coder',
      'fast',
      '-b:a',
      '64k',
      '-ac',
      '1',
      '-ar',
      String(SAMPLE_RATE),
      '-t',
      String(start),
      '-map_metadata',
      '-1',
      '-fflags',
      '+bitexact',
      '-movflags',
      '+faststart',
      output,
    ]);

    const cover = await makeCover(record, fonts, work);

    const measured = probeVideo(output);
    const loudness = measureAudio(output);
    const bytes = (await fs.stat(output)).size;
    if (bytes >= MAX_BYTES) throw new Error(`${output} is ${bytes} bytes, over 5 MB`);
    chapters.forEach((chapter) =>
      document.setIn(['chapters', chapter.index, 'start'], chapter.start),
    );
    document.setIn(['video', 'duration'], Math.round(measured.duration * 10) / 10);
    document.setIn(['video', 'width'], measured.width);
    document.setIn(['video', 'height'], measured.height);
    await fs.writeFile(recordFile, String(document));

    const clock = (seconds: number) =>
      `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
    for (const chapter of chapters) {
      console.log(
        `${clock(chapter.start).padStart(5)}  ${chapter.title}  (narration ${chapter.spoken.toFixed(1)} s, chapter ${chapter.seconds} s)`,
      );
    }
    console.log(
      `\n${path.relative(ROOT, output)}: ${measured.width}×${measured.height}, ` +
        `${measured.duration.toFixed(2)} s, ${bytes} bytes, ` +
        `narration ${loudness.integrated.toFixed(1)} LUFS, true peak ${loudness.truePeak.toFixed(1)} dBTP`,
    );
    console.log(`${path.relative(ROOT, cover)}: ${(await fs.stat(cover)).size} bytes`);
    console.log(`chapter starts and video duration written to ${path.relative(ROOT, recordFile)}`);
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
