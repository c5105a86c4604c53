import type { ExhibitionStatus } from '../../miniprogram/types/api';
import type { ExhibitionDoc } from './catalogue';

/** The day in Asia/Shanghai (UTC+8 all year, no daylight saving) at `now`, as YYYY-MM-DD. */
export function shanghaiDay(now: number): string {
  return new Date(now + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

export function statusOn(doc: Pick<ExhibitionDoc, 'startDate' | 'endDate'>, day: string) {
  const status: ExhibitionStatus =
    day < doc.startDate ? 'upcoming' : day > doc.endDate ? 'past' : 'current';
  return status;
}

const RANK: Record<ExhibitionStatus, number> = { current: 0, upcoming: 1, past: 2 };

/**
 * Current ones first (the earliest opened first), then upcoming (soonest first), then past (the
 * latest to close first); ties by id, so the order never depends on the database.
 */
export function inVisitOrder<T extends ExhibitionDoc>(docs: T[], day: string): T[] {
  const key = (doc: T) => {
    const status = statusOn(doc, day);
    const date = status === 'past' ? invert(doc.endDate) : doc.startDate;
    return `${RANK[status]}:${date}:${doc.id}`;
  };
  return [...docs].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** A date whose string order is the reverse of the original's. */
function invert(date: string): string {
  return String(99999999 - Number(date.replace(/-/g, ''))).padStart(8, '0');
}
