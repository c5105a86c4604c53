import { ARTWORK_PAGE } from '../../miniprogram/utils/routes';
import { find, relaunch, useSpecSession, step, waitForData } from './support/app';
import { describeWithDevTools } from './support/devtools';
import { expectArtworkPage, expectPlayOnFirstScreen, type ArtworkData } from './support/pages';

/** Stands for the link prefix a museum registers (扫普通链接二维码打开小程序); any host reads alike. */
const LINK = 'https://guide.example.com';

/** WeChat hands the page the whole scanned link, URL-encoded, and the time of the scan. */
function plainQr(link: string): string {
  return `q=${encodeURIComponent(link)}&scancode_time=${Math.floor(Date.now() / 1000)}`;
}

/** How a wall label can carry its number; each case opens a different work. */
const LANDINGS = [
  { code: 'mini program code, scene=<number>', query: (n: string) => `scene=${n}` },
  {
    code: 'mini program code, scene=n=<number>',
    query: (n: string) => `scene=${encodeURIComponent(`n=${n}`)}`,
  },
  { code: 'plain QR link …/a/<number>', query: (n: string) => plainQr(`${LINK}/a/${n}`) },
  {
    code: 'plain QR link …?number=<number>',
    query: (n: string) => plainQr(`${LINK}/label?number=${n}`),
  },
  { code: 'plain QR link …?n=<number>', query: (n: string) => plainQr(`${LINK}/label?n=${n}`) },
].map((landing, index) => ({ ...landing, index }));

/** Codes that name no work: the visitor reads why, and the app throws nothing. */
const REFUSALS = [
  { code: 'a scene without a number', query: () => `scene=${encodeURIComponent('hello')}` },
  { code: 'a scene that is not valid URL encoding', query: () => 'scene=%E0%A4%A' },
  { code: 'a label number no work carries', query: (unused: string) => `scene=${unused}` },
  { code: 'a plain QR link without a number', query: () => plainQr(`${LINK}/about`) },
  { code: 'a q that is not a link', query: () => `q=${encodeURIComponent('not a link')}` },
];

describeWithDevTools('wall-label codes → artwork', () => {
  const spec = useSpecSession();

  it.each(LANDINGS)('$code opens that work, play control on screen', async ({ query, index }) => {
    const {
      session: { miniProgram },
      content,
    } = spec;
    const target = content.artworks[index % content.artworks.length];
    if (!target) throw new Error('content/ has no published artwork');
    const url = `${ARTWORK_PAGE}?${query(target.number)}`;
    const page = await step(`open ${url}`, async () => {
      await relaunch(miniProgram, url);
      return expectArtworkPage(miniProgram, target);
    });
    await step('the play control is on the first screen', () =>
      expectPlayOnFirstScreen(miniProgram, page),
    );
  });

  it.each(REFUSALS)('$code says so instead', async ({ query }) => {
    const {
      session: { miniProgram },
      content,
    } = spec;
    const numbers = new Set(content.artworks.map((artwork) => artwork.number));
    let unused = 999;
    while (numbers.has(String(unused))) unused += 1;
    const url = `${ARTWORK_PAGE}?${query(String(unused))}`;
    await step(`open ${url}`, async () => {
      const page = await relaunch(miniProgram, url);
      const data = await waitForData<ArtworkData>(
        page,
        'a message instead of an artwork',
        (current) => current.status === 'error',
      );
      expect(data.view).toBeNull();
      expect(data.errorMessage.trim()).not.toBe('');
      await find(page, '#error-state');
    });
  });
});
