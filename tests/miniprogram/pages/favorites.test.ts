// ♡ on the artwork page and the 收藏 row of 我的, against the real visitors function (the local
// host's: the identity is the development id the client sends in X-WX-OPENID).
import { fakeWx } from '../support/fake-wx';
import { eventsTo, settle, tap, textOf, openSettled } from '../support/simulate';

beforeEach(() => {
  jest.resetModules();
});

describe('favourites', () => {
  it('keeps a work the visitor hearts, shows it in 我的, and takes it out again', async () => {
    const artwork = await openSettled('artwork', { id: 'picasso-arlequin-1923' });
    expect(textOf(artwork.page.querySelector('#favorite'))).toBe('♡ 收藏');
    await tap(artwork, '#favorite');
    await settle(artwork.simulate, 4);
    expect(textOf(artwork.page.querySelector('#favorite'))).toBe('♥ 已收藏');
    expect(eventsTo('visitors')).toContainEqual({
      action: 'favorite',
      artworkId: 'picasso-arlequin-1923',
      on: true,
    });
    const [sent] = fakeWx().requests.filter((request) => request.functionName === 'visitors');
    expect(sent?.answer).toMatchObject({
      statusCode: 200,
      data: { ok: true, data: { items: ['picasso-arlequin-1923'] } },
    });

    const mine = await openSettled('mine');
    expect(textOf(mine.page.querySelector('#favorites'))).toBe('收藏 丑角 巴勃罗·毕加索');
    await tap(mine, '#favorite-picasso-arlequin-1923');
    expect(fakeWx().api.navigateTo).toHaveBeenLastCalledWith(
      expect.objectContaining({ url: '/pages/artwork/index?id=picasso-arlequin-1923' }),
    );

    await tap(artwork, '#favorite');
    await settle(artwork.simulate, 4);
    expect(textOf(artwork.page.querySelector('#favorite'))).toBe('♡ 收藏');
    expect(mine.page.querySelector('#favorites')).toBeFalsy();
  });

  it('keeps a heart made offline on the phone and sends it when the network is back', async () => {
    const artwork = await openSettled('artwork', { id: 'kandinsky-bleu-de-ciel-1940' });
    fakeWx().networkError = 'request:fail';
    await tap(artwork, '#favorite');
    await settle(artwork.simulate, 4);
    expect(textOf(artwork.page.querySelector('#favorite'))).toBe('♥ 已收藏');
    expect(
      fakeWx().requests.filter((request) => request.functionName === 'visitors' && request.answer),
    ).toEqual([]);

    // A new launch with the network back: the change waiting on the phone goes first.
    fakeWx().networkError = null;
    jest.resetModules();
    const mine = await openSettled('mine');
    expect(textOf(mine.page.querySelector('#favorites'))).toBe('收藏 天蓝 瓦西里·康定斯基');
    const answered = fakeWx().requests.filter(
      (request) => request.functionName === 'visitors' && request.answer,
    );
    expect(answered[0]?.event).toEqual({
      action: 'favorite',
      artworkId: 'kandinsky-bleu-de-ciel-1940',
      on: true,
    });
    expect(answered[0]?.answer).toMatchObject({
      data: { ok: true, data: { items: ['kandinsky-bleu-de-ciel-1940'] } },
    });
  });

  it('hearts a work from the collection list, and the list shows the chosen exhibition’s numbers', async () => {
    const picker = await openSettled('exhibitions');
    await tap(picker, '#exhibition-kandinsky-colour-symphony');
    await settle(picker.simulate, 4);

    const collection = await openSettled('collection');
    expect(textOf(collection.page.querySelector('#card-kandinsky-bleu-de-ciel-1940'))).toContain(
      '展签 5 ',
    );
    // Not on that exhibition's walls: no number to look for.
    expect(textOf(collection.page.querySelector('#card-picasso-arlequin-1923'))).not.toContain(
      '展签',
    );
    await tap(collection, '#heart-picasso-arlequin-1923');
    await settle(collection.simulate, 4);
    expect(textOf(collection.page.querySelector('#heart-picasso-arlequin-1923'))).toBe('♥');
    expect(fakeWx().api.navigateTo).not.toHaveBeenCalled();
    expect(eventsTo('visitors')).toContainEqual({
      action: 'favorite',
      artworkId: 'picasso-arlequin-1923',
      on: true,
    });
    const mine = await openSettled('mine');
    expect(textOf(mine.page.querySelector('#favorites'))).toBe('收藏 丑角 巴勃罗·毕加索');
  });
});
