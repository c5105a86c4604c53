// Walking a tour: its page, and the next stop announced (and, with autoplay, started after a
// countdown the visitor can cancel) when a stop's narration ends. Real functions, tests' fixed day.
import { fakeWx, useFakeClock } from '../support/fake-wx';
import { fetchArtwork } from '../support/real-host';
import { settle, tap, textOf, type OpenedPage, openSettled } from '../support/simulate';

const GUITARIST = 'picasso-guitariste-1910';

beforeEach(() => {
  jest.resetModules();
});

afterEach(() => {
  jest.useRealTimers();
});

/** Plays the open work's narration to its end, as a visitor listening would. */
async function listenToTheEnd(page: OpenedPage): Promise<void> {
  await tap(page, '#play');
  const audio = fakeWx().backgroundAudio;
  await audio.advance(Math.ceil(audio.trackDuration) + 1);
  await settle(page.simulate, 4);
}

/** The pages' own tour store (the module registry the rendered pages use). */
function pageTourStore() {
  return jest.requireActual<typeof import('../../../miniprogram/stores/tour')>(
    '../../../miniprogram/stores/tour',
  ).tourStore;
}

async function startHighlights(): Promise<void> {
  const picker = await openSettled('exhibitions');
  expect(textOf(picker.page.querySelector('#tour-highlights'))).toMatch(
    /^导览路线 · 四十分钟精华路线 7 站 · \d+分\d+秒$/,
  );
  await tap(picker, '#tour-highlights');
  expect(fakeWx().api.navigateTo).toHaveBeenLastCalledWith(
    expect.objectContaining({ url: '/pages/tour/index?id=highlights' }),
  );
  const tour = await openSettled('tour', { id: 'highlights' });
  expect(textOf(tour.page.querySelector('#tour-title'))).toBe('四十分钟精华路线');
  expect(textOf(tour.page.querySelector('#progress'))).toBe('已听完 0 / 7 站');
  const stops = tour.page.querySelectorAll('.stop').map((stop) => textOf(stop));
  expect(stops[0]).toBe('1 吉他手 巴勃罗·毕加索 · 展签 501');
  expect(stops[6]).toBe('7 天蓝 瓦西里·康定斯基 · 展签 525');
  await tap(tour, '#start');
  expect(fakeWx().api.navigateTo).toHaveBeenLastCalledWith(
    expect.objectContaining({ url: `/pages/artwork/index?id=${GUITARIST}&autoplay=1` }),
  );
}

describe('a tour', () => {
  it('announces the next stop, where it hangs, when a stop ends, and goes there on a tap', async () => {
    useFakeClock();
    const guitarist = await fetchArtwork(GUITARIST);
    fakeWx().backgroundAudio.trackDuration = guitarist.audio?.duration ?? 0;
    await startHighlights();

    const stop = await openSettled('artwork', { id: GUITARIST });
    expect(stop.page.querySelector('#next-stop')).toBeFalsy();
    await listenToTheEnd(stop);
    expect(textOf(stop.page.querySelector('#next-stop'))).toBe(
      '下一站 · 第 2 站 / 共 7 站 展签 502 展厅 1 · 立体主义之后 · 2 层 前往下一站',
    );
    await tap(stop, '#next-go');
    expect(fakeWx().api.navigateTo).toHaveBeenLastCalledWith(
      expect.objectContaining({ url: '/pages/artwork/index?id=picasso-arlequin-1923&autoplay=1' }),
    );
    // The lock screen's next walks the tour too: the player's list is the tour's stops.
    fakeWx().backgroundAudio.next();
    await settle(stop.simulate, 4);
    expect(fakeWx().backgroundAudio.title).toBe('丑角');

    // The stop heard is ticked on the tour's page.
    const tour = await openSettled('tour', { id: 'highlights' });
    expect(textOf(tour.page.querySelector('#progress'))).toBe('已听完 1 / 7 站');
    expect(textOf(tour.page.querySelector('#start'))).toBe('继续路线');
  });

  it('with autoplay on, counts down to the next stop, and a cancel stops it', async () => {
    useFakeClock();
    const guitarist = await fetchArtwork(GUITARIST);
    fakeWx().backgroundAudio.trackDuration = guitarist.audio?.duration ?? 0;
    await startHighlights();
    const tour = await openSettled('tour', { id: 'highlights' });
    tour.page.querySelector('#autoplay')?.dispatchEvent('change', { detail: { value: true } });
    await settle(tour.simulate);
    const tourStore = pageTourStore();
    expect(tourStore.autoplay).toBe(true);
    // A second of countdown lasts 100 ms here, so the test does not wait 8 s.
    tourStore.countdownTickMs = 100;

    const first = await openSettled('artwork', { id: GUITARIST });
    await listenToTheEnd(first);
    expect(textOf(first.page.querySelector('#next-go'))).toMatch(/^[5-8] 秒后播放下一站$/);
    await tap(first, '#next-cancel');
    await first.simulate.sleep(1200);
    expect(textOf(first.page.querySelector('#next-go'))).toBe('前往下一站');
    expect(fakeWx().api.navigateTo).not.toHaveBeenCalledWith(
      expect.objectContaining({ url: '/pages/artwork/index?id=picasso-arlequin-1923&autoplay=1' }),
    );

    jest.resetModules();
    const again = await openSettled('artwork', { id: GUITARIST });
    const store = pageTourStore();
    store.countdownTickMs = 100;
    await listenToTheEnd(again);
    await again.simulate.sleep(1200);
    expect(fakeWx().api.navigateTo).toHaveBeenLastCalledWith(
      expect.objectContaining({ url: '/pages/artwork/index?id=picasso-arlequin-1923&autoplay=1' }),
    );
  });
});
