import { LINK_LIFETIME_MS, museumHost, replaysHost } from '../support/fake-host';
import { fakeWx } from '../support/fake-wx';
import {
  attributeOf,
  eventsTo,
  fire,
  openPage,
  settle,
  tap,
  textOf,
  type OpenedPage,
} from '../support/simulate';

const REPLAY = 'first-livestream-2020';
const VIDEO = '#replay-video';
const VIDEO_URL = 'http://127.0.0.1:3000/media/video/first-livestream-2020.mp4';

beforeEach(() => {
  jest.resetModules();
});

afterEach(() => {
  jest.restoreAllMocks();
});

async function open(query: Record<string, string> = {}): Promise<OpenedPage> {
  const opened = openPage('replay', { id: REPLAY, ...query });
  await settle(opened.simulate);
  return opened;
}

function currentChapters(opened: OpenedPage): string[] {
  return opened.page
    .querySelectorAll('.chapter--current')
    .map((chapter) => chapter.dom?.getAttribute('data-index') ?? '');
}

function stripIds(opened: OpenedPage): string[] {
  return opened.page
    .querySelectorAll('.work')
    .map((work) => work.dom?.getAttribute('data-id') ?? '');
}

function video(): ReturnType<ReturnType<typeof fakeWx>['video']> {
  return fakeWx().video('replay-video');
}

/** What a video's `timeupdate` carries. */
function at(seconds: number): { currentTime: number; duration: number } {
  return { currentTime: seconds, duration: 180 };
}

describe('replay page', () => {
  it('plays the replay with its chapters, the stand-in note and the facts below', async () => {
    fakeWx().host = museumHost();
    const opened = await open();

    expect(eventsTo('replays')).toEqual([{ action: 'get', id: REPLAY }]);
    const player = opened.page.querySelector(VIDEO);
    expect(attributeOf(player, 'src')).toBe(`${VIDEO_URL}?sig=1`);
    expect(attributeOf(player, 'initial-time')).toBe(0);
    expect(textOf(opened.page.querySelector('#video-note'))).toBe('演示用替代视频，并非直播原片。');
    expect(textOf(opened.page.querySelector('#chapters'))).toBe(
      [
        '00:00 开场 · 馆长致辞 正在播放',
        '00:30 毕加索：立体主义与之后 2 件作品',
        '01:00 夏加尔：飞翔的回忆 1 件作品',
        '02:00 屋顶 · 360度看巴黎',
      ].join(' '),
    );
    expect(currentChapters(opened)).toEqual(['0']);
    expect(textOf(opened.page.querySelector('#strip-empty'))).toContain('这一段没有讲到馆藏作品');
    const facts = textOf(opened.page.querySelector('#facts'));
    expect(facts).toContain('日期 2020年12月14日');
    expect(facts).toContain('时长 2小时');
    expect(facts).toContain('讲解 说普通话的讲解员与现代馆藏首席策展人');
    expect(facts).toContain('观看 1万+ 人在线观看');
    expect(textOf(opened.page.querySelector('#summary'))).toBe(
      '蓬皮杜中心的第一场中文直播导览。 最后登上屋顶，俯瞰巴黎。',
    );
    expect(textOf(opened.page.querySelector('#highlights'))).toBe(
      '精彩看点 毕加索的《蓝衣女人》 夏加尔的故乡回忆',
    );
    expect(opened.page.querySelector('#resume-hint')).toBeFalsy();
  });

  it('seeks the video to a tapped chapter and plays it, showing that chapter and its works', async () => {
    fakeWx().host = museumHost();
    const opened = await open();

    await tap(opened, '#chapter-2');

    expect(video().seek).toHaveBeenCalledWith(60);
    expect(video().play).toHaveBeenCalled();
    expect(currentChapters(opened)).toEqual(['2']);
    expect(stripIds(opened)).toEqual(['a-la-russie']);
    expect(textOf(opened.page.querySelector('#work-a-la-russie'))).toContain(
      '致俄罗斯、驴子及其他',
    );
  });

  it('follows the video: time updates move the highlighted chapter and change the strip', async () => {
    fakeWx().host = museumHost();
    const opened = await open();
    const setData = jest.spyOn(opened.instance, 'setData');

    await fire(opened, VIDEO, 'timeupdate', at(31));
    expect(currentChapters(opened)).toEqual(['1']);
    expect(stripIds(opened)).toEqual(['femme-en-bleu', 'arlequin']);
    expect(textOf(opened.page.querySelector('#strip-section'))).toContain('毕加索：立体主义与之后');

    // Four ticks a second within one chapter change nothing on screen: no setData at all.
    for (const seconds of [31.25, 31.5, 31.75, 32, 32.25, 32.5, 32.75, 33]) {
      await fire(opened, VIDEO, 'timeupdate', at(seconds));
    }
    expect(setData).toHaveBeenCalledTimes(1);

    await fire(opened, VIDEO, 'timeupdate', at(61));
    expect(currentChapters(opened)).toEqual(['2']);
    expect(stripIds(opened)).toEqual(['a-la-russie']);
    expect(setData).toHaveBeenCalledTimes(2);
    expect(JSON.stringify(setData.mock.calls[1][0]).length).toBeLessThan(1024);
  });

  it('pauses the video and opens the artwork page when a work of the strip is tapped', async () => {
    fakeWx().host = museumHost();
    const opened = await open();
    await fire(opened, VIDEO, 'play');
    await fire(opened, VIDEO, 'timeupdate', at(40));

    // The page's own player store (same module registry as the rendered page).
    const { playerStore } = jest.requireActual<typeof import('../../../miniprogram/stores/player')>(
      '../../../miniprogram/stores/player',
    );
    const offer = jest.spyOn(playerStore, 'offerQueue');
    await tap(opened, '#work-arlequin');

    expect(video().pause).toHaveBeenCalled();
    expect(fakeWx().api.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/pages/artwork/index?id=arlequin' }),
    );
    // Next/previous on the lock screen then walk this chapter's works.
    expect(offer).toHaveBeenCalledWith(stripIds(opened));
    expect(stripIds(opened)).toContain('arlequin');
  });

  it('renews an expired link on a video error: a new get, the new URL, back to where it was', async () => {
    fakeWx().host = museumHost();
    const opened = await open();
    await fire(opened, VIDEO, 'play');
    await fire(opened, VIDEO, 'timeupdate', at(75));
    video().play.mockClear();

    await fire(opened, VIDEO, 'error', { errMsg: 'MEDIA_ERR_NETWORK' });

    expect(eventsTo('replays')).toEqual([
      { action: 'get', id: REPLAY },
      { action: 'get', id: REPLAY },
    ]);
    expect(attributeOf(opened.page.querySelector(VIDEO), 'src')).toBe(`${VIDEO_URL}?sig=2`);
    expect(video().seek).toHaveBeenCalledWith(75);
    expect(video().play).toHaveBeenCalled();
    // The chapters on screen stay as they were.
    expect(currentChapters(opened)).toEqual(['2']);
    expect(opened.page.querySelector('#video-error')).toBeFalsy();
  });

  it('says so instead of asking again when a fresh link fails at once, and retries on demand', async () => {
    fakeWx().host = museumHost();
    const opened = await open();
    await fire(opened, VIDEO, 'error', { errMsg: 'MEDIA_ERR_NETWORK' });
    await fire(opened, VIDEO, 'error', { errMsg: 'MEDIA_ERR_SRC_NOT_SUPPORTED' });

    expect(eventsTo('replays')).toHaveLength(2);
    expect(textOf(opened.page.querySelector('#video-error'))).toContain('视频暂时无法播放');

    await tap(opened, '#video-retry');
    expect(eventsTo('replays')).toHaveLength(3);
    expect(attributeOf(opened.page.querySelector(VIDEO), 'src')).toBe(`${VIDEO_URL}?sig=3`);
    expect(opened.page.querySelector('#video-error')).toBeFalsy();
  });

  it('renews a link that expired while the page was hidden, when it shows again', async () => {
    fakeWx().host = museumHost();
    const opened = await open();
    await fire(opened, VIDEO, 'timeupdate', at(95));
    opened.instance.onHide();

    const later = Date.now() + LINK_LIFETIME_MS + 1000;
    jest.spyOn(Date, 'now').mockReturnValue(later);
    opened.instance.onShow();
    await settle(opened.simulate);

    expect(eventsTo('replays')).toHaveLength(2);
    expect(attributeOf(opened.page.querySelector(VIDEO), 'src')).toBe(`${VIDEO_URL}?sig=2`);
    expect(video().seek).toHaveBeenCalledWith(95);
  });

  it('remembers the position, every few seconds and on hide, and resumes there next time', async () => {
    fakeWx().host = museumHost();
    const start = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(start);
    const opened = await open();
    fakeWx().api.setStorageSync.mockClear();

    // Ticks within a few seconds do not write storage…
    for (const seconds of [10, 10.25, 10.5, 10.75]) {
      await fire(opened, VIDEO, 'timeupdate', at(seconds));
    }
    expect(fakeWx().api.setStorageSync).not.toHaveBeenCalled();
    // …a tick five seconds later does…
    clock.mockReturnValue(start + 5000);
    await fire(opened, VIDEO, 'timeupdate', at(15));
    expect(fakeWx().api.setStorageSync).toHaveBeenCalledTimes(1);
    // …and so does leaving the page, with the latest position.
    await fire(opened, VIDEO, 'timeupdate', at(75));
    opened.instance.onHide();
    expect(fakeWx().api.setStorageSync).toHaveBeenCalledTimes(2);

    jest.resetModules();
    const again = await open();
    expect(attributeOf(again.page.querySelector(VIDEO), 'initial-time')).toBe(75);
    expect(currentChapters(again)).toEqual(['2']);
    expect(stripIds(again)).toEqual(['a-la-russie']);
    expect(textOf(again.page.querySelector('#resume-hint'))).toBe(
      '已从上次看到的 01:15 处继续播放',
    );

    // A link with `t` (an artwork's moment) wins over the remembered position.
    jest.resetModules();
    const moment = await open({ t: '30' });
    expect(attributeOf(moment.page.querySelector(VIDEO), 'initial-time')).toBe(30);
    expect(currentChapters(moment)).toEqual(['1']);
    expect(moment.page.querySelector('#resume-hint')).toBeFalsy();
  });

  it('starts over once the replay was watched to the end', async () => {
    fakeWx().host = museumHost();
    const opened = await open();
    await fire(opened, VIDEO, 'timeupdate', at(150));
    await fire(opened, VIDEO, 'ended');
    opened.instance.onUnload();

    jest.resetModules();
    const again = await open();
    expect(attributeOf(again.page.querySelector(VIDEO), 'initial-time')).toBe(0);
  });

  it('opens at a chapter from a shared card, and shares the chapter on screen', async () => {
    fakeWx().host = museumHost();
    const opened = await open({ chapter: '2' });

    expect(attributeOf(opened.page.querySelector(VIDEO), 'initial-time')).toBe(60);
    expect(currentChapters(opened)).toEqual(['2']);
    expect(stripIds(opened)).toEqual(['a-la-russie']);
    expect(opened.instance.onShareAppMessage()).toEqual({
      title: '云游蓬皮杜：首场中文直播导览 · 夏加尔：飞翔的回忆',
      path: '/pages/replay/index?id=first-livestream-2020&chapter=2',
      imageUrl: 'http://127.0.0.1:3000/media/images/replay-first-livestream-2020.jpg',
    });

    await fire(opened, VIDEO, 'timeupdate', at(125));
    expect(opened.instance.onShareAppMessage().path).toBe(
      '/pages/replay/index?id=first-livestream-2020&chapter=3',
    );
  });

  it('pauses background audio that is playing when the video starts, and only then', async () => {
    fakeWx().host = museumHost();
    const opened = await open();

    await fire(opened, VIDEO, 'play');
    expect(fakeWx().backgroundAudio.pause).not.toHaveBeenCalled();

    fakeWx().backgroundAudio.paused = false;
    await fire(opened, VIDEO, 'play');
    expect(fakeWx().backgroundAudio.pause).toHaveBeenCalledTimes(1);
    expect(fakeWx().backgroundAudio.paused).toBe(true);
  });

  it('lets the audio engine pause the video while the page is shown', async () => {
    fakeWx().host = museumHost();
    const opened = await open();
    // The same module instance the page uses (loaded after jest.resetModules()).
    const { pauseVideos } = require('../../../miniprogram/services/media-focus') as {
      pauseVideos: () => void;
    };

    pauseVideos();
    expect(video().pause).toHaveBeenCalledTimes(1);

    opened.instance.onHide();
    pauseVideos();
    expect(video().pause).toHaveBeenCalledTimes(1);
  });

  it('says so when the replay does not exist, and retries on demand', async () => {
    fakeWx().host = replaysHost([]);
    const opened = openPage('replay', { id: 'no-such-replay' });
    await settle(opened.simulate);

    expect(textOf(opened.page.querySelector('#error-state'))).toContain('这场回放不存在或已下线');
    expect(opened.page.querySelector(VIDEO)).toBeFalsy();

    fakeWx().host = () => new Promise(() => undefined);
    await tap(opened, '#retry', '.van-button');
    expect(opened.page.querySelector('#loading-state')).toBeTruthy();
  });
});
