// Choosing the exhibition the visitor is in, and what follows from it: the keypad's numbers and
// where the artwork page says a work hangs. Against the real functions, on the tests' fixed day.
import { fakeWx } from '../support/fake-wx';
import { attributeOf, eventsTo, settle, tap, textOf, openSettled } from '../support/simulate';

beforeEach(() => {
  jest.resetModules();
});

describe('exhibitions page', () => {
  it('lists current, upcoming and past exhibitions, the current one chosen, with its notice', async () => {
    const page = await openSettled('exhibitions');
    const cards = page.page.querySelectorAll('.card').map((card) => textOf(card));
    expect(cards).toHaveLength(3);
    expect(cards[0]).toMatch(
      /^正在展出 当前选择 现代的诞生：毕加索、夏加尔、康定斯基 上海 · 西岸美术馆 2026年9月19日 – 2027年3月21日 · 13 件作品 本展览为演示而设/,
    );
    expect(cards[1]).toMatch(
      /^即将开幕 色彩的交响：康定斯基 北京 · 北京民生现代美术馆 .* · 5 件作品$/,
    );
    expect(cards[2]).toMatch(/^已结束 现代馆藏陈列 · 5 层 巴黎 · 蓬皮杜中心/);
  });

  it('remembers the exhibition chosen, and the keypad then finds numbers in it', async () => {
    const page = await openSettled('exhibitions');
    await tap(page, '#exhibition-kandinsky-colour-symphony');
    await settle(page.simulate, 4);
    expect(fakeWx().api.navigateBack).toHaveBeenCalled();
    expect(textOf(page.page.querySelector('#exhibition-kandinsky-colour-symphony'))).toContain(
      '当前选择',
    );

    // A new launch: the choice comes back from storage.
    jest.resetModules();
    const keypad = await openSettled('keypad');
    expect(textOf(keypad.page.querySelector('#exhibition'))).toBe(
      '即将开幕 北京民生现代美术馆 · 色彩的交响：康定斯基 切换',
    );
    await tap(keypad, '#key-5');
    await tap(keypad, '#key-confirm');
    await settle(keypad.simulate);
    expect(eventsTo('artworks')).toEqual([
      { action: 'byNumber', number: '5', exhibitionId: 'kandinsky-colour-symphony' },
    ]);
    expect(fakeWx().api.navigateTo).toHaveBeenLastCalledWith(
      expect.objectContaining({ url: '/pages/artwork/index?id=kandinsky-bleu-de-ciel-1940' }),
    );
  });

  it('makes the artwork page say where the work hangs in the chosen exhibition, or that it is not there', async () => {
    await openSettled('exhibitions');
    const bleu = await openSettled('artwork', { id: 'kandinsky-bleu-de-ciel-1940' });
    const facts = textOf(bleu.page.querySelector('#facts'));
    expect(facts).toContain('场馆 上海 · 西岸美术馆');
    expect(facts).toContain('位置 2 层 · 展厅 5 · 晚年的天空');
    expect(facts).not.toContain('5 层现代馆藏展厅');

    const picker = await openSettled('exhibitions');
    await tap(picker, '#exhibition-kandinsky-colour-symphony');
    await settle(picker.simulate, 4);
    const arlequin = await openSettled('artwork', { id: 'picasso-arlequin-1923' });
    expect(textOf(arlequin.page.querySelector('#facts'))).toContain(
      '位置 不在「色彩的交响：康定斯基」中展出',
    );
  });

  it('opens the floor plan of the chosen exhibition: a pin per work, each one tap from its guide', async () => {
    const picker = await openSettled('exhibitions');
    await tap(picker, '#open-plan');
    expect(fakeWx().api.navigateTo).toHaveBeenLastCalledWith(
      expect.objectContaining({ url: '/pages/plan/index' }),
    );
    const plan = await openSettled('plan');
    const pins = plan.page.querySelectorAll('.pin');
    expect(pins).toHaveLength(13);
    // Pins sit where the YAML puts them, in percent of the 1200 × 800 plan.
    expect(attributeOf(plan.page.querySelector('#pin-kandinsky-bleu-de-ciel-1940'), 'style')).toBe(
      'left: 80.00%; top: 76.25%',
    );
    expect(textOf(plan.page.querySelector('#pin-kandinsky-bleu-de-ciel-1940'))).toBe('525');
    expect(textOf(plan.page.querySelector('#rooms'))).toContain(
      '展厅 4 · 走向抽象 展签 521、522、523、524',
    );
    expect(textOf(plan.page.querySelector('#notice'))).toMatch(/^本展览为演示而设/);
    await tap(plan, '#pin-kandinsky-bleu-de-ciel-1940');
    expect(fakeWx().api.navigateTo).toHaveBeenLastCalledWith(
      expect.objectContaining({ url: '/pages/artwork/index?id=kandinsky-bleu-de-ciel-1940' }),
    );
  });

  it('says so when the chosen exhibition has no plan', async () => {
    const picker = await openSettled('exhibitions');
    await tap(picker, '#exhibition-kandinsky-colour-symphony');
    await settle(picker.simulate, 4);
    expect(picker.page.querySelector('#open-plan')).toBeFalsy();
    const plan = await openSettled('plan');
    expect(textOf(plan.page.querySelector('#no-plan'))).toBe('这个展览还没有平面图。');
  });
});
