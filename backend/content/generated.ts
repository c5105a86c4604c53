import type { ArtworkDoc, ExhibitionDoc } from '../domain/catalogue';
import { sortKeyOf } from '../domain/paging';
import { buildSearchText } from '../domain/search';

/** Label numbers of generated works start here, above any number the content uses. */
export const GENERATED_NUMBER_BASE = 100000;
export const MAX_GENERATED = 1_000_000;

/** What a generated work says about itself, on its page and in the store. */
export const GENERATED_NOTE = '这是为测试大目录而自动生成的演示条目，不是馆藏作品。';

/**
 * `count` published works made from the real ones (their pictures, narration and artist) under new
 * ids, titles and label numbers, marked `generated` so that they are never taken for the museum's
 * records or exported to CloudBase. Deterministic: the same count gives the same works.
 */
export function generateArtworks(real: readonly ArtworkDoc[], count: number): ArtworkDoc[] {
  if (!Number.isInteger(count) || count < 0 || count > MAX_GENERATED) {
    throw new Error(`The number of generated works must be 0 to ${MAX_GENERATED}, got ${count}.`);
  }
  if (count > 0 && real.length === 0) throw new Error('No works to generate from.');
  return Array.from({ length: count }, (_, index) => {
    const base = real[index % real.length] as ArtworkDoc;
    const serial = index + 1;
    const id = `demo-${String(serial).padStart(6, '0')}`;
    const number = String(GENERATED_NUMBER_BASE + index);
    const title = {
      zh: `${base.title.zh}（样本 ${serial}）`,
      original: `${base.title.original} (sample ${serial})`,
    };
    return {
      ...base,
      _id: id,
      id,
      number,
      title,
      replayMoments: [],
      unverified: { ...base.unverified, record: GENERATED_NOTE },
      published: true,
      generated: true,
      sortKey: sortKeyOf(number, id),
      search: buildSearchText([
        title.zh,
        title.original,
        base.artist.name.zh,
        base.artist.name.original,
      ]),
    };
  });
}

export const GENERATED_EXHIBITION_ID = 'generated-catalogue';

/**
 * The exhibition the generated works hang in, so their label numbers lead somewhere
 * (`byNumber` with `exhibitionId: "generated-catalogue"`). It ended long ago: it is never the
 * current exhibition a visitor's keypad uses by default.
 */
export function generatedExhibition(works: readonly ArtworkDoc[], cover: ExhibitionDoc['cover']) {
  const doc: ExhibitionDoc = {
    _id: GENERATED_EXHIBITION_ID,
    id: GENERATED_EXHIBITION_ID,
    published: true,
    title: '生成的大目录（演示）',
    venue: '本地演示主机',
    city: '—',
    startDate: '2000-01-01',
    endDate: '2000-12-31',
    cover,
    description: `DEMO_ARTWORKS 生成的 ${works.length} 件演示条目都在这里，用来试一试大目录下的列表、搜索和号码查询。`,
    notice: GENERATED_NOTE,
    works: works.map((work) => ({ number: work.number, artworkId: work.id })),
    tours: [],
    unverified: {},
    updatedAt: '2000-01-01',
  };
  return doc;
}

/** DEMO_ARTWORKS from the environment: how many generated works `npm start` adds (default 0). */
export function demoArtworkCount(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.DEMO_ARTWORKS?.trim();
  if (!raw) return 0;
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 0 || count > MAX_GENERATED) {
    throw new Error(
      `DEMO_ARTWORKS must be a whole number from 0 to ${MAX_GENERATED}, got "${raw}".`,
    );
  }
  return count;
}
