import { createBackgroundAudioEngine } from './background-engine';
import type { AudioEngine } from './engine';

export type { AudioEngine, AudioTrack, EngineEvent, EngineListener } from './engine';
export { createBackgroundAudioEngine } from './background-engine';
export { createInnerAudioEngine } from './inner-engine';

/**
 * The one place that chooses how narration plays. Background audio, because a visitor walks
 * between works with the phone locked in a pocket: it keeps playing there, shows the work on the
 * lock screen and answers its buttons. createInnerAudioEngine() is the drop-in alternative for a
 * build without `requiredBackgroundModes` (sound then stops when the app is hidden).
 */
export function createAudioEngine(): AudioEngine {
  return createBackgroundAudioEngine();
}
