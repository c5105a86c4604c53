import { z } from 'zod';

const text = (max: number) =>
  z.string({ error: '必须是文字' }).trim().min(1, '不能为空').max(max, `不能超过 ${max} 个字符`);

const localizedName = z.strictObject({ zh: text(200), original: text(200) });

export const slugSchema = z
  .string({ error: '必须是文字' })
  .regex(/^[a-z0-9][a-z0-9-]{0,99}$/, '只能包含小写字母、数字和连字符（最多 100 个字符）');

const mediaPath = z
  .string({ error: '必须是文字' })
  .regex(
    /^[a-z0-9][a-z0-9/._-]*\.(jpg|jpeg|png|webp)$/,
    '必须是 media 目录下的图片路径，如 images/x.jpg',
  )
  .refine((value) => !value.includes('..'), '不能包含 ..');

const isoDate = z
  .string({ error: '必须是日期字符串，如 "2026-11-25"' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, '必须是 YYYY-MM-DD 格式的日期');

export const artistFileSchema = z.array(
  z.strictObject({
    id: slugSchema,
    name: localizedName,
    lifespan: text(40),
    bio: text(600),
  }),
  { error: '必须是艺术家列表' },
);

export const artworkFileSchema = z.strictObject({
  id: slugSchema,
  number: z
    .string({ error: '必须是带引号的数字字符串，如 "501"' })
    .regex(/^\d{1,8}$/, '必须是 1 到 8 位数字'),
  published: z.boolean({ error: '必须是 true 或 false' }),
  title: localizedName,
  artist: slugSchema,
  year: text(40),
  medium: text(200),
  dimensions: text(100),
  location: z.strictObject({
    venue: text(100),
    floor: z.string({ error: '必须是带引号的字符串，如 "5"' }).trim().min(1, '不能为空').max(20),
    room: text(100),
  }),
  /** The museum's inventory number (numéro d'inventaire), e.g. "AM 4313 P". */
  inventoryNumber: text(40).optional(),
  /** Where the facts of the record were checked: the museum's collection record first. */
  sources: z
    .array(
      z.strictObject({
        title: text(100),
        url: z.url({ protocol: /^https$/, error: '必须是 https:// 开头的网址' }),
      }),
      { error: '必须是资料来源列表' },
    )
    .default([]),
  image: mediaPath,
  thumbnail: mediaPath,
  description: text(2000).refine((value) => value.length >= 200, '至少需要 200 个字符'),
  unverified: z.record(z.string(), text(300)).default({}),
  updatedAt: isoDate,
});

export type ArtistFile = z.infer<typeof artistFileSchema>;
export type ArtworkFile = z.infer<typeof artworkFileSchema>;

const seconds = (what: string) =>
  z
    .number({ error: `必须是${what}秒数` })
    .finite()
    .min(0, `${what}不能为负数`);

/** Free unless said otherwise; a paid record names its price in fen (分), e.g. 990 for ¥9.90. */
const accessSchema = z
  .discriminatedUnion(
    'paid',
    [
      z.strictObject({ paid: z.literal(false) }),
      z.strictObject({
        paid: z.literal(true),
        price: z
          .int({ error: '必须是以“分”为单位的整数，如 990 表示 9.90 元' })
          .min(1, '付费内容的价格至少 1 分')
          .max(100000, '不能超过 1000 元'),
      }),
    ],
    { error: '必须是 { paid: false } 或 { paid: true, price: 分 }' },
  )
  .default({ paid: false });

/** What a card says about a record made up to show a feature; absent for real tours. */
const exampleNote = text(120).optional();

export const replayFileSchema = z
  .strictObject({
    id: slugSchema,
    access: accessSchema,
    example: exampleNote,
    published: z.boolean({ error: '必须是 true 或 false' }),
    title: text(100),
    date: isoDate,
    duration: seconds('直播时长的').positive('必须大于 0'),
    viewers: z.int({ error: '必须是整数' }).min(0, '不能为负数'),
    guide: text(200),
    cover: mediaPath,
    summary: text(1000),
    highlights: z.array(text(200), { error: '必须是文字列表' }).default([]),
    video: z.strictObject({
      // Videos live under media/video/, the folder whose links the host signs and checks.
      path: z
        .string({ error: '必须是文字' })
        .regex(
          /^video\/[a-z0-9][a-z0-9._-]*\.mp4$/,
          '必须是 video/ 目录下的 .mp4 文件，如 video/x.mp4',
        ),
      duration: seconds('视频的').positive('必须大于 0'),
      width: z.int({ error: '必须是整数像素' }).positive('必须大于 0'),
      height: z.int({ error: '必须是整数像素' }).positive('必须大于 0'),
      demo: z.boolean({ error: '必须是 true 或 false' }),
      note: z.string({ error: '必须是文字' }).trim().max(300, '不能超过 300 个字符').default(''),
    }),
    chapters: z
      .array(
        z.strictObject({
          start: seconds('章节开始的'),
          title: text(100),
          artworkIds: z.array(slugSchema, { error: '必须是作品 id 列表' }).default([]),
        }),
        { error: '必须是章节列表' },
      )
      .min(1, '至少需要一个章节'),
    unverified: z.record(z.string(), text(300)).default({}),
    updatedAt: isoDate,
  })
  .superRefine((replay, context) => {
    replay.chapters.forEach((chapter, index) => {
      const previous = replay.chapters[index - 1];
      if (previous && chapter.start <= previous.start) {
        context.addIssue({
          code: 'custom',
          path: ['chapters', index, 'start'],
          message: '章节必须按开始时间递增排列',
        });
      }
      if (chapter.start >= replay.video.duration) {
        context.addIssue({
          code: 'custom',
          path: ['chapters', index, 'start'],
          message: `超出了视频时长（${replay.video.duration} 秒）`,
        });
      }
    });
    if (replay.video.demo && !replay.video.note) {
      context.addIssue({
        code: 'custom',
        path: ['video', 'note'],
        message: '演示用替代视频必须写明说明',
      });
    }
  });

export type ReplayFile = z.infer<typeof replayFileSchema>;

/** ISO 8601 with an explicit offset: a start time means one instant, wherever it is read. */
const instant = z
  .string({ error: '必须是带时区的时间字符串，如 "2027-03-14T20:00:00+08:00"' })
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)$/,
    '必须是带时区的 ISO 8601 时间，如 "2027-03-14T20:00:00+08:00"',
  )
  .refine((value) => !Number.isNaN(Date.parse(value)), '不是一个存在的时间');

/** content/lives/<id>.yaml: a live tour, past or coming, and where it streams. */
export const liveFileSchema = z.strictObject({
  id: slugSchema,
  published: z.boolean({ error: '必须是 true 或 false' }),
  title: text(100),
  startsAt: instant,
  durationMinutes: z
    .int({ error: '必须是整数分钟' })
    .min(5, '至少 5 分钟')
    .max(720, '不能超过 12 小时'),
  host: text(200),
  cover: mediaPath,
  summary: text(600),
  access: accessSchema,
  example: exampleNote,
  /** WeChat Channels (视频号): the account id (sph…), its name as shown, the live's feed once known. */
  channels: z
    .strictObject({
      finderUserName: z
        .string({ error: '必须是文字' })
        .regex(
          /^sph[0-9A-Za-z]{4,40}$/,
          '必须是视频号 ID（以 sph 开头，在视频号助手的账号信息里）',
        ),
      name: text(60),
      feedId: z.string({ error: '必须是文字' }).trim().min(1, '不能为空').max(200).optional(),
    })
    .optional(),
  /** The mini program live room (小程序直播) the tour streams in, by its room id. */
  liveRoom: z
    .strictObject({ roomId: z.int({ error: '必须是整数房间号' }).positive('必须大于 0') })
    .optional(),
  /** The replay record this live became (content/replays/<id>.yaml, or one synced later). */
  replayId: slugSchema.optional(),
  unverified: z.record(z.string(), text(300)).default({}),
  updatedAt: isoDate,
});

export type LiveFile = z.infer<typeof liveFileSchema>;

const labelNumber = z
  .string({ error: '必须是带引号的数字字符串，如 "501"' })
  .regex(/^\d{1,8}$/, '必须是 1 到 8 位数字');

/**
 * content/exhibitions/<id>.yaml: where the works can be seen. Numbers are the wall labels' within
 * this exhibition; a tour walks some of its works; a floor plan places each work on a picture.
 */
export const exhibitionFileSchema = z
  .strictObject({
    id: slugSchema,
    published: z.boolean({ error: '必须是 true 或 false' }),
    title: text(100),
    venue: text(100),
    city: text(40),
    startDate: isoDate,
    endDate: isoDate,
    cover: mediaPath,
    description: text(1500),
    /** Shown on the exhibition's page when the record is made up for the demo, or partly unsure. */
    notice: text(300).optional(),
    works: z
      .array(
        z.strictObject({
          number: labelNumber,
          artwork: slugSchema,
          floor: z
            .string({ error: '必须是带引号的字符串，如 "2"' })
            .trim()
            .min(1)
            .max(20)
            .optional(),
          room: text(100).optional(),
        }),
        { error: '必须是作品列表' },
      )
      .min(1, '至少需要一件作品'),
    tours: z
      .array(
        z.strictObject({
          id: slugSchema,
          title: text(60),
          description: text(300),
          stops: z.array(slugSchema, { error: '必须是作品 id 列表' }).min(2, '至少需要两站'),
        }),
        { error: '必须是导览路线列表' },
      )
      .default([]),
    map: z
      .strictObject({
        image: mediaPath,
        pins: z.array(
          z.strictObject({
            artwork: slugSchema,
            x: z.number({ error: '必须是像素坐标' }).finite(),
            y: z.number({ error: '必须是像素坐标' }).finite(),
          }),
          { error: '必须是标注列表' },
        ),
      })
      .optional(),
    unverified: z.record(z.string(), text(300)).default({}),
    updatedAt: isoDate,
  })
  .superRefine((exhibition, context) => {
    if (exhibition.endDate < exhibition.startDate) {
      context.addIssue({ code: 'custom', path: ['endDate'], message: '不能早于 startDate' });
    }
  });

export type ExhibitionFile = z.infer<typeof exhibitionFileSchema>;
