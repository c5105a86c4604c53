import { spawnSync } from 'child_process';
import { promises as fs } from 'fs';
import path from 'path';
import { ContentError, loadCatalogue } from '../../backend/content/load';
import { AUDIO_TARGET, cjkLength, cueProblems } from '../../backend/content/narration';
import { measureAudio, runFfmpeg } from '../../scripts/lib/audio-tools';
import { CONTENT_DIR } from '../backend/fixture';
import { tempDir } from '../support/temp';

// Decoding every committed track and running the pipeline in a scratch copy take seconds, not ms.
jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

/** Runs `npm run content:audio` on a content folder; its output, with the exit status last. */
function contentAudio(args: string[], contentDir = CONTENT_DIR): string {
  const result = spawnSync(TSX, [path.join(ROOT, 'scripts', 'content-audio.ts'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, CONTENT_DIR: contentDir },
  });
  return `${result.stdout}${result.stderr}exit ${result.status}`;
}

async function copyContent(): Promise<string> {
  const dir = await tempDir('pompidou-narration-');
  await fs.cp(CONTENT_DIR, dir, { recursive: true });
  return dir;
}

describe('the committed narration tracks', () => {
  it('give every work a script of 250–450 characters and its audio with a transcript', async () => {
    const { artworks } = await loadCatalogue(CONTENT_DIR);
    expect(artworks).toHaveLength(13);
    for (const artwork of artworks) {
      const script = await fs.readFile(
        path.join(CONTENT_DIR, 'narration', `${artwork.id}.yaml`),
        'utf8',
      );
      const length = cjkLength(script.slice(script.indexOf('script:')));
      expect(length).toBeGreaterThanOrEqual(250);
      expect(length).toBeLessThanOrEqual(450);
      expect(artwork.audio).toMatchObject({ format: 'm4a', language: 'zh-CN' });
      expect(artwork.transcript.length).toBeGreaterThan(3);
    }
  });

  it('decode to mono AAC of the recorded duration and bytes, at about 48 kbps, −16 LUFS, peaks under −1.5 dBTP, covered by cues', async () => {
    const { artworks } = await loadCatalogue(CONTENT_DIR);
    for (const artwork of artworks) {
      const audio = artwork.audio;
      if (!audio) throw new Error(`${artwork.id} has no audio`);
      const file = path.join(CONTENT_DIR, 'media', audio.path);
      const measured = measureAudio(file);
      const where = `${artwork.id}: ${JSON.stringify(measured)}`;
      expect([where, measured.codec, measured.channels]).toEqual([where, 'aac (LC)', 'mono']);
      expect([where, Math.abs(measured.duration - audio.duration) < 0.05]).toEqual([where, true]);
      expect((await fs.stat(file)).size).toBe(audio.bytes);
      const kbps = (audio.bytes * 8) / audio.duration / 1000;
      expect([where, kbps > 44 && kbps < 52]).toEqual([where, true]);
      expect([where, Math.abs(measured.integrated - AUDIO_TARGET.integrated) <= 1]).toEqual([
        where,
        true,
      ]);
      expect([where, measured.truePeak <= AUDIO_TARGET.truePeakMax]).toEqual([where, true]);
      expect(cueProblems(artwork.transcript, measured.duration)).toEqual([]);
      expect(artwork.transcript[0]?.start).toBeLessThan(2);
    }
  });

  it('are current: re-running the pipeline on unchanged input would change nothing', () => {
    expect(contentAudio(['--check'])).toMatch(/All tracks current\.\s+exit 0$/);
  });
});

describe('transcript rules', () => {
  const cue = (start: number, end: number, pause?: string) => ({
    start,
    end,
    text: '一句。',
    pause,
  });

  it('accept cues that are ascending, inside the audio, with short or explained pauses', () => {
    expect(cueProblems([cue(0.3, 4), cue(4.5, 9), cue(14, 18, '馆内钟声')], 19)).toEqual([]);
  });

  it('name each broken cue: out of order, past the end, an unexplained gap, an uncovered tail', () => {
    expect(cueProblems([cue(0, 4), cue(3, 6)], 7)).toEqual([
      expect.stringMatching(/^cues\.1：开始时间必须不早于上一句/),
    ]);
    expect(cueProblems([cue(0, 4), cue(4.2, 9)], 8)).toEqual([
      expect.stringMatching(/^cues\.1：结束于 9 秒，超出了音频时长/),
    ]);
    expect(cueProblems([cue(0, 4), cue(7, 9)], 9)).toEqual([
      expect.stringMatching(/^cues\.1：前面有 3\.0 秒没有字幕/),
    ]);
    expect(cueProblems([cue(0, 4)], 9)).toEqual([
      expect.stringMatching(/最后一句之后还有 5\.0 秒/),
    ]);
  });
});

describe('the narration pipeline', () => {
  it('refuses to load a script changed since its audio was made, pointing at the command', async () => {
    const dir = await copyContent();
    const file = path.join(dir, 'narration', 'picasso-arlequin-1923.yaml');
    await fs.writeFile(file, (await fs.readFile(file, 'utf8')).replace('。', '，真的。'));
    const failure = await loadCatalogue(dir).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ContentError);
    expect((failure as ContentError).problems).toEqual([
      expect.stringMatching(
        /content\/narration\/picasso-arlequin-1923\.yaml（讲解 picasso-arlequin-1923）：.*npm run content:audio/,
      ),
    ]);
    expect(contentAudio(['--check'], dir)).toMatch(/stale\s+picasso-arlequin-1923[\s\S]*exit 1$/);
  });

  it('turns a staff recording and its cue file into a normalised track', async () => {
    const dir = await copyContent();
    const recordings = path.join(dir, 'narration', 'recordings');
    await fs.mkdir(recordings, { recursive: true });
    // A "recording": 12 s of a quiet tone with a 1 s silence in the middle, as a stereo WAV.
    runFfmpeg([
      '-y',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=220:duration=12:sample_rate=48000',
      '-af',
      "volume=-30dB,volume=enable='between(t,5,6)':volume=0",
      '-ac',
      '2',
      path.join(recordings, 'picasso-arlequin-1923.wav'),
    ]);
    await fs.writeFile(
      path.join(recordings, 'picasso-arlequin-1923.cues.yaml'),
      '- { start: 0.2, end: 5, text: 第一句。 }\n- { start: 6, end: 11.8, text: 第二句。 }\n',
    );
    const narration = path.join(dir, 'narration', 'picasso-arlequin-1923.yaml');
    await fs.appendFile(
      narration,
      'recording:\n  file: recordings/picasso-arlequin-1923.wav\n  cues: recordings/picasso-arlequin-1923.cues.yaml\n',
    );
    await fs.writeFile(
      narration,
      (await fs.readFile(narration, 'utf8')).replace(/^narrator: .*$/m, 'narrator: 馆方讲解员'),
    );
    expect(contentAudio(['--check'], dir)).toMatch(/stale\s+picasso-arlequin-1923[\s\S]*exit 1$/);
    expect(contentAudio([], dir)).toMatch(/made\s+picasso-arlequin-1923[\s\S]*exit 0$/);
    const track = await fs.readFile(
      path.join(dir, 'narration', 'picasso-arlequin-1923.track.json'),
    );
    expect(contentAudio([], dir)).toMatch(/unchanged\s+picasso-arlequin-1923[\s\S]*exit 0$/);
    expect(
      await fs.readFile(path.join(dir, 'narration', 'picasso-arlequin-1923.track.json')),
    ).toEqual(track);

    const { artworks } = await loadCatalogue(dir);
    const arlequin = artworks.find((artwork) => artwork.id === 'picasso-arlequin-1923');
    expect(arlequin?.audio).toMatchObject({ narrator: '馆方讲解员', format: 'm4a' });
    expect(arlequin?.transcript.map((cue) => cue.text)).toEqual(['第一句。', '第二句。']);
    const measured = measureAudio(path.join(dir, 'media', arlequin?.audio?.path ?? ''));
    expect(measured.channels).toBe('mono');
    expect(Math.abs(measured.duration - 12)).toBeLessThan(0.1);
    expect(Math.abs(measured.integrated - AUDIO_TARGET.integrated)).toBeLessThanOrEqual(1);
    expect(measured.truePeak).toBeLessThanOrEqual(AUDIO_TARGET.truePeakMax);
  });
});
