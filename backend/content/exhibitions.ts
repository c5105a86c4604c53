import path from 'path';
import type { ArtworkDoc, ExhibitionDoc } from '../domain/catalogue';
import { exhibitionFileSchema } from './schema';
import { measureImage, readRecord, yamlFiles } from './files';

/**
 * content/exhibitions/*.yaml (optional): each exhibition's works, tours and plan, checked against
 * the artworks and against itself. Problems name the file, the record and the field.
 */
export async function loadExhibitions(
  contentDir: string,
  artworks: readonly ArtworkDoc[],
  problems: string[],
): Promise<ExhibitionDoc[]> {
  const mediaDir = path.join(contentDir, 'media');
  const dir = path.join(contentDir, 'exhibitions');
  const known = new Set(artworks.map((doc) => doc.id));
  const exhibitions: ExhibitionDoc[] = [];
  for (const name of await yamlFiles(dir)) {
    const read = await readRecord(
      dir,
      name,
      { label: 'content/exhibitions', kind: '展览', schema: exhibitionFileSchema },
      problems,
    );
    if (!read) continue;
    const { record, where } = read;
    const inExhibition = new Set<string>();
    const numbers = new Map<string, string>();
    record.works.forEach((work, index) => {
      const at = `${where} 字段 works.${index}`;
      if (!known.has(work.artwork))
        problems.push(`${at}.artwork：没有 id 为 ${work.artwork} 的作品`);
      if (inExhibition.has(work.artwork)) {
        problems.push(`${at}.artwork：作品 ${work.artwork} 在这个展览里列了两次`);
      }
      inExhibition.add(work.artwork);
      const clash = numbers.get(work.number);
      if (clash) {
        problems.push(`${at}.number：展签编号 ${work.number} 已被作品 ${clash} 使用`);
      }
      numbers.set(work.number, work.artwork);
    });
    const tourIds = new Set<string>();
    record.tours.forEach((tour, index) => {
      if (tourIds.has(tour.id)) {
        problems.push(`${where} 字段 tours.${index}.id：路线 id ${tour.id} 重复`);
      }
      tourIds.add(tour.id);
      const stops = new Set<string>();
      tour.stops.forEach((stop, stopIndex) => {
        const at = `${where} 字段 tours.${index}.stops.${stopIndex}`;
        if (!inExhibition.has(stop)) problems.push(`${at}：作品 ${stop} 不在这个展览里`);
        if (stops.has(stop)) problems.push(`${at}：作品 ${stop} 在路线里出现了两次`);
        stops.add(stop);
      });
    });
    const cover = await measureImage(mediaDir, record.cover, where, 'cover', problems);
    let map: ExhibitionDoc['map'];
    if (record.map) {
      const image = await measureImage(mediaDir, record.map.image, where, 'map.image', problems);
      const pinned = new Set<string>();
      record.map.pins.forEach((pin, index) => {
        const at = `${where} 字段 map.pins.${index}`;
        if (!inExhibition.has(pin.artwork)) {
          problems.push(`${at}.artwork：作品 ${pin.artwork} 不在这个展览里`);
        }
        if (pinned.has(pin.artwork)) problems.push(`${at}.artwork：作品 ${pin.artwork} 标了两次`);
        pinned.add(pin.artwork);
        if (
          image.width &&
          (pin.x < 0 || pin.x > image.width || pin.y < 0 || pin.y > image.height)
        ) {
          problems.push(
            `${at}：坐标 (${pin.x}, ${pin.y}) 在平面图之外（图为 ${image.width} × ${image.height} 像素）`,
          );
        }
      });
      map = {
        image,
        pins: record.map.pins.map((pin) => ({ artworkId: pin.artwork, x: pin.x, y: pin.y })),
      };
    }
    exhibitions.push({
      _id: record.id,
      id: record.id,
      published: record.published,
      title: record.title,
      venue: record.venue,
      city: record.city,
      startDate: record.startDate,
      endDate: record.endDate,
      cover,
      description: record.description,
      ...(record.notice ? { notice: record.notice } : {}),
      works: record.works.map(({ artwork, ...work }) => ({ ...work, artworkId: artwork })),
      tours: record.tours,
      ...(map ? { map } : {}),
      unverified: record.unverified,
      updatedAt: record.updatedAt,
    });
  }
  return exhibitions;
}
