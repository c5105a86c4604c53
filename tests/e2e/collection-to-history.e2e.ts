import { COLLECTION_PAGE } from '../../miniprogram/utils/routes';
import {
  component,
  dataOf,
  find,
  useSpecSession,
  relaunch,
  step,
  switchTab,
  tap,
  textInput,
  textOf,
  until,
  waitForData,
} from './support/app';
import { describeWithDevTools } from './support/devtools';
import {
  expectArtworkPage,
  type ArtworkData,
  type CollectionData,
  type MineData,
  type MiniPlayerData,
} from './support/pages';

const QUERY = '毕加索';
/** Real playback: the narration is fetched from the host and decoded before it sounds. */
const PLAYBACK_WAIT_MS = 45_000;

const idsOf = (items: { id: string }[]) => items.map((item) => item.id);

describeWithDevTools('collection → search → listen → 我的', () => {
  const spec = useSpecSession();

  it(`searches ${QUERY}, plays a work, keeps it in the mini player and in 我的`, async () => {
    const {
      session: { miniProgram },
      content,
    } = spec;
    const matches = content.artworks.filter(
      (artwork) => artwork.artist.name.zh.includes(QUERY) || artwork.title.zh.includes(QUERY),
    );
    const [target] = matches;
    if (!target) throw new Error(`content/ has no published work matching ${QUERY}`);

    const collection = await step('open 藏品', async () => {
      const page = await relaunch(miniProgram, COLLECTION_PAGE);
      const data = await waitForData<CollectionData>(
        page,
        'the whole collection',
        (current) => current.status === 'ready' && current.total === content.artworks.length,
      );
      expect(idsOf(data.cards)).toEqual(idsOf(content.artworks.slice(0, data.cards.length)));
      return page;
    });

    await step(`type ${QUERY} in the search box`, async () => {
      // van-search → van-field → the native input, each reached inside the one before.
      const search = await component(collection, '#search');
      const field = await component(search, '.van-search__field');
      await (await textInput(field, 'input')).input(QUERY);
      const data = await waitForData<CollectionData>(
        collection,
        `the works matching ${QUERY}`,
        (current) =>
          current.status === 'ready' && idsOf(current.cards).join() === idsOf(matches).join(),
      );
      expect(data.total).toBe(matches.length);
      expect(data.cards.map((card) => card.artist)).toEqual(
        matches.map((artwork) => artwork.artist.name.zh),
      );
      expect(await collection.$$('.card')).toHaveLength(matches.length);
    });

    const artwork = await step(`open ${target.title.zh}`, async () => {
      await tap(collection, `#card-${target.id}`);
      return expectArtworkPage(miniProgram, target, collection);
    });

    await step('play its narration', async () => {
      await tap(artwork, '#play');
      await waitForData<ArtworkData>(
        artwork,
        'the narration to play',
        (current) => current.playerId === target.id && current.playerStatus === 'playing',
        PLAYBACK_WAIT_MS,
      );
      // The clock moves only if sound really comes from the host's audio file.
      await waitForData<ArtworkData>(
        artwork,
        'the position to move',
        (current) => current.second >= 1,
        PLAYBACK_WAIT_MS,
      );
      expect(await textOf(artwork, '#player-state')).toBe('正在播放');
    });

    await step('the mini player shows it on the 号码 tab', async () => {
      const keypad = await switchTab(miniProgram, '号码');
      const mini = await component(keypad, '#mini-player');
      const data = await until(
        'the mini player to show the work',
        () => mini.data() as Promise<MiniPlayerData>,
        (current) => current.visible && current.playerId === target.id,
      );
      expect(data).toMatchObject({ title: target.title.zh, isSounding: true });
      await find(mini, '#bar');
      expect(await textOf(mini, '#mini-title')).toBe(target.title.zh);
    });

    await step('我的 lists it first, playing; the mini player pauses it', async () => {
      const mine = await switchTab(miniProgram, '我的');
      const data = await waitForData<MineData>(
        mine,
        'the work at the top of the history',
        (current) => current.historyCards[0]?.id === target.id,
      );
      expect(data.historyCards[0]?.title).toBe(target.title.zh);
      const entry = await find(mine, `#entry-${target.id}`);
      expect(await textOf(entry, '.entry__title')).toBe(target.title.zh);
      expect(await textOf(entry, '.entry__note--now')).toBe('正在播放');

      await tap(await component(mine, '#mini-player'), '#mini-toggle');
      await waitForData<MineData>(mine, 'the narration to pause', (current) => !current.isSounding);
      // Pausing saves where the visitor stopped: the row now says how far they got.
      const paused = await waitForData<MineData>(mine, 'the saved position', (current) =>
        /^听到 /.test(current.historyCards[0]?.note ?? ''),
      );
      expect(paused.historyCards[0]?.id).toBe(target.id);
      expect(await textOf(entry, '.entry__note')).toBe(paused.historyCards[0]?.note);
      expect((await dataOf<MineData>(mine)).playerId).toBe(target.id);
    });
  });
});
