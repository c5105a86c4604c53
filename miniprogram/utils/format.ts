/** 200 → "3分20秒"; narration lengths are minutes, never hours. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !(seconds > 0)) return '';
  const total = Math.round(seconds);
  const minutes = Math.floor(total / 60);
  const rest = total % 60;
  if (minutes === 0) return `${rest}秒`;
  return rest === 0 ? `${minutes}分钟` : `${minutes}分${rest}秒`;
}

/** Height in rpx that keeps an image's own aspect at the given width. */
export function heightFor(image: { width: number; height: number }, widthRpx: number): number {
  if (!(image.width > 0) || !(image.height > 0)) return widthRpx;
  return Math.round((widthRpx * image.height) / image.width);
}

/** 7200 → "2小时", 5400 → "1小时30分", 1500 → "25分钟": the length of a livestream at a glance. */
export function formatLength(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !(seconds > 0)) return '';
  const minutes = Math.round(seconds / 60);
  if (minutes === 0) return `${Math.round(seconds)}秒`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest}分钟`;
  return rest === 0 ? `${hours}小时` : `${hours}小时${rest}分`;
}

/** 95 → "01:35", 3725 → "1:02:05": a position in a video, as players show it. */
export function formatClock(seconds: number | null | undefined): string {
  const total = seconds !== null && seconds !== undefined && seconds > 0 ? Math.floor(seconds) : 0;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  const mmss = `${pad2(minutes)}:${pad2(rest)}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}

/** 10000 → "1万+", 12600 → "1.2万+", 860 → "860": counts are "at least", so large ones round down. */
export function formatViewers(count: number | null | undefined): string {
  if (count === null || count === undefined || !(count > 0)) return '';
  if (count >= 1e8) return `${Math.floor(count / 1e7) / 10}亿+`;
  if (count >= 1e4) return `${Math.floor(count / 1e3) / 10}万+`;
  return String(Math.floor(count));
}

/** "2020-12-14" → "2020年12月14日"; anything else is shown as written. */
export function formatDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  if (!match) return date;
  return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`;
}

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/** A floor as visitors say it: "5" → "5 层"; a named floor ("B1", "夹层") stays as it is. */
export function floorLabel(floor: string): string {
  const trimmed = floor.trim();
  return /^-?\d+$/.test(trimmed) ? `${trimmed} 层` : trimmed;
}

/** floor "5", room "第 3 展厅" → "5 层 · 第 3 展厅"; a room that already names its floor stands alone. */
export function formatPlace(floor: string, room: string): string {
  const label = floorLabel(floor);
  const compact = (text: string) => text.replace(/\s+/g, '');
  if (room && label && compact(room).includes(compact(label))) return room;
  return [label, room].filter(Boolean).join(' · ');
}

/** 990 fen → "¥9.90". */
export function formatPrice(fen: number): string {
  return `¥${(fen / 100).toFixed(2)}`;
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** An instant as a visitor in China reads it: "2027年3月20日 周六 20:00" (Beijing time). */
export function formatStart(iso: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  const local = new Date(at + SHANGHAI_OFFSET_MS);
  const clock = `${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}`;
  return `${local.getUTCFullYear()}年${local.getUTCMonth() + 1}月${local.getUTCDate()}日 周${WEEKDAYS[local.getUTCDay()]} ${clock}`;
}

/** Time left before a start: "还有 115 天", "还有 3 小时 12 分", "还有 8 分钟", "即将开始". */
export function formatCountdown(startMs: number, nowMs: number): string {
  const minutes = Math.floor((startMs - nowMs) / 60_000);
  if (minutes < 1) return '即将开始';
  if (minutes < 60) return `还有 ${minutes} 分钟`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48)
    return minutes % 60 ? `还有 ${hours} 小时 ${minutes % 60} 分` : `还有 ${hours} 小时`;
  return `还有 ${Math.floor(hours / 24)} 天`;
}
