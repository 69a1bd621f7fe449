import { beforeAll, describe, expect, it } from 'vitest';
import { PLATFORM_CATEGORIES } from '../../workers/emulator/seed/platformCategories';
import type { ShopProfile } from '../../workers/emulator/seed/profiles';
import { MiniShopApiError } from '../../workers/minishop/api/errors';
import { clientFor, control, EMULATOR_BASE, emulator, injectFault, newShop } from '../support/emulator';

const CATEGORY_GET = '/product/category/get';

const childrenIn = (parentId: string) =>
  PLATFORM_CATEGORIES.filter((c) => c.f_cat_id === parentId).map((c) => ({
    categoryId: c.cat_id,
    parentId: parentId === '0' ? null : parentId,
    name: c.name,
  }));

let shop: ShopProfile;
beforeAll(async () => {
  shop = await newShop({ products: 4, orders: 2 });
});

describe('Mini-Shop client: the platform categories', () => {
  it('names the top level and each parent’s children, and a bottom-level category has none', async () => {
    const { client } = clientFor(shop);
    expect(await client.subcategories(null)).toEqual(childrenIn('0'));
    expect(await client.subcategories('1000')).toEqual(childrenIn('1000'));
    expect(await client.subcategories('1101')).toEqual(childrenIn('1101'));
    expect(await client.subcategories('1200')).toEqual([]);
  });

  it('reports a parent the platform does not have as the API’s invalid parameter (9401020)', async () => {
    const { client, log } = clientFor(shop);
    const failure = await client.subcategories('424242').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MiniShopApiError);
    expect(failure).toMatchObject({ errcode: 9401020 });
    expect(log.count(CATEGORY_GET)).toBe(1);
  });

  it('recovers from the frequency limit (300000) with backoff', async () => {
    const limited = await newShop({ products: 2, orders: 1 });
    await injectFault(limited.appid, { path: CATEGORY_GET, errcode: 300000, count: 2 });
    const { client, log, delays } = clientFor(limited);
    expect(await client.subcategories(null)).toEqual(childrenIn('0'));
    expect(log.count(CATEGORY_GET)).toBe(3);
    expect(delays).toHaveLength(2);
  });

  it('takes a new token when the old one has expired', async () => {
    const expiring = await newShop({ products: 2, orders: 1 });
    const { client, log } = clientFor(expiring);
    await client.subcategories(null);
    expect((await control('POST', `/shops/${expiring.appid}/tokens/expire`)).status).toBe(204);
    expect(await client.subcategories('1000')).toEqual(childrenIn('1000'));
    expect(log.count('/cgi-bin/token')).toBe(2);
  });
});

describe('Mini-Shop emulator: the category API on the wire', () => {
  const call = (path: string, body?: string) => emulator().fetch(`${EMULATOR_BASE}${path}`, { method: 'POST', body });
  let token: string;
  beforeAll(async () => {
    const answer = await emulator().fetch(
      `${EMULATOR_BASE}/cgi-bin/token?grant_type=client_credential&appid=${shop.appid}&secret=${shop.secret}`,
    );
    token = ((await answer.json()) as { access_token: string }).access_token;
  });

  it('writes category ids as bare JSON numbers, as the documented reply does', async () => {
    const text = await (await call(`${CATEGORY_GET}?access_token=${token}`, '{"f_cat_id":1000}')).text();
    expect(text).toMatch(/"cat_id":1100,"f_cat_id":1000,"name":"书写工具"/);
  });

  it('answers 9401020 without an f_cat_id, 41001 without a token, 40001 for a token it never issued', async () => {
    expect(await (await call(`${CATEGORY_GET}?access_token=${token}`, '{}')).json()).toMatchObject({
      errcode: 9401020,
    });
    expect(await (await call(CATEGORY_GET, '{"f_cat_id":0}')).json()).toMatchObject({ errcode: 41001 });
    const forged = await call(`${CATEGORY_GET}?access_token=forged.${shop.appid}`, '{"f_cat_id":0}');
    expect(await forged.json()).toMatchObject({ errcode: 40001 });
  });
});
