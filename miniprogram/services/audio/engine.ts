// The audio engine: what the player store asks of the platform's audio, whichever API plays it.
// Implementations translate their platform's callbacks into these events and nothing more; the
// player store decides what each one means for the visitor.

import { pauseVideos } from '../media-focus';

/** What the system's player shows (lock screen, control centre) and what it plays. */
export interface AudioTrack {
  /** The artwork the narration belongs to. */
  id: string;
  src: string;
  /** The artwork's title. */
  title: string;
  /** The artist, shown as the "singer" line. */
  artist: string;
  /** A small image of the work (its thumbnail). */
  cover: string;
}

export type EngineEvent =
  | {
      type:
        | 'canplay'
        | 'play'
        | 'pause'
        | 'stop'
        | 'ended'
        | 'waiting'
        | 'next'
        | 'prev'
        | 'interruptionBegin'
        | 'interruptionEnd';
    }
  | { type: 'timeUpdate'; position: number; duration: number }
  /** The engine in use changed: the lock screen's controls do (or no longer) reach the app. */
  | { type: 'controls'; systemControls: boolean }
  | { type: 'error'; code: number; message: string };

export type EngineListener = (event: EngineEvent) => void;

export interface AudioEngine {
  /** Loads a track and starts it at `startAt` seconds, at `rate`. */
  open(track: AudioTrack, startAt: number, rate: number): void;
  play(): void;
  pause(): void;
  /** Stops and releases the track (the system player's card goes away). */
  stop(): void;
  seek(seconds: number): void;
  setRate(rate: number): void;
  /** Seconds into the track, as the platform reports it now. */
  currentTime(): number;
  /** Whether the system offers next/previous buttons that reach `next`/`prev` events. */
  readonly systemControls: boolean;
  /** The single listener (the player store); a later call replaces it. */
  listen(listener: EngineListener): void;
}

/** The platform's error codes (the same for both audio APIs), in the visitor's words. */
export const AUDIO_ERROR_MESSAGES: Record<number, string> = {
  10001: '系统出了点问题，暂时无法播放',
  10002: '网络不太稳定，音频没能加载',
  10003: '音频文件有误，暂时无法播放',
  10004: '这段音频的格式无法播放',
};

export const AUDIO_ERROR_FALLBACK = '音频暂时无法播放';

export function audioErrorMessage(code: number | undefined): string {
  return (code !== undefined && AUDIO_ERROR_MESSAGES[code]) || AUDIO_ERROR_FALLBACK;
}

/**
 * Audio interruptions (a phone call, another app's sound) are app-wide events; both engines
 * forward them, registered once per engine.
 */
export function listenForInterruptions(emit: EngineListener): void {
  wx.onAudioInterruptionBegin(() => emit({ type: 'interruptionBegin' }));
  wx.onAudioInterruptionEnd(() => emit({ type: 'interruptionEnd' }));
}

/** What the background audio manager and an inner audio context have in common. */
export interface PlatformAudio {
  currentTime: number;
  duration: number;
  playbackRate: number;
  play(): void;
  pause(): void;
  stop(): void;
  seek(position: number): void;
  onCanplay(callback: () => void): void;
  onPlay(callback: () => void): void;
  onPause(callback: () => void): void;
  onStop(callback: () => void): void;
  onEnded(callback: () => void): void;
  onWaiting(callback: () => void): void;
  onTimeUpdate(callback: () => void): void;
}

/** The playback events both platforms report alike, as engine events. */
export function forwardPlaybackEvents(player: PlatformAudio, emit: EngineListener): void {
  player.onCanplay(() => emit({ type: 'canplay' }));
  player.onPlay(() => emit({ type: 'play' }));
  player.onPause(() => emit({ type: 'pause' }));
  player.onStop(() => emit({ type: 'stop' }));
  player.onEnded(() => emit({ type: 'ended' }));
  player.onWaiting(() => emit({ type: 'waiting' }));
  player.onTimeUpdate(() =>
    emit({
      type: 'timeUpdate',
      position: player.currentTime || 0,
      duration: player.duration || 0,
    }),
  );
}

/**
 * The transport controls, the same over either platform: `audio` creates the player on first use,
 * `existing` answers it only if it was already created.
 */
export function transportControls(
  audio: () => PlatformAudio,
  existing: () => PlatformAudio | null,
): Pick<AudioEngine, 'play' | 'pause' | 'stop' | 'seek' | 'setRate' | 'currentTime'> {
  return {
    play() {
      pauseVideos();
      audio().play();
    },
    pause() {
      audio().pause();
    },
    stop() {
      audio().stop();
    },
    seek(seconds: number) {
      audio().seek(Math.max(0, seconds));
    },
    setRate(rate: number) {
      audio().playbackRate = rate;
    },
    currentTime() {
      return existing()?.currentTime || 0;
    },
  };
}
