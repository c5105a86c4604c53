import { spawnSync } from 'child_process';
import ffmpegInstaller from '@ffmpeg-installer/ffmpeg';
import { AUDIO_TARGET } from '../../backend/content/narration';

/**
 * The ffmpeg that ships inside the @ffmpeg-installer npm package (a static build), so encoding and
 * measuring need nothing installed beyond `npm ci`, on a developer's machine and in CI alike.
 */
export const FFMPEG = ffmpegInstaller.path;

export function runFfmpeg(args: string[]): { stdout: Buffer; stderr: string } {
  const result = spawnSync(FFMPEG, ['-hide_banner', '-nostdin', ...args], {
    maxBuffer: 512 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  const stderr = result.stderr.toString('utf8');
  if (result.status !== 0) {
    throw new Error(`ffmpeg ${args.join(' ')} failed:\n${stderr.split('\n').slice(-8).join('\n')}`);
  }
  return { stdout: result.stdout, stderr };
}

export interface AudioMeasure {
  /** Seconds of decoded audio, counted in samples. */
  duration: number;
  /** EBU R128 integrated loudness, LUFS. */
  integrated: number;
  /** True peak, dBTP (4× oversampled). */
  truePeak: number;
  /** As the decoder reports the first audio stream, e.g. "aac (LC)", "mono". */
  codec: string;
  channels: string;
}

/** Decodes the file for real and measures it: nothing is trusted from its metadata. */
export function measureAudio(file: string): AudioMeasure {
  const rate = AUDIO_TARGET.sampleRate;
  const { stdout, stderr } = runFfmpeg([
    '-nostats',
    '-i',
    file,
    '-af',
    'ebur128=peak=true',
    '-ac',
    '1',
    '-ar',
    String(rate),
    '-f',
    's16le',
    '-',
  ]);
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  const integrated = /I:\s+(-?[\d.]+|-inf) LUFS/.exec(summary)?.[1];
  const peak = /True peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS/.exec(summary)?.[1];
  if (integrated === undefined || peak === undefined)
    throw new Error(`no loudness summary for ${file}`);
  const value = (text: string) => (text === '-inf' ? -Infinity : Number(text));
  const [, codec = '', channels = ''] =
    /Stream #0:\d+(?:\[\w+\])?(?:\(\w+\))?: Audio: ([^,]+), \d+ Hz, ([^,]+),/.exec(stderr) ?? [];
  return {
    codec: codec.replace(/\s*\(mp4a[^)]*\)/, '').trim(),
    channels: channels.trim(),
    duration: stdout.length / 2 / rate,
    integrated: value(integrated),
    truePeak: value(peak),
  };
}

/**
 * Stops before synthesis if espeak-ng would switch away from `voice` (to English, say) for any of
 * `text`: its phoneme listing marks such a switch as "(en)".
 */
export function checkPronunciation(voice: string, text: string): void {
  const phonemes = spawnSync('espeak-ng', ['-v', voice, '-q', '-x', text], { encoding: 'utf8' });
  if (phonemes.error) {
    throw new Error('espeak-ng is needed to synthesise narration: apt-get install -y espeak-ng');
  }
  if (/\((?!cmn)[a-z-]+\)/.test(phonemes.stdout)) {
    throw new Error(`espeak-ng's ${voice} voice would not read this as Mandarin: ${text}`);
  }
}
