// What the playback bench measures, shared by its Jest file and `npm run bench:playback`.

/** Seconds of narration each scenario plays; `npm test` plays a shorter stretch than the bench. */
export const BENCH_SECONDS_ENV = 'BENCH_PLAYBACK_SECONDS';
/** Where the bench writes its results (JSON), when set. */
export const BENCH_OUT_ENV = 'BENCH_PLAYBACK_OUT';

export interface ScenarioResult {
  name: string;
  seconds: number;
  calls: number;
  /** Calls over the whole stretch, per second. */
  perSecond: number;
  /** The most calls in any one second of the stretch. */
  busiestSecond: number;
  /** UTF-8 bytes of the largest payload. */
  largestBytes: number;
  largestKeys: string[];
  byComponent: Record<string, number>;
}
