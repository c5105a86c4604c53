import { promises as fs } from 'fs';
import path from 'path';
import { loadCatalogue } from '../../backend/content/load';
import { CONTENT_DIR } from '../backend/fixture';

// The committed demo video, read box by box (ISO BMFF) with no decoder installed: what the
// mini program's <video> needs to play it and what its record promises about it.

interface Box {
  type: string;
  start: number;
  end: number;
  body: number;
}

function boxes(file: Buffer, from = 0, to = file.length): Box[] {
  const found: Box[] = [];
  let at = from;
  while (at + 8 <= to) {
    let size = file.readUInt32BE(at);
    let body = at + 8;
    if (size === 1) {
      size = Number(file.readBigUInt64BE(at + 8));
      body = at + 16;
    } else if (size === 0) {
      size = to - at;
    }
    if (size < 8 || at + size > to) throw new Error(`broken box at byte ${at}`);
    found.push({ type: file.toString('latin1', at + 4, at + 8), start: at, end: at + size, body });
    at += size;
  }
  return found;
}

function child(file: Buffer, parent: Box, type: string): Box {
  const box = boxes(file, parent.body, parent.end).find((candidate) => candidate.type === type);
  if (!box) throw new Error(`no ${type} in ${parent.type}`);
  return box;
}

interface Track {
  handler: string;
  codec: string;
  width: number;
  height: number;
}

function readTrack(file: Buffer, trak: Box): Track {
  const tkhd = child(file, trak, 'tkhd');
  const version = file[tkhd.body];
  // tkhd ends with width and height as 16.16 fixed point.
  const size = tkhd.body + (version === 1 ? 88 : 76);
  const mdia = child(file, trak, 'mdia');
  const hdlr = child(file, mdia, 'hdlr');
  const stbl = child(file, child(file, mdia, 'minf'), 'stbl');
  const stsd = child(file, stbl, 'stsd');
  return {
    handler: file.toString('latin1', hdlr.body + 8, hdlr.body + 12),
    codec: file.toString('latin1', stsd.body + 12, stsd.body + 16),
    width: file.readUInt32BE(size) / 65536,
    height: file.readUInt32BE(size + 4) / 65536,
  };
}

describe('the demo replay video', () => {
  it('is a streamable 360p H.264/AAC MP4 under 5 MB that matches its record', async () => {
    const { replays } = await loadCatalogue(CONTENT_DIR);
    const replay = replays.find((doc) => doc.id === 'first-livestream-2020');
    if (!replay) throw new Error('replay missing');
    const file = await fs.readFile(path.join(CONTENT_DIR, 'media', replay.video.path));
    expect(file.length).toBeLessThan(5 * 1024 * 1024);

    const top = boxes(file);
    expect(top[0].type).toBe('ftyp');
    const order = top.map((box) => box.type);
    // The index before the media data: a player starts before the whole file has arrived.
    expect(order.indexOf('moov')).toBeGreaterThan(-1);
    expect(order.indexOf('moov')).toBeLessThan(order.indexOf('mdat'));

    const moov = top.find((box) => box.type === 'moov') as Box;
    const mvhd = child(file, moov, 'mvhd');
    const v1 = file[mvhd.body] === 1;
    const timescale = file.readUInt32BE(mvhd.body + (v1 ? 20 : 12));
    const units = v1
      ? Number(file.readBigUInt64BE(mvhd.body + 24))
      : file.readUInt32BE(mvhd.body + 16);
    const duration = units / timescale;
    expect(Math.abs(duration - replay.video.duration)).toBeLessThan(0.5);
    expect(replay.chapters[replay.chapters.length - 1].start).toBeLessThan(duration);

    const tracks = boxes(file, moov.body, moov.end)
      .filter((box) => box.type === 'trak')
      .map((trak) => readTrack(file, trak));
    const video = tracks.find((track) => track.handler === 'vide');
    const audio = tracks.find((track) => track.handler === 'soun');
    expect(video).toMatchObject({
      codec: 'avc1',
      width: replay.video.width,
      height: replay.video.height,
    });
    expect(replay.video.height).toBe(360);
    expect(audio?.codec).toBe('mp4a');
  });
});
