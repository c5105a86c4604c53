// Node's realm only (see environment.js): content/ loaded and validated by the backend's own
// loader, imported as `npm run seed` does.
import path from 'path';
import { loadCatalogue } from '../../../backend/content/load';
import {
  replaySortKey,
  type ArtworkDoc,
  type LiveDoc,
  type ReplayDoc,
} from '../../../backend/domain/catalogue';
import { sortKeyOf } from '../../../backend/domain/paging';
import { buildSearchText } from '../../../backend/domain/search';
import { seedLocalStore } from '../../../backend/repository/nedb';
import { NedbLiveState } from '../../../backend/repository/nedb-live-state';

export const CONTENT_DIR = path.resolve(__dirname, '../../../content');

/**
 * `content`: content/ exactly as `npm run seed` imports it.
 * `extended`: the same plus what content/ does not have yet: older replays (so the replays tab
 * has pages to walk), a published work without narration, and a live tour streaming at noon on
 * the tests' day (TESTS_TODAY) on a Channels account.
 * `no-replays`: content/'s artists and artworks, as a museum has them before its first livestream.
 * `live-platform`: content/ plus a live that ended in a mini program live room, whose replay is
 * the recording the live platform gave (a replay source, as `npm run replays:sync` saves one).
 */
export type SeededCatalogue = 'content' | 'extended' | 'no-replays' | 'live-platform';

/** An older livestream, made from the real one as a museum would add its next recordings. */
function olderReplay(
  template: ReplayDoc,
  id: string,
  title: string,
  date: string,
  duration: number,
  viewers: number,
): ReplayDoc {
  return {
    ...template,
    _id: id,
    id,
    title,
    date,
    duration,
    viewers,
    sortKey: replaySortKey(date, id),
  };
}

function workWithoutNarration(template: ArtworkDoc): ArtworkDoc {
  const id = 'picasso-study-without-narration';
  const title = { zh: '没有语音的习作', original: 'Étude' };
  return {
    ...template,
    _id: id,
    id,
    number: '590',
    title,
    audio: null,
    transcript: [],
    replayMoments: [],
    sortKey: sortKeyOf('590', id),
    search: buildSearchText([title.zh, title.original, ...Object.values(template.artist.name)]),
  };
}

/** Seeds each catalogue into its own store under `root` (`root/<catalogue>`), from content/. */
export async function seedTestStores(root: string): Promise<void> {
  const catalogue = await loadCatalogue(CONTENT_DIR);
  await seedLocalStore(path.join(root, 'content'), catalogue, catalogue.fingerprint);
  const firstReplay = catalogue.replays.find((doc) => !doc.access.paid && !doc.example);
  if (!firstReplay) throw new Error('content/ has no free replay to make older ones from');
  const [template] = catalogue.lives ?? [];
  if (!template) throw new Error('content/ has no live to make one streaming now from');
  const streaming: LiveDoc = {
    ...template,
    _id: 'studio-visit-now',
    id: 'studio-visit-now',
    title: '修复工作室开放日：现场直播',
    startsAt: '2026-11-25T11:30:00+08:00',
    durationMinutes: 120,
    channels: { finderUserName: 'sphTestStudio01', name: '蓬皮杜修复工作室' },
    replayId: undefined,
    example: '测试用直播',
  };
  // Ended in a mini program live room, with no replay written by staff: its replay is the
  // recording the live platform gave (a source saved as `npm run replays:sync` saves it).
  const roomLive: LiveDoc = {
    ...template,
    _id: 'evening-room-2026',
    id: 'evening-room-2026',
    title: '十月夜场：直播间里的康定斯基',
    startsAt: '2026-10-10T19:30:00+08:00',
    durationMinutes: 60,
    channels: undefined,
    liveRoom: { roomId: 777 },
    replayId: undefined,
  };
  await new NedbLiveState(path.join(root, 'visitors', 'live-platform')).saveReplaySource({
    _id: roomLive.id,
    liveId: roomLive.id,
    roomId: 777,
    entries: [
      {
        url: 'https://replay.example.com/777/index.m3u8',
        expiresAt: '2099-01-01T00:00:00.000Z',
        createdAt: '2026-10-10T12:40:00.000Z',
      },
    ],
    syncedAt: '2026-10-10T13:00:00.000Z',
  });
  const picasso = catalogue.artworks.find((doc) => doc.artist.id === 'picasso') as ArtworkDoc;
  await seedLocalStore(
    path.join(root, 'extended'),
    {
      artists: catalogue.artists,
      artworks: [...catalogue.artworks, workWithoutNarration(picasso)],
      replays: [
        ...catalogue.replays,
        olderReplay(
          firstReplay,
          'kandinsky-evening-2020',
          '康定斯基之夜：走向抽象',
          '2020-06-20',
          5400,
          8600,
        ),
        olderReplay(
          firstReplay,
          'chagall-morning-2019',
          '夏加尔的巴黎清晨',
          '2019-11-02',
          5400,
          12600,
        ),
      ],
      lives: [...(catalogue.lives ?? []), streaming],
    },
    catalogue.fingerprint,
  );
  await seedLocalStore(
    path.join(root, 'live-platform'),
    { ...catalogue, lives: [...(catalogue.lives ?? []), roomLive] },
    catalogue.fingerprint,
  );
  await seedLocalStore(
    path.join(root, 'no-replays'),
    {
      artists: catalogue.artists,
      artworks: catalogue.artworks.map((doc) => ({ ...doc, replayMoments: [] })),
      replays: [],
    },
    catalogue.fingerprint,
  );
}
