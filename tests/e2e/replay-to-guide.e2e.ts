import { REPLAY_PAGE } from '../../miniprogram/utils/routes';
import {
  dataOf,
  find,
  useSpecSession,
  relaunch,
  step,
  tabPage,
  tap,
  tapAndWaitForPage,
  textOf,
  waitForData,
} from './support/app';
import { artworkById } from './support/content';
import { describeWithDevTools } from './support/devtools';
import {
  expectArtworkPage,
  type ArtworkData,
  type ReplayData,
  type ReplaysData,
} from './support/pages';

const idsOf = (items: { id: string }[]) => items.map((item) => item.id).join();

describeWithDevTools('回放 → replay → chapter → a work of the strip → its audio guide', () => {
  const spec = useSpecSession();

  it('opens the newest replay, jumps to a chapter with works and opens one of them', async () => {
    const {
      session: { miniProgram },
      content,
    } = spec;
    const [replay] = content.replays;
    if (!replay) throw new Error('content/ has no published replay');
    const chapterIndex = replay.chapters.findIndex((chapter) => chapter.artworkIds.length > 0);
    const chapter = replay.chapters[chapterIndex];
    if (!chapter) throw new Error(`replay ${replay.id} has no chapter that shows a work`);
    const works = chapter.artworkIds.map((id) => artworkById(content, id));
    // The last of the strip: it may sit past the right edge, where a visitor scrolls to it.
    const work = works.at(-1);
    if (!work) throw new Error(`chapter ${chapter.title} shows no work`);

    const list = await step('open 回放', async () => {
      const page = await relaunch(miniProgram, tabPage('回放'));
      const data = await waitForData<ReplaysData>(
        page,
        'the replays',
        (current) => current.status === 'ready' && current.cards.length > 0,
      );
      expect(idsOf(data.cards)).toBe(idsOf(content.replays.slice(0, data.cards.length)));
      const card = await find(page, `#replay-${replay.id}`);
      expect(await textOf(card, '.card__title')).toBe(replay.title);
      return page;
    });

    const replayPage = await step(`open ${replay.title}`, async () => {
      const page = await tapAndWaitForPage(miniProgram, list, `#replay-${replay.id}`, REPLAY_PAGE);
      const data = await waitForData<ReplayData>(
        page,
        'the replay to load',
        (current) => current.status === 'ready' && current.view?.id === replay.id,
      );
      expect(data.view?.title).toBe(replay.title);
      expect(data.view?.chapters.map((item) => item.title)).toEqual(
        replay.chapters.map((item) => item.title),
      );
      // The local host hands out a signed link to the replay's video file.
      expect(data.videoUrl).toContain(`/media/${replay.video.path}?`);
      expect(await page.$$('.chapter')).toHaveLength(replay.chapters.length);
      return page;
    });

    await step(`tap the chapter ${chapter.title}`, async () => {
      await tap(replayPage, `#chapter-${chapterIndex}`);
      const data = await waitForData<ReplayData>(
        replayPage,
        "the chapter's works in the strip",
        (current) => current.current === chapterIndex && idsOf(current.strip) === idsOf(works),
      );
      expect(data.strip.map((item) => item.title)).toEqual(works.map((item) => item.title.zh));
      const strip = await find(replayPage, '#strip');
      expect(await strip.$$('.work')).toHaveLength(works.length);
    });

    await step(`tap ${work.title.zh} in the strip`, async () => {
      await tap(replayPage, `#work-${work.id}`);
      const artwork = await expectArtworkPage(miniProgram, work, replayPage);
      // The guide leads back: the work names the moments of the replays that show it.
      const moments = (await dataOf<ArtworkData>(artwork)).view?.moments ?? [];
      expect(moments.map(({ replayId, start }) => ({ replayId, start }))).toEqual(
        work.replayMoments.map(({ replayId, start }) => ({ replayId, start })),
      );
      expect(moments).toContainEqual(
        expect.objectContaining({ replayId: replay.id, start: chapter.start }),
      );
      await find(artwork, '#moments');
    });
  });
});
