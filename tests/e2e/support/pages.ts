// The page data the specs read: what a page must keep for them (see the pages' index.ts).
import type { ArtworkDoc } from '../../../backend/domain/catalogue';
import { ARTWORK_PAGE } from '../../../miniprogram/utils/routes';
import { find, textOf, waitForData, waitForPage, type MiniProgram, type Page } from './app';

export interface CollectionData {
  status: string;
  total: number;
  cards: { id: string; title: string; artist: string; number: string }[];
}

export interface KeypadData {
  digits: string;
  message: string;
  busy: boolean;
}

export interface ArtworkData {
  status: string;
  errorMessage: string;
  view: {
    id: string;
    title: string;
    artist: string;
    audioSeconds: number;
    moments: { replayId: string; start: number }[];
  } | null;
  playerId: string;
  playerStatus: string;
  second: number;
}

export interface MiniPlayerData {
  visible: boolean;
  playerId: string;
  title: string;
  isSounding: boolean;
}

export interface MineData {
  historyCards: { id: string; title: string; note: string }[];
  playerId: string;
  isSounding: boolean;
}

export interface ReplaysData {
  status: string;
  cards: { id: string; title: string }[];
}

export interface ReplayData {
  status: string;
  view: { id: string; title: string; chapters: { title: string }[] } | null;
  videoUrl: string;
  current: number;
  strip: { id: string; title: string }[];
}

/** The artwork page on top, loaded with `artwork`, its title and play control on screen. */
export async function expectArtworkPage(
  miniProgram: MiniProgram,
  artwork: ArtworkDoc,
  previous?: Page,
): Promise<Page> {
  const page = await waitForPage(miniProgram, ARTWORK_PAGE, previous);
  const data = await waitForData<ArtworkData>(
    page,
    `the artwork ${artwork.id} to load`,
    (current) => current.status === 'ready' && current.view?.id === artwork.id,
  );
  expect(data.view).toMatchObject({ title: artwork.title.zh, artist: artwork.artist.name.zh });
  expect(data.view?.audioSeconds).toBeGreaterThan(0);
  expect(await textOf(page, '#title')).toBe(artwork.title.zh);
  await find(page, '#play');
  return page;
}

/** A visitor who scans or types a label sees the play control without scrolling. */
export async function expectPlayOnFirstScreen(miniProgram: MiniProgram, page: Page): Promise<void> {
  const play = await find(page, '#play');
  const [offset, size, system] = await Promise.all([
    play.offset() as Promise<{ top: number }>,
    play.size(),
    miniProgram.systemInfo() as Promise<{ windowHeight: number }>,
  ]);
  // offset() is measured from the top of the page, which has not been scrolled.
  expect(Number(offset.top) + Number(size.height)).toBeLessThanOrEqual(system.windowHeight);
}
