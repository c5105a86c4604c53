import { fire, openPage, settle, textOf } from '../support/simulate';

beforeEach(() => {
  jest.resetModules();
});

describe('replay page, before and while the video plays', () => {
  it('marks a chapter 正在播放 only once the video really plays, and not after it pauses', async () => {
    const opened = openPage('replay', { id: 'first-livestream-2020', chapter: '1' });
    await settle(opened.simulate);
    const chapter = () => textOf(opened.page.querySelector('#chapter-1'));

    await fire(opened, '#replay-video', 'timeupdate', { currentTime: 31, duration: 159 });
    expect(chapter()).not.toContain('正在播放');

    await fire(opened, '#replay-video', 'play');
    expect(chapter()).toContain('正在播放');

    await fire(opened, '#replay-video', 'pause');
    expect(chapter()).not.toContain('正在播放');
  });

  it('puts the works on screen above the chapter list, so they show without scrolling past it', async () => {
    const opened = openPage('replay', { id: 'first-livestream-2020' });
    await settle(opened.simulate);
    const strip = opened.page.querySelector('#strip-section')?.dom as Element;
    const chapters = opened.page.querySelector('#chapters')?.dom as Element;

    expect(strip.compareDocumentPosition(chapters) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});
