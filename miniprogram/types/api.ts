// The wire contracts of PRODUCT.md, shared by the mini program and the backend.

export type ErrorCode =
  'INVALID_ARGUMENT' | 'NOT_FOUND' | 'PERMISSION_DENIED' | 'UNAVAILABLE' | 'INTERNAL';

export interface ErrorBody {
  code: ErrorCode;
  message: string;
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export interface LocalizedName {
  zh: string;
  original: string;
}

export interface MediaImage {
  url: string;
  width: number;
  height: number;
}

export interface ArtistRef {
  id: string;
  name: LocalizedName;
  lifespan: string;
}

export interface Artist extends ArtistRef {
  bio: string;
  count: number;
}

export interface ArtworkAudio {
  url: string;
  duration: number;
  bytes: number;
  format: string;
  language: 'zh-CN';
  narrator: string;
}

export interface TranscriptCue {
  start: number;
  end: number;
  text: string;
}

export interface ReplayMoment {
  replayId: string;
  start: number;
  title: string;
}

export interface ArtworkLocation {
  venue: string;
  floor: string;
  room: string;
}

/** One row of `artworks list`: what the collection page renders, nothing more. */
export interface ArtworkSummary {
  id: string;
  number: string;
  title: LocalizedName;
  artistName: LocalizedName;
  year: string;
  thumbnail: MediaImage;
  /** Seconds of narration, or null while the work has no audio guide yet. */
  audioDuration: number | null;
}

/** A place the record's facts were checked against. */
export interface ArtworkSource {
  title: string;
  url: string;
}

export interface Artwork {
  id: string;
  number: string;
  title: LocalizedName;
  artist: ArtistRef;
  year: string;
  medium: string;
  dimensions: string;
  /** The museum's inventory number, or null while it is not confirmed. */
  inventoryNumber: string | null;
  sources: ArtworkSource[];
  location: ArtworkLocation;
  image: MediaImage;
  thumbnail: MediaImage;
  description: string;
  /** Null until a narration track exists for the work. */
  audio: ArtworkAudio | null;
  transcript: TranscriptCue[];
  replayMoments: ReplayMoment[];
  /** Facts that could not be confirmed from public sources, field → note (Chinese). */
  unverified: Record<string, string>;
  published: boolean;
  updatedAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
}

export interface ArtworkListEvent {
  action: 'list';
  artist?: string;
  floor?: string;
  q?: string;
  cursor?: string;
  limit?: number;
  /** Also answer the artists with their counts, so a cold start needs a single call. */
  withArtists?: boolean;
}

/** `list` answers a page; with `withArtists: true` it also carries the artist filter's data. */
export interface ArtworkListPage extends Page<ArtworkSummary> {
  artists?: Artist[];
}

export interface ArtworkGetEvent {
  action: 'get';
  id: string;
}

export interface ArtworkByNumberEvent {
  action: 'byNumber';
  number: string;
  /** The exhibition whose label carries the number; without it, the first current exhibition. */
  exhibitionId?: string;
}

export interface ArtistsEvent {
  action: 'artists';
}

export interface ReplayChapter {
  /** Seconds from the start of the video, ascending. */
  start: number;
  title: string;
  /** Artworks on screen during this chapter. */
  artworkIds: string[];
}

/** Free, or paid once (price in fen, 分) for the right to watch. */
export type Access = { paid: false } | { paid: true; price: number };

/** One row of `replays list`. */
export interface ReplaySummary {
  id: string;
  title: string;
  /** Day of the livestream, YYYY-MM-DD. */
  date: string;
  /** Length of the livestream itself, in seconds. */
  duration: number;
  guide: string;
  /** Viewers of the livestream (at least this many). */
  viewers: number;
  cover: MediaImage;
  access: Access;
  /** Said on the card: a record made up to show a feature (e.g. the paid flow), not a real tour. */
  example?: string;
}

export interface ReplayVideo {
  /** Playable link; it stops working at expiresAt. */
  url: string;
  /** `mp4` a file; `hls` an .m3u8 playlist (a replay fetched from the live platform). */
  format: 'mp4' | 'hls';
  expiresAt: number;
  /** Seconds of this video file (a demo stand-in may be shorter than the livestream). */
  duration: number;
  width: number;
  height: number;
  /** True when the file is a stand-in, not footage of the livestream. */
  demo: boolean;
  note: string;
}

export interface ChapterArtwork {
  id: string;
  title: LocalizedName;
  artistName: LocalizedName;
  thumbnail: MediaImage;
}

export interface Replay extends ReplaySummary {
  summary: string;
  highlights: string[];
  video: ReplayVideo;
  chapters: ReplayChapter[];
  /** The artworks named by the chapters, so the strip needs no further call. */
  artworks: ChapterArtwork[];
  published: boolean;
  updatedAt: string;
}

export type ReplayListPage = Page<ReplaySummary>;

export interface ReplayListEvent {
  action: 'list';
  cursor?: string;
  limit?: number;
}

export interface ReplayGetEvent {
  action: 'get';
  id: string;
}

/** `current`, `upcoming` or `past`, by the day in Asia/Shanghai when the answer is made. */
export type ExhibitionStatus = 'current' | 'upcoming' | 'past';

/** One row of `exhibitions list`: where the works can be seen. */
export interface ExhibitionSummary {
  id: string;
  title: string;
  venue: string;
  city: string;
  /** YYYY-MM-DD, first and last day. */
  startDate: string;
  endDate: string;
  status: ExhibitionStatus;
  cover: MediaImage;
  workCount: number;
}

/** A work on the exhibition's walls: its label number there, and where it hangs. */
export interface ExhibitionWork {
  number: string;
  artworkId: string;
  floor?: string;
  room?: string;
}

export interface Tour {
  id: string;
  title: string;
  description: string;
  /** Artwork ids in walking order. */
  stops: string[];
  /** Seconds: the stops' narrations together. */
  duration: number;
}

/** The floor plan: an image and a pin per work, in the image's pixels. */
export interface ExhibitionMap {
  image: string;
  width: number;
  height: number;
  pins: Array<{ artworkId: string; x: number; y: number }>;
}

export interface Exhibition extends ExhibitionSummary {
  description: string;
  /** Said on the exhibition's page: e.g. that the exhibition was made up for the demo. */
  notice?: string;
  works: ExhibitionWork[];
  tours: Tour[];
  map?: ExhibitionMap;
}

export type PackFileKind = 'audio' | 'image' | 'data';

/** One file of an offline pack: `bytes` and `sha256` (hex) are those of what `url` serves. */
export interface PackFile {
  url: string;
  bytes: number;
  sha256: string;
  kind: PackFileKind;
}

/** What a visit of one exhibition needs with no network; `version` changes with any file. */
export interface ExhibitionPack {
  id: string;
  version: string;
  totalBytes: number;
  files: PackFile[];
}

export interface ExhibitionPackEvent {
  action: 'pack';
  id: string;
}

export interface ExhibitionListEvent {
  action: 'list';
}

export interface ExhibitionGetEvent {
  action: 'get';
  id: string;
}

/** `upcoming`, `live` or `ended`, by the clock when the answer is made. */
export type LiveStatus = 'upcoming' | 'live' | 'ended';

/** A WeChat Channels (视频号) account that streams the live, and the live's feed once known. */
export interface ChannelsLive {
  finderUserName: string;
  feedId?: string;
}

/** One row of `lives list`: a live tour for remote followers. */
export interface Live {
  id: string;
  title: string;
  /** ISO 8601 with its offset, e.g. 2027-03-14T20:00:00+08:00. */
  startsAt: string;
  durationMinutes: number;
  status: LiveStatus;
  host: string;
  cover: MediaImage;
  channels?: ChannelsLive;
  /** The replay this live became, once there is one. */
  replayId?: string;
  /** Beyond the contract's fields: what it costs, a short description, the Channels name shown. */
  access: Access;
  summary: string;
  channelsName?: string;
  /** The mini program live room (小程序直播) it streams in, when not on Channels. */
  liveRoomId?: number;
  /** Said on the card when the record is made up to show the feature (e.g. a 2027 example). */
  example?: string;
}

export interface LiveListEvent {
  action: 'list';
}

/** Asks for a one-off reminder before the live starts (after wx.requestSubscribeMessage). */
export interface LiveRemindEvent {
  action: 'remind';
  id: string;
}

/** What can be bought: the right to watch a paid live (and the replay it becomes) or a replay. */
export type PurchaseKind = 'live' | 'replay';

export interface PaymentOfferEvent {
  action: 'offer';
  kind: PurchaseKind;
  id: string;
}

/** What the purchase sheet shows; `owned` when the caller already has the right. */
export interface PaymentOffer {
  kind: PurchaseKind;
  id: string;
  title: string;
  price: number;
  owned: boolean;
  /** True on the local host: payment goes through the development flow, not WeChat Pay. */
  development: boolean;
}

export interface PaymentOrderEvent {
  action: 'order';
  kind: PurchaseKind;
  id: string;
}

/** The fields wx.requestPayment takes, as CloudBase's cloudPay.unifiedOrder answers them. */
export interface WxPaymentParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'MD5' | 'HMAC-SHA256' | 'RSA';
  paySign: string;
}

/**
 * An order: on CloudBase `payment` is passed to wx.requestPayment; on the local host `payment` is
 * null and the development flow (`devPay`) stands in for WeChat Pay.
 */
export interface PaymentOrder {
  orderId: string;
  price: number;
  payment: WxPaymentParams | null;
  development: boolean;
}

/** Development flow only (the local host): pays an order without a merchant account. */
export interface PaymentDevPayEvent {
  action: 'devPay';
  orderId: string;
}

/** One narration a visitor listened to (made on the phone, sent when it ends or is left). */
export interface ListenedEvent {
  /** Made by the client, unique: the same event sent twice counts once. */
  id: string;
  artworkId: string;
  exhibitionId?: string;
  /** Seconds actually listened, and the furthest position reached; 0 ≤ both ≤ duration + 5. */
  seconds: number;
  furthest: number;
  finished: boolean;
  /** When it was listened to, ISO 8601. */
  at: string;
}

export interface StatsListenedEvent {
  action: 'listened';
  events: ListenedEvent[];
}

export interface ListenedAnswer {
  accepted: number;
  duplicates: number;
  rejected: Array<{ id: string; reason: string }>;
}

export interface StatsSummaryEvent {
  action: 'summary';
  /** YYYY-MM-DD, inclusive, days in Asia/Shanghai. */
  from: string;
  to: string;
}

/** One work's listening over the days asked for. */
export interface WorkListening {
  artworkId: string;
  plays: number;
  finishes: number;
  seconds: number;
  /** dropoff[i]: events whose furthest position fell in the i-th 5-second slice. */
  dropoff: number[];
}

export interface StatsSummary {
  works: WorkListening[];
}

/** The caller's favourites; who the caller is comes from WeChat, never from the event. */
export interface VisitorFavoritesEvent {
  action: 'favorites';
}

/** Adds (`on: true`) or removes a favourite; either way idempotent. */
export interface VisitorFavoriteEvent {
  action: 'favorite';
  artworkId: string;
  on: boolean;
}

/** Artwork ids, newest favourite first (at most 500). */
export interface Favorites {
  items: string[];
}

/** One action of a function: the event it takes and the `data` of its `ok` envelope. */
interface Contract<E extends { action: string }, A> {
  event: E;
  answer: A;
}

/** Every cloud function and action the mini program calls, written once for both sides. */
export interface FunctionContracts {
  artworks: {
    list: Contract<ArtworkListEvent, ArtworkListPage>;
    get: Contract<ArtworkGetEvent, Artwork>;
    byNumber: Contract<ArtworkByNumberEvent, Artwork>;
    artists: Contract<ArtistsEvent, Artist[]>;
  };
  replays: {
    list: Contract<ReplayListEvent, ReplayListPage>;
    get: Contract<ReplayGetEvent, Replay>;
  };
  exhibitions: {
    list: Contract<ExhibitionListEvent, { items: ExhibitionSummary[] }>;
    get: Contract<ExhibitionGetEvent, Exhibition>;
    pack: Contract<ExhibitionPackEvent, ExhibitionPack>;
  };
  visitors: {
    favorites: Contract<VisitorFavoritesEvent, Favorites>;
    favorite: Contract<VisitorFavoriteEvent, Favorites>;
  };
  lives: {
    list: Contract<LiveListEvent, { items: Live[] }>;
    remind: Contract<LiveRemindEvent, { reminded: true }>;
  };
  stats: {
    listened: Contract<StatsListenedEvent, ListenedAnswer>;
    summary: Contract<StatsSummaryEvent, StatsSummary>;
  };
  payments: {
    offer: Contract<PaymentOfferEvent, PaymentOffer>;
    order: Contract<PaymentOrderEvent, PaymentOrder>;
    devPay: Contract<PaymentDevPayEvent, { granted: true }>;
  };
}

export type FunctionName = keyof FunctionContracts;

export type ActionOf<N extends FunctionName> = keyof FunctionContracts[N] & string;

/** The event of one action; of any action of the function when `A` is left out. */
export type EventOf<N extends FunctionName, A extends ActionOf<N> = ActionOf<N>> =
  FunctionContracts[N][A] extends Contract<infer E, unknown> ? E : never;

/** What the `ok` envelope's `data` holds for that action (a union over actions when left out). */
export type AnswerOf<N extends FunctionName, A extends ActionOf<N> = ActionOf<N>> =
  FunctionContracts[N][A] extends Contract<{ action: string }, infer R> ? R : never;

export type ArtworksEvent = EventOf<'artworks'>;
export type ReplaysEvent = EventOf<'replays'>;
export type VisitorsEvent = EventOf<'visitors'>;
