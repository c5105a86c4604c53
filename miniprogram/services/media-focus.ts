// Video and background audio never play at once. A page with a video registers how to pause it
// while the page is shown; whichever medium starts asks this service to silence the other.

type Pause = () => void;

const videos = new Set<Pause>();

/** Registers a video's pause while its page is shown; call the returned function on hide. */
export function registerVideo(pause: Pause): () => void {
  const entry: Pause = () => pause();
  videos.add(entry);
  return () => {
    videos.delete(entry);
  };
}

/** For the audio engine, before background audio starts: pauses every registered video. */
export function pauseVideos(): void {
  for (const pause of [...videos]) {
    try {
      pause();
    } catch {
      // A video whose page is going away must not stop the audio from starting.
    }
  }
}

/** For a video that starts playing: pauses the background audio if it is playing. */
export function pauseBackgroundAudio(): boolean {
  const manager = wx.getBackgroundAudioManager();
  // `paused` is undefined on some versions before any audio was set: only a definite false counts.
  if (manager.paused !== false) return false;
  manager.pause();
  return true;
}
