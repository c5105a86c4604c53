import type { Artist, Artwork, ArtworkSummary, Envelope, Page } from '../../miniprogram/types/api';
import type { ArtworkDoc } from '../../backend/domain/catalogue';
import { localMediaUrl } from '../../backend/domain/media';
import { createArtworksMain } from '../../backend/functions/artworks';
import type { CatalogueRepository } from '../../backend/repository/types';
import { REPOSITORIES } from './fixture';

describe.each(REPOSITORIES)('artworks on %s', (_name, open) => {
  let main: ReturnType<typeof createArtworksMain>;
  let published: ArtworkDoc[];

  beforeAll(async () => {
    const store = await open();
    published = store.published;
    main = createArtworksMain({
      repository: store.repository,
      mediaUrl: localMediaUrl('http://127.0.0.1:3000'),
    });
  });

  async function data<T>(event: unknown): Promise<T> {
    const envelope = (await main(event)) as Envelope<T>;
    if (!envelope.ok) throw new Error(`expected ok, got ${JSON.stringify(envelope.error)}`);
    return envelope.data;
  }

  async function list(event: Record<string, unknown> = {}) {
    return data<Page<ArtworkSummary>>({ action: 'list', ...event });
  }

  async function walkAll(event: Record<string, unknown>): Promise<ArtworkSummary[]> {
    const seen: ArtworkSummary[] = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 100; guard += 1) {
      const page = await list({ ...event, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items);
      if (!page.nextCursor) return seen;
      cursor = page.nextCursor;
    }
    throw new Error('paging never ended');
  }

  describe('artworks list', () => {
    it('returns published summaries in label-number order with absolute thumbnails', async () => {
      const page = await list();
      expect(page.total).toBe(published.length);
      expect(page.items.map((item) => item.number)).toEqual(
        published.map((doc) => doc.number).sort(),
      );
      const first = page.items[0];
      expect(first).toEqual({
        id: 'picasso-guitariste-1910',
        number: '501',
        title: { zh: expect.any(String), original: 'Le Guitariste' },
        artistName: { zh: '巴勃罗·毕加索', original: 'Pablo Picasso' },
        year: '1910',
        thumbnail: {
          url: 'http://127.0.0.1:3000/media/images/picasso-guitariste-1910.thumb.jpg',
          width: expect.any(Number),
          height: expect.any(Number),
        },
        audioDuration: published.find((doc) => doc.number === '501')?.audio?.duration,
      });
      expect(first?.thumbnail.width).toBeGreaterThan(0);
      expect(page.nextCursor).toBeNull();
    });

    it('walks every published artwork exactly once across pages, whatever the page size', async () => {
      for (const limit of [1, 4, 5, 50]) {
        const ids = (await walkAll({ limit })).map((item) => item.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids.sort()).toEqual(published.map((doc) => doc.id).sort());
      }
    });

    it('keeps filters across pages', async () => {
      const picasso = await walkAll({ artist: 'picasso', limit: 3 });
      expect(picasso.map((item) => item.id).sort()).toEqual([
        'picasso-arlequin-1923',
        'picasso-aubade-1942',
        'picasso-guitariste-1910',
        'picasso-la-muse-1935',
      ]);
    });

    it('filters by floor given as a string or a number', async () => {
      expect((await list({ floor: '5' })).total).toBe(published.length);
      expect((await list({ floor: 5 })).total).toBe(published.length);
      expect((await list({ floor: '2' })).items).toEqual([]);
    });

    it.each([
      ['毕加索', 'picasso'],
      ['bijiasuo', 'picasso'],
      ['bjs', 'picasso'],
      ['Picasso', 'picasso'],
      ['kandinsky', 'kandinsky'],
      ['KANDINSKY', 'kandinsky'],
      ['康定斯基', 'kandinsky'],
      ['xiajiaer', 'chagall'],
      ['Chagall', 'chagall'],
    ])('search %s finds the works of %s only', async (q, artistId) => {
      const page = await list({ q, limit: 50 });
      const expected = published.filter((doc) => doc.artist.id === artistId).map((doc) => doc.id);
      expect(page.items.map((item) => item.id).sort()).toEqual(expected.sort());
      expect(page.total).toBe(expected.length);
    });

    it('searches titles in characters, pinyin and the original language, accents folded', async () => {
      expect((await list({ q: 'Guitariste' })).items.map((item) => item.id)).toEqual([
        'picasso-guitariste-1910',
      ]);
      expect((await list({ q: 'tour eiffel' })).items.map((item) => item.id)).toEqual([
        'chagall-maries-tour-eiffel-1938',
      ]);
      expect((await list({ q: 'a la russie' })).items.map((item) => item.id)).toEqual([
        'chagall-a-la-russie-1911',
      ]);
      const guitarist = published.find((doc) => doc.id === 'picasso-guitariste-1910') as ArtworkDoc;
      expect((await list({ q: guitarist.title.zh })).items.map((item) => item.id)).toEqual([
        'picasso-guitariste-1910',
      ]);
    });

    it('takes regular-expression metacharacters and separators as plain characters', async () => {
      const none = { items: [], nextCursor: null, total: 0 };
      for (const q of ['(', '|', '.*', '.', '[a-z]', '^', '$', '\\', 'suo|b', 'a|b', '·']) {
        expect({ q, page: await list({ q }) }).toEqual({ q, page: none });
      }
      // "毕加索" in pinyin and "Braque"-like initials sit in one work's search text, but only as
      // separate names: a query spanning the two finds nothing.
      expect((await list({ q: 'bijiasuo' })).total).toBe(4);
      expect((await list({ q: 'suopablo' })).total).toBe(0);
    });

    it('ignores zero-width and bidirectional control characters in a query', async () => {
      const picasso = (await list({ q: 'picasso' })).total;
      expect(picasso).toBe(4);
      for (const q of [
        'pica\u200bsso',
        '\u202ebijiasuo\u202c',
        'bi\u200djia\ufeffsuo',
        'pi\u00adcasso',
      ]) {
        expect({ q, total: (await list({ q })).total }).toEqual({ q, total: picasso });
      }
    });

    it('answers an empty page, not an error, when nothing matches', async () => {
      expect(await list({ q: 'rembrandt' })).toEqual({ items: [], nextCursor: null, total: 0 });
    });

    it('answers the artists with the first page when asked, so a cold start makes one call', async () => {
      const page = await data<Page<ArtworkSummary> & { artists?: Artist[] }>({
        action: 'list',
        withArtists: true,
      });
      expect(page.items).toHaveLength(published.length);
      expect(page.artists?.map(({ id, count }) => [id, count])).toEqual([
        ['chagall', 4],
        ['kandinsky', 5],
        ['picasso', 4],
      ]);
      expect(await list()).not.toHaveProperty('artists');
    });

    it('keeps a page well under the 20 KB payload budget', async () => {
      const envelope = await main({ action: 'list', limit: 50 });
      expect(Buffer.byteLength(JSON.stringify(envelope))).toBeLessThan(20 * 1024);
    });
  });

  describe('artworks get, byNumber and artists', () => {
    it('get returns the full record with media URLs and measured sizes', async () => {
      const artwork = await data<Artwork>({ action: 'get', id: 'kandinsky-bleu-de-ciel-1940' });
      expect(artwork).toMatchObject({
        id: 'kandinsky-bleu-de-ciel-1940',
        number: '525',
        artist: { id: 'kandinsky', name: { original: 'Vassily Kandinsky' }, lifespan: '1866–1944' },
        year: '1940',
        location: { floor: '5' },
        image: { url: 'http://127.0.0.1:3000/media/images/kandinsky-bleu-de-ciel-1940.jpg' },
        published: true,
      });
      expect(artwork.description.length).toBeGreaterThanOrEqual(200);
      expect(artwork.image.width).toBeGreaterThan(artwork.thumbnail.width);
      expect(artwork).not.toHaveProperty('search');
      expect(artwork).not.toHaveProperty('sortKey');
      expect(artwork).not.toHaveProperty('_id');
    });

    it('get carries the narration: a playable audio URL with its measured facts, and the transcript', async () => {
      const artwork = await data<Artwork>({ action: 'get', id: 'picasso-arlequin-1923' });
      expect(artwork.audio).toEqual({
        url: 'http://127.0.0.1:3000/media/audio/picasso-arlequin-1923.m4a',
        duration: expect.any(Number),
        bytes: expect.any(Number),
        format: 'm4a',
        language: 'zh-CN',
        narrator: expect.stringMatching(/[\u4e00-\u9fff]/),
      });
      const { transcript } = artwork;
      expect(transcript.length).toBeGreaterThan(3);
      expect(transcript.at(-1)?.end).toBeLessThanOrEqual(artwork.audio?.duration ?? 0);
      let previousEnd = -Infinity;
      for (const cue of transcript) {
        expect(cue.start).toBeGreaterThanOrEqual(previousEnd);
        previousEnd = cue.end;
      }
    });

    it('byNumber finds the artwork of a wall label', async () => {
      const artwork = await data<Artwork>({ action: 'byNumber', number: '513' });
      expect(artwork.id).toBe('chagall-maries-tour-eiffel-1938');
    });

    it('answers NOT_FOUND with a Chinese sentence naming the field for unknown records', async () => {
      expect(await main({ action: 'get', id: 'no-such-work' })).toEqual({
        ok: false,
        error: { code: 'NOT_FOUND', message: expect.stringContaining('id') },
      });
      expect(await main({ action: 'byNumber', number: '998' })).toEqual({
        ok: false,
        error: { code: 'NOT_FOUND', message: expect.stringContaining('number') },
      });
    });

    it('lists artists with their published artwork counts', async () => {
      const artists = await data<Artist[]>({ action: 'artists' });
      expect(artists.map(({ id, count }) => [id, count])).toEqual([
        ['chagall', 4],
        ['kandinsky', 5],
        ['picasso', 4],
      ]);
      expect(artists[0]).toMatchObject({ name: { zh: '马克·夏加尔' }, lifespan: '1887–1985' });
      expect(artists[0]?.bio.length).toBeGreaterThan(50);
    });
  });

  describe('unpublished records', () => {
    it('never leave the backend by any action', async () => {
      const all = await walkAll({ limit: 2 });
      expect(all.map((item) => item.id)).not.toContain('picasso-secret-draft');
      expect((await list({ artist: 'picasso' })).total).toBe(4);
      expect((await list({ q: '草稿' })).items).toEqual([]);
      expect((await list({ q: 'secrete' })).total).toBe(0);
      expect(await main({ action: 'get', id: 'picasso-secret-draft' })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      expect(await main({ action: 'byNumber', number: '599' })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      const artists = await data<Artist[]>({ action: 'artists' });
      expect(artists.find((artist) => artist.id === 'picasso')?.count).toBe(4);
    });
  });

  describe('bad events', () => {
    it.each([
      ['a non-object event', 'list', ''],
      ['a null event', null, ''],
      ['an array event', [{ action: 'list' }], ''],
      ['a missing action', {}, 'action'],
      ['an unknown action', { action: 'delete' }, 'action'],
      ['a numeric action', { action: 7 }, 'action'],
      ['limit 0', { action: 'list', limit: 0 }, 'limit'],
      ['limit 51', { action: 'list', limit: 51 }, 'limit'],
      ['limit "x"', { action: 'list', limit: 'x' }, 'limit'],
      ['limit 2.5', { action: 'list', limit: 2.5 }, 'limit'],
      ['a garbage cursor', { action: 'list', cursor: 'not-a-cursor' }, 'cursor'],
      [
        'a forged cursor',
        { action: 'list', cursor: Buffer.from('a1:x').toString('base64url') },
        'cursor',
      ],
      ['a numeric cursor', { action: 'list', cursor: 12 }, 'cursor'],
      ['a numeric query', { action: 'list', q: 42 }, 'q'],
      ['an over-long query', { action: 'list', q: '毕'.repeat(51) }, 'q'],
      ['an artist of the wrong form', { action: 'list', artist: 'Pablo Picasso' }, 'artist'],
      ['a floor object', { action: 'list', floor: { $ne: 1 } }, 'floor'],
      ['a missing id', { action: 'get' }, 'id'],
      ['an empty id', { action: 'get', id: '' }, 'id'],
      ['a 10 KB id', { action: 'get', id: 'a'.repeat(10 * 1024) }, 'id'],
      ['an id object', { action: 'get', id: { $regex: '.*' } }, 'id'],
      ['a missing number', { action: 'byNumber' }, 'number'],
      ['a non-digit number', { action: 'byNumber', number: '5O1' }, 'number'],
      ['a numeric number', { action: 'byNumber', number: 501 }, 'number'],
      ['withArtists "yes"', { action: 'list', withArtists: 'yes' }, 'withArtists'],
    ])('%s answers INVALID_ARGUMENT naming the field', async (_name, event, field) => {
      const envelope = await main(event);
      expect(envelope).toEqual({
        ok: false,
        error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/[\u4e00-\u9fff]/) },
      });
      if (!envelope.ok && field) expect(envelope.error.message).toContain(field);
    });

    it('ignores the userInfo CloudBase adds to every event', async () => {
      const page = await list({ userInfo: { appId: 'wx123', openId: 'o-abc' }, limit: 1 });
      expect(page.items).toHaveLength(1);
    });
  });

  describe('faults of our own', () => {
    it('answer INTERNAL without throwing, and are logged', async () => {
      const broken: CatalogueRepository = {
        listArtworks: () => Promise.reject(new Error('disk gone')),
        findArtworkById: () => Promise.reject(new Error('disk gone')),
        findArtworkByNumber: () => Promise.reject(new Error('disk gone')),
        listArtists: () => Promise.reject(new Error('disk gone')),
        findArtworks: () => Promise.reject(new Error('disk gone')),
        findArtworkSummaries: () => Promise.reject(new Error('disk gone')),
        listReplays: () => Promise.reject(new Error('disk gone')),
        findReplayById: () => Promise.reject(new Error('disk gone')),
        listExhibitions: () => Promise.reject(new Error('disk gone')),
        findExhibitionById: () => Promise.reject(new Error('disk gone')),
        listLives: () => Promise.reject(new Error('disk gone')),
        findLiveById: () => Promise.reject(new Error('disk gone')),
      };
      const logged: unknown[] = [];
      const failing = createArtworksMain({
        repository: broken,
        mediaUrl: localMediaUrl('http://x'),
        logError: (error) => logged.push(error),
      });
      expect(await failing({ action: 'list' })).toMatchObject({
        ok: false,
        error: { code: 'INTERNAL' },
      });
      expect(logged).toHaveLength(1);
      expect(await failing({ action: 'list', limit: 0 })).toMatchObject({
        error: { code: 'INVALID_ARGUMENT' },
      });
    });
  });
});
