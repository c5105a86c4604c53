import { HISTORY_STORAGE, type HistoryEntry } from '../../../miniprogram/stores/player';
import { fakeWx } from '../support/fake-wx';
import { openPage, settle, tap, textOf } from '../support/simulate';

const HISTORY_KEY = `pompidou:v1:${HISTORY_STORAGE}`;
const ARLEQUIN = 'picasso-arlequin-1923';
const RUSSIA = 'chagall-a-la-russie-1911';

function entry(
  id: string,
  title: string,
  artist: string,
  duration: number,
  position: number,
  finished: boolean,
): HistoryEntry {
  return {
    id,
    title,
    artist,
    cover: `http://127.0.0.1:3000/media/images/${id}.thumb.jpg`,
    position,
    duration,
    finished,
    playedAt: 0,
  };
}

/** What earlier visits left in storage: the newest first. */
function rememberHistory(): void {
  fakeWx().storage.set(HISTORY_KEY, {
    savedAt: 0,
    value: [
      entry(ARLEQUIN, '丑角', '巴勃罗·毕加索', 110.29, 95, false),
      entry(RUSSIA, '致俄罗斯、驴子和其他人', '马克·夏加尔', 111.87, 0, true),
    ],
  });
}

beforeEach(() => {
  jest.resetModules();
});

describe('我的 page', () => {
  it('lists the works listened to, newest first, with how far the visitor got', async () => {
    rememberHistory();
    const opened = openPage('mine');
    await settle(opened.simulate);

    expect(textOf(opened.page.querySelector(`#entry-${ARLEQUIN}`))).toBe(
      '丑角 巴勃罗·毕加索 听到 01:35 / 01:50',
    );
    expect(textOf(opened.page.querySelector(`#entry-${RUSSIA}`))).toBe(
      '致俄罗斯、驴子和其他人 马克·夏加尔 已听完',
    );
    expect(
      opened.page.querySelectorAll('.entry').map((node) => node.dom?.getAttribute('data-id')),
    ).toEqual([ARLEQUIN, RUSSIA]);
  });

  it('resumes a work at the saved position in one tap', async () => {
    rememberHistory();
    const mine = openPage('mine');
    await settle(mine.simulate);

    await tap(mine, `#entry-${ARLEQUIN}`);
    expect(fakeWx().api.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: `/pages/artwork/index?id=${ARLEQUIN}&autoplay=1` }),
    );

    const artwork = openPage('artwork', { id: ARLEQUIN, autoplay: '1' });
    await settle(artwork.simulate);
    const audio = fakeWx().backgroundAudio;
    expect(audio.src).toBe('http://127.0.0.1:3000/media/audio/picasso-arlequin-1923.m4a');
    expect(audio.startTime).toBe(95);
    await settle(artwork.simulate);
    expect(textOf(artwork.page.querySelector('#elapsed'))).toBe('01:35');
    expect(textOf(artwork.page.querySelector('#player-state'))).toBe('正在播放');
    expect(textOf(mine.page.querySelector(`#entry-${ARLEQUIN}`))).toContain('正在播放');
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
