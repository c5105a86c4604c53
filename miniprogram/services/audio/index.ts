import { isLocalFile } from '../packs';
import { createBackgroundAudioEngine } from './background-engine';
import type { AudioEngine } from './engine';
import { createInnerAudioEngine } from './inner-engine';
import { withLocalFallback } from './local-fallback';

export type { AudioEngine, AudioTrack, EngineEvent, EngineListener } from './engine';
export { createBackgroundAudioEngine } from './background-engine';
export { createInnerAudioEngine } from './inner-engine';
export { withLocalFallback } from './local-fallback';

/**
 * The one place that chooses how narration plays. Background audio, because a visitor walks
 * between works with the phone locked in a pocket: it keeps playing there, shows the work on the
 * lock screen and answers its buttons. createInnerAudioEngine() is the drop-in alternative for a
 * build without `requiredBackgroundModes` (sound then stops when the app is hidden), and the
 * fallback for an offline pack's files when the background manager refuses local paths.
 */
export function createAudioEngine(): AudioEngine {
  return withLocalFallback(createBackgroundAudioEngine(), createInnerAudioEngine, isLocalFile);
}
