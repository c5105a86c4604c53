import { failure } from '../support/fake-host';
import { fakeWx } from '../support/fake-wx';
import { eventsTo, openPage, settle, tap, textOf, type OpenedPage } from '../support/simulate';

beforeEach(() => {
  jest.resetModules();
});

/** What the pad asked the artworks function (the exhibitions it loads are asked separately). */
const artworkEvents = () => eventsTo('artworks');

async function typeNumber(opened: OpenedPage, digits: string): Promise<void> {
  for (const digit of digits) await tap(opened, `#key-${digit}`);
}

describe('keypad page', () => {
  it('opens the artwork whose label number is typed, within the current exhibition', async () => {
    const opened = openPage('keypad');
    await settle(opened.simulate, 6);
    // The current exhibition is chosen for a visitor who has not chosen one.
    expect(textOf(opened.page.querySelector('#exhibition'))).toBe(
      '正在展出 西岸美术馆 · 现代的诞生：毕加索、夏加尔、康定斯基 切换',
    );

    await typeNumber(opened, '5139');
    await tap(opened, '#key-delete');
    expect(textOf(opened.page.querySelector('#display'))).toBe('513');

    await tap(opened, '#key-confirm');
    await settle(opened.simulate);

    expect(artworkEvents()).toEqual([
      { action: 'byNumber', number: '513', exhibitionId: 'modern-masters-on-tour' },
    ]);
    expect(fakeWx().api.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/pages/artwork/index?id=chagall-maries-tour-eiffel-1938' }),
    );
  });

  it('stays on the pad and explains when no artwork has that number', async () => {
    const opened = openPage('keypad');

    await typeNumber(opened, '999');
    await tap(opened, '#key-confirm');
    await settle(opened.simulate);

    const [request] = fakeWx().requests.filter((sent) => sent.functionName === 'artworks');
    expect(request?.answer).toEqual({
      statusCode: 404,
      data: {
        ok: false,
        error: {
          code: 'NOT_FOUND',
          message: '展览 modern-masters-on-tour 里没有展签编号（number）为 999 的作品。',
        },
      },
    });
    expect(fakeWx().api.navigateTo).not.toHaveBeenCalled();
    expect(textOf(opened.page.querySelector('#message'))).toBe(
      '没有找到编号 999 的作品，请核对展签上的编号',
    );
    expect(textOf(opened.page.querySelector('#display'))).toBe('999');

    // Editing the number clears the message.
    await tap(opened, '#key-delete');
    expect(textOf(opened.page.querySelector('#message'))).toBe('');
  });

  it('says when the network is the problem rather than the number', async () => {
    fakeWx().host = () => failure('UNAVAILABLE', '数据库暂时不可用');
    const opened = openPage('keypad');

    await typeNumber(opened, '501');
    await tap(opened, '#key-confirm');
    await settle(opened.simulate);

    expect(textOf(opened.page.querySelector('#message'))).toBe('网络不太稳定，请稍后重试');
    expect(fakeWx().api.navigateTo).not.toHaveBeenCalled();
  });

  it('does not call the backend without a number', async () => {
    const opened = openPage('keypad');

    await tap(opened, '#key-confirm');
    await settle(opened.simulate);

    expect(artworkEvents()).toEqual([]);
  });
});
