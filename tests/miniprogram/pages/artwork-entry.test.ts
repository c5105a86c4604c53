import { fakeWx } from '../support/fake-wx';
import { openPage, settle, textOf } from '../support/simulate';

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
