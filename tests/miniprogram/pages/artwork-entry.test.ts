import type { Artwork } from '../../../miniprogram/types/api';
import { fakeWx } from '../support/fake-wx';
import { fetchData } from '../support/real-host';
import { eventsTo, openPage, openSettled, settle, textOf } from '../support/simulate';

beforeEach(() => {
  jest.resetModules();
});

describe('artwork page opened from a wall label', () => {
  it('opens the work of a plain QR link (q) and shares it on Moments by id', async () => {
    const link = encodeURIComponent('https://guide.example.com/a/502');
    const opened = openPage('artwork', { q: link, scancode_time: '1764000000' });
    await settle(opened.simulate);

    expect(fakeWx().requests.map((request) => request.event)).toEqual([
      { action: 'byNumber', number: '502' },
    ]);
    expect(textOf(opened.page.querySelector('#title'))).toBe('丑角');
    expect(opened.instance.onShareTimeline()).toEqual(
      expect.objectContaining({ query: 'id=picasso-arlequin-1923' }),
    );
  });

  it('says what is wrong with an unreadable code, asks nothing of the backend, offers no retry', async () => {
    const opened = openPage('artwork', { scene: '%E0%A4%A' });
    await settle(opened.simulate);

    expect(fakeWx().requests).toEqual([]);
    expect(textOf(opened.page.querySelector('#error-state'))).toContain('展签码无法识别');
    expect(opened.page.querySelector('#retry')).toBeFalsy();
  });

  it('names the number when no work carries it', async () => {
    const opened = openPage('artwork', { scene: '999999' });
    await settle(opened.simulate);

    expect(textOf(opened.page.querySelector('#error-state'))).toContain('没有编号为 999999 的作品');
    expect(opened.page.querySelector('#retry')).toBeFalsy();
  });
});

describe('artwork page opened from a code of `npm run labels`', () => {
  it('opens the number within the exhibition the label names, and that exhibition becomes the chosen one', async () => {
    // The chosen exhibition is the current one; the label is the upcoming exhibition's, where
    // number 503 is another work than in the current one.
    const picker = await openSettled('exhibitions');
    expect(textOf(picker.page.querySelector('#exhibition-modern-masters-on-tour'))).toContain(
      '当前选择',
    );
    const link = encodeURIComponent('https://guide.example.com/l/kandinsky-colour-symphony/3');
    const opened = openPage('artwork', { q: link, scancode_time: '1764000000' });
    await settle(opened.simulate, 5);
    expect(eventsTo('artworks')).toContainEqual({
      action: 'byNumber',
      number: '3',
      exhibitionId: 'kandinsky-colour-symphony',
    });
    const expected = await fetchData<Artwork>('artworks', {
      action: 'byNumber',
      number: '3',
      exhibitionId: 'kandinsky-colour-symphony',
    });
    expect(textOf(opened.page.querySelector('#title'))).toBe(expected.title.zh);
    const picked = await openSettled('exhibitions');
    expect(textOf(picked.page.querySelector('#exhibition-kandinsky-colour-symphony'))).toContain(
      '当前选择',
    );
  });

  it('opens the same work from the mini program code (scene) of that label', async () => {
    await openSettled('exhibitions');
    const opened = openPage('artwork', {
      scene: encodeURIComponent('kandinsky-colour-symphony/3'),
    });
    await settle(opened.simulate, 5);
    const expected = await fetchData<Artwork>('artworks', {
      action: 'byNumber',
      number: '3',
      exhibitionId: 'kandinsky-colour-symphony',
    });
    expect(textOf(opened.page.querySelector('#title'))).toBe(expected.title.zh);
  });
});
