import { describe, expect, it } from 'vitest';
import type { Dashboard } from '../shared/api/dashboard';
import { ORDER_TTL_MS } from '../workers/orders/placeOrder';
import { EXPIRING_WITHIN_MS, LOW_STOCK_AT } from '../workers/orders/records/dashboardFigures';
import { holdClock } from './support/heldClock';
import { adminRead, createProduct, firstSku } from './support/hub';
import { freshPhone, phoneLogin } from './support/members';
import { flushOutbox, placedOrder, shipOrder } from './support/orders';
import { paidInFull } from './support/payments';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CHINA_OFFSET = 8 * HOUR;

/** A China-time midnight `days` ahead of `now`, where no other test placed anything, and its date. */
const quietChinaDay = (now: number, days: number) => {
  const midnight = Math.ceil((now + CHINA_OFFSET) / DAY) * DAY - CHINA_OFFSET + days * DAY;
  return { midnight, date: new Date(midnight + CHINA_OFFSET).toISOString().slice(0, 10) };
};

const dashboard = () => adminRead<Dashboard>('/api/admin/dashboard');
const hours = (marks: Record<number, number>) => Array.from({ length: 24 }, (_, hour) => marks[hour] ?? 0);

describe("the back office's dashboard", () => {
  it("counts today's orders, GMV and paying shoppers per channel by the China-time day; yesterday's are left out", async () => {
    const clock = holdClock();
    const sku = await firstSku();
    const { midnight, date } = quietChinaDay(clock.now(), 40);
    const at = (time: number) => clock.move(time - clock.now());
    const one = { items: [{ skuId: sku.skuId, qty: 1 }] };

    at(midnight - 1);
    const h5Shopper = await phoneLogin(freshPhone(), 'h5');
    const miniPayer = await phoneLogin(freshPhone(), 'mini');
    const miniBrowser = await phoneLogin(freshPhone(), 'mini');
    await paidInFull(h5Shopper, await placedOrder(h5Shopper.token, one));
    at(midnight + HOUR + 5 * 60_000);
    const h5Paid = await paidInFull(h5Shopper, await placedOrder(h5Shopper.token, one));
    at(midnight + 2 * HOUR);
    await placedOrder(miniBrowser.token, one);
    const miniFirst = await paidInFull(miniPayer, await placedOrder(miniPayer.token, one));
    const miniSecond = await paidInFull(
      miniPayer,
      await placedOrder(miniPayer.token, { items: [{ skuId: sku.skuId, qty: 2 }] }),
    );
    at(midnight + 23 * HOUR);

    const figures = await dashboard();
    expect(figures.day).toBe(date);
    expect(figures.channels).toEqual({
      pc: { orders: 0, gmv: 0, payingShoppers: 0 },
      h5: { orders: 1, gmv: h5Paid.payable, payingShoppers: 1 },
      mini: { orders: 3, gmv: miniFirst.payable + miniSecond.payable, payingShoppers: 1 },
      app: { orders: 0, gmv: 0, payingShoppers: 0 },
    });
    expect(figures.hourly).toEqual({ pc: hours({}), h5: hours({ 1: 1 }), mini: hours({ 2: 3 }), app: hours({}) });

    at(midnight + DAY);
    const nextDay = await dashboard();
    expect(nextDay.channels.mini).toEqual({ orders: 0, gmv: 0, payingShoppers: 0 });
    expect(nextDay.hourly.mini).toEqual(hours({}));
  });

  it('counts paid orders to ship, unpaid orders about to expire and listed SKUs running low', async () => {
    const clock = holdClock();
    const before = (await dashboard()).toDo;
    const shopper = await phoneLogin(freshPhone(), 'app');
    const product = await createProduct(1, 'Last few left');
    const sku = product.skus[0];
    if (!sku) throw new Error('no SKU created');
    const paid = await paidInFull(
      shopper,
      await placedOrder(shopper.token, { items: [{ skuId: sku.skuId, qty: sku.stock - LOW_STOCK_AT }] }),
    );
    await flushOutbox(sku.skuId);
    await placedOrder(shopper.token, { items: [{ skuId: sku.skuId, qty: 1 }] });

    const placed = (await dashboard()).toDo;
    expect(placed).toEqual({ ...before, toShip: before.toShip + 1, lowStock: before.lowStock + 1 });

    clock.move(ORDER_TTL_MS - EXPIRING_WITHIN_MS + 1);
    await shipOrder(paid.id);
    expect((await dashboard()).toDo).toEqual({
      ...placed,
      toShip: before.toShip,
      unpaidExpiring: before.unpaidExpiring + 1,
    });
  });
});
