import { describe, expect, it } from 'vitest';
import {
  MiniShopApiError,
  MiniShopQuotaExhaustedError,
  MiniShopUnavailableError,
} from '../../workers/minishop/api/errors';
import { clientFor, injectFault, newShop } from '../support/emulator';

const STORE_INFO = '/product/store/get_info';

describe('Mini-Shop client: faults', () => {
  it.each([
    ['system busy (-1)', { errcode: -1 }],
    ['the minute quota (45011)', { errcode: 45011 }],
    ['the Mini-Shop frequency limit (300000)', { errcode: 300000 }],
    ['HTTP 502', { httpStatus: 502 }],
  ])('recovers from %s with backoff and jitter', async (_, fault) => {
    const shop = await newShop({ products: 5, orders: 5 });
    await injectFault(shop.appid, { path: STORE_INFO, count: 3, ...fault });
    const { client, log, delays } = clientFor(shop);
    expect(await client.shopInfo()).toEqual(expect.objectContaining({ name: shop.name }));
    expect(log.count(STORE_INFO)).toBe(4);
    // Full jitter below a doubling cap: 500, 1000, 2000 ms with random() just under 1.
    expect(delays).toEqual([499, 999, 1998]);
  });

  it('reports the daily quota (45009) as a typed error at once, without retrying', async () => {
    const shop = await newShop({ products: 5, orders: 5 });
    await injectFault(shop.appid, { path: STORE_INFO, errcode: 45009, count: 5 });
    const { client, log, delays } = clientFor(shop);
    const error = await client.shopInfo().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MiniShopQuotaExhaustedError);
    expect(error).toMatchObject({ errcode: 45009, path: STORE_INFO });
    expect(log.count(STORE_INFO)).toBe(1);
    expect(delays).toEqual([]);
  });

  it('gives up on an outage after its attempts, with a typed error', async () => {
    const shop = await newShop({ products: 5, orders: 5 });
    await injectFault(shop.appid, { path: '*', httpStatus: 503, count: 1_000 });
    const { client, log } = clientFor(shop);
    const error = await client.shopInfo().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MiniShopUnavailableError);
    expect(error).toMatchObject({ httpStatus: 503, path: '/cgi-bin/token' });
    expect(log.count('/cgi-bin/token')).toBe(4);
  });

  it('does not retry an error that is not transient', async () => {
    const shop = await newShop({ products: 5, orders: 5 });
    await injectFault(shop.appid, { path: STORE_INFO, errcode: 48001, count: 1 });
    const { client, log } = clientFor(shop);
    await expect(client.shopInfo()).rejects.toBeInstanceOf(MiniShopApiError);
    expect(log.count(STORE_INFO)).toBe(1);
  });
});
