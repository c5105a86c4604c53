import { readCache, removeCache, writeCache } from '../../../miniprogram/services/cache';
import { fakeWx } from '../support/fake-wx';

describe('cache', () => {
  it('round-trips a value under a versioned key', () => {
    writeCache('collection.firstPage', { items: [1, 2] });

    expect(readCache('collection.firstPage')).toEqual({ items: [1, 2] });
    expect([...fakeWx().storage.keys()]).toEqual(['pompidou:v1:collection.firstPage']);

    removeCache('collection.firstPage');
    expect(readCache('collection.firstPage')).toBeUndefined();
  });

  it('ignores entries of another shape and storage failures', () => {
    fakeWx().storage.set('pompidou:v1:odd', 'not an entry');
    expect(readCache('odd')).toBeUndefined();

    fakeWx().api.setStorageSync.mockImplementationOnce(() => {
      throw new Error('setStorageSync:fail exceed storage max size');
    });
    expect(() => writeCache('big', 'x')).not.toThrow();
  });
});
