import {
  BackendError,
  createBackendClient,
  ERROR_MESSAGES,
  TIMEOUT_MESSAGE,
} from '../../../miniprogram/services/backend';
import { createArtworksService } from '../../../miniprogram/services/artworks';
import type { ErrorCode } from '../../../miniprogram/types/api';
import { artworksHost, failure, ok } from '../support/fake-host';
import { fakeWx } from '../support/fake-wx';

const local = { cloudEnv: '', localBaseUrl: 'http://127.0.0.1:3000/', timeoutMs: 10_000 };
const cloud = { ...local, cloudEnv: 'pompidou-test-1a2b' };

async function caught(promise: Promise<unknown>): Promise<BackendError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BackendError) return error;
    throw error;
  }
  throw new Error('expected a BackendError');
}

describe('backend client', () => {
  it('posts the event to the local host and unwraps the envelope', async () => {
    fakeWx().host = artworksHost();
    const client = createBackendClient(local);

    const page = await client.callFunction('artworks', { action: 'list', limit: 1 });

    expect(page).toEqual(expect.objectContaining({ total: 3, nextCursor: '1' }));
    expect(fakeWx().requests).toEqual([
      {
        url: 'http://127.0.0.1:3000/api/artworks',
        method: 'POST',
        functionName: 'artworks',
        event: { action: 'list', limit: 1 },
        timeout: 10_000,
      },
    ]);
    expect(fakeWx().api.cloud.callFunction).not.toHaveBeenCalled();
  });

  it('calls wx.cloud.callFunction in the configured environment when cloudEnv is set', async () => {
    fakeWx().host = artworksHost();
    const service = createArtworksService(createBackendClient(cloud));

    const artwork = await service.byNumber('201');

    expect(artwork.id).toBe('a-la-russie');
    expect(fakeWx().api.cloud.init).toHaveBeenCalledWith(
      expect.objectContaining({ env: 'pompidou-test-1a2b' }),
    );
    expect(fakeWx().api.cloud.callFunction).toHaveBeenCalledWith({
      name: 'artworks',
      data: { action: 'byNumber', number: '201' },
      config: { env: 'pompidou-test-1a2b' },
    });
    expect(fakeWx().api.request).not.toHaveBeenCalled();
  });

  const codes: ErrorCode[] = [
    'INVALID_ARGUMENT',
    'NOT_FOUND',
    'PERMISSION_DENIED',
    'UNAVAILABLE',
    'INTERNAL',
  ];

  it.each(codes)('maps %s to its code and Chinese message, over HTTP and cloud', async (code) => {
    fakeWx().host = () => failure(code, 'id 必须是非空字符串');

    for (const options of [local, cloud]) {
      const error = await caught(createBackendClient(options).callFunction('artworks', {}));
      expect(error.code).toBe(code);
      expect(error.message).toBe(ERROR_MESSAGES[code]);
      expect(error.detail).toBe('id 必须是非空字符串');
    }
    expect(new Set(codes.map((each) => ERROR_MESSAGES[each])).size).toBe(codes.length);
  });

  it('treats a dropped connection and a timeout as UNAVAILABLE with their own messages', async () => {
    fakeWx().networkError = 'request:fail net::ERR_CONNECTION_REFUSED';
    const refused = await caught(createBackendClient(local).callFunction('artworks', {}));
    expect(refused.code).toBe('UNAVAILABLE');
    expect(refused.message).toBe(ERROR_MESSAGES.UNAVAILABLE);

    fakeWx().networkError = 'request:fail timeout';
    const slow = await caught(createBackendClient(local).callFunction('artworks', {}));
    expect(slow.code).toBe('UNAVAILABLE');
    expect(slow.message).toBe(TIMEOUT_MESSAGE);

    fakeWx().networkError = 'cloud.callFunction:fail -501000';
    const cloudDown = await caught(createBackendClient(cloud).callFunction('artworks', {}));
    expect(cloudDown.code).toBe('UNAVAILABLE');
  });

  it('gives up on a cloud call that never answers', async () => {
    fakeWx().host = () => new Promise(() => undefined);
    const error = await caught(
      createBackendClient({ ...cloud, timeoutMs: 20 }).callFunction('artworks', {}),
    );
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toBe(TIMEOUT_MESSAGE);
  });

  it('does not trust an answer that is not an envelope', async () => {
    fakeWx().host = () => ({ statusCode: 502, data: '<html>Bad Gateway</html>' });
    expect((await caught(createBackendClient(local).callFunction('artworks', {}))).code).toBe(
      'UNAVAILABLE',
    );

    fakeWx().host = () => ({ statusCode: 200, data: { items: [] } });
    expect((await caught(createBackendClient(local).callFunction('artworks', {}))).code).toBe(
      'INTERNAL',
    );
  });

  it('leaves empty filters out of list events', async () => {
    fakeWx().host = () => ok({ items: [], nextCursor: null, total: 0 });
    await createArtworksService(createBackendClient(local)).list({
      artist: '',
      q: '  毕加索 ',
      limit: 20,
    });
    expect(fakeWx().requests[0].event).toEqual({ action: 'list', q: '毕加索', limit: 20 });
  });
});
