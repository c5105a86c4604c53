import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import path from 'path';
import YAML from 'yaml';
import { z } from 'zod';
import { slugSchema } from './schema';

/**
 * Narration: what staff write (content/narration/<artwork-id>.yaml, optionally with a recording and
 * its cue file in content/narration/recordings/) and what `npm run content:audio` makes of it
 * (content/media/audio/<artwork-id>.m4a and content/narration/<artwork-id>.track.json).
 */

/** Changing anything here changes every track's input fingerprint: the pipeline then redoes them all. */
export const AUDIO_TARGET = {
  /** EBU R128 integrated loudness, LUFS, and the tolerance around it. */
  integrated: -16,
  tolerance: 1,
  /** True peak ceiling, dBTP. */
  truePeakMax: -1.5,
  codec: 'aac',
  // ffmpeg's native AAC encoder overshoots a low nominal rate: 42k comes out at about 48 kbps.
  bitrate: '42k',
  sampleRate: 44100,
  channels: 1,
  format: 'm4a',
} as const;

/** espeak-ng settings for a synthesised draft, and the pauses laid between its sentences (s). */
export const SYNTHESIS = {
  // espeak-ng 1.51's plain `cmn` voice spells Chinese characters out as pinyin with English tone
  // digits; `cmn-latn-pinyin` reads them as Mandarin with tones.
  voice: 'cmn-latn-pinyin',
  wordsPerMinute: 180,
  pitch: 45,
  leadIn: 0.3,
  betweenSentences: 0.45,
  tail: 0.6,
} as const;

export const PIPELINE_VERSION = 1;

/** The longest silence a transcript may leave without a `pause` note explaining it. */
export const MAX_UNEXPLAINED_GAP = 2;

const text = (max: number) =>
  z.string({ error: '必须是文字' }).trim().min(1, '不能为空').max(max, `不能超过 ${max} 个字符`);

export const narrationFileSchema = z.strictObject({
  id: slugSchema,
  /** Who speaks: a person's name for a recording, or the synthesised draft's description. */
  narrator: text(100),
  script: text(2000).refine((value) => cjkLength(value) >= 20, '讲解稿太短（至少 20 个汉字）'),
  recording: z
    .strictObject({
      file: z
        .string({ error: '必须是文字' })
        .regex(
          /^recordings\/[a-z0-9][a-z0-9-]*\.(wav|flac|m4a|mp3)$/,
          '必须是 recordings/ 下的 .wav/.flac/.m4a/.mp3 文件，如 recordings/x.wav',
        ),
      cues: z
        .string({ error: '必须是文字' })
        .regex(
          /^recordings\/[a-z0-9][a-z0-9-]*\.cues\.yaml$/,
          '必须是 recordings/ 下的 .cues.yaml 文件，如 recordings/x.cues.yaml',
        ),
    })
    .optional(),
});

export type NarrationFile = z.infer<typeof narrationFileSchema>;

const seconds = z.number({ error: '必须是秒数' }).finite().min(0, '不能为负数');

/** A cue as staff write it for a recording; `pause` explains a silence of over 2 s before it. */
export const cueSchema = z.strictObject({
  start: seconds,
  end: seconds,
  text: text(300),
  pause: text(100).optional(),
});

export const cueFileSchema = z.array(cueSchema, { error: '必须是字幕句子列表' }).min(1, '至少一句');

export type Cue = z.infer<typeof cueSchema>;

/** What the pipeline wrote for one artwork; read back when content loads. */
export const trackFileSchema = z.strictObject({
  id: slugSchema,
  source: z.enum(['synthesis', 'recording']),
  narrator: text(100),
  /** Fingerprint of everything the track was made from; a different one means the track is stale. */
  input: z.string().regex(/^[0-9a-f]{64}$/),
  audio: z.strictObject({
    path: z.string().regex(/^audio\/[a-z0-9][a-z0-9-]*\.m4a$/),
    duration: seconds,
    bytes: z.int().positive(),
    format: z.literal('m4a'),
  }),
  loudness: z.strictObject({ integrated: z.number(), truePeak: z.number() }),
  cues: z.array(cueSchema),
});

export type TrackFile = z.infer<typeof trackFileSchema>;

export function cjkLength(value: string): number {
  return (value.match(/[\u4e00-\u9fff]/g) ?? []).length;
}

/** Sentences as the transcript shows them: split after 。！？, each kept with its mark. */
export function splitSentences(script: string): string[] {
  return script
    .replace(/\s+/g, '')
    .split(/(?<=[。！？])/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => cjkLength(sentence) > 0);
}

/** Everything a track depends on, hashed: the script or the recording's bytes and cues, and the settings. */
export function narrationFingerprint(
  narration: NarrationFile,
  recording?: Pick<RecordingInput, 'audio' | 'cues'>,
): string {
  const hash = createHash('sha256');
  hash.update(
    JSON.stringify({
      version: PIPELINE_VERSION,
      target: AUDIO_TARGET,
      synthesis: recording ? null : SYNTHESIS,
      narrator: narration.narrator,
      script: recording ? null : narration.script,
      cues: recording?.cues ?? null,
    }),
  );
  if (recording) hash.update(recording.audio);
  return hash.digest('hex');
}

/**
 * Problems with a transcript against its audio's duration, in Chinese, each naming the cue:
 * cues ascending and not overlapping, inside the duration, and no silence over 2 s at the start,
 * between cues or at the end unless a `pause` note explains it.
 */
export function cueProblems(cues: Cue[], duration: number): string[] {
  const problems: string[] = [];
  const slack = 0.05;
  if (cues.length === 0) return ['没有任何字幕句子'];
  let previousEnd = 0;
  cues.forEach((cue, index) => {
    const at = `cues.${index}`;
    if (cue.end <= cue.start) problems.push(`${at}：结束时间必须晚于开始时间`);
    if (cue.end > duration + slack) {
      problems.push(`${at}：结束于 ${cue.end} 秒，超出了音频时长 ${duration.toFixed(2)} 秒`);
    }
    if (index > 0 && cue.start < previousEnd - slack) {
      problems.push(`${at}：开始时间必须不早于上一句的结束时间（按时间递增排列）`);
    }
    const gap = cue.start - previousEnd;
    if (gap > MAX_UNEXPLAINED_GAP && !cue.pause) {
      problems.push(`${at}：前面有 ${gap.toFixed(1)} 秒没有字幕，请缩短或用 pause 说明原因`);
    }
    previousEnd = cue.end;
  });
  const tail = duration - previousEnd;
  if (tail > MAX_UNEXPLAINED_GAP) {
    problems.push(`cues：最后一句之后还有 ${tail.toFixed(1)} 秒没有字幕`);
  }
  return problems;
}

/** A staff recording as the pipeline and the loader read it: its bytes, its cue file, the cues. */
export interface RecordingInput {
  audio: Buffer;
  /** The cue file's text, as fingerprinted. */
  cues: string;
  parsed: Cue[];
}

/**
 * Reads the recording and cue file a narration names (none: `recording` is undefined). Every
 * problem is a sentence naming `where` and the field, or the cue file and the cue.
 */
export async function readRecording(
  narrationDir: string,
  narration: NarrationFile,
  where: string,
): Promise<{ recording?: RecordingInput; problems: string[] }> {
  if (!narration.recording) return { problems: [] };
  const { file, cues: cueFile } = narration.recording;
  const audio = await fs.readFile(path.join(narrationDir, file)).catch(() => null);
  const cues = await fs.readFile(path.join(narrationDir, cueFile), 'utf8').catch(() => null);
  const problems: string[] = [];
  if (!audio) problems.push(`${where} 字段 recording.file：录音 narration/${file} 不存在`);
  if (cues === null)
    problems.push(`${where} 字段 recording.cues：字幕文件 narration/${cueFile} 不存在`);
  if (!audio || cues === null) return { problems };
  let raw: unknown;
  try {
    raw = YAML.parse(cues);
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    return { problems: [`content/narration/${cueFile}：不是合法的 YAML（${reason}）`] };
  }
  const parsed = cueFileSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map(
        (issue) =>
          `content/narration/${cueFile} 字段 ${issue.path.length ? issue.path.join('.') : '（整个文件）'}：${issue.message}`,
      ),
    };
  }
  return { recording: { audio, cues, parsed: parsed.data }, problems: [] };
}
