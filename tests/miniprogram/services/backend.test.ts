import {
  createBackendClient,
  ERROR_MESSAGES,
  TIMEOUT_MESSAGE,
} from '../../../miniprogram/services/backend';
import { createArtworksService } from '../../../miniprogram/services/artworks';
import type { ErrorCode } from '../../../miniprogram/types/api';
import { failure, silentHost } from '../support/fake-host';
import { caught, CLOUD as cloud, LOCAL as local } from '../support/clients';
import { fakeWx } from '../support/fake-wx';

describe('backend client', () => {
  it('posts the event to the local host and unwraps the envelope', async () => {
    const client = createBackendClient(local);

    const page = await client.callFunction('artworks', {
      action: 'list',
      limit: 1,
    });

    expect(page.items.map((item) => item.title.zh)).toEqual(['吉他手']);
    expect(page.total).toBe(13);
    expect(page.nextCursor).toEqual(expect.any(String));
    expect(fakeWx().requests).toEqual([
      {
        url: 'http://127.0.0.1:3000/api/artworks',
        method: 'POST',
        functionName: 'artworks',
        event: { action: 'list', limit: 1 },
        timeout: 10_000,
        answer: expect.objectContaining({ statusCode: 200 }),
      },
    ]);
    expect(fakeWx().api.cloud.callFunction).not.toHaveBeenCalled();
  });

  it('types each answer by function and action, and refuses events outside the contract', async () => {
    const client = createBackendClient(local);

    const artwork = await client.callFunction('artworks', { action: 'byNumber', number: '511' });
    const replays = await client.callFunction('replays', { action: 'list', limit: 1 });
    expect(artwork.artist.name.zh).toBe('马克·夏加尔');
    expect(replays.items.map((replay) => replay.id)).toEqual(['first-livestream-2020']);

    // For the compiler only (npm run typecheck): none of these is ever sent.
    const refused = [
      // @ts-expect-error `replays` has no `byNumber`.
      () => client.callFunction('replays', { action: 'byNumber', number: '511' }),
      // @ts-expect-error `get` needs an `id`.
      () => client.callFunction('artworks', { action: 'get' }),
      // @ts-expect-error `limit` is a number.
      () => client.callFunction('artworks', { action: 'list', limit: '20' }),
      // @ts-expect-error `page` is no field of `list`.
      () => client.callFunction('artworks', { action: 'list', page: 2 }),
    ];
    expect(refused).toHaveLength(4);
    expect(fakeWx().requests).toHaveLength(2);
  });

  it('calls wx.cloud.callFunction in the configured environment when cloudEnv is set', async () => {
    const service = createArtworksService(createBackendClient(cloud));

    const artwork = await service.byNumber('511');

    expect(artwork.id).toBe('chagall-a-la-russie-1911');
    expect(artwork.title.zh).toBe('致俄罗斯、驴子和其他人');
    expect(fakeWx().api.cloud.init).toHaveBeenCalledWith(
      expect.objectContaining({ env: 'pompidou-test-1a2b' }),
    );
    expect(fakeWx().api.cloud.callFunction).toHaveBeenCalledWith({
      name: 'artworks',
      data: { action: 'byNumber', number: '511' },
      config: { env: 'pompidou-test-1a2b' },
    });
    expect(fakeWx().api.request).not.toHaveBeenCalled();
  });

  it.each([
    ['HTTP', local],
    ['cloud', cloud],
  ])(
    'passes on what the real function refuses, over %s, with its sentence as detail',
    async (_name, options) => {
      const client = createBackendClient(options);

      const unknown = await caught(
        client.callFunction('artworks', { action: 'get', id: 'no-such-work' }),
      );
      expect(unknown.code).toBe('NOT_FOUND');
      expect(unknown.message).toBe(ERROR_MESSAGES.NOT_FOUND);
      expect(unknown.detail).toBe('没有找到 id 为 no-such-work 的作品。');

      // A position is not a cursor: only the nextCursor of an answer is.
      const cursor = await caught(client.callFunction('artworks', { action: 'list', cursor: '2' }));
      expect(cursor.code).toBe('INVALID_ARGUMENT');
      expect(cursor.message).toBe(ERROR_MESSAGES.INVALID_ARGUMENT);
      expect(cursor.detail).toBe('参数 cursor 无效：请使用上一页返回的 nextCursor。');
    },
  );

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
      const error = await caught(
        createBackendClient(options).callFunction('artworks', { action: 'artists' }),
      );
      expect(error.code).toBe(code);
      expect(error.message).toBe(ERROR_MESSAGES[code]);
      expect(error.detail).toBe('id 必须是非空字符串');
    }
    expect(new Set(codes.map((each) => ERROR_MESSAGES[each])).size).toBe(codes.length);
  });

  it('treats a dropped connection and a timeout as UNAVAILABLE with their own messages', async () => {
    fakeWx().networkError = 'request:fail net::ERR_CONNECTION_REFUSED';
    const refused = await caught(
      createBackendClient(local).callFunction('artworks', { action: 'artists' }),
    );
    expect(refused.code).toBe('UNAVAILABLE');
    expect(refused.message).not.toBe(TIMEOUT_MESSAGE);

    fakeWx().networkError = 'request:fail timeout';
    const slow = await caught(
      createBackendClient(local).callFunction('artworks', { action: 'artists' }),
    );
    expect(slow.code).toBe('UNAVAILABLE');
    expect(slow.message).toBe(TIMEOUT_MESSAGE);

    fakeWx().networkError = 'cloud.callFunction:fail -501000';
    const cloudDown = await caught(
      createBackendClient(cloud).callFunction('artworks', { action: 'artists' }),
    );
    expect(cloudDown.code).toBe('UNAVAILABLE');
  });

  it('gives up on a cloud call that never answers', async () => {
    fakeWx().host = silentHost;
    const error = await caught(
      createBackendClient({ ...cloud, timeoutMs: 20 }).callFunction('artworks', {
        action: 'artists',
      }),
    );
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toBe(TIMEOUT_MESSAGE);
  });

  it('does not trust an answer that is not an envelope', async () => {
    // A proxy's error page is a failure, never data (services/backend-failures.test.ts says which).
    fakeWx().host = () => ({ statusCode: 502, data: '<html>Bad Gateway</html>' });
    await caught(createBackendClient(local).callFunction('artworks', { action: 'artists' }));

    fakeWx().host = () => ({ statusCode: 200, data: { items: [] } });
    expect(
      (await caught(createBackendClient(local).callFunction('artworks', { action: 'artists' })))
        .code,
    ).toBe('INTERNAL');
  });

  it('leaves empty filters out of list events', async () => {
    const page = await createArtworksService(createBackendClient(local)).list({
      artist: '',
      q: '  毕加索 ',
      limit: 20,
    });
    expect(fakeWx().requests[0]?.event).toEqual({ action: 'list', q: '毕加索', limit: 20 });
    expect(page.items.map((item) => item.number)).toEqual(['501', '502', '503', '504']);
  });
});
