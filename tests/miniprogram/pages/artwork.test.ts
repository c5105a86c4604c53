import { artworksHost } from '../support/fake-host';
import { fakeWx } from '../support/fake-wx';
import { openPage, settle, tap, textOf } from '../support/simulate';

beforeEach(() => {
  jest.resetModules();
});

describe('artwork page', () => {
  it('renders the titles and facts of the artwork in its query', async () => {
    fakeWx().host = artworksHost();
    const opened = openPage('artwork', { id: 'femme-en-bleu' });
    await settle(opened.simulate);

    expect(fakeWx().requests.map((request) => request.event)).toEqual([
      { action: 'get', id: 'femme-en-bleu' },
    ]);
    expect(textOf(opened.page.querySelector('#title'))).toBe('蓝衣女人');
    expect(textOf(opened.page.querySelector('#original-title'))).toBe('Femme en bleu');
    expect(textOf(opened.page.querySelector('#byline'))).toBe(
      '巴勃罗·毕加索 Pablo Picasso （1881–1973）',
    );
    const facts = textOf(opened.page.querySelector('#facts'));
    expect(facts).toContain('年代 1944');
    expect(facts).toContain('材质 布面油画');
    expect(facts).toContain('尺寸 130 × 97 厘米');
    expect(facts).toContain('场馆 蓬皮杜中心');
    expect(facts).toContain('位置 5 层 · 第 3 展厅');
    expect(opened.page.querySelector('#notes')).toBeFalsy();
    expect(textOf(opened.page.querySelector('#description'))).toBe(
      '蓝衣女人是巴勃罗·毕加索的代表作之一。',
    );
    expect(textOf(opened.page.querySelector('#audio-note'))).toBe('语音导览 · 3分20秒');
    expect(fakeWx().api.setNavigationBarTitle).toHaveBeenCalledWith({ title: '蓝衣女人' });
  });

  it('lists the moments of past livestreams about the work, each opening the replay there', async () => {
    fakeWx().host = artworksHost();
    const opened = openPage('artwork', { id: 'femme-en-bleu' });
    await settle(opened.simulate);

    expect(textOf(opened.page.querySelector('#moments'))).toBe(
      '在直播回放中观看 毕加索：立体主义与之后 00:30 从毕加索说到抽象 1:02:05',
    );

    await tap(opened, '#moment-0');
    expect(fakeWx().api.navigateTo).toHaveBeenLastCalledWith(
      expect.objectContaining({ url: '/pages/replay/index?id=first-livestream-2020&t=30' }),
    );
    await tap(opened, '#moment-1');
    expect(fakeWx().api.navigateTo).toHaveBeenLastCalledWith(
      expect.objectContaining({ url: '/pages/replay/index?id=kandinsky-evening&t=3725' }),
    );
  });

  it('shares a card that opens this artwork', async () => {
    fakeWx().host = artworksHost();
    const opened = openPage('artwork', { id: 'arlequin' });
    await settle(opened.simulate);

    const share = opened.instance.onShareAppMessage();
    expect(share.path).toBe('/pages/artwork/index?id=arlequin');
    expect(share.title).toBe('小丑 · 巴勃罗·毕加索');
    expect(opened.page.querySelector('#audio-note')).toBeFalsy();
    // No livestream talked about this work: no replay section.
    expect(opened.page.querySelector('#moments')).toBeFalsy();
    // A room that names its floor is not repeated; unconfirmed facts are said plainly.
    expect(textOf(opened.page.querySelector('#facts'))).toContain('位置 5 层现代馆藏展厅');
    expect(textOf(opened.page.querySelector('#notes'))).toBe(
      '资料说明 具体展厅号未能从公开资料确认。',
    );
  });

  it.each([
    ['a plain label link', { number: '102' }],
    ['a mini program code scene', { scene: encodeURIComponent('n=102') }],
  ])('opens the artwork of a wall label from %s', async (_name, query) => {
    fakeWx().host = artworksHost();
    const opened = openPage('artwork', query);
    await settle(opened.simulate);

    expect(fakeWx().requests.map((request) => request.event)).toEqual([
      { action: 'byNumber', number: '102' },
    ]);
    expect(textOf(opened.page.querySelector('#title'))).toBe('小丑');
    expect(opened.instance.onShareAppMessage().path).toBe('/pages/artwork/index?id=arlequin');
  });

  it('opens the image full screen on tap', async () => {
    fakeWx().host = artworksHost();
    const opened = openPage('artwork', { id: 'arlequin' });
    await settle(opened.simulate);

    await tap(opened, '#image');

    expect(fakeWx().api.previewImage).toHaveBeenCalledWith({
      urls: ['http://127.0.0.1:3000/media/arlequin.jpg'],
      current: 'http://127.0.0.1:3000/media/arlequin.jpg',
    });
  });

  it('shows an error with retry, and retry loads the artwork', async () => {
    fakeWx().networkError = 'request:fail net::ERR_CONNECTION_REFUSED';
    const opened = openPage('artwork', { id: 'arlequin' });
    await settle(opened.simulate);

    expect(textOf(opened.page.querySelector('#error-state'))).toContain('网络不太稳定');
    expect(opened.page.querySelector('#title')).toBeFalsy();

    fakeWx().networkError = null;
    fakeWx().host = artworksHost();
    await tap(opened, '#retry', '.van-button');
    await settle(opened.simulate);

    expect(textOf(opened.page.querySelector('#title'))).toBe('小丑');
  });

  it('says so when the artwork does not exist', async () => {
    fakeWx().host = artworksHost();
    const opened = openPage('artwork', { id: 'no-such-work' });
    await settle(opened.simulate);

    expect(textOf(opened.page.querySelector('#error-state'))).toContain('这件作品不存在或暂未展出');
  });
});
