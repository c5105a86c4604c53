import { fakeWx, useFakeClock } from '../support/fake-wx';
import { fetchArtwork } from '../support/real-host';
import { openPage, settle, tap, textOf, type OpenedPage } from '../support/simulate';

const ARLEQUIN = 'picasso-arlequin-1923';
const RUSSIA = 'chagall-a-la-russie-1911';
/** Each narration's measured length, as the platform learns it from the file. */
const lengths = new Map<string, number>();

beforeAll(async () => {
  for (const id of [ARLEQUIN, RUSSIA]) {
    lengths.set(id, (await fetchArtwork(id)).audio?.duration ?? 0);
  }
});

beforeEach(() => {
  jest.resetModules();
  useFakeClock();
});

afterEach(() => {
  jest.useRealTimers();
});

/** Starts the narration of a work from its page, as a visitor would. */
async function playFromArtworkPage(id = ARLEQUIN): Promise<OpenedPage> {
  fakeWx().backgroundAudio.trackDuration = lengths.get(id) ?? 0;
  const artwork = openPage('artwork', { id });
  await settle(artwork.simulate);
  await tap(artwork, '#play');
  await settle(artwork.simulate);
  return artwork;
}

function bar(opened: OpenedPage) {
  return opened.page.querySelector('#mini-player')?.querySelector('#bar');
}

/** How far the bar's progress line reaches, in percent of its width. */
function progressOf(opened: OpenedPage): number {
  const style = opened.page
    .querySelector('#mini-player')
    ?.querySelector('.bar__progress')
    ?.dom?.getAttribute('style');
  const match = /width:\s*([\d.]+)%/.exec(style ?? '');
  return match ? Number(match[1]) : NaN;
}

describe('mini player', () => {
  it('is absent while nothing plays', async () => {
    const collection = openPage('collection');
    await settle(collection.simulate);
    expect(collection.page.querySelector('#mini-player')).toBeTruthy();
    expect(bar(collection)).toBeFalsy();
  });

  it('shows what plays on another page, and its button pauses and plays', async () => {
    await playFromArtworkPage();
    const replays = openPage('replays');
    await settle(replays.simulate);

    expect(textOf(bar(replays))).toBe('丑角 正在播放');
    await tap(replays, '#mini-player', '#mini-toggle');
    await settle(replays.simulate);
    expect(fakeWx().backgroundAudio.pause).toHaveBeenCalledTimes(1);
    expect(textOf(bar(replays))).toBe('丑角 已暂停');
    // The button does not open the work as well.
    expect(fakeWx().api.navigateTo).not.toHaveBeenCalled();

    await tap(replays, '#mini-player', '#mini-toggle');
    await settle(replays.simulate);
    expect(fakeWx().backgroundAudio.play).toHaveBeenCalledTimes(1);
    expect(textOf(bar(replays))).toBe('丑角 正在播放');
  });

  it('clears the home indicator on pages without the tab bar, and only there', async () => {
    await playFromArtworkPage();
    const other = openPage('artwork', { id: 'picasso-guitariste-1910' });
    await settle(other.simulate);
    const replays = openPage('replays');
    await settle(replays.simulate);
    expect(bar(other)?.dom?.className).toContain('bar--inset');
    expect(bar(replays)?.dom?.className).not.toContain('bar--inset');
  });

  it('opens the work that plays when tapped, and the full player there replaces it', async () => {
    const artwork = await playFromArtworkPage();
    expect(bar(artwork)).toBeFalsy();

    const keypad = openPage('keypad');
    await settle(keypad.simulate);
    await tap(keypad, '#mini-player', '#bar');
    expect(fakeWx().api.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: `/pages/artwork/index?id=${ARLEQUIN}` }),
    );

    const other = openPage('artwork', { id: RUSSIA });
    await settle(other.simulate);
    expect(textOf(bar(other))).toBe('丑角 正在播放');
  });

  it('moves its progress line as the narration plays', async () => {
    await playFromArtworkPage();
    const collection = openPage('collection');
    await settle(collection.simulate);

    expect(progressOf(collection)).toBe(0);
    await fakeWx().backgroundAudio.advance(50);
    await settle(collection.simulate);

    // 50 s into a narration of 1 min 50 s: a little under half way.
    expect(progressOf(collection)).toBeGreaterThan(45);
    expect(progressOf(collection)).toBeLessThan(46);
  });

  it('goes away when the system player is closed or the narration ends', async () => {
    await playFromArtworkPage(RUSSIA);
    const collection = openPage('collection');
    await settle(collection.simulate);
    expect(bar(collection)).toBeTruthy();

    fakeWx().backgroundAudio.systemStop();
    await settle(collection.simulate);
    expect(bar(collection)).toBeFalsy();

    await tap(collection, `#card-${RUSSIA}`);
    const again = openPage('artwork', { id: RUSSIA });
    await settle(again.simulate);
    await tap(again, '#play');
    await settle(again.simulate);
    expect(bar(collection)).toBeTruthy();
    // The narration is 1 min 52 s long.
    await fakeWx().backgroundAudio.advance(113);
    await settle(collection.simulate);
    expect(bar(collection)).toBeFalsy();
  });
});

describe('mini player on a page hidden under another', () => {
  beforeEach(() => {
    jest.resetModules();
    useFakeClock();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('stops following the clock while hidden and catches up when shown again', async () => {
    await playFromArtworkPage();
    const collection = openPage('collection');
    await settle(collection.simulate);

    collection.page.triggerPageLifeTime('hide');
    await fakeWx().backgroundAudio.advance(20);
    await settle(collection.simulate);
    expect(progressOf(collection)).toBe(0);

    collection.page.triggerPageLifeTime('show');
    await settle(collection.simulate);
    // 20 s of 1 min 50 s.
    expect(progressOf(collection)).toBeGreaterThan(18);
    expect(progressOf(collection)).toBeLessThan(19);
  });
});
