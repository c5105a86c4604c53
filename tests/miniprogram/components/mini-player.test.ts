import { museumHost } from '../support/fake-host';
import { fakeWx, useFakeClock } from '../support/fake-wx';
import { openPage, settle, tap, textOf, type OpenedPage } from '../support/simulate';

beforeEach(() => {
  jest.resetModules();
  useFakeClock();
  fakeWx().host = museumHost();
});

afterEach(() => {
  jest.useRealTimers();
});

/** Starts the narration of a work from its page, as a visitor would. */
async function playFromArtworkPage(id = 'femme-en-bleu'): Promise<OpenedPage> {
  const artwork = openPage('artwork', { id });
  await settle(artwork.simulate);
  await tap(artwork, '#play');
  await settle(artwork.simulate);
  return artwork;
}

function bar(opened: OpenedPage) {
  return opened.page.querySelector('#mini-player')?.querySelector('#bar');
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

    expect(textOf(bar(replays))).toBe('蓝衣女人 正在播放');
    await tap(replays, '#mini-player', '#mini-toggle');
    await settle(replays.simulate);
    expect(fakeWx().backgroundAudio.pause).toHaveBeenCalledTimes(1);
    expect(textOf(bar(replays))).toBe('蓝衣女人 已暂停');
    // The button does not open the work as well.
    expect(fakeWx().api.navigateTo).not.toHaveBeenCalled();

    await tap(replays, '#mini-player', '#mini-toggle');
    await settle(replays.simulate);
    expect(fakeWx().backgroundAudio.play).toHaveBeenCalledTimes(1);
    expect(textOf(bar(replays))).toBe('蓝衣女人 正在播放');
  });

  it('clears the home indicator on pages without the tab bar, and only there', async () => {
    await playFromArtworkPage();
    const other = openPage('artwork', { id: 'arlequin' });
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
      expect.objectContaining({ url: '/pages/artwork/index?id=femme-en-bleu' }),
    );

    const other = openPage('artwork', { id: 'a-la-russie' });
    await settle(other.simulate);
    expect(textOf(bar(other))).toBe('蓝衣女人 正在播放');
  });

  it('moves its progress line as the narration plays', async () => {
    await playFromArtworkPage();
    const collection = openPage('collection');
    await settle(collection.simulate);

    await fakeWx().backgroundAudio.advance(50);
    await settle(collection.simulate);

    const progress = collection.page.querySelector('#mini-player')?.querySelector('.bar__progress');
    expect(progress?.dom?.getAttribute('style')).toContain('width: 25%');
  });

  it('goes away when the system player is closed or the narration ends', async () => {
    await playFromArtworkPage('a-la-russie');
    const collection = openPage('collection');
    await settle(collection.simulate);
    expect(bar(collection)).toBeTruthy();

    fakeWx().backgroundAudio.systemStop();
    await settle(collection.simulate);
    expect(bar(collection)).toBeFalsy();

    await tap(collection, '#card-a-la-russie');
    const again = openPage('artwork', { id: 'a-la-russie' });
    await settle(again.simulate);
    await tap(again, '#play');
    await settle(again.simulate);
    expect(bar(collection)).toBeTruthy();
    fakeWx().backgroundAudio.trackDuration = 90;
    fakeWx().backgroundAudio.duration = 90;
    await fakeWx().backgroundAudio.advance(100);
    await settle(collection.simulate);
    expect(bar(collection)).toBeFalsy();
  });
});

describe('mini player on a page hidden under another', () => {
  beforeEach(() => {
    jest.resetModules();
    useFakeClock();
    fakeWx().host = museumHost();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('stops following the clock while hidden and catches up when shown again', async () => {
    await playFromArtworkPage();
    const collection = openPage('collection');
    await settle(collection.simulate);
    const progress = () =>
      collection.page
        .querySelector('#mini-player')
        ?.querySelector('.bar__progress')
        ?.dom?.getAttribute('style');

    collection.page.triggerPageLifeTime('hide');
    await fakeWx().backgroundAudio.advance(20);
    await settle(collection.simulate);
    expect(progress()).toContain('width: 0%');

    collection.page.triggerPageLifeTime('show');
    await settle(collection.simulate);
    expect(progress()).toContain('width: 10%');
  });
});
