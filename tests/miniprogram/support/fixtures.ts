import type { Artist, Artwork, ArtworkSummary } from '../../../miniprogram/types/api';

const MEDIA = 'http://127.0.0.1:3000/media';

export const picasso: Artist = {
  id: 'pablo-picasso',
  name: { zh: '巴勃罗·毕加索', original: 'Pablo Picasso' },
  lifespan: '1881–1973',
  bio: '西班牙画家。',
  count: 2,
};

export const chagall: Artist = {
  id: 'marc-chagall',
  name: { zh: '马克·夏加尔', original: 'Marc Chagall' },
  lifespan: '1887–1985',
  bio: '白俄罗斯裔法国画家。',
  count: 1,
};

export const artists: Artist[] = [picasso, chagall];

function artwork(
  id: string,
  number: string,
  zh: string,
  original: string,
  artist: Artist,
  year: string,
  size: [number, number],
): Artwork {
  return {
    id,
    number,
    title: { zh, original },
    artist: { id: artist.id, name: artist.name, lifespan: artist.lifespan },
    year,
    medium: '布面油画',
    dimensions: '130 × 97 厘米',
    location: { venue: '蓬皮杜中心', floor: '5', room: '第 3 展厅' },
    image: { url: `${MEDIA}/${id}.jpg`, width: size[0] * 4, height: size[1] * 4 },
    thumbnail: { url: `${MEDIA}/${id}-thumb.jpg`, width: size[0], height: size[1] },
    description: `${zh}是${artist.name.zh}的代表作之一。`,
    audio: null,
    transcript: [],
    replayMoments: [],
    unverified: {},
    published: true,
    updatedAt: '2024-01-01T00:00:00.000Z',
  };
}

export const womanInBlue = {
  ...artwork('femme-en-bleu', '101', '蓝衣女人', 'Femme en bleu', picasso, '1944', [300, 400]),
  audio: {
    url: `${MEDIA}/femme-en-bleu.m4a`,
    duration: 200,
    bytes: 1_200_000,
    format: 'aac',
    language: 'zh-CN' as const,
    narrator: '讲解员',
  },
};

export const harlequin: Artwork = {
  ...artwork('arlequin', '102', '小丑', 'Arlequin', picasso, '1923', [300, 300]),
  location: { venue: '蓬皮杜中心', floor: '5', room: '5 层现代馆藏展厅' },
  unverified: { room: '具体展厅号未能从公开资料确认。' },
};

export const toRussia = artwork(
  'a-la-russie',
  '201',
  '致俄罗斯、驴子及其他',
  'À la Russie, aux ânes et aux autres',
  chagall,
  '1911',
  [400, 300],
);

export const allArtworks: Artwork[] = [womanInBlue, harlequin, toRussia];

export function summaryOf(work: Artwork): ArtworkSummary {
  return {
    id: work.id,
    number: work.number,
    title: work.title,
    artistName: work.artist.name,
    year: work.year,
    thumbnail: work.thumbnail,
    audioDuration: work.audio ? work.audio.duration : null,
  };
}

/** What the backend's pinyin index would match; enough for the searches the tests make. */
export const searchTerms: Record<string, string[]> = {
  'femme-en-bleu': ['蓝衣女人', 'femme en bleu', '毕加索', 'bijiasuo', 'bjs', 'picasso'],
  arlequin: ['小丑', 'arlequin', '毕加索', 'bijiasuo', 'bjs', 'picasso'],
  'a-la-russie': ['致俄罗斯', 'russie', '夏加尔', 'xiajiaer', 'xje', 'chagall'],
};
