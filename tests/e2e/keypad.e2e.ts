import {
  dataOf,
  useSpecSession,
  relaunch,
  routeOf,
  step,
  tabPage,
  tap,
  textOf,
  waitForData,
  type Page,
} from './support/app';
import type { PublishedContent } from './support/content';
import { describeWithDevTools } from './support/devtools';
import { expectArtworkPage, expectPlayOnFirstScreen, type KeypadData } from './support/pages';

/** The keypad takes up to six digits: the highest six-digit number no label carries. */
function unusedNumber(content: PublishedContent): string {
  const used = new Set(content.artworks.map((artwork) => artwork.number));
  let candidate = 999999;
  while (used.has(String(candidate))) candidate -= 1;
  return String(candidate);
}

async function typeDigits(keypad: Page, digits: string): Promise<void> {
  for (const digit of digits) await tap(keypad, `#key-${digit}`);
  await waitForData<KeypadData>(
    keypad,
    `${digits} on the display`,
    (data) => data.digits === digits,
  );
}

describeWithDevTools('keypad → label number → artwork', () => {
  const spec = useSpecSession();

  it('refuses a number no label carries, then opens the work a real label number names', async () => {
    const {
      session: { miniProgram },
      content,
    } = spec;
    // Any published work will do: the last by label number.
    const target = content.artworks.at(-1);
    if (!target) throw new Error('content/ has no published artwork');
    const unknown = unusedNumber(content);

    const keypad = await step('open 号码', async () => {
      const page = await relaunch(miniProgram, tabPage('号码'));
      expect(await dataOf<KeypadData>(page)).toMatchObject({
        digits: '',
        message: '',
        busy: false,
      });
      expect(await textOf(page, '#display')).toBe('展签编号');
      return page;
    });

    await step(`type ${unknown}, which no label carries`, async () => {
      await typeDigits(keypad, unknown);
      await tap(keypad, '#key-confirm');
      const data = await waitForData<KeypadData>(
        keypad,
        'the not-found message',
        (current) => !current.busy && current.message !== '',
      );
      expect(data.message).toContain(unknown);
      expect(await textOf(keypad, '#message')).toBe(data.message);
      expect(routeOf((await miniProgram.currentPage())?.path ?? '')).toBe(routeOf(tabPage('号码')));
    });

    await step('clear it with 删除', async () => {
      for (let typed = unknown.length; typed > 0; typed -= 1) await tap(keypad, '#key-delete');
      await waitForData<KeypadData>(keypad, 'an empty display', (data) => data.digits === '');
      expect(await textOf(keypad, '#display')).toBe('展签编号');
    });

    await step(`type ${target.number} and confirm`, async () => {
      await typeDigits(keypad, target.number);
      expect(await textOf(keypad, '.display__digits')).toBe(target.number);
      await tap(keypad, '#key-confirm');
    });

    await step(`land on ${target.title.zh} with the play control on screen`, async () => {
      const artwork = await expectArtworkPage(miniProgram, target, keypad);
      expect(artwork.query).toMatchObject({ id: target.id });
      await expectPlayOnFirstScreen(miniProgram, artwork);
    });
  });
});
