import { describe, expect, it } from 'vitest';
import { MiniShopApiError } from '../../workers/minishop/api/errors';
import { clientFor, control, injectFault, newShop } from '../support/emulator';

const STORE_INFO = '/product/store/get_info';

describe('Mini-Shop client: access tokens', () => {
  it('fetches one token and reuses it across calls', async () => {
    const shop = await newShop({ products: 5, orders: 5 });
    const { client, log } = clientFor(shop);
    await client.shopInfo();
    await client.freightTemplates();
    await client.shopInfo();
    expect(log.count('/cgi-bin/token')).toBe(1);
  });

  it.each([
    ['expired (42001)', '/tokens/expire'],
    ['revoked (40001)', '/tokens/revoke'],
  ])('replaces a token the API says is %s once, then the call succeeds', async (_, route) => {
    const shop = await newShop({ products: 5, orders: 5 });
    const { client, log } = clientFor(shop);
    await client.shopInfo();
    expect((await control('POST', `/shops/${shop.appid}${route}`)).status).toBe(204);
    expect(await client.shopInfo()).toEqual(expect.objectContaining({ name: shop.name }));
    expect(log.calls).toEqual([
      'GET /cgi-bin/token',
      `POST ${STORE_INFO}`,
      `POST ${STORE_INFO}`,
      'GET /cgi-bin/token',
      `POST ${STORE_INFO}`,
    ]);
  });

  it('refreshes only once: a token rejected again is reported', async () => {
    const shop = await newShop({ products: 5, orders: 5 });
    await injectFault(shop.appid, { path: STORE_INFO, errcode: 40001, count: 5 });
    const { client, log } = clientFor(shop);
    await expect(client.shopInfo()).rejects.toMatchObject({ errcode: 40001 });
    expect(log.count('/cgi-bin/token')).toBe(2);
    expect(log.count(STORE_INFO)).toBe(2);
  });

  it('renews a token before its expires_in runs out, without a rejected call', async () => {
    const shop = await newShop({ products: 5, orders: 5 });
    let now = Date.now();
    const { client, log } = clientFor(shop, { now: () => now });
    await client.shopInfo();
    now += 7_200_000 - 60_000;
    await client.shopInfo();
    expect(log.calls).toEqual(['GET /cgi-bin/token', `POST ${STORE_INFO}`, 'GET /cgi-bin/token', `POST ${STORE_INFO}`]);
  });

  it('reports wrong credentials as the API error', async () => {
    const shop = await newShop({ products: 5, orders: 5 });
    const { client } = clientFor({ ...shop, secret: 'not-the-secret' });
    const error = await client.shopInfo().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MiniShopApiError);
    expect(error).toMatchObject({ errcode: 40125, path: '/cgi-bin/token' });
  });
});
