import { beforeAll, describe, expect, it } from 'vitest';
import { generateShop, SEED_START } from '../../workers/emulator/seed/generateShop';
import type { ShopProfile } from '../../workers/emulator/seed/profiles';
import { allPages } from '../../workers/minishop/api/paging';
import { fromBeijingTime } from '../../workers/minishop/beijingTime';
import { clientFor, collect, newShop } from '../support/emulator';

const DAY = 86_400_000;
let shop: ShopProfile;
let seed: ReturnType<typeof generateShop>;

beforeAll(async () => {
  shop = await newShop({ products: 60, orders: 1_200, seed: 11 });
  seed = generateShop(shop);
});

describe('Mini-Shop client: orders', () => {
  it('lists the orders updated in a window, across pages, oldest update first', async () => {
    const { client, log } = clientFor(shop, { pageSizes: { orders: 50 } });
    const from = SEED_START + 10 * DAY;
    const to = SEED_START + 25 * DAY;
    const orders = await collect(allPages((cursor) => client.ordersUpdatedPage(from, to, cursor)));

    const expected = seed.orders.filter((o) => {
      const updated = fromBeijingTime(o.update_time);
      return updated >= from && updated <= to;
    });
    expect(expected.length).toBeGreaterThan(150);
    expect(orders.map((o) => o.orderId).sort()).toEqual(expected.map((o) => o.order_id).sort());
    expect(orders.map((o) => o.updatedAt)).toEqual([...orders.map((o) => o.updatedAt)].sort((a, b) => a - b));
    expect(log.count('/product/order/get_list')).toBe(Math.ceil(expected.length / 50));
  });

  it('covers every status, the three delivery kinds and open and finished after-sales', async () => {
    const { client } = clientFor(shop, { pageSizes: { orders: 500 } });
    const orders = await collect(
      allPages((cursor) => client.ordersUpdatedPage(SEED_START, SEED_START + 70 * DAY, cursor)),
    );
    expect(orders).toHaveLength(seed.orders.length);
    expect(new Set(orders.map((o) => o.sourceStatus))).toEqual(new Set([10, 20, 30, 100, 200, 250]));
    expect(new Set(orders.map((o) => o.deliveryKind))).toEqual(new Set(['express', 'same_city', 'pickup']));
    expect(orders.some((o) => o.openAfterSales > 0 && o.items.some((i) => i.openAfterSale > 0))).toBe(true);
    expect(orders.some((o) => o.openAfterSales === 0 && o.items.some((i) => i.finishedAfterSale > 0))).toBe(true);
    expect(orders.every((o) => BigInt(o.orderId) > 2n ** 53n)).toBe(true);
  });

  it('gets one order by its id above 2^53, exactly', async () => {
    const { client } = clientFor(shop);
    const wire = seed.orders.find((o) => o.status === 30 && o.order_detail.delivery_info.delivery_method === '快递');
    if (!wire) throw new Error('the seed has no shipped express order');
    const order = await client.getOrder(wire.order_id);
    expect(order.orderId).toBe(wire.order_id);
    expect(order).toMatchObject({ status: 'shipped', deliveryKind: 'express' });
    expect(order.parcels[0]?.deliveryId).toBe('SF');
    expect(order.items.map((i) => i.skuId)).toEqual(wire.order_detail.product_infos.map((p) => p.sku_id));
  });
});
