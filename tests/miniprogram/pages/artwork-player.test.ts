import type { Artwork } from '../../../miniprogram/types/api';
import { fakeWx, useFakeClock } from '../support/fake-wx';
import { fetchArtwork, realHost } from '../support/real-host';
import { attributeOf, openPage, settle, tap, textOf, type OpenedPage } from '../support/simulate';

const ARLEQUIN = 'picasso-arlequin-1923';
const MEDIA = 'http://127.0.0.1:3000/media';
let arlequin: Artwork;

beforeAll(async () => {
  arlequin = await fetchArtwork(ARLEQUIN);
});

beforeEach(() => {
  jest.resetModules();
  useFakeClock();
  // The platform learns a track's length from the file: the narration's measured length.
  fakeWx().backgroundAudio.trackDuration = arlequin.audio?.duration ?? 0;
});

afterEach(() => {
  jest.useRealTimers();
});

async function open(query: Record<string, string> = { id: ARLEQUIN }): Promise<OpenedPage> {
  const opened = openPage('artwork', query);
  await settle(opened.simulate);
  return opened;
}

/** Plays on for `seconds` (timeUpdate every 250 ms), letting the page render as it goes. */
async function playFor(opened: OpenedPage, seconds: number): Promise<void> {
  await fakeWx().backgroundAudio.advance(seconds);
  await settle(opened.simulate);
}

/** The indexes of the highlighted sentences. */
function currentCues(opened: OpenedPage): string[] {
  return opened.page
    .querySelectorAll('.cue--current')
    .map((cue) => cue.dom?.getAttribute('data-index') ?? '');
}

describe('artwork page player', () => {
  it('plays the narration on play, with the work on the lock screen', async () => {
    const opened = await open();
    expect(textOf(opened.page.querySelector('#player-state'))).toBe('轻触播放，收听语音导览');
    expect(opened.page.querySelector('.play__triangle')).toBeTruthy();

    await tap(opened, '#play');

    const audio = fakeWx().backgroundAudio;
    expect(audio.src).toBe(`${MEDIA}/audio/picasso-arlequin-1923.m4a`);
    expect(audio.title).toBe('丑角');
    expect(audio.singer).toBe('巴勃罗·毕加索');
    expect(audio.epname).toBe('蓬皮杜导览');
    await settle(opened.simulate);
    expect(textOf(opened.page.querySelector('#player-state'))).toBe('正在播放');
    expect(opened.page.querySelector('.play__pause')).toBeTruthy();

    await tap(opened, '#play');
    await settle(opened.simulate);
    expect(audio.pause).toHaveBeenCalledTimes(1);
    expect(textOf(opened.page.querySelector('#player-state'))).toBe('已暂停');
  });

  it('highlights the sentence being spoken and keeps it in view as time passes', async () => {
    const opened = await open();
    const [first, second, third] = arlequin.transcript;
    expect(textOf(opened.page.querySelector('#cue-0'))).toBe(first?.text);
    await tap(opened, '#play');
    await settle(opened.simulate);
    // Nothing is spoken before the first sentence starts.
    expect(currentCues(opened)).toEqual([]);

    await playFor(opened, 1);
    expect(currentCues(opened)).toEqual(['0']);
    await playFor(opened, 6);
    expect(second?.start).toBeLessThanOrEqual(7);
    expect(currentCues(opened)).toEqual(['1']);
    const transcript = opened.page.querySelector('.transcript__scroll');
    expect(attributeOf(transcript, 'scroll-into-view')).toBe('cue-0');
    expect(textOf(opened.page.querySelector('#elapsed'))).toBe('00:07');
    expect(textOf(opened.page.querySelector('#remaining'))).toBe('-01:44');
    expect(attributeOf(opened.page.querySelector('#progress'), 'value')).toBe(7);

    await playFor(opened, 6);
    expect(third?.start).toBeLessThanOrEqual(13);
    expect(currentCues(opened)).toEqual(['2']);
    expect(attributeOf(transcript, 'scroll-into-view')).toBe('cue-1');
  });

  it('jumps to a sentence when it is tapped', async () => {
    const opened = await open();
    await tap(opened, '#play');
    await settle(opened.simulate);

    await tap(opened, '#cue-3');

    // The fourth sentence starts at 19.13 s.
    expect(fakeWx().backgroundAudio.seek).toHaveBeenLastCalledWith(19.13);
    expect(currentCues(opened)).toEqual(['3']);
    expect(textOf(opened.page.querySelector('#elapsed'))).toBe('00:19');
  });

  it('skips 15 seconds back and forth, seeks with the slider and changes speed', async () => {
    const opened = await open();
    await tap(opened, '#play');
    await settle(opened.simulate);
    const audio = fakeWx().backgroundAudio;

    await tap(opened, '#forward');
    expect(audio.seek).toHaveBeenLastCalledWith(15);
    await tap(opened, '#back');
    expect(audio.seek).toHaveBeenLastCalledWith(0);
    opened.page.querySelector('#progress')?.dispatchEvent('change', { detail: { value: 100 } });
    await settle(opened.simulate);
    expect(audio.seek).toHaveBeenLastCalledWith(100);
    expect(textOf(opened.page.querySelector('#elapsed'))).toBe('01:40');

    await tap(opened, '#rate-3');
    expect(audio.playbackRate).toBe(1.5);
    expect(textOf(opened.page.querySelector('.rate__pill--active'))).toBe('1.5×');
  });

  it('holds the slider where the visitor drags it while time keeps passing, then seeks there', async () => {
    const opened = await open();
    await tap(opened, '#play');
    await settle(opened.simulate);
    await playFor(opened, 5);
    const slider = () => attributeOf(opened.page.querySelector('#progress'), 'value');

    opened.page.querySelector('#progress')?.dispatchEvent('changing', { detail: { value: 90 } });
    await settle(opened.simulate);
    await playFor(opened, 4);
    // Ticks arrive, but the thumb under the visitor's finger is not pulled back to 9 s.
    expect(slider()).toBe(90);

    opened.page.querySelector('#progress')?.dispatchEvent('change', { detail: { value: 100 } });
    await settle(opened.simulate);
    expect(fakeWx().backgroundAudio.seek).toHaveBeenLastCalledWith(100);
    expect(slider()).toBe(100);
  });

  it('says when the narration cannot load, and retry plays it', async () => {
    const opened = await open();
    fakeWx().backgroundAudio.failNextLoad = 10002;
    await tap(opened, '#play');
    await settle(opened.simulate);

    expect(textOf(opened.page.querySelector('#player-error'))).toBe(
      '网络不太稳定，音频没能加载 重试',
    );
    await tap(opened, '#player-retry');
    await settle(opened.simulate);

    expect(opened.page.querySelector('#player-error')).toBeFalsy();
    expect(textOf(opened.page.querySelector('#player-state'))).toBe('正在播放');
  });

  it('offers to continue where the visitor stopped, and does', async () => {
    fakeWx().storage.set('pompidou:v1:player.history', {
      savedAt: 0,
      value: [
        {
          id: ARLEQUIN,
          title: '丑角',
          artist: '巴勃罗·毕加索',
          cover: '',
          position: 42,
          duration: 110.29,
          finished: false,
          playedAt: 0,
        },
      ],
    });
    const opened = await open();
    expect(textOf(opened.page.querySelector('#player-state'))).toBe('上次听到 00:42，轻触继续');
    expect(textOf(opened.page.querySelector('#elapsed'))).toBe('00:42');

    await tap(opened, '#play');
    expect(fakeWx().backgroundAudio.startTime).toBe(42);
  });

  it('shows no player for a work without narration', async () => {
    fakeWx().host = realHost({ catalogue: 'extended' });
    const opened = await open({ id: 'picasso-study-without-narration' });
    expect(textOf(opened.page.querySelector('#title'))).toBe('没有语音的习作');
    expect(opened.page.querySelector('#player')).toBeFalsy();
    expect(opened.page.querySelector('#transcript')).toBeFalsy();
  });
});
