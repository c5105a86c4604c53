import { readFileSync } from 'fs';
import path from 'path';
import { MINIPROGRAM_ROOT } from './support/simulate';

const app = JSON.parse(readFileSync(path.join(MINIPROGRAM_ROOT, 'app.json'), 'utf8')) as {
  pages: string[];
  requiredBackgroundModes?: string[];
  tabBar: { list: Array<{ pagePath: string; text: string; iconPath: string }> };
  usingComponents: Record<string, string>;
};

describe('app.json', () => {
  it('keeps narration playing with the screen locked', () => {
    expect(app.requiredBackgroundModes).toEqual(['audio']);
  });

  it('has 我的 as the fourth tab, with its icon, and the mini player on every page', () => {
    expect(app.tabBar.list.map((tab) => tab.text)).toEqual(['藏品', '号码', '直播', '我的']);
    const mine = app.tabBar.list[3];
    if (!mine) throw new Error('app.json has no fourth tab');
    expect(app.pages).toContain(mine.pagePath);
    expect(() => readFileSync(path.join(MINIPROGRAM_ROOT, mine.iconPath))).not.toThrow();
    expect(app.usingComponents['mini-player']).toBe('/components/mini-player/index');
  });
});
