import { describe, expect, it } from 'vitest';
import type { Order } from '../workers/orders/records/orderRecords';
import { holdClock } from './support/heldClock';
import { adminRead, expectBadInput, firstSku } from './support/hub';
import { freshPhone, phoneLogin } from './support/members';
import { placedOrder } from './support/orders';
import { readAllPages } from './support/paging';

const DAY = 86_400_000;
/** China time is UTC+8 all year. */
const CHINA_OFFSET = 8 * 3_600_000;

/** The first China-time midnight after `now`, and that day as `YYYY-MM-DD`. */
const nextChinaDay = (now: number) => {
  const midnight = Math.ceil((now + CHINA_OFFSET) / DAY) * DAY - CHINA_OFFSET;
  return { midnight, date: new Date(midnight + CHINA_OFFSET).toISOString().slice(0, 10) };
};

type ListedOrders = { orders: Order[]; nextCursor: string | null };
const idsOf = async (query: string) =>
  (await adminRead<ListedOrders>(`/api/admin/orders?${query}`)).orders.map((order) => order.id);

describe("the back office's order list", () => {
  it("finds a China-time day's orders, each with its lines: a date runs midnight to midnight in China, not UTC", async () => {
    const clock = holdClock();
    const sku = await firstSku();
    const member = await phoneLogin(freshPhone(), 'h5');
    const { midnight, date } = nextChinaDay(clock.now());
    const placedAt = async (at: number, qty: number) => {
      clock.move(at - clock.now());
      return placedOrder(member.token, { items: [{ skuId: sku.skuId, qty }] });
    };
    const lateTheDayBefore = await placedAt(midnight - 1, 1);
    const atMidnight = await placedAt(midnight, 2);
    const lastMoment = await placedAt(midnight + DAY - 1, 1);
    const nextDay = await placedAt(midnight + DAY, 1);
    const mine = `memberId=${member.memberId}`;

    const day = await adminRead<ListedOrders>(`/api/admin/orders?${mine}&from=${date}&to=${date}`);
    expect(day.orders.map((o) => o.id)).toEqual([lastMoment.id, atMidnight.id]);
    expect(day.orders[1]).toMatchObject({
      createdAt: midnight,
      items: [{ skuId: sku.skuId, title: sku.title, qty: 2, price: sku.price }],
    });
    expect(await idsOf(`${mine}&from=${midnight}&to=${midnight + DAY}`)).toEqual([lastMoment.id, atMidnight.id]);
    const chinaMidnight = encodeURIComponent(`${date}T00:00:00+08:00`);
    expect(await idsOf(`${mine}&from=${chinaMidnight}`)).toEqual([nextDay.id, lastMoment.id, atMidnight.id]);
    expect(await idsOf(`${mine}&to=${date}`)).toEqual([lastMoment.id, atMidnight.id, lateTheDayBefore.id]);
    expect(await idsOf(`${mine}&from=${date}&to=${date}&status=cancelled`)).toEqual([]);
  });

  it("searches by order id, or by the buyer's phone however the operator writes it", async () => {
    const sku = await firstSku();
    const phone = freshPhone();
    const local = phone.slice(3);
    const buyer = await phoneLogin(phone, 'mini');
    const first = await placedOrder(buyer.token, { items: [{ skuId: sku.skuId, qty: 1 }] });
    const second = await placedOrder((await phoneLogin(phone, 'app')).token, { items: [{ skuId: sku.skuId, qty: 1 }] });
    const stranger = await phoneLogin(freshPhone(), 'mini');
    await placedOrder(stranger.token, { items: [{ skuId: sku.skuId, qty: 1 }] });

    for (const written of [
      `+86 ${local.slice(0, 3)} ${local.slice(3, 7)} ${local.slice(7)}`,
      `${local.slice(0, 3)}-${local.slice(3, 7)}-${local.slice(7)}`,
      `0086${local}`,
    ]) {
      const found = await adminRead<ListedOrders>(`/api/admin/orders?q=${encodeURIComponent(written)}`);
      expect({ written, ids: found.orders.map((o) => o.id) }).toEqual({ written, ids: [second.id, first.id] });
      expect(found.orders.every((o) => o.memberId === buyer.memberId && o.items.length === 1)).toBe(true);
    }
    expect(await idsOf(`q=${first.id}`)).toEqual([first.id]);
    expect(await idsOf(`q=${encodeURIComponent(local)}&channel=app`)).toEqual([second.id]);
    expect(await idsOf(`q=${encodeURIComponent(freshPhone())}`)).toEqual([]);
    expect(await idsOf('q=ord_nobody')).toEqual([]);
  });

  it('pages through every order exactly once, orders of the same millisecond and orders arriving meanwhile included', async () => {
    const clock = holdClock();
    const sku = await firstSku();
    const member = await phoneLogin(freshPhone(), 'pc');
    const place = () => placedOrder(member.token, { items: [{ skuId: sku.skuId, qty: 1 }] });
    const placed: Order[] = [];
    for (const step of [0, 0, 0, 1, 0, 5, 0]) {
      clock.move(step);
      placed.push(await place());
    }
    const path = `/api/admin/orders?memberId=${member.memberId}`;
    const before = await idsOf(`memberId=${member.memberId}&limit=100`);
    expect(new Set(before)).toEqual(new Set(placed.map((o) => o.id)));

    let arrived: Order | undefined;
    const { rows, pages, cursors } = await readAllPages<Order>(path, 'orders', 3, async (page) => {
      if (page !== 1) return;
      clock.move(1);
      arrived = await place();
    });
    expect(pages).toBe(3);
    expect(rows.map((o) => o.id)).toEqual(before);
    expect(rows.every((o) => o.items.length === 1)).toBe(true);
    // Newest first: created time, then id, both descending.
    const keys = rows.map((o) => [o.createdAt, o.id] as const);
    expect(keys).toEqual([...keys].sort((a, b) => b[0] - a[0] || (b[1] > a[1] ? 1 : -1)));
    // The cursor says nothing a client could lean on: no order id or time in it.
    for (const cursor of cursors)
      expect(placed.some((o) => cursor.includes(o.id) || cursor.includes(String(o.createdAt)))).toBe(false);
    expect(await idsOf(`memberId=${member.memberId}&limit=1`)).toEqual([arrived?.id]);
  });

  it('refuses a bad range, search or cursor with a 400 naming it', async () => {
    for (const [query, field] of [
      ['from=yesterday', 'from'],
      ['from=2026-02-30', 'from'],
      ['to=2026-13-01', 'to'],
      ['to=2026-12-01T10:00:00', 'to'],
      ['from=-5', 'from'],
      ['from=2026-12-02&to=2026-12-01', 'to'],
      ['from=1764547200000&to=1764547200000', 'to'],
      ['q=', 'q'],
      [`q=${'9'.repeat(65)}`, 'q'],
      ['cursor=bm90IGEgY3Vyc29y', 'cursor'],
      ['cursor=%E2%9C%93', 'cursor'],
    ] as const) {
      await expectBadInput(`/api/admin/orders?${query}`, field);
    }
  });
});
