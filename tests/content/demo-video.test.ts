import { promises as fs } from 'fs';
import path from 'path';
import YAML from 'yaml';
import type * as MP4BoxModule from 'mp4box/dist/mp4box.all.cjs';

// mp4box declares its types only through package.json "exports", which this project's "node"
// module resolution does not read: the types come from the file, the code from the package.
const { createFile, MP4BoxBuffer } = require('mp4box') as typeof MP4BoxModule;

// The committed demo video, parsed with a pure-JS MP4 reader (CI has no ffmpeg): what the mini
// program's <video> needs to play it, and what its record promises about it.

const CONTENT_DIR = path.resolve(__dirname, '../../content');
const RECORD = path.join(CONTENT_DIR, 'replays', 'first-livestream-2020.yaml');

interface ReplayRecord {
  video: { path: string; duration: number; width: number; height: number };
  chapters: Array<{ start: number; title: string }>;
}

async function readRecord(): Promise<ReplayRecord> {
  return YAML.parse(await fs.readFile(RECORD, 'utf8')) as ReplayRecord;
}

async function parseMp4(file: Buffer) {
  const mp4 = createFile();
  let movie: MP4BoxModule.Movie | undefined;
  mp4.onReady = (info) => {
    movie = info;
  };
  mp4.onError = (module, message) => {
    throw new Error(`${module}: ${message}`);
  };
  const bytes = file.buffer.slice(file.byteOffset, file.byteOffset + file.length);
  mp4.appendBuffer(MP4BoxBuffer.fromArrayBuffer(bytes, 0));
  mp4.flush();
  if (!movie) throw new Error('mp4box found no movie (no moov box)');
  return { movie, topLevel: mp4.boxes.map((box) => box.type) };
}

describe('the demo replay video', () => {
  let record: ReplayRecord;
  let file: Buffer;
  let movie: MP4BoxModule.Movie;
  let topLevel: string[];

  beforeAll(async () => {
    record = await readRecord();
    file = await fs.readFile(path.join(CONTENT_DIR, 'media', record.video.path));
    ({ movie, topLevel } = await parseMp4(file));
  });

  it('is an MP4 under 5 MB with its index before its media data, so it streams', () => {
    expect(file.length).toBeLessThan(5 * 1024 * 1024);
    expect(topLevel[0]).toBe('ftyp');
    expect(topLevel).toContain('mdat');
    expect(topLevel.indexOf('moov')).toBeGreaterThan(-1);
    expect(topLevel.indexOf('moov')).toBeLessThan(topLevel.indexOf('mdat'));
    expect(movie.isFragmented).toBe(false);
  });

  it('has one H.264 video track (baseline or main profile) of the size the record gives', () => {
    expect(record.video).toMatchObject({ width: 640, height: 360 });
    expect(movie.videoTracks).toHaveLength(1);
    const [video] = movie.videoTracks;
    if (!video) throw new Error('mp4box found no video track');
    // avc1.PPCCLL: profile_idc 0x42 is Baseline, 0x4d Main; players on every phone decode both.
    expect(video.codec).toMatch(/^avc1\.(42|4d)[0-9a-f]{4}$/i);
    expect(video.video).toEqual({ width: record.video.width, height: record.video.height });
    expect(video.track_width).toBe(record.video.width);
    expect(video.track_height).toBe(record.video.height);
  });

  it('has one AAC-LC audio track', () => {
    expect(movie.audioTracks).toHaveLength(1);
    expect(movie.audioTracks[0]?.codec).toBe('mp4a.40.2');
    expect(movie.tracks).toHaveLength(2);
  });

  it('lasts what the record says, picture and sound from start to end', () => {
    const duration = movie.duration / movie.timescale;
    expect(Math.abs(duration - record.video.duration)).toBeLessThan(0.5);
    for (const track of movie.tracks) {
      expect(Math.abs(track.duration / track.timescale - duration)).toBeLessThan(0.5);
    }
  });

  it('has every chapter start inside the video', () => {
    const duration = movie.duration / movie.timescale;
    expect(record.chapters[0]?.start).toBe(0);
    expect(record.chapters.at(-1)?.start).toBeLessThan(duration);
  });
});
