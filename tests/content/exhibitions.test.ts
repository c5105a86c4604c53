// content/exhibitions: the demo exhibitions as committed, and every rule their YAML is checked by.
import { promises as fs } from 'fs';
import path from 'path';
import { ContentError, loadCatalogue } from '../../backend/content/load';
import { CONTENT_DIR } from '../backend/fixture';
import { tempDir } from '../support/temp';

async function copyContent(): Promise<string> {
  const dir = await tempDir('pompidou-exhibitions-');
  await fs.cp(CONTENT_DIR, dir, { recursive: true });
  return dir;
}

const TOUR_FILE = 'modern-masters-on-tour.yaml';

async function edit(dir: string, change: (text: string) => string) {
  const file = path.join(dir, 'exhibitions', TOUR_FILE);
  await fs.writeFile(file, change(await fs.readFile(file, 'utf8')));
}

async function problemsOf(dir: string): Promise<string[]> {
  const failure = await loadCatalogue(dir).catch((error: unknown) => error);
  if (!(failure instanceof ContentError)) throw new Error('the content loaded');
  return failure.problems;
}

describe('the committed exhibitions', () => {
  it('are the museum galleries (past), a demo exhibition of the thirteen works, and one upcoming', async () => {
    const { exhibitions = [] } = await loadCatalogue(CONTENT_DIR);
    const byId = new Map(exhibitions.map((doc) => [doc.id, doc]));
    const galleries = byId.get('pompidou-modern-collection');
    expect(galleries?.endDate).toBe('2025-03-10');
    expect(galleries?.works).toHaveLength(13);
    const current = byId.get('modern-masters-on-tour');
    expect(current?.works).toHaveLength(13);
    expect(current?.notice).toContain('演示');
    expect(current?.map?.image).toMatchObject({ width: 1200, height: 800 });
    expect(current?.map?.pins).toHaveLength(13);
    const tours = current?.tours ?? [];
    expect(tours).toHaveLength(2);
    expect(Math.max(...tours.map((tour) => tour.stops.length))).toBeGreaterThanOrEqual(5);
    expect(byId.get('kandinsky-colour-symphony')?.startDate).toBe('2027-05-15');
    // The galleries keep today's label numbers: the keypad's numbers of the guide.
    expect(galleries?.works.find((work) => work.number === '525')?.artworkId).toBe(
      'kandinsky-bleu-de-ciel-1940',
    );
  });
});

describe('exhibition validation names the file, the record and the field', () => {
  const where = 'content/exhibitions/modern-masters-on-tour.yaml（展览 modern-masters-on-tour）';

  it('refuses a work listed twice and a label number used twice', async () => {
    const dir = await copyContent();
    await edit(dir, (text) =>
      text
        .replace(
          '{ number: "502", artwork: picasso-arlequin-1923',
          '{ number: "502", artwork: picasso-guitariste-1910',
        )
        .replace('{ number: "504",', '{ number: "503",'),
    );
    const problems = await problemsOf(dir);
    expect(problems).toContain(
      `${where} 字段 works.1.artwork：作品 picasso-guitariste-1910 在这个展览里列了两次`,
    );
    expect(problems).toContain(
      `${where} 字段 works.3.number：展签编号 503 已被作品 picasso-la-muse-1935 使用`,
    );
  });

  it('refuses a tour stop and a pin that are not in the exhibition, and a pin off the plan', async () => {
    const dir = await copyContent();
    await edit(dir, (text) =>
      text
        .replace(/^ {2}- \{ number: "525".*\n/m, '')
        .replace(
          '- { artwork: picasso-guitariste-1910, x: 130, y: 250 }',
          '- { artwork: picasso-guitariste-1910, x: 1300, y: 250 }',
        ),
    );
    const problems = await problemsOf(dir);
    expect(problems).toContain(
      `${where} 字段 tours.0.stops.6：作品 kandinsky-bleu-de-ciel-1940 不在这个展览里`,
    );
    expect(problems).toContain(
      `${where} 字段 map.pins.12.artwork：作品 kandinsky-bleu-de-ciel-1940 不在这个展览里`,
    );
    expect(problems).toContain(
      `${where} 字段 map.pins.0：坐标 (1300, 250) 在平面图之外（图为 1200 × 800 像素）`,
    );
  });

  it('refuses an unknown work, dates in the wrong order and a missing cover', async () => {
    const dir = await copyContent();
    await edit(dir, (text) =>
      text
        .replace('artwork: picasso-la-muse-1935', 'artwork: picasso-guernica-1937')
        .replace('endDate: "2027-03-21"', 'endDate: "2026-01-01"')
        .replace('cover: images/exhibition-modern-masters-on-tour.jpg', 'cover: images/none.jpg'),
    );
    const problems = await problemsOf(dir);
    expect(problems).toContain(`${where} 字段 endDate：不能早于 startDate`);
    await edit(dir, (text) => text.replace('endDate: "2026-01-01"', 'endDate: "2027-03-21"'));
    const again = await problemsOf(dir);
    expect(again).toContain(
      `${where} 字段 works.2.artwork：没有 id 为 picasso-guernica-1937 的作品`,
    );
    expect(
      again.some((problem) =>
        problem.startsWith(`${where} 字段 cover：图片 media/images/none.jpg`),
      ),
    ).toBe(true);
  });
});
