import type { Envelope, Replay } from '../../../miniprogram/types/api';
import { silentHost } from '../support/fake-host';
import { fakeWx } from '../support/fake-wx';
import { payloadBytes, SET_DATA_MAX_BYTES } from '../support/set-data-budget';
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
/** A link the local host signs for the demo video: it expires, and each `get` signs anew. */
const SIGNED_VIDEO =
  /^http:\/\/127\.0\.0\.1:3000\/media\/video\/first-livestream-2020\.demo\.mp4\?expires=\d+&sig=[0-9a-f]{64}$/;
const PICASSO = [
  'picasso-guitariste-1910',
  'picasso-arlequin-1923',
  'picasso-la-muse-1935',
  'picasso-aubade-1942',
];
const CHAGALL = [
  'chagall-a-la-russie-1911',
  'chagall-double-portrait-1917',
  'chagall-maries-tour-eiffel-1938',
  'chagall-autour-d-elle-1945',
];

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

/** The replay as the function answered the latest `get`. */
function lastAnswered(): Replay {
  const gets = fakeWx().requests.filter((request) => request.functionName === 'replays');
  const envelope = gets.at(-1)?.answer?.data as Envelope<Replay>;
  if (!envelope.ok) throw new Error(envelope.error.message);
  return envelope.data;
}

function videoSrc(opened: OpenedPage): unknown {
  return attributeOf(opened.page.querySelector(VIDEO), 'src');
}

/** What a video's `timeupdate` carries (the demo video is 159 s long). */
function at(seconds: number): { currentTime: number; duration: number } {
  return { currentTime: seconds, duration: 159 };
}

describe('replay page', () => {
  it('plays the replay with its chapters, the stand-in note and the facts below', async () => {
    const opened = await open();

    expect(eventsTo('replays')).toEqual([{ action: 'get', id: REPLAY }]);
    const player = opened.page.querySelector(VIDEO);
    expect(attributeOf(player, 'src')).toMatch(SIGNED_VIDEO);
    expect(attributeOf(player, 'initial-time')).toBe(0);
    expect(textOf(opened.page.querySelector('#video-note'))).toMatch(
      /^演示用替代视频：本仓库不包含这场直播的原片/,
    );
    const chapters = textOf(opened.page.querySelector('#chapters'));
    for (const chapter of [
      '00:00 开场 · 主席致辞',
      '00:31 毕加索：立体主义与之后 4 件作品',
      '00:59 夏加尔：飞翔的回忆 4 件作品',
      '01:23 康定斯基：走向抽象 5 件作品',
      '01:50 屋顶 · 360度看巴黎',
      '02:16 尾声 · 博物馆商店',
    ]) {
      expect(chapters).toContain(chapter);
    }
    expect(currentChapters(opened)).toEqual(['0']);
    expect(textOf(opened.page.querySelector('#strip-empty'))).toContain('这一段没有讲到馆藏作品');
    const facts = textOf(opened.page.querySelector('#facts'));
    expect(facts).toContain('日期 2020年12月14日');
    expect(facts).toContain('时长 2小时');
    expect(facts).toContain('讲解 一位说普通话的讲解员与蓬皮杜中心现代馆藏首席策展人');
    expect(facts).toContain('观看 1万+ 人在线观看');
    expect(textOf(opened.page.querySelector('#summary'))).toMatch(
      /^2020年12月14日，蓬皮杜中心为中国观众举办了第一场中文直播导览/,
    );
    const highlights = textOf(opened.page.querySelector('#highlights'));
    expect(highlights).toMatch(/^精彩看点 时任蓬皮杜中心主席塞尔日·拉斯维涅/);
    expect(highlights).toContain('登上平日关闭的屋顶，360度俯瞰巴黎');
    expect(opened.page.querySelector('#resume-hint')).toBeFalsy();
  });

  it('seeks the video to a tapped chapter and plays it, showing that chapter and its works', async () => {
    const opened = await open();

    await tap(opened, '#chapter-2');

    expect(video().seek).toHaveBeenCalledWith(59);
    expect(video().play).toHaveBeenCalled();
    expect(currentChapters(opened)).toEqual(['2']);
    expect(stripIds(opened)).toEqual(CHAGALL);
    expect(textOf(opened.page.querySelector('#work-chagall-a-la-russie-1911'))).toContain(
      '致俄罗斯、驴子和其他人',
    );
  });

  it('follows the video: time updates move the highlighted chapter and change the strip', async () => {
    const opened = await open();
    const setData = jest.spyOn(opened.instance, 'setData');

    await fire(opened, VIDEO, 'timeupdate', at(31));
    expect(currentChapters(opened)).toEqual(['1']);
    expect(stripIds(opened)).toEqual(PICASSO);
    expect(textOf(opened.page.querySelector('#strip-section'))).toContain('毕加索：立体主义与之后');

    // Four ticks a second within one chapter change nothing on screen: no setData at all.
    for (const seconds of [31.25, 31.5, 31.75, 32, 32.25, 32.5, 32.75, 33]) {
      await fire(opened, VIDEO, 'timeupdate', at(seconds));
    }
    expect(setData).toHaveBeenCalledTimes(1);

    await fire(opened, VIDEO, 'timeupdate', at(61));
    expect(currentChapters(opened)).toEqual(['2']);
    expect(stripIds(opened)).toEqual(CHAGALL);
    expect(setData).toHaveBeenCalledTimes(2);
    expect(payloadBytes(setData.mock.calls[1]?.[0])).toBeLessThan(SET_DATA_MAX_BYTES);
  });

  it('pauses the video and opens the artwork page when a work of the strip is tapped', async () => {
    const opened = await open();
    await fire(opened, VIDEO, 'play');
    await fire(opened, VIDEO, 'timeupdate', at(40));

    // The page's own player store (same module registry as the rendered page).
    const { playerStore } = jest.requireActual<typeof import('../../../miniprogram/stores/player')>(
      '../../../miniprogram/stores/player',
    );
    const offer = jest.spyOn(playerStore, 'offerQueue');
    await tap(opened, '#work-picasso-arlequin-1923');

    expect(video().pause).toHaveBeenCalled();
    expect(fakeWx().api.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/pages/artwork/index?id=picasso-arlequin-1923' }),
    );
    // Next/previous on the lock screen then walk this chapter's works.
    expect(offer).toHaveBeenCalledWith(PICASSO);
  });

  it('renews an expired link on a video error: a new get, the new URL, back to where it was', async () => {
    const opened = await open();
    const firstUrl = videoSrc(opened);
    await fire(opened, VIDEO, 'play');
    await fire(opened, VIDEO, 'timeupdate', at(75));
    video().play.mockClear();

    await fire(opened, VIDEO, 'error', { errMsg: 'MEDIA_ERR_NETWORK' });

    expect(eventsTo('replays')).toEqual([
      { action: 'get', id: REPLAY },
      { action: 'get', id: REPLAY },
    ]);
    expect(videoSrc(opened)).toBe(lastAnswered().video.url);
    expect(videoSrc(opened)).toMatch(SIGNED_VIDEO);
    expect(videoSrc(opened)).not.toBe(firstUrl);
    expect(video().seek).toHaveBeenCalledWith(75);
    expect(video().play).toHaveBeenCalled();
    // The chapters on screen stay as they were.
    expect(currentChapters(opened)).toEqual(['2']);
    expect(opened.page.querySelector('#video-error')).toBeFalsy();
  });

  it('says so instead of asking again when a fresh link fails at once, and retries on demand', async () => {
    const opened = await open();
    await fire(opened, VIDEO, 'error', { errMsg: 'MEDIA_ERR_NETWORK' });
    await fire(opened, VIDEO, 'error', { errMsg: 'MEDIA_ERR_SRC_NOT_SUPPORTED' });

    expect(eventsTo('replays')).toHaveLength(2);
    expect(textOf(opened.page.querySelector('#video-error'))).toContain('视频暂时无法播放');

    await tap(opened, '#video-retry');
    expect(eventsTo('replays')).toHaveLength(3);
    expect(videoSrc(opened)).toBe(lastAnswered().video.url);
    expect(opened.page.querySelector('#video-error')).toBeFalsy();
  });

  it('renews a link that expired while the page was hidden, when it shows again', async () => {
    const opened = await open();
    const firstLink = lastAnswered().video;
    await fire(opened, VIDEO, 'timeupdate', at(95));
    opened.instance.onHide();

    // The phone comes back after the link's lifetime.
    jest.spyOn(Date, 'now').mockReturnValue(firstLink.expiresAt + 1000);
    opened.instance.onShow();
    await settle(opened.simulate);

    expect(eventsTo('replays')).toHaveLength(2);
    expect(videoSrc(opened)).toBe(lastAnswered().video.url);
    expect(lastAnswered().video.expiresAt).toBeGreaterThan(firstLink.expiresAt);
    expect(video().seek).toHaveBeenCalledWith(95);
  });

  it('remembers the position, every few seconds and on hide, and resumes there next time', async () => {
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
    expect(stripIds(again)).toEqual(CHAGALL);
    expect(textOf(again.page.querySelector('#resume-hint'))).toBe(
      '已从上次看到的 01:15 处继续播放',
    );

    // A link with `t` (an artwork's moment) wins over the remembered position.
    jest.resetModules();
    const moment = await open({ t: '31' });
    expect(attributeOf(moment.page.querySelector(VIDEO), 'initial-time')).toBe(31);
    expect(currentChapters(moment)).toEqual(['1']);
    expect(moment.page.querySelector('#resume-hint')).toBeFalsy();
  });

  it('starts over once the replay was watched to the end', async () => {
    const opened = await open();
    await fire(opened, VIDEO, 'timeupdate', at(150));
    await fire(opened, VIDEO, 'ended');
    opened.instance.onUnload();

    jest.resetModules();
    const again = await open();
    expect(attributeOf(again.page.querySelector(VIDEO), 'initial-time')).toBe(0);
  });

  it('opens at a chapter from a shared card, and shares the chapter on screen', async () => {
    const opened = await open({ chapter: '2' });

    expect(attributeOf(opened.page.querySelector(VIDEO), 'initial-time')).toBe(59);
    expect(currentChapters(opened)).toEqual(['2']);
    expect(stripIds(opened)).toEqual(CHAGALL);
    expect(opened.instance.onShareAppMessage()).toMatchObject({
      title: '云游蓬皮杜：首场中文直播导览 · 夏加尔：飞翔的回忆',
      path: '/pages/replay/index?id=first-livestream-2020&chapter=2',
    });

    await fire(opened, VIDEO, 'timeupdate', at(125));
    expect(opened.instance.onShareAppMessage().path).toBe(
      '/pages/replay/index?id=first-livestream-2020&chapter=4',
    );
  });

  it('pauses background audio that is playing when the video starts, and only then', async () => {
    const opened = await open();

    await fire(opened, VIDEO, 'play');
    expect(fakeWx().backgroundAudio.pause).not.toHaveBeenCalled();

    fakeWx().backgroundAudio.paused = false;
    await fire(opened, VIDEO, 'play');
    expect(fakeWx().backgroundAudio.pause).toHaveBeenCalledTimes(1);
    expect(fakeWx().backgroundAudio.paused).toBe(true);
  });

  it('lets the audio engine pause the video while the page is shown', async () => {
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

  it('says so when the function finds no such replay, and retries on demand', async () => {
    const opened = openPage('replay', { id: 'no-such-replay' });
    await settle(opened.simulate);

    expect(fakeWx().requests[0]?.answer).toEqual({
      statusCode: 404,
      data: {
        ok: false,
        error: { code: 'NOT_FOUND', message: '没有找到 id 为 no-such-replay 的直播回放。' },
      },
    });
    expect(textOf(opened.page.querySelector('#error-state'))).toContain('这场回放不存在或已下线');
    expect(opened.page.querySelector(VIDEO)).toBeFalsy();

    fakeWx().host = silentHost;
    await tap(opened, '#retry');
    expect(opened.page.querySelector('#loading-state')).toBeTruthy();
  });
});
