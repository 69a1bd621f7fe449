import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ShopProfile } from '../../workers/emulator/seed/profiles';
import { control, EMULATOR_BASE, emulator, newShop } from '../support/emulator';

/** Raw calls, to see exactly what the emulated API answers. */
const call = (method: string, path: string, body?: string) =>
  emulator().fetch(`${EMULATOR_BASE}${path}`, { method, body });

let shop: ShopProfile;
let token: string;

beforeAll(async () => {
  shop = await newShop({ products: 30, orders: 20 });
  const answer = await call(
    'GET',
    `/cgi-bin/token?grant_type=client_credential&appid=${shop.appid}&secret=${shop.secret}`,
  );
  token = ((await answer.json()) as { access_token: string }).access_token;
});

describe('Mini-Shop emulator: the wire', () => {
  it('answers GET on a business path with 43002 (HTTP 200), as the real API does', async () => {
    const answer = await call('GET', `/product/spu/get_list?access_token=${token}`);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({
      errcode: 43002,
      errmsg: expect.stringMatching(/^require POST method rid: /),
    });
  });

  it('answers 41001 without a token and 40001 for a token it never issued', async () => {
    const body = JSON.stringify({ page: 1, page_size: 10 });
    expect(await (await call('POST', '/product/spu/get_list', body)).json()).toMatchObject({ errcode: 41001 });
    const forged = await call('POST', `/product/spu/get_list?access_token=forged.${shop.appid}`, body);
    expect(await forged.json()).toMatchObject({ errcode: 40001 });
  });

  it('writes ids above 2^53 as bare JSON numbers', async () => {
    const answer = await call('POST', `/product/spu/get_list?access_token=${token}`, '{"page":1,"page_size":5}');
    const text = await answer.text();
    expect(text).toMatch(/"product_id":9007199254740993[,}]/);
    expect(text).not.toMatch(/"product_id":"/);
  });

  it('takes ids above 2^53 as bare numbers in requests', async () => {
    const answer = await call('POST', `/product/sku/get_list?access_token=${token}`, '{"product_id":9007199254740993}');
    expect(await answer.text()).toMatch(/"sku_id":90071992547409931[,}]/);
  });

  it('enforces the page_size cap and answers 47001 for a body that is not JSON', async () => {
    const big = await call('POST', `/product/spu/get_list?access_token=${token}`, '{"page":1,"page_size":101}');
    expect(await big.json()).toMatchObject({ errcode: 9401020 });
    const bad = await call('POST', `/product/order/get?access_token=${token}`, '{"order_id":');
    expect(await bad.json()).toMatchObject({ errcode: 47001 });
  });

  it('answers an empty order list when both time pairs are sent', async () => {
    const both = {
      start_create_time: '2026-01-01 00:00:00',
      end_create_time: '2027-01-01 00:00:00',
      start_update_time: '2026-01-01 00:00:00',
      end_update_time: '2027-01-01 00:00:00',
      page: 1,
      page_size: 10,
    };
    const answer = await call('POST', `/product/order/get_list?access_token=${token}`, JSON.stringify(both));
    expect(await answer.json()).toMatchObject({ errcode: 0, orders: [], total_num: 0 });
  });

  it('keeps its control route behind its own secret', async () => {
    const answer = await emulator().fetch(`${EMULATOR_BASE}/__control/shops/${shop.appid}/tokens/expire`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${env.ADMIN_TOKEN}` },
    });
    expect(answer.status).toBe(401);
    expect((await control('GET', `/shops/${shop.appid}`)).status).toBe(200);
  });

  it('adds a product through the control route, served by the API afterwards', async () => {
    const added = await control('POST', `/shops/${shop.appid}/products`, {
      title: 'New notebook',
      skus: [{ price: 1200, stock: 5 }],
    });
    const { product_id } = (await added.json()) as { product_id: string };
    expect(BigInt(product_id)).toBeGreaterThan(2n ** 53n);
    const answer = await call('POST', `/product/spu/get?access_token=${token}`, `{"product_id":${product_id}}`);
    expect(await answer.text()).toContain(`"product_id":${product_id},"title":"New notebook"`);
  });
});
