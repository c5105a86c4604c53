// The offline pack as a visitor meets it: downloaded from the exhibitions page, then a tour walked
// in airplane mode. Faked: the platform only — downloads and local files (in memory, bytes from the
// real host), the network (cut: wx.request fails, getNetworkType answers 'none') and the audio
// players, whose background manager refuses local files here so the fallback is exercised.
import { fakeWx, useFakeClock } from '../support/fake-wx';
import { fetchData } from '../support/real-host';
import { attributeOf, settle, tap, textOf, openSettled } from '../support/simulate';
import type { Exhibition, ExhibitionPack } from '../../../miniprogram/types/api';

const CURRENT = 'modern-masters-on-tour';

// A pack is 10 MB read from the real host: a download takes a few seconds here.
jest.setTimeout(30_000);

beforeEach(() => {
  jest.resetModules();
});

afterEach(() => {
  jest.useRealTimers();
});

async function downloadFromThePage(): Promise<void> {
  const page = await openSettled('exhibitions');
  const pack = await fetchData<ExhibitionPack>('exhibitions', { action: 'pack', id: CURRENT });
  const size = `${(pack.totalBytes / 1024 / 1024).toFixed(1)} MB`;
  expect(textOf(page.page.querySelector('#pack-download'))).toBe(`下载离线包 · ${size}`);
  await tap(page, '#pack-download');
  for (let round = 0; round < 400 && !page.page.querySelector('#pack-ready'); round += 1) {
    await page.simulate.sleep(50);
  }
  expect(textOf(page.page.querySelector('#pack-ready'))).toBe(
    '已下载到手机：没有网络时，这个展览的作品、平面图和全部讲解照常可用',
  );
  expect(fakeWx().downloads).toHaveLength(pack.files.length);
}

/** Airplane mode: every request fails as it does on a phone with no network. */
function cutTheNetwork(): void {
  fakeWx().networkError = 'request:fail -101:net::ERR_INTERNET_DISCONNECTED';
  fakeWx().networkType = 'none';
  fakeWx().requests = [];
}

describe('an offline pack', () => {
  it('downloads from the exhibition card with its size shown first, and can be removed', async () => {
    await downloadFromThePage();
    const page = await openSettled('exhibitions');
    await tap(page, '#pack-remove');
    await settle(page.simulate);
    expect(fakeWx().api.showModal).toHaveBeenLastCalledWith(
      expect.objectContaining({ title: '删除离线包？' }),
    );
    expect(page.page.querySelector('#pack-download')).toBeTruthy();
    expect([...fakeWx().files.keys()]).toEqual([]);
  });

  it('carries a whole tour in airplane mode: pages from the pack, narrations from local files', async () => {
    await downloadFromThePage();
    const exhibition = await fetchData<Exhibition>('exhibitions', { action: 'get', id: CURRENT });
    const tour = exhibition.tours.find((item) => item.id === 'highlights');
    if (!tour) throw new Error('no tour');

    // The app is opened again, in the gallery, with no network at all.
    jest.resetModules();
    cutTheNetwork();
    useFakeClock();
    const picker = await openSettled('exhibitions');
    expect(textOf(picker.page.querySelector('#offline-list'))).toContain('已下载离线包的展览');
    expect(textOf(picker.page.querySelector('#pack-ready'))).toContain('已下载到手机');
    expect(textOf(picker.page.querySelector('#tour-highlights'))).toContain('7 站');

    const tourPage = await openSettled('tour', { id: 'highlights' });
    expect(tourPage.page.querySelectorAll('.stop')).toHaveLength(7);
    await tap(tourPage, '#start');

    for (const [index, stop] of tour.stops.entries()) {
      const page = await openSettled('artwork', { id: stop });
      expect(page.page.querySelector('#error-state')).toBeFalsy();
      expect(String(attributeOf(page.page.querySelector('.hero__image'), 'src'))).toMatch(
        /^wxfile:\/\/usr\/packs\/modern-masters-on-tour\/[0-9a-f]{64}\.jpg$/,
      );
      // The background manager refuses the local file; the inner engine plays it.
      fakeWx().backgroundAudio.failNextLoad = 10004;
      await tap(page, '#play');
      await settle(page.simulate, 4);
      const inner = fakeWx().innerAudios[fakeWx().innerAudios.length - 1];
      if (!inner) throw new Error('the inner engine did not play');
      expect(inner.src).toMatch(
        /^wxfile:\/\/usr\/packs\/modern-masters-on-tour\/[0-9a-f]{64}\.m4a$/,
      );
      expect(fakeWx().files.has(inner.src)).toBe(true);
      expect(textOf(page.page.querySelector('#player-offline'))).toContain(
        '锁屏和耳机按钮暂不可用',
      );
      await inner.advance(Math.ceil(inner.trackDuration) + 1);
      await settle(page.simulate, 4);
      const next = textOf(page.page.querySelector('#next-stop'));
      if (index < tour.stops.length - 1) expect(next).toContain(`第 ${index + 2} 站 / 共 7 站`);
    }
    // Nothing reached the backend the whole walk: every answer came from the pack.
    expect(fakeWx().requests.filter((request) => request.answer)).toEqual([]);
    const progress = await openSettled('tour', { id: 'highlights' });
    expect(textOf(progress.page.querySelector('#progress'))).toBe('已听完 7 / 7 站');
  });
});
