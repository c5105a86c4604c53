import { promises as fs } from 'fs';
import path from 'path';
import YAML from 'yaml';
import { ContentError, loadCatalogue } from '../../backend/content/load';
import { CONTENT_DIR } from '../backend/fixture';
import { tempDir } from '../support/temp';

const REPLAY_FILE = path.join('replays', 'first-livestream-2020.yaml');

type ReplayYaml = {
  id: string;
  published: boolean;
  video: { duration: number; path: string };
  chapters: Array<{ start: number; title: string; artworkIds: string[] }>;
};

/** A copy of content/ with the first replay's record changed by `edit`. */
async function contentWithReplay(edit: (replay: ReplayYaml) => void, as = REPLAY_FILE) {
  const dir = await tempDir('pompidou-replays-');
  await fs.cp(CONTENT_DIR, dir, { recursive: true });
  const replay = YAML.parse(await fs.readFile(path.join(dir, REPLAY_FILE), 'utf8')) as ReplayYaml;
  edit(replay);
  if (as !== REPLAY_FILE) await fs.rm(path.join(dir, REPLAY_FILE));
  await fs.writeFile(path.join(dir, as), YAML.stringify(replay));
  return dir;
}

/** Chapter `index` of a record (from the end when negative); the committed replay has eight. */
function chapterOf(replay: ReplayYaml, index: number): ReplayYaml['chapters'][number] {
  const chapter = replay.chapters.at(index);
  if (!chapter) throw new Error(`the replay has no chapter ${index}`);
  return chapter;
}

async function problemsOf(dir: string): Promise<string[]> {
  const failure = await loadCatalogue(dir).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(ContentError);
  return (failure as ContentError).problems;
}

describe('the committed first livestream replay', () => {
  it('keeps the real tour’s facts and says its video is a demo stand-in', async () => {
    const { replays } = await loadCatalogue(CONTENT_DIR);
    const tour = replays.find((replay) => replay.id === 'first-livestream-2020');
    expect(tour).toMatchObject({
      date: '2020-12-14',
      duration: 7200,
      viewers: 10000,
      published: true,
      video: { demo: true, note: expect.stringContaining('演示') },
    });
    expect(tour?.summary).toMatch(/屋顶/);
    expect(tour?.summary).toMatch(/商店/);
    expect(tour?.summary).toMatch(/时任蓬皮杜中心主席塞尔日·拉斯维涅/);
    expect(JSON.stringify(tour)).not.toMatch(/馆长/);
  });

  it('has chapters ascending from 0, inside the video, naming only existing artworks', async () => {
    const { replays, artworks } = await loadCatalogue(CONTENT_DIR);
    const ids = new Set(artworks.map((artwork) => artwork.id));
    for (const replay of replays) {
      const starts = replay.chapters.map((chapter) => chapter.start);
      expect(starts[0]).toBe(0);
      let previous = -Infinity;
      for (const start of starts) {
        expect(start).toBeGreaterThan(previous);
        previous = start;
      }
      expect(starts.at(-1)).toBeLessThan(replay.video.duration);
      for (const id of replay.chapters.flatMap((chapter) => chapter.artworkIds)) {
        expect(ids.has(id)).toBe(true);
      }
    }
    const [first] = replays;
    if (!first) throw new Error('content/ has no replay');
    const shown = new Set(first.chapters.flatMap((chapter) => chapter.artworkIds));
    expect(shown.size).toBe(13);
  });

  it('gives every artwork the replay moments where it appears, derived from the chapters', async () => {
    const { replays, artworks } = await loadCatalogue(CONTENT_DIR);
    for (const artwork of artworks) {
      // Example records (made up to show a feature) are left out of the works' moments.
      const expected = replays.flatMap((replay) =>
        (replay.example ? [] : replay.chapters)
          .filter((chapter) => chapter.artworkIds.includes(artwork.id))
          .map((chapter) => ({ replayId: replay.id, start: chapter.start, title: chapter.title })),
      );
      expect(artwork.replayMoments).toEqual(expected);
      expect(artwork.replayMoments.length).toBeGreaterThan(0);
    }
  });
});

describe('replay validation', () => {
  it('refuses chapters out of order or past the end of the video, naming file, replay and field', async () => {
    const dir = await contentWithReplay((replay) => {
      chapterOf(replay, 2).start = chapterOf(replay, 1).start;
      chapterOf(replay, -1).start = replay.video.duration + 5;
    });
    const problems = await problemsOf(dir);
    const where = 'content/replays/first-livestream-2020.yaml（回放 first-livestream-2020）';
    expect(problems).toEqual(
      expect.arrayContaining([
        `${where} 字段 chapters.2.start：章节必须按开始时间递增排列`,
        expect.stringMatching(/字段 chapters\.\d+\.start：超出了视频时长/),
      ]),
    );
  });

  it('refuses a chapter naming an artwork that does not exist, and a missing video file', async () => {
    const dir = await contentWithReplay((replay) => {
      chapterOf(replay, 1).artworkIds.push('picasso-guernica-1937');
      replay.video.path = 'video/missing.mp4';
    });
    const problems = await problemsOf(dir);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /字段 chapters\.1\.artworkIds：没有 id 为 picasso-guernica-1937 的作品/,
        ),
        expect.stringMatching(/字段 video\.path：视频 media\/video\/missing\.mp4 不存在/),
      ]),
    );
  });

  it('refuses a file whose name is not its id', async () => {
    const dir = await contentWithReplay(() => undefined, path.join('replays', 'renamed.yaml'));
    expect((await problemsOf(dir)).join('\n')).toMatch(/renamed\.yaml.*字段 id：必须与文件名一致/);
  });

  it('derives no moments from an unpublished replay', async () => {
    const dir = await contentWithReplay((replay) => {
      replay.published = false;
    });
    const { artworks } = await loadCatalogue(dir);
    expect(artworks.flatMap((artwork) => artwork.replayMoments)).toEqual([]);
  });
});
