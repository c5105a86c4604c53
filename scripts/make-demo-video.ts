/**
 * npm run video:demo — the demo stand-in video of a livestream replay.
 *
 * The repository carries no footage of the museum's livestream tours. For each chapter of the
 * replay this speaks the chapter's narration (scripts/demo-video/<replay>.yaml) with espeak-ng's
 * Mandarin voice, shows the stand-in images of the chapter's artworks (or a title card), draws the
 * chapter title and a "demo" mark, and joins the chapters into one 640×360 H.264/AAC MP4 with its
 * index at the front (so it streams). Each chapter lasts its narration plus a pause; the chapter
 * start times, the video's duration and size are then written back into the replay's YAML, so the
 * record always matches the file. Also composes the replay's cover image.
 *
 * Needs ffmpeg, ffprobe, espeak-ng and the Noto CJK fonts (Debian: ffmpeg espeak-ng fonts-noto-cjk).
 * The outputs are committed; nothing at run time or in the tests needs these tools.
 */
import { execFileSync, spawnSync } from 'child_process';
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import YAML from 'yaml';

const ROOT = path.resolve(__dirname, '..');
const CONTENT = path.join(ROOT, 'content');
const MEDIA = path.join(CONTENT, 'media');
const REPLAY_ID = process.argv[2] ?? 'first-livestream-2020';

const WIDTH = 640;
const HEIGHT = 360;
const FPS = 25;
/** Silence before each narration starts, and at least this much after it ends. */
const LEAD_IN = 1;
const TAIL = 1.5;
const MIN_CHAPTER = 12;

interface ReplayRecord {
  id: string;
  title: string;
  date: string;
  cover: string;
  video: { path: string };
  chapters: Array<{ title: string; artworkIds: string[] }>;
}

function need(tool: string, versionFlag = '-version'): void {
  const probe = spawnSync(tool, [versionFlag], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) {
    console.error(
      `${tool} was not found. Install the tools this command needs:\n  apt-get install -y ffmpeg espeak-ng fonts-noto-cjk`,
    );
    process.exit(1);
  }
}

function run(tool: string, args: string[]): string {
  return execFileSync(tool, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function font(pattern: string): string {
  const file = run('fc-match', ['-f', '%{file}', pattern]).trim();
  if (!/NotoSansCJK|NotoSerifCJK/.test(file)) {
    console.error(
      `No Noto CJK font for "${pattern}" (got ${file}): apt-get install -y fonts-noto-cjk`,
    );
    process.exit(1);
  }
  return file;
}

function probe(file: string): { duration: number; width: number; height: number } {
  const out = JSON.parse(
    run('ffprobe', ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', file]),
  ) as {
    format: { duration: string };
    streams: Array<{ codec_type: string; width?: number; height?: number }>;
  };
  const video = out.streams.find((stream) => stream.codec_type === 'video');
  return {
    duration: Number(out.format.duration),
    width: video?.width ?? 0,
    height: video?.height ?? 0,
  };
}

/** drawtext reads text from a file, which spares every escaping rule of the filter syntax. */
async function textFile(dir: string, name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, text);
  return file;
}

async function main(): Promise<void> {
  need('ffmpeg');
  need('ffprobe');
  need('espeak-ng', '--version');
  need('fc-match', '--version');
  const bold = font('Noto Sans CJK SC:style=Bold');
  const regular = font('Noto Sans CJK SC');

  const recordFile = path.join(CONTENT, 'replays', `${REPLAY_ID}.yaml`);
  const document = YAML.parseDocument(await fs.readFile(recordFile, 'utf8'));
  const record = document.toJS() as ReplayRecord;
  const script = YAML.parse(
    await fs.readFile(path.join(__dirname, 'demo-video', `${REPLAY_ID}.yaml`), 'utf8'),
  ) as { chapters: string[] };
  if (script.chapters.length !== record.chapters.length) {
    throw new Error(
      `scripts/demo-video/${REPLAY_ID}.yaml has ${script.chapters.length} narrations for ${record.chapters.length} chapters`,
    );
  }

  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'demo-video-'));
  const mark = await textFile(work, 'mark.txt', '演示视频 · 非直播原片');
  const segments: string[] = [];
  const lengths: number[] = [];

  for (const [index, chapter] of record.chapters.entries()) {
    const speech = path.join(work, `speech-${index}.wav`);
    run('espeak-ng', ['-v', 'cmn', '-s', '150', '-p', '45', '-w', speech, script.chapters[index]]);
    const spoken = probe(speech).duration;
    const length = Math.max(MIN_CHAPTER, Math.ceil(LEAD_IN + spoken + TAIL));
    lengths.push(length);

    const title = await textFile(work, `title-${index}.txt`, chapter.title);
    const images = chapter.artworkIds.map((id) => path.join(MEDIA, 'images', `${id}.jpg`));
    const inputs: string[] = [];
    const filters: string[] = [];
    let visual: string;
    if (images.length > 0) {
      const share = length / images.length;
      images.forEach((image, at) => {
        inputs.push('-loop', '1', '-framerate', String(FPS), '-t', share.toFixed(3), '-i', image);
        filters.push(
          `[${at}:v]scale=${WIDTH}:${HEIGHT - 40}:force_original_aspect_ratio=decrease,` +
            `pad=${WIDTH}:${HEIGHT}:(ow-iw)/2:(oh-ih)/2-14:color=0x15171c,setsar=1,fps=${FPS}[v${at}]`,
        );
      });
      filters.push(
        `${images.map((_, at) => `[v${at}]`).join('')}concat=n=${images.length}:v=1:a=0[stills]`,
      );
      visual =
        `[stills]drawtext=fontfile=${bold}:textfile=${title}:fontsize=24:fontcolor=white:` +
        `x=(w-text_w)/2:y=h-38:box=1:boxcolor=0x15171c@0.85:boxborderw=8`;
    } else {
      // A title card: the chapter title large on the guide's deep blue.
      inputs.push(
        '-f',
        'lavfi',
        '-t',
        String(length),
        '-i',
        `color=c=0x1f3a68:s=${WIDTH}x${HEIGHT}:r=${FPS}`,
      );
      visual =
        `[0:v]drawbox=x=(iw-120)/2:y=ih/2+12:w=120:h=2:color=0xd8d2c4@0.8:t=fill,` +
        `drawtext=fontfile=${bold}:textfile=${title}:fontsize=34:fontcolor=white:x=(w-text_w)/2:y=h/2-text_h-8,` +
        `drawtext=fontfile=${regular}:text='${record.date}':fontsize=20:fontcolor=0xd8d2c4:x=(w-text_w)/2:y=h/2+28`;
    }
    const speechInput = images.length > 0 ? images.length : 1;
    inputs.push('-i', speech);
    filters.push(
      `${visual},drawtext=fontfile=${regular}:textfile=${mark}:fontsize=14:fontcolor=white@0.8:` +
        `x=w-text_w-12:y=10:box=1:boxcolor=black@0.4:boxborderw=5,format=yuv420p[v]`,
      `[${speechInput}:a]aresample=44100,adelay=${LEAD_IN * 1000},apad,atrim=0:${length},` +
        `loudnorm=I=-16:TP=-1.5:LRA=11,aresample=44100[a]`,
    );
    const segment = path.join(work, `segment-${index}.mp4`);
    run('ffmpeg', [
      '-y',
      '-v',
      'error',
      ...inputs,
      '-filter_complex',
      filters.join(';'),
      '-map',
      '[v]',
      '-map',
      '[a]',
      '-t',
      String(length),
      '-c:v',
      'libx264',
      '-profile:v',
      'main',
      '-preset',
      'slow',
      '-tune',
      'stillimage',
      '-crf',
      '28',
      '-r',
      String(FPS),
      '-g',
      String(FPS * 4),
      '-threads',
      '1',
      '-c:a',
      'aac',
      '-b:a',
      '64k',
      '-ac',
      '1',
      '-ar',
      '44100',
      segment,
    ]);
    segments.push(segment);
    console.log(
      `chapter ${index} ${chapter.title}: narration ${spoken.toFixed(1)} s → ${length} s`,
    );
  }

  const list = path.join(work, 'segments.txt');
  await fs.writeFile(list, segments.map((file) => `file '${file}'`).join('\n') + '\n');
  const output = path.join(MEDIA, record.video.path);
  await fs.mkdir(path.dirname(output), { recursive: true });
  run('ffmpeg', [
    '-y',
    '-v',
    'error',
    '-f',
    'concat',
    '-safe',
    '0',
    '-i',
    list,
    '-c',
    'copy',
    '-movflags',
    '+faststart',
    '-map_metadata',
    '-1',
    output,
  ]);

  await makeCover(record, bold, regular, work);

  const measured = probe(output);
  let start = 0;
  record.chapters.forEach((_, index) => {
    document.setIn(['chapters', index, 'start'], start);
    start += lengths[index];
  });
  document.setIn(['video', 'duration'], Math.round(measured.duration * 10) / 10);
  document.setIn(['video', 'width'], measured.width);
  document.setIn(['video', 'height'], measured.height);
  await fs.writeFile(recordFile, String(document));
  await fs.rm(work, { recursive: true, force: true });

  const bytes = (await fs.stat(output)).size;
  console.log(
    `\n${path.relative(ROOT, output)}: ${measured.width}×${measured.height}, ${measured.duration.toFixed(1)} s, ${(bytes / 1024 / 1024).toFixed(2)} MB`,
  );
  console.log(
    `chapter starts written to ${path.relative(ROOT, recordFile)}: ${lengths.map((_, i) => lengths.slice(0, i).reduce((a, b) => a + b, 0)).join(', ')}`,
  );
}

/** The cover: three of the tour's works side by side under the title and the date. */
async function makeCover(record: ReplayRecord, bold: string, regular: string, work: string) {
  const picks = [1, 2, 3]
    .map((index) => record.chapters[index]?.artworkIds[0])
    .filter((id): id is string => Boolean(id))
    .map((id) => path.join(MEDIA, 'images', `${id}.thumb.jpg`));
  const third = Math.ceil(WIDTH / picks.length);
  const title = await textFile(work, 'cover-title.txt', '云游蓬皮杜');
  const subtitle = await textFile(
    work,
    'cover-sub.txt',
    `首场中文直播导览 · ${record.date.replace(/-/g, '.')}`,
  );
  const filters = picks.map(
    (_, at) =>
      `[${at}:v]scale=${third}:${HEIGHT}:force_original_aspect_ratio=increase,crop=${third}:${HEIGHT},setsar=1[p${at}]`,
  );
  filters.push(
    `${picks.map((_, at) => `[p${at}]`).join('')}hstack=inputs=${picks.length},crop=${WIDTH}:${HEIGHT},` +
      `drawbox=x=0:y=ih*0.58:w=iw:h=ih*0.42:color=0x15171c@0.88:t=fill,` +
      `drawtext=fontfile=${bold}:textfile=${title}:fontsize=44:fontcolor=white:x=32:y=h*0.62,` +
      `drawtext=fontfile=${regular}:textfile=${subtitle}:fontsize=20:fontcolor=0xe8e2d4:x=34:y=h*0.62+60`,
  );
  const cover = path.join(MEDIA, record.cover);
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
    '4',
    cover,
  ]);
  console.log(
    `${path.relative(ROOT, cover)}: ${((await fs.stat(cover)).size / 1024).toFixed(1)} KB`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
