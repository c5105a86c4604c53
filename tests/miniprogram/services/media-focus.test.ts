import {
  pauseBackgroundAudio,
  pauseVideos,
  registerVideo,
} from '../../../miniprogram/services/media-focus';
import { fakeWx } from '../support/fake-wx';

describe('media focus', () => {
  it('pauses background audio only when it is playing', () => {
    expect(pauseBackgroundAudio()).toBe(false);
    expect(fakeWx().backgroundAudio.pause).not.toHaveBeenCalled();

    fakeWx().backgroundAudio.paused = false;
    expect(pauseBackgroundAudio()).toBe(true);
    expect(fakeWx().backgroundAudio.pause).toHaveBeenCalledTimes(1);
  });

  it('pauses the registered videos for the audio engine until they unregister', () => {
    const first = jest.fn();
    const second = jest.fn(() => {
      throw new Error('the page is going away');
    });
    const releaseFirst = registerVideo(first);
    const releaseSecond = registerVideo(second);

    expect(() => pauseVideos()).not.toThrow();
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(1);

    releaseFirst();
    releaseSecond();
    pauseVideos();
    expect(first).toHaveBeenCalledTimes(1);
  });
});
