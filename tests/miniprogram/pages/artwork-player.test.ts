import { artworksHost } from '../support/fake-host';
import { fakeWx, useFakeClock } from '../support/fake-wx';
import { attributeOf, openPage, settle, tap, textOf, type OpenedPage } from '../support/simulate';

beforeEach(() => {
  jest.resetModules();
  useFakeClock();
  fakeWx().host = artworksHost();
});

afterEach(() => {
  jest.useRealTimers();
});

async function open(query: Record<string, string> = { id: 'femme-en-bleu' }): Promise<OpenedPage> {
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
    expect(audio.src).toBe('http://127.0.0.1:3000/media/femme-en-bleu.m4a');
    expect(audio.title).toBe('蓝衣女人');
    expect(audio.singer).toBe('巴勃罗·毕加索');
    expect(audio.epname).toBe('蓬皮杜导览');
    expect(audio.coverImgUrl).toBe('http://127.0.0.1:3000/media/femme-en-bleu-thumb.jpg');
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
    await tap(opened, '#play');
    await settle(opened.simulate);
    expect(currentCues(opened)).toEqual(['0']);

    await playFor(opened, 7);
    expect(currentCues(opened)).toEqual(['1']);
    const transcript = opened.page.querySelector('.transcript__scroll');
    expect(attributeOf(transcript, 'scroll-into-view')).toBe('cue-0');
    expect(textOf(opened.page.querySelector('#elapsed'))).toBe('00:07');
    expect(textOf(opened.page.querySelector('#remaining'))).toBe('-03:13');
    expect(attributeOf(opened.page.querySelector('#progress'), 'value')).toBe(7);

    await playFor(opened, 8);
    expect(currentCues(opened)).toEqual(['2']);
    expect(attributeOf(transcript, 'scroll-into-view')).toBe('cue-1');
  });

  it('jumps to a sentence when it is tapped', async () => {
    const opened = await open();
    await tap(opened, '#play');
    await settle(opened.simulate);

    await tap(opened, '#cue-3');

    expect(fakeWx().backgroundAudio.seek).toHaveBeenLastCalledWith(25);
    expect(currentCues(opened)).toEqual(['3']);
    expect(textOf(opened.page.querySelector('#elapsed'))).toBe('00:25');
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
    opened.page.querySelector('#progress')?.dispatchEvent('change', { detail: { value: 120 } });
    await settle(opened.simulate);
    expect(audio.seek).toHaveBeenLastCalledWith(120);
    expect(textOf(opened.page.querySelector('#elapsed'))).toBe('02:00');

    await tap(opened, '#rate-3');
    expect(audio.playbackRate).toBe(1.5);
    expect(textOf(opened.page.querySelector('.rate--active'))).toBe('1.5×');
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

    expect(fakeWx().backgroundAudio.sources).toHaveLength(2);
    expect(opened.page.querySelector('#player-error')).toBeFalsy();
    expect(textOf(opened.page.querySelector('#player-state'))).toBe('正在播放');
  });

  it('offers to continue where the visitor stopped, and does', async () => {
    fakeWx().storage.set('pompidou:v1:player.history', {
      savedAt: 0,
      value: [
        {
          id: 'femme-en-bleu',
          title: '蓝衣女人',
          artist: '巴勃罗·毕加索',
          cover: '',
          position: 42,
          duration: 200,
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
    const opened = await open({ id: 'arlequin' });
    expect(opened.page.querySelector('#player')).toBeFalsy();
    expect(opened.page.querySelector('#transcript')).toBeFalsy();
  });
});
