import { createBackendClient } from '../../../miniprogram/services/backend';
import { createVisitorsService } from '../../../miniprogram/services/visitors';
import { caught, CLOUD as cloud, LOCAL as local } from '../support/clients';
import { fakeWx } from '../support/fake-wx';
import { realHost } from '../support/real-host';

const STORED_ID = 'pompidou:v1:development.openid';

/** The headers of each wx.request the app made. */
function sentHeaders(): Array<Record<string, string>> {
  const calls = fakeWx().api.request.mock.calls as Array<[{ header?: Record<string, string> }]>;
  return calls.map(([options]) => options.header ?? {});
}

describe('visitors service', () => {
  it('sends a development id, made once and kept in storage, as X-WX-OPENID over HTTP', async () => {
    const service = createVisitorsService(createBackendClient(local));

    expect(await service.favorite('picasso-guitariste-1910', true)).toEqual({
      items: ['picasso-guitariste-1910'],
    });
    expect(await service.favorite('chagall-a-la-russie-1911', true)).toEqual({
      items: ['chagall-a-la-russie-1911', 'picasso-guitariste-1910'],
    });
    expect(await service.favorites()).toEqual({
      items: ['chagall-a-la-russie-1911', 'picasso-guitariste-1910'],
    });

    const [first, ...rest] = sentHeaders();
    expect(first?.['X-WX-OPENID']).toMatch(/^dev_[a-z0-9]{24}$/);
    expect(rest.map((header) => header['X-WX-OPENID'])).toEqual([
      first?.['X-WX-OPENID'],
      first?.['X-WX-OPENID'],
    ]);
    expect(fakeWx().storage.get(STORED_ID)).toMatchObject({ value: first?.['X-WX-OPENID'] });
    expect(fakeWx().api.setStorageSync).toHaveBeenCalledTimes(1);
    expect(fakeWx().requests.map((request) => request.event)).toEqual([
      { action: 'favorite', artworkId: 'picasso-guitariste-1910', on: true },
      { action: 'favorite', artworkId: 'chagall-a-la-russie-1911', on: true },
      { action: 'favorites' },
    ]);
  });

  it('is whoever the stored id says: another id sees other favourites', async () => {
    const service = createVisitorsService(createBackendClient(local));
    fakeWx().storage.set(STORED_ID, { savedAt: 0, value: 'dev_services_test_one' });
    await service.favorite('picasso-guitariste-1910', true);
    expect(sentHeaders()[0]?.['X-WX-OPENID']).toBe('dev_services_test_one');

    fakeWx().storage.set(STORED_ID, { savedAt: 0, value: 'dev_services_test_two' });
    expect(await service.favorites()).toEqual({ items: [] });
    // A stored value that is no valid id is replaced by a new one.
    fakeWx().storage.set(STORED_ID, { savedAt: 0, value: 'not valid!' });
    await service.favorites();
    expect(sentHeaders()[2]?.['X-WX-OPENID']).toMatch(/^dev_[a-z0-9]{24}$/);
  });

  it('is refused by the host with PERMISSION_DENIED when the header does not arrive', async () => {
    const host = realHost();
    fakeWx().host = (name, event) => host(name, event);
    const error = await caught(createVisitorsService(createBackendClient(local)).favorites());
    expect(error.code).toBe('PERMISSION_DENIED');
    expect(error.detail).toContain('openid');
  });

  it('sends no id of its own to CloudBase, where WeChat names the caller', async () => {
    const service = createVisitorsService(createBackendClient(cloud));
    // The real host stands in for the cloud here, and it is told no identity: hence refused.
    expect((await caught(service.favorite('picasso-guitariste-1910', false))).code).toBe(
      'PERMISSION_DENIED',
    );
    expect(fakeWx().api.cloud.callFunction).toHaveBeenCalledWith({
      name: 'visitors',
      data: { action: 'favorite', artworkId: 'picasso-guitariste-1910', on: false },
      config: { env: 'pompidou-test-1a2b' },
    });
    expect(fakeWx().api.request).not.toHaveBeenCalled();
    expect(fakeWx().storage.has(STORED_ID)).toBe(false);
  });
});
