import { fakeWx } from '../support/fake-wx';
import { realHost } from '../support/real-host';
import { openPage, settle, tap, textOf } from '../support/simulate';

const ARLEQUIN = 'picasso-arlequin-1923';
const IMAGE = 'http://127.0.0.1:3000/media/images/picasso-arlequin-1923.jpg';

beforeEach(() => {
  jest.resetModules();
});

describe('artwork page', () => {
  it('renders the titles and facts of the artwork in its query', async () => {
    const opened = openPage('artwork', { id: ARLEQUIN });
    await settle(opened.simulate);

    expect(fakeWx().requests.map((request) => request.event)).toEqual([
      { action: 'get', id: ARLEQUIN },
    ]);
    expect(textOf(opened.page.querySelector('#title'))).toBe('丑角');
    expect(textOf(opened.page.querySelector('#original-title'))).toBe('Arlequin');
    expect(textOf(opened.page.querySelector('#byline'))).toBe(
      '巴勃罗·毕加索 Pablo Picasso （1881–1973）',
    );
    const facts = textOf(opened.page.querySelector('#facts'));
    expect(facts).toContain('年代 1923');
    expect(facts).toContain('材质 布面油画');
    expect(facts).toContain('尺寸 130 × 97 cm');
    expect(facts).toContain('馆藏编号 AM 4313 P');
    expect(facts).toContain('场馆 蓬皮杜中心 · 国立现代艺术博物馆');
    // A room that names its floor is not repeated.
    expect(facts).toContain('位置 5 层现代馆藏展厅');
    expect(facts).not.toContain('5 层 · 5 层');
    expect(textOf(opened.page.querySelector('#description'))).toMatch(
      /^这位身穿菱形格子戏服、头戴双角帽的人物/,
    );
    // Unconfirmed facts are said plainly.
    expect(textOf(opened.page.querySelector('#notes'))).toMatch(
      /^资料说明 现代馆藏常随展陈调整，具体展厅号未能从公开资料确认/,
    );
    expect(textOf(opened.page.querySelector('#player'))).toContain('语音导览 · 1分50秒');
    expect(fakeWx().api.setNavigationBarTitle).toHaveBeenCalledWith(
      expect.objectContaining({ title: '丑角' }),
    );
  });

  it('lists the moment of the livestream about the work, opening the replay there', async () => {
    const opened = openPage('artwork', { id: 'chagall-a-la-russie-1911' });
    await settle(opened.simulate);

    expect(textOf(opened.page.querySelector('#moments'))).toBe(
      '在直播回放中观看 夏加尔：飞翔的回忆 00:59',
    );
    await tap(opened, '#moment-0');
    expect(fakeWx().api.navigateTo).toHaveBeenLastCalledWith(
      expect.objectContaining({ url: '/pages/replay/index?id=first-livestream-2020&t=59' }),
    );
  });

  it('shares a card that opens this artwork', async () => {
    const opened = openPage('artwork', { id: ARLEQUIN });
    await settle(opened.simulate);

    const share = opened.instance.onShareAppMessage();
    expect(share.path).toBe(`/pages/artwork/index?id=${ARLEQUIN}`);
    expect(share.title).toBe('丑角 · 巴勃罗·毕加索');
  });

  it('shows neither player nor livestream moments for a work that has none', async () => {
    fakeWx().host = realHost({ catalogue: 'extended' });
    const opened = openPage('artwork', { id: 'picasso-study-without-narration' });
    await settle(opened.simulate);

    expect(textOf(opened.page.querySelector('#title'))).toBe('没有语音的习作');
    expect(opened.page.querySelector('#player')).toBeFalsy();
    expect(opened.page.querySelector('#transcript')).toBeFalsy();
    expect(opened.page.querySelector('#moments')).toBeFalsy();
  });

  it.each([
    ['a plain label link', { number: '502' }],
    ['a mini program code scene', { scene: encodeURIComponent('n=502') }],
  ])('opens the artwork of a wall label from %s', async (_name, query) => {
    const opened = openPage('artwork', query);
    await settle(opened.simulate);

    expect(fakeWx().requests.map((request) => request.event)).toEqual([
      { action: 'byNumber', number: '502' },
    ]);
    expect(textOf(opened.page.querySelector('#title'))).toBe('丑角');
    expect(opened.instance.onShareAppMessage().path).toBe(`/pages/artwork/index?id=${ARLEQUIN}`);
  });

  it('opens the image full screen on tap', async () => {
    const opened = openPage('artwork', { id: ARLEQUIN });
    await settle(opened.simulate);

    await tap(opened, '#image');

    expect(fakeWx().api.previewImage).toHaveBeenCalledWith(
      expect.objectContaining({ urls: [IMAGE], current: IMAGE }),
    );
  });

  it('shows an error with retry, and retry loads the artwork', async () => {
    fakeWx().networkError = 'request:fail timeout';
    const opened = openPage('artwork', { id: ARLEQUIN });
    await settle(opened.simulate);

    expect(textOf(opened.page.querySelector('#error-state'))).toContain('网络连接超时');
    expect(opened.page.querySelector('#title')).toBeFalsy();

    fakeWx().networkError = null;
    await tap(opened, '#retry');
    await settle(opened.simulate);

    expect(textOf(opened.page.querySelector('#title'))).toBe('丑角');
  });

  it('says so when the function finds no such artwork', async () => {
    const opened = openPage('artwork', { id: 'no-such-work' });
    await settle(opened.simulate);

    expect(fakeWx().requests[0]?.answer).toEqual({
      statusCode: 404,
      data: {
        ok: false,
        error: { code: 'NOT_FOUND', message: '没有找到 id 为 no-such-work 的作品。' },
      },
    });
    expect(textOf(opened.page.querySelector('#error-state'))).toContain('这件作品不存在或暂未展出');
    expect(opened.page.querySelector('#title')).toBeFalsy();
  });
});
