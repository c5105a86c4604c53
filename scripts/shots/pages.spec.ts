/// <reference lib="dom" />
// Opens every page in the states worth a picture, against the real local host, and dumps each.
// Run by `npm run shots` (scripts/shots/run.ts), not by `npm test`.
import { fakeWx, Harness, UNREACHABLE_URL, type OpenedPage } from './harness';

const PORTRAIT = 'chagall-double-portrait-1917';
const LANDSCAPE = 'kandinsky-jaune-rouge-bleu-1925';
const OTHER_WORK = 'picasso-arlequin-1923';
const REPLAY = 'first-livestream-2020';

interface ArtworkFacts {
  audio: { duration: number } | null;
}

interface ReplayFacts {
  video: { duration: number };
  chapters: Array<{ start: number; artworkIds: string[] }>;
}

const harness = new Harness();

beforeAll(() => harness.install());
beforeEach(() => harness.reset());
afterEach(() => jest.useRealTimers());

async function openArtwork(id: string): Promise<OpenedPage> {
  const opened = await harness.open('artwork', { id });
  // The fake player learns a track's length from the test; give it the real one.
  const artwork = harness.answer<ArtworkFacts>('artworks', { action: 'get', id });
  if (artwork?.audio) fakeWx().backgroundAudio.trackDuration = artwork.audio.duration;
  return opened;
}

/** Opens a work and listens to it for `seconds`, as a visitor would. */
async function listen(id: string, seconds: number): Promise<OpenedPage> {
  const opened = await openArtwork(id);
  await harness.tap(opened, '#play');
  await fakeWx().backgroundAudio.advance(seconds);
  await harness.settle(opened);
  return opened;
}

/** Listens to a work to its end (a seek near the end, then the last seconds). */
async function finish(id: string): Promise<void> {
  const opened = await listen(id, 1);
  const duration = fakeWx().backgroundAudio.trackDuration;
  await harness.fire(opened, '#progress', 'change', { value: Math.floor(duration) - 1 });
  await fakeWx().backgroundAudio.advance(3);
  await harness.settle(opened);
}

it('collection', async () => {
  const collection = await harness.open('collection');
  await harness.shoot('01-collection', '藏品：首屏，全部作品', collection);
});

it('collection searching', async () => {
  const collection = await harness.open('collection');
  // What the visitor typed shows in the field; the page hears it through van-search's events.
  collection.page.querySelector('#search')?.instance.setData({ value: '毕加索' });
  await harness.emit(collection, '#search', 'change', '毕加索');
  await harness.emit(collection, '#search', 'search', '毕加索');
  await harness.shoot('02-collection-search', '藏品：搜索“毕加索”', collection);
});

it('keypad typing', async () => {
  const keypad = await harness.open('keypad');
  for (const digit of ['5', '1', '2']) await harness.tap(keypad, `#key-${digit}`);
  await harness.shoot('03-keypad-typing', '号码：输入展签号 512', keypad);
});

it('exhibitions', async () => {
  const exhibitions = await harness.open('exhibitions');
  await harness.shoot('17-exhibitions', '选择展览：正在展出、即将开幕、已结束', exhibitions);
  const plan = await harness.open('plan');
  await harness.shoot('18-plan', '展厅平面图：每件作品一个编号', plan);
  const tour = await harness.open('tour', { id: 'highlights' });
  await harness.shoot('19-tour', '导览路线：七站，从毕加索到康定斯基', tour);
  // Last: with the pack on the phone, pages show its local files, which the renderer cannot open.
  await harness.tap(exhibitions, '#pack-download');
  for (let round = 0; round < 200 && !exhibitions.page.querySelector('#pack-ready'); round += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const withPack = await harness.open('exhibitions');
  await harness.shoot('20-exhibitions-offline', '离线包已下载：没有网络也能用', withPack, {
    measure: ['#offline'],
  });
});

it('artwork, portrait work, opened and playing', async () => {
  const artwork = await openArtwork(PORTRAIT);
  await harness.shoot('04-artwork-portrait', '作品页：竖幅作品，刚打开', artwork, {
    measure: ['#play'],
  });
  await harness.tap(artwork, '#play');
  await fakeWx().backgroundAudio.advance(24);
  await harness.shoot('05-artwork-playing', '作品页：正在播放（首屏）', artwork, {
    measure: ['#play'],
  });
  await harness.shoot('06-artwork-transcript', '作品页：正在播放，讲解文稿当前句高亮', artwork, {
    scrollTo: '#transcript',
  });
});

it('artwork, landscape work', async () => {
  const artwork = await openArtwork(LANDSCAPE);
  await harness.shoot('07-artwork-landscape', '作品页：横幅作品，刚打开', artwork, {
    measure: ['#play'],
  });
});

it('mini player on a tab page', async () => {
  await listen(PORTRAIT, 12);
  const collection = await harness.open('collection');
  await harness.shoot('08-collection-mini-player', '藏品：另一作品播放中，迷你播放条', collection);
});

it("mini player on another work's page", async () => {
  await listen(PORTRAIT, 12);
  const other = await openArtwork(OTHER_WORK);
  await harness.shoot('09-artwork-mini-player', '作品页：另一作品播放中，迷你播放条', other);
});

it('mine, history empty', async () => {
  const mine = await harness.open('mine');
  await harness.shoot('10-mine-empty', '我的：还没有收听记录', mine);
});

it('mine, history full', async () => {
  await finish('picasso-guitariste-1910');
  await listen('chagall-a-la-russie-1911', 40);
  await listen('kandinsky-impression-v-1911', 15);
  const last = await listen(LANDSCAPE, 30);
  await harness.tap(last, '#play');
  const mine = await harness.open('mine');
  await harness.shoot('11-mine-history', '我的：收听记录（听完、听到一半、已暂停）', mine);
});

it('lives', async () => {
  const lives = await harness.open('replays');
  await harness.shoot('12-lives', '直播：即将开始的直播（倒计时、提醒我、付费）与回放列表', lives);
});

it('lives, a reminder booked and a paid live bought', async () => {
  const lives = await harness.open('replays');
  await harness.tap(lives, '#remind-rooftop-paris-2027');
  await harness.tap(lives, '#buy-kandinsky-colour-lesson-2027');
  await harness.shoot('21-lives-booked', '直播：已预约提醒、已购买的付费直播', lives);
});

it('paid replay', async () => {
  const replay = await harness.open('replay', { id: 'first-livestream-2020-highlights' });
  await harness.shoot('22-replay-paid', '回放页：付费回放，购买前显示购买说明', replay);
});

it('replay at a chapter', async () => {
  const replay = await harness.open('replay', { id: REPLAY });
  const facts = harness.answer<ReplayFacts>('replays', { action: 'get', id: REPLAY });
  if (!facts) throw new Error(`the host did not answer replay ${REPLAY}`);
  // The chapter that shows the most works, as the strip is the point of this picture.
  const chapters = facts.chapters.map((chapter, index) => ({ ...chapter, index }));
  const chapter = chapters.sort((a, b) => b.artworkIds.length - a.artworkIds.length)[0];
  if (!chapter) throw new Error(`replay ${REPLAY} has no chapters`);
  await harness.tap(replay, `#chapter-${chapter.index}`);
  const time = chapter.start + 6;
  await harness.fire(replay, '#replay-video', 'play');
  await harness.fire(replay, '#replay-video', 'timeupdate', {
    currentTime: time,
    duration: facts.video.duration,
  });
  await harness.shoot('13-replay-chapter', '回放页：播放到一个章节，画面中的作品', replay, {
    video: { time, duration: facts.video.duration },
  });
});

it('backend unreachable', async () => {
  harness.useHost(UNREACHABLE_URL);
  const collection = await harness.open('collection');
  await harness.shoot('14-collection-offline', '藏品：连不上后端', collection);
});

it('artwork on a 375×667 phone', async () => {
  const portrait = await openArtwork(PORTRAIT);
  await harness.shoot('15-artwork-portrait-667', '作品页：竖幅作品，375×667 手机', portrait, {
    phone: 'iphone-8',
    measure: ['#play'],
  });
  const landscape = await openArtwork(LANDSCAPE);
  await harness.shoot('16-artwork-landscape-667', '作品页：横幅作品，375×667 手机', landscape, {
    phone: 'iphone-8',
    measure: ['#play'],
  });
});
