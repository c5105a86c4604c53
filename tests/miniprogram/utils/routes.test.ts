import { artworkPath, replayPath } from '../../../miniprogram/utils/routes';

describe('routes', () => {
  it('builds the paths of the artwork and replay pages', () => {
    expect(artworkPath('femme-en-bleu')).toBe('/pages/artwork/index?id=femme-en-bleu');
    expect(replayPath('first-livestream-2020')).toBe(
      '/pages/replay/index?id=first-livestream-2020',
    );
    expect(replayPath('a b', { t: 95.5 })).toBe('/pages/replay/index?id=a%20b&t=95.5');
    expect(replayPath('x', { chapter: 0 })).toBe('/pages/replay/index?id=x&chapter=0');
    expect(replayPath('x', { t: 30, chapter: 1 })).toBe('/pages/replay/index?id=x&t=30&chapter=1');
    expect(replayPath('x', { t: Number.NaN, chapter: -1 })).toBe('/pages/replay/index?id=x');
  });
});
