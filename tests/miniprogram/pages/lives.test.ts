// The 直播 tab rendered against the real local host: live tours on now and coming, reminders
// (WeChat's subscribe-message prompt is faked at the wx boundary, the backend is real), joining a
// live on Channels (wx.getChannelsLiveInfo / openChannelsLive faked: no Channels in Node), paid
// lives and replays through the local development payment flow.
import { realHost } from '../support/real-host';
import { fakeWx } from '../support/fake-wx';
import {
  attributeOf,
  eventsTo,
  openPage,
  settle,
  tap,
  textOf,
  type OpenedPage,
} from '../support/simulate';

const ROOFTOP = 'rooftop-paris-2027';
const LESSON = 'kandinsky-colour-lesson-2027';
/** The extended catalogue's live, streaming from 11:30 to 13:30 on the tests' day. */
const STREAMING = 'studio-visit-now';
const TEMPLATE = 'tmpl-live-start-test';

/** The tests' day, noon in Shanghai, as the host's clock has it (see node-host.ts). */
const TESTS_NOON = Date.parse('2026-11-25T12:00:00+08:00');

beforeEach(() => {
  jest.resetModules();
  jest.spyOn(Date, 'now').mockReturnValue(TESTS_NOON);
});

afterEach(() => {
  jest.restoreAllMocks();
});

/** The page's own config module (the registry was reset): tests set the reminder template. */
function useTemplate(id: string): void {
  (
    require('../../../miniprogram/config') as typeof import('../../../miniprogram/config')
  ).config.reminderTemplateId = id;
}

async function openLives(query: Record<string, string> = {}): Promise<OpenedPage> {
  const opened = openPage('replays', query);
  await settle(opened.simulate, 6);
  return opened;
}

function ids(opened: OpenedPage, section: string): string[] {
  return opened.page
    .querySelectorAll(`#${section} .live`)
    .map((card) => card.dom?.getAttribute('data-id') ?? '');
}

describe('the 直播 tab', () => {
  it('shows the coming tours soonest first with a countdown, the start in Beijing time, and which are examples or paid', async () => {
    const opened = await openLives();

    expect(opened.page.querySelector('#live-now')).toBeUndefined();
    expect(ids(opened, 'upcoming')).toEqual([ROOFTOP, LESSON]);
    const rooftop = textOf(opened.page.querySelector(`#live-${ROOFTOP}`));
    expect(rooftop).toContain('夜色里的屋顶');
    expect(rooftop).toContain('2027年3月20日 周六 20:00');
    expect(rooftop).toContain('还有 115 天');
    expect(rooftop).toContain('示例');
    expect(rooftop).toContain('免费');
    expect(rooftop).toContain('视频号「蓬皮杜导览（示例账号）」');
    const lesson = textOf(opened.page.querySelector(`#live-${LESSON}`));
    expect(lesson).toContain('付费 ¥19.90');
    expect(lesson).toContain('小程序直播间');
    expect(opened.page.querySelector(`#buy-${LESSON}`)).toBeTruthy();
    // The ended 2020 tour is not a coming one: its replay is in the list below.
    expect(textOf(opened.page)).not.toContain('2020年12月14日 周一');
    expect(textOf(opened.page.querySelector('#replay-first-livestream-2020'))).toContain(
      '云游蓬皮杜',
    );
    expect(textOf(opened.page.querySelector('#replay-first-livestream-2020-highlights'))).toContain(
      '付费 ¥9.90',
    );
  });

  it('asks WeChat for the reminder permission, then books the reminder, and remembers it', async () => {
    useTemplate(TEMPLATE);
    const opened = await openLives();

    await tap(opened, `#remind-${ROOFTOP}`);

    expect(fakeWx().api.requestSubscribeMessage).toHaveBeenCalledWith(
      expect.objectContaining({ tmplIds: [TEMPLATE] }),
    );
    expect(eventsTo('lives')).toContainEqual({ action: 'remind', id: ROOFTOP });
    expect(opened.page.querySelector(`#remind-${ROOFTOP}`)).toBeUndefined();
    expect(textOf(opened.page.querySelector(`#reminded-${ROOFTOP}`))).toBe('已预约提醒');

    // Back another day: the card still says so.
    jest.resetModules();
    const again = await openLives();
    expect(again.page.querySelector(`#reminded-${ROOFTOP}`)).toBeTruthy();
    expect(again.page.querySelector(`#remind-${LESSON}`)).toBeTruthy();
  });

  it('explains a refused permission and books nothing', async () => {
    useTemplate(TEMPLATE);
    fakeWx().api.requestSubscribeMessage.mockImplementation(
      (options: { success?: (result: Record<string, string>) => void }) =>
        options.success?.({ errMsg: 'requestSubscribeMessage:ok', [TEMPLATE]: 'reject' }),
    );
    const opened = await openLives();

    await tap(opened, `#remind-${ROOFTOP}`);

    expect(eventsTo('lives').filter((event) => event.action === 'remind')).toEqual([]);
    expect(fakeWx().api.showModal).toHaveBeenCalledWith(
      expect.objectContaining({
        title: '没有开启提醒',
        content: expect.stringContaining('再点一次「提醒我」'),
      }),
    );
    expect(opened.page.querySelector(`#remind-${ROOFTOP}`)).toBeTruthy();
  });

  it('sends a visitor who switched subscription messages off to the settings', async () => {
    useTemplate(TEMPLATE);
    fakeWx().api.requestSubscribeMessage.mockImplementation(
      (options: { fail?: (error: { errMsg: string; errCode: number }) => void }) =>
        options.fail?.({ errMsg: 'requestSubscribeMessage:fail', errCode: 20004 }),
    );
    const opened = await openLives();

    await tap(opened, `#remind-${ROOFTOP}`);

    expect(fakeWx().api.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ title: '订阅消息已关闭', confirmText: '去设置' }),
    );
    expect(fakeWx().api.openSetting).toHaveBeenCalled();
    expect(eventsTo('lives').filter((event) => event.action === 'remind')).toEqual([]);
  });

  it('without a template (development) books the reminder and says no message will come', async () => {
    useTemplate('');
    const opened = await openLives();

    await tap(opened, `#remind-${ROOFTOP}`);

    expect(fakeWx().api.requestSubscribeMessage).not.toHaveBeenCalled();
    expect(eventsTo('lives')).toContainEqual({ action: 'remind', id: ROOFTOP });
    expect(fakeWx().api.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ title: '已登记提醒（开发环境）' }),
    );
  });

  it('opens the live that is on now through WeChat Channels', async () => {
    fakeWx().host = realHost({ catalogue: 'extended' });
    const opened = await openLives();

    expect(ids(opened, 'live-now')).toEqual([STREAMING]);
    expect(textOf(opened.page.querySelector(`#live-${STREAMING}`))).toContain('直播中');

    await tap(opened, `#join-${STREAMING}`);

    expect(fakeWx().api.getChannelsLiveInfo).toHaveBeenCalledWith(
      expect.objectContaining({ finderUserName: 'sphTestStudio01' }),
    );
    expect(fakeWx().api.openChannelsLive).toHaveBeenCalledWith(
      expect.objectContaining({
        finderUserName: 'sphTestStudio01',
        feedId: 'feed-test',
        nonceId: 'nonce-test',
      }),
    );
    expect(opened.page.querySelector('#live-fallback')).toBeUndefined();
  });

  it('says where to find the live when the Channels account cannot be opened from here', async () => {
    fakeWx().host = realHost({ catalogue: 'extended' });
    fakeWx().api.getChannelsLiveInfo.mockImplementation(
      (options: { fail?: (error: { errMsg: string }) => void }) =>
        options.fail?.({ errMsg: 'getChannelsLiveInfo:fail 视频号与小程序主体不一致' }),
    );
    const opened = await openLives();

    await tap(opened, `#join-${STREAMING}`);

    const fallback = textOf(opened.page.querySelector('#live-fallback'));
    expect(fallback).toContain('同一主体');
    expect(fallback).toContain('「蓬皮杜修复工作室」');
    expect(fakeWx().api.openChannelsLive).not.toHaveBeenCalled();

    await tap(opened, '#copy-channels');
    expect(fakeWx().api.setClipboardData).toHaveBeenCalledWith(
      expect.objectContaining({ data: '蓬皮杜修复工作室' }),
    );
  });

  it('buys a paid live through the labelled development payment, after which the card says so', async () => {
    const opened = await openLives();

    await tap(opened, `#buy-${LESSON}`);
    await settle(opened.simulate, 4);

    expect(fakeWx().api.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ title: '开发环境 · 模拟支付' }),
    );
    expect(eventsTo('payments').map((event) => event.action)).toEqual(
      expect.arrayContaining(['offer', 'order', 'devPay']),
    );
    expect(fakeWx().api.requestPayment).not.toHaveBeenCalled();
    expect(opened.page.querySelector(`#buy-${LESSON}`)).toBeUndefined();
    expect(textOf(opened.page.querySelector(`#live-${LESSON}`))).toContain('已购买');
  });
});

describe('a paid replay', () => {
  const PAID = 'first-livestream-2020-highlights';

  it('shows the offer instead of the video, and plays once bought', async () => {
    const opened = openPage('replay', { id: PAID });
    await settle(opened.simulate, 6);

    expect(opened.page.querySelector('#replay-video')).toBeUndefined();
    const offer = textOf(opened.page.querySelector('#paid-offer'));
    expect(offer).toContain('¥9.90');
    expect(offer).toContain('购买');
    expect(textOf(opened.page.querySelector('#dev-payment-note'))).toContain('不会扣款');

    await tap(opened, '#buy-replay');
    await settle(opened.simulate, 6);

    expect(opened.page.querySelector('#paid-offer')).toBeUndefined();
    expect(opened.page.querySelector('#replay-video')).toBeTruthy();
    expect(eventsTo('replays').filter((event) => event.action === 'get')).toHaveLength(2);
  });

  it('keeps the offer when the visitor cancels the development payment', async () => {
    fakeWx().api.showModal.mockImplementation(
      (options: { success?: (result: { confirm: boolean }) => void }) =>
        options.success?.({ confirm: false }),
    );
    const opened = openPage('replay', { id: PAID });
    await settle(opened.simulate, 6);

    await tap(opened, '#buy-replay');

    expect(eventsTo('payments').filter((event) => event.action === 'order')).toEqual([]);
    expect(opened.page.querySelector('#paid-offer')).toBeTruthy();
  });
});

describe('a replay fetched from the live platform', () => {
  it('plays the HLS recording the live room left, and says where it comes from', async () => {
    fakeWx().host = realHost({ catalogue: 'live-platform' });
    const opened = openPage('replay', { id: 'evening-room-2026' });
    await settle(opened.simulate, 6);

    expect(attributeOf(opened.page.querySelector('#replay-video'), 'src')).toBe(
      'https://replay.example.com/777/index.m3u8',
    );
    expect(textOf(opened.page.querySelector('#title'))).toBe('十月夜场：直播间里的康定斯基');
    expect(textOf(opened.page.querySelector('#video-note'))).toContain('直播平台');
    expect(textOf(opened.page.querySelector('#chapters'))).toContain('完整回放');
  });

  it('is listed among the replays, by its day', async () => {
    fakeWx().host = realHost({ catalogue: 'live-platform' });
    const opened = openPage('replays');
    await settle(opened.simulate, 6);

    const cards = opened.page
      .querySelectorAll('.card')
      .map((card) => card.dom?.getAttribute('data-id'));
    expect(cards[0]).toBe('evening-room-2026');
  });
});
