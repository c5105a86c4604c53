import { HISTORY_STORAGE, type HistoryEntry } from '../../../miniprogram/stores/player';
import { artworksHost } from '../support/fake-host';
import { fakeWx } from '../support/fake-wx';
import { openPage, settle, tap, textOf } from '../support/simulate';

const MEDIA = 'http://127.0.0.1:3000/media';
const HISTORY_KEY = `pompidou:v1:${HISTORY_STORAGE}`;

function entry(
  id: string,
  title: string,
  artist: string,
  position: number,
  finished: boolean,
): HistoryEntry {
  return {
    id,
    title,
    artist,
    cover: `${MEDIA}/${id}-thumb.jpg`,
    position,
    duration: id === 'a-la-russie' ? 90 : 200,
    finished,
    playedAt: 0,
  };
}

/** What earlier visits left in storage: the newest first. */
function rememberHistory(): void {
  fakeWx().storage.set(HISTORY_KEY, {
    savedAt: 0,
    value: [
      entry('femme-en-bleu', '蓝衣女人', '巴勃罗·毕加索', 95, false),
      entry('a-la-russie', '致俄罗斯、驴子及其他', '马克·夏加尔', 0, true),
    ],
  });
}

beforeEach(() => {
  jest.resetModules();
  fakeWx().host = artworksHost();
});

describe('我的 page', () => {
  it('lists the works listened to, newest first, with how far the visitor got', async () => {
    rememberHistory();
    const opened = openPage('mine');
    await settle(opened.simulate);

    expect(textOf(opened.page.querySelector('#entry-femme-en-bleu'))).toBe(
      '蓝衣女人 巴勃罗·毕加索 听到 01:35 / 03:20',
    );
    expect(textOf(opened.page.querySelector('#entry-a-la-russie'))).toBe(
      '致俄罗斯、驴子及其他 马克·夏加尔 已听完',
    );
    expect(
      opened.page.querySelectorAll('.entry').map((node) => node.dom?.getAttribute('data-id')),
    ).toEqual(['femme-en-bleu', 'a-la-russie']);
  });

  it('resumes a work at the saved position in one tap', async () => {
    rememberHistory();
    const mine = openPage('mine');
    await settle(mine.simulate);

    await tap(mine, '#entry-femme-en-bleu');
    expect(fakeWx().api.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/pages/artwork/index?id=femme-en-bleu&autoplay=1' }),
    );

    const artwork = openPage('artwork', { id: 'femme-en-bleu', autoplay: '1' });
    await settle(artwork.simulate);
    const audio = fakeWx().backgroundAudio;
    expect(audio.src).toBe(`${MEDIA}/femme-en-bleu.m4a`);
    expect(audio.startTime).toBe(95);
    await settle(artwork.simulate);
    expect(textOf(artwork.page.querySelector('#elapsed'))).toBe('01:35');
    expect(textOf(artwork.page.querySelector('#player-state'))).toBe('正在播放');
    expect(textOf(mine.page.querySelector('#entry-femme-en-bleu'))).toContain('正在播放');
  });

  it('clears the history after the visitor confirms', async () => {
    rememberHistory();
    const opened = openPage('mine');
    await settle(opened.simulate);

    fakeWx().api.showModal.mockImplementationOnce(
      (options: { success?: (result: { confirm: boolean }) => void }) =>
        options.success?.({ confirm: false }),
    );
    await tap(opened, '#clear-history');
    expect(opened.page.querySelectorAll('.entry')).toHaveLength(2);

    await tap(opened, '#clear-history');
    expect(opened.page.querySelectorAll('.entry')).toHaveLength(0);
    expect(textOf(opened.page.querySelector('#empty-state'))).toContain('还没有收听记录');
    expect(fakeWx().storage.get(HISTORY_KEY)).toMatchObject({ value: [] });
  });
});
