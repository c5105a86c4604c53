import type {
  Artist,
  Artwork,
  ArtworkSummary,
  Replay,
  ReplaySummary,
} from '../../../miniprogram/types/api';

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
  replayMoments: [
    { replayId: 'first-livestream-2020', start: 30, title: '毕加索：立体主义与之后' },
    { replayId: 'kandinsky-evening', start: 3725, title: '从毕加索说到抽象' },
  ],
  audio: {
    url: `${MEDIA}/femme-en-bleu.m4a`,
    duration: 200,
    bytes: 1_200_000,
    format: 'aac',
    language: 'zh-CN' as const,
    narrator: '讲解员',
  },
  transcript: [
    { start: 0, end: 6, text: '欢迎来到蓬皮杜中心，我们面前是毕加索的《蓝衣女人》。' },
    { start: 6, end: 14, text: '这幅画完成于一九四四年，巴黎刚刚解放。' },
    { start: 14, end: 25, text: '请留意人物的脸：正面与侧面同时出现在一张脸上。' },
    { start: 25, end: 40, text: '深蓝的衣裙压住了画面，让人物显得沉静而坚硬。' },
    { start: 40, end: 200, text: '看完这幅画，我们走向下一件作品。' },
  ],
};

export const harlequin: Artwork = {
  ...artwork('arlequin', '102', '小丑', 'Arlequin', picasso, '1923', [300, 300]),
  location: { venue: '蓬皮杜中心', floor: '5', room: '5 层现代馆藏展厅' },
  unverified: { room: '具体展厅号未能从公开资料确认。' },
};

export const toRussia: Artwork = {
  ...artwork(
    'a-la-russie',
    '201',
    '致俄罗斯、驴子及其他',
    'À la Russie, aux ânes et aux autres',
    chagall,
    '1911',
    [400, 300],
  ),
  audio: {
    url: `${MEDIA}/a-la-russie.m4a`,
    duration: 90,
    bytes: 540_000,
    format: 'aac',
    language: 'zh-CN',
    narrator: '讲解员',
  },
  transcript: [
    { start: 0, end: 8, text: '夏加尔画这幅画时，刚从维捷布斯克来到巴黎。' },
    { start: 8, end: 90, text: '红色的母牛站在屋顶上，一切都在飞。' },
  ],
};

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

export const firstLivestream: Replay = {
  id: 'first-livestream-2020',
  title: '云游蓬皮杜：首场中文直播导览',
  date: '2020-12-14',
  duration: 7200,
  guide: '说普通话的讲解员与现代馆藏首席策展人',
  viewers: 10000,
  cover: { url: `${MEDIA}/images/replay-first-livestream-2020.jpg`, width: 640, height: 360 },
  summary: '蓬皮杜中心的第一场中文直播导览。\n最后登上屋顶，俯瞰巴黎。',
  highlights: ['毕加索的《蓝衣女人》', '夏加尔的故乡回忆'],
  video: {
    url: `${MEDIA}/video/first-livestream-2020.mp4?sig=initial`,
    expiresAt: Date.now() + 2 * 60 * 60 * 1000,
    duration: 180,
    width: 640,
    height: 360,
    demo: true,
    note: '演示用替代视频，并非直播原片。',
  },
  chapters: [
    { start: 0, title: '开场 · 馆长致辞', artworkIds: [] },
    { start: 30, title: '毕加索：立体主义与之后', artworkIds: ['femme-en-bleu', 'arlequin'] },
    { start: 60, title: '夏加尔：飞翔的回忆', artworkIds: ['a-la-russie'] },
    { start: 120, title: '屋顶 · 360度看巴黎', artworkIds: [] },
  ],
  artworks: [womanInBlue, harlequin, toRussia].map((work) => ({
    id: work.id,
    title: work.title,
    artistName: work.artist.name,
    thumbnail: work.thumbnail,
  })),
  published: true,
  updatedAt: '2026-11-25',
};

function olderReplay(id: string, title: string, date: string, viewers: number): Replay {
  return {
    ...firstLivestream,
    id,
    title,
    date,
    duration: 5400,
    viewers,
    cover: { ...firstLivestream.cover, url: `${MEDIA}/images/replay-${id}.jpg` },
  };
}

/** Newest first, as `replays list` answers. */
export const allReplays: Replay[] = [
  firstLivestream,
  olderReplay('kandinsky-evening', '康定斯基之夜：走向抽象', '2020-06-20', 8600),
  olderReplay('chagall-morning', '夏加尔的巴黎清晨', '2019-11-02', 12600),
];

export function replaySummaryOf(replay: Replay): ReplaySummary {
  return {
    id: replay.id,
    title: replay.title,
    date: replay.date,
    duration: replay.duration,
    guide: replay.guide,
    viewers: replay.viewers,
    cover: replay.cover,
  };
}
