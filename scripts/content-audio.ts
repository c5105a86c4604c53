/**
 * npm run content:audio — turns each artwork's narration into the audio the app plays.
 *
 * For every content/narration/<id>.yaml:
 * - with `recording`: the staff's recording, timed by their cue file (validated);
 * - otherwise a draft: each sentence of the script spoken by espeak-ng's Mandarin voice, with the
 *   cues timed from the synthesis itself.
 * Then loudness-normalised (two-pass loudnorm to −16 LUFS, true peak under −1.5 dBTP), encoded as
 * mono AAC at 48 kbps in .m4a, decoded again and measured, and written with its track record
 * (content/narration/<id>.track.json: duration and bytes measured from the file, loudness, cues).
 *
 * A track whose inputs are unchanged is left exactly as it is, so a second run changes nothing.
 * `--force` redoes every track; naming ids redoes only those.
 *
 * Needs espeak-ng for drafts (Debian: apt-get install -y espeak-ng); ffmpeg comes from npm.
 */
import { spawnSync } from 'child_process';
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import YAML from 'yaml';
import {
  AUDIO_TARGET,
  cueProblems,
  narrationFileSchema,
  narrationFingerprint,
  readRecording,
  splitSentences,
  SYNTHESIS,
  trackFileSchema,
  type Cue,
  type NarrationFile,
  type TrackFile,
} from '../backend/content/narration';
import { CONTENT_DIR } from '../backend/host/local';
import { checkPronunciation, measureAudio, runFfmpeg } from './lib/audio-tools';

const NARRATION_DIR = path.join(CONTENT_DIR, 'narration');
const AUDIO_DIR = path.join(CONTENT_DIR, 'media', 'audio');
/** espeak-ng writes 16-bit mono PCM at this rate. */
const SYNTH_RATE = 22050;

interface Pcm {
  rate: number;
  samples: Int16Array;
}

/** The PCM of a RIFF/WAVE file of 16-bit mono samples. */
function readWav(buffer: Buffer): Pcm {
  if (buffer.toString('latin1', 0, 4) !== 'RIFF' || buffer.toString('latin1', 8, 12) !== 'WAVE') {
    throw new Error('not a WAVE file');
  }
  let at = 12;
  let rate = 0;
  while (at + 8 <= buffer.length) {
    const id = buffer.toString('latin1', at, at + 4);
    // espeak-ng streams its WAV and may leave the data size unset (0 or 0x7fffffff).
    let size = buffer.readUInt32LE(at + 4);
    if (id === 'fmt ') {
      const channels = buffer.readUInt16LE(at + 10);
      const bits = buffer.readUInt16LE(at + 22);
      if (channels !== 1 || bits !== 16) throw new Error('expected 16-bit mono PCM');
      rate = buffer.readUInt32LE(at + 12);
    } else if (id === 'data') {
      if (size === 0 || at + 8 + size > buffer.length) size = buffer.length - at - 8;
      const data = buffer.subarray(at + 8, at + 8 + (size - (size % 2)));
      const samples = new Int16Array(data.length / 2);
      for (let index = 0; index < samples.length; index += 1)
        samples[index] = data.readInt16LE(index * 2);
      return { rate, samples };
    }
    at += 8 + size + (size % 2);
  }
  throw new Error('no data chunk');
}

function writeWav(pcm: Pcm): Buffer {
  const header = Buffer.alloc(44);
  const bytes = pcm.samples.length * 2;
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + bytes, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(pcm.rate, 24);
  header.writeUInt32LE(pcm.rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(bytes, 40);
  const body = Buffer.alloc(bytes);
  pcm.samples.forEach((sample, index) => body.writeInt16LE(sample, index * 2));
  return Buffer.concat([header, body]);
}

/** Trims the near-silence espeak-ng leaves around a sentence, so the cues sit on the speech. */
function trimSilence(samples: Int16Array, threshold = 300): Int16Array {
  let start = samples.length;
  let end = samples.length;
  for (const [index, sample] of samples.entries()) {
    if (Math.abs(sample) < threshold) continue;
    if (start === samples.length) start = index;
    end = index + 1;
  }
  const pad = Math.round(0.03 * SYNTH_RATE);
  return samples.subarray(Math.max(0, start - pad), Math.min(samples.length, end + pad));
}

const round = (value: number) => Math.round(value * 100) / 100;

function speak(sentence: string): Int16Array {
  checkPronunciation(SYNTHESIS.voice, sentence);
  const result = spawnSync(
    'espeak-ng',
    [
      '-v',
      SYNTHESIS.voice,
      '-s',
      String(SYNTHESIS.wordsPerMinute),
      '-p',
      String(SYNTHESIS.pitch),
      '--stdout',
      sentence,
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.error || result.status !== 0) {
    throw new Error(
      'espeak-ng is needed to synthesise draft narration: apt-get install -y espeak-ng' +
        (result.stderr?.length ? `\n${result.stderr.toString()}` : ''),
    );
  }
  const pcm = readWav(result.stdout);
  if (pcm.rate !== SYNTH_RATE)
    throw new Error(`espeak-ng wrote ${pcm.rate} Hz, expected ${SYNTH_RATE}`);
  return trimSilence(pcm.samples);
}

/** The draft: sentences spoken one by one, laid end to end with pauses; cues from the sample counts. */
function synthesise(script: string): { wav: Buffer; cues: Cue[] } {
  const silence = (seconds: number) => new Int16Array(Math.round(seconds * SYNTH_RATE));
  const leadIn = silence(SYNTHESIS.leadIn);
  const parts: Int16Array[] = [leadIn];
  let cursor = leadIn.length;
  const cues: Cue[] = [];
  splitSentences(script).forEach((sentence, index) => {
    if (index > 0) {
      const gap = silence(SYNTHESIS.betweenSentences);
      parts.push(gap);
      cursor += gap.length;
    }
    const speech = speak(sentence);
    cues.push({
      start: round(cursor / SYNTH_RATE),
      end: round((cursor + speech.length) / SYNTH_RATE),
      text: sentence,
    });
    parts.push(speech);
    cursor += speech.length;
  });
  parts.push(silence(SYNTHESIS.tail));
  const samples = new Int16Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    samples.set(part, at);
    at += part.length;
  }
  return { wav: writeWav({ rate: SYNTH_RATE, samples }), cues };
}

/**
 * Gain to the loudness target, a limiter holding the peaks under the ceiling, then mono AAC in
 * .m4a with no timestamps or encoder tags (so equal input gives equal bytes).
 */
function encode(source: string, output: string, gainDb: number, ceilingDb: number): void {
  const limit = Math.pow(10, ceilingDb / 20).toFixed(4);
  runFfmpeg([
    '-y',
    '-i',
    source,
    '-af',
    `aresample=${AUDIO_TARGET.sampleRate},volume=${gainDb.toFixed(2)}dB,` +
      `alimiter=limit=${limit}:attack=5:release=80:level=false`,
    '-ac',
    String(AUDIO_TARGET.channels),
    '-c:a',
    AUDIO_TARGET.codec,
    '-b:a',
    AUDIO_TARGET.bitrate,
    '-map_metadata',
    '-1',
    '-fflags',
    '+bitexact',
    '-flags:a',
    '+bitexact',
    '-movflags',
    '+faststart',
    output,
  ]);
}

async function readTrack(id: string): Promise<TrackFile | null> {
  const text = await fs
    .readFile(path.join(NARRATION_DIR, `${id}.track.json`), 'utf8')
    .catch(() => null);
  if (text === null) return null;
  const parsed = trackFileSchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : null;
}

async function isCurrent(track: TrackFile | null, input: string): Promise<boolean> {
  if (!track || track.input !== input) return false;
  const file = await fs.stat(path.join(CONTENT_DIR, 'media', track.audio.path)).catch(() => null);
  return file?.size === track.audio.bytes;
}

async function makeTrack(
  narration: NarrationFile,
  work: string,
): Promise<TrackFile | 'unchanged' | 'stale'> {
  const label = `content/narration/${narration.id}.yaml`;
  const { recording, problems } = await readRecording(NARRATION_DIR, narration, label);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  const input = narrationFingerprint(narration, recording);
  if (!force && !only.size && (await isCurrent(await readTrack(narration.id), input))) {
    return 'unchanged';
  }
  if (checkOnly) return 'stale';

  const source = path.join(work, `${narration.id}.wav`);
  let cues: Cue[];
  if (recording && narration.recording) {
    runFfmpeg(['-y', '-i', path.join(NARRATION_DIR, narration.recording.file), '-ac', '1', source]);
    cues = recording.parsed;
  } else {
    const draft = synthesise(narration.script);
    await fs.writeFile(source, draft.wav);
    cues = draft.cues;
  }

  const relative = `audio/${narration.id}.m4a`;
  const output = path.join(CONTENT_DIR, 'media', relative);
  await fs.mkdir(AUDIO_DIR, { recursive: true });
  // Measure, set the gain, limit the peaks; the limiter and the encoder move the result a little,
  // so correct the gain from the decoded file until it is within target.
  let gain = AUDIO_TARGET.integrated - measureAudio(source).integrated;
  let ceiling = AUDIO_TARGET.truePeakMax - 1;
  for (let attempt = 0; ; attempt += 1) {
    encode(source, output, gain, ceiling);
    const measured = measureAudio(output);
    const error = AUDIO_TARGET.integrated - measured.integrated;
    const peakOk = measured.truePeak <= AUDIO_TARGET.truePeakMax - 0.1;
    if (peakOk && Math.abs(error) <= AUDIO_TARGET.tolerance - 0.3) {
      const duration = round(measured.duration);
      const problems = cueProblems(cues, duration);
      if (problems.length > 0) throw new Error(`${narration.id}: ${problems.join('; ')}`);
      return {
        id: narration.id,
        source: narration.recording ? 'recording' : 'synthesis',
        narrator: narration.narrator,
        input,
        audio: { path: relative, duration, bytes: (await fs.stat(output)).size, format: 'm4a' },
        loudness: { integrated: round(measured.integrated), truePeak: round(measured.truePeak) },
        cues,
      };
    }
    if (attempt === 6) {
      throw new Error(
        `${narration.id}: could not reach the loudness target (I ${measured.integrated} LUFS, TP ${measured.truePeak} dBTP)`,
      );
    }
    gain += error;
    if (!peakOk) ceiling -= 0.5;
  }
}

const args = process.argv.slice(2);
const force = args.includes('--force');
/** Reports tracks that are missing or stale and exits non-zero; makes nothing. */
const checkOnly = args.includes('--check');
const only = new Set(args.filter((arg) => !arg.startsWith('--')));

async function main(): Promise<void> {
  const names = (await fs.readdir(NARRATION_DIR))
    .filter((name) => /^[a-z0-9-]+\.ya?ml$/.test(name))
    .sort();
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'narration-'));
  let made = 0;
  let stale = 0;
  try {
    for (const name of names) {
      const parsed = narrationFileSchema.safeParse(
        YAML.parse(await fs.readFile(path.join(NARRATION_DIR, name), 'utf8')),
      );
      if (!parsed.success) {
        throw new Error(
          parsed.error.issues
            .map(
              (issue) => `content/narration/${name} 字段 ${issue.path.join('.')}：${issue.message}`,
            )
            .join('\n'),
        );
      }
      const narration = parsed.data;
      if (only.size && !only.has(narration.id)) continue;
      const track = await makeTrack(narration, work);
      if (track === 'unchanged') {
        console.log(`  unchanged  ${narration.id}`);
        continue;
      }
      if (track === 'stale') {
        console.log(`  stale      ${narration.id}`);
        stale += 1;
        continue;
      }
      await fs.writeFile(
        path.join(NARRATION_DIR, `${narration.id}.track.json`),
        `${JSON.stringify(track, null, 2)}\n`,
      );
      made += 1;
      console.log(
        `  made       ${narration.id}: ${track.audio.duration.toFixed(1)} s, ${(track.audio.bytes / 1024).toFixed(1)} KB, ` +
          `${track.loudness.integrated} LUFS, TP ${track.loudness.truePeak} dBTP, ${track.cues.length} cues`,
      );
    }
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
  if (checkOnly) {
    console.log(
      stale
        ? `${stale} track(s) missing or stale: run npm run content:audio`
        : 'All tracks current.',
    );
    if (stale) process.exitCode = 1;
    return;
  }
  console.log(`${made} track(s) made, ${names.length - made} unchanged or skipped.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
