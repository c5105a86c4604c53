// The background audio engine against a manager that behaves as WeChat documents it: only a *new*
// src starts playback, and closing the system player (stop) releases the source. Faked at the
// platform boundary: wx.getBackgroundAudioManager.
import { createBackgroundAudioEngine } from '../../../miniprogram/services/audio/background-engine';
import type { AudioTrack } from '../../../miniprogram/services/audio/engine';

interface Manager extends Record<string, unknown> {
  src: string;
  loads: number;
  play: jest.Mock;
  seek: jest.Mock;
  callbacks: Map<string, () => void>;
}

function documentedManager(): Manager {
  let src = '';
  const manager = {
    loads: 0,
    callbacks: new Map<string, () => void>(),
    play: jest.fn(),
    pause: jest.fn(),
    stop: jest.fn(),
    seek: jest.fn(),
  } as unknown as Manager;
  Object.defineProperty(manager, 'src', {
    get: () => src,
    set: (value: string) => {
      if (value && value !== src) manager.loads += 1;
      src = value;
    },
  });
  for (const name of [
    'Canplay',
    'Play',
    'Pause',
    'Stop',
    'Ended',
    'Waiting',
    'TimeUpdate',
    'Error',
    'Next',
    'Prev',
  ]) {
    manager[`on${name}`] = (callback: () => void) => manager.callbacks.set(name, callback);
  }
  return manager;
}

const track: AudioTrack = {
  id: 'picasso-arlequin-1923',
  src: 'https://cdn.example.com/media/audio/picasso-arlequin-1923.m4a',
  title: '丑角',
  artist: '巴勃罗·毕加索',
  cover: 'https://cdn.example.com/media/images/picasso-arlequin-1923.thumb.jpg',
};

describe('background audio engine', () => {
  let manager: Manager;

  beforeEach(() => {
    manager = documentedManager();
    Object.assign(wx, { getBackgroundAudioManager: () => manager });
  });

  it('fills the lock screen card and links it back to the work, then loads the source', () => {
    const engine = createBackgroundAudioEngine();
    engine.open(track, 12, 1.25);
    expect(manager).toMatchObject({
      title: '丑角',
      singer: '巴勃罗·毕加索',
      coverImgUrl: track.cover,
      referrerPath: 'pages/artwork/index?id=picasso-arlequin-1923',
      startTime: 12,
      playbackRate: 1.25,
      src: track.src,
      loads: 1,
    });
    expect(manager.webUrl).toBeUndefined();
  });

  it('plays the same narration again from the start after it ended, though its src is unchanged', () => {
    const engine = createBackgroundAudioEngine();
    engine.open(track, 0, 1);
    manager.callbacks.get('Ended')?.();
    engine.open(track, 0, 1);
    expect(manager.loads).toBe(1);
    expect(manager.seek).toHaveBeenLastCalledWith(0);
    expect(manager.play).toHaveBeenCalledTimes(1);
  });

  it('loads the source again once the system player was closed and released it', () => {
    const engine = createBackgroundAudioEngine();
    engine.open(track, 0, 1);
    manager.callbacks.get('Stop')?.();
    manager.src = '';
    engine.open(track, 30, 1);
    expect(manager.loads).toBe(2);
    expect(manager.startTime).toBe(30);
  });

  it('leaves out a cover the lock screen cannot show (a cloud file ID or plain http)', () => {
    const engine = createBackgroundAudioEngine();
    engine.open({ ...track, cover: 'cloud://env-1.bucket/media/images/a.jpg' }, 0, 1);
    expect(manager.coverImgUrl).toBe('');
  });
});
