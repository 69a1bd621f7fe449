import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ACTIVITY_MAP, type ActivityMonitor } from '../shared/docs/monitor';
import { monitorRoomOf } from '../workers/monitor/roomFeed';
import { clock } from '../workers/platform/clock';
import { accountClient } from './support/account';
import { firstSku } from './support/hub';
import { freshPhone, phoneLogin } from './support/members';
import { channelOf, monitorClient, untilChannel } from './support/monitor';
import { placedOrder, shipOrder } from './support/orders';
import { paidInFull } from './support/payments';
import { RoomClient } from './support/roomClient';
import { boundShop, migrate } from './support/shopsync';

describe('the monitor room, for the dashboard', () => {
  it('counts a shopper once on a channel however many of their rooms and tabs are open', async () => {
    const monitor = await monitorClient();
    await untilChannel(monitor, 'app', () => true, 'an entry');
    const before = channelOf(monitor, 'app') ?? { connected: 0, shoppers: 0 };
    const sku = await firstSku();
    const shopper = await phoneLogin(freshPhone(), 'app');
    const sockets = [
      await accountClient(shopper, 'app'),
      await accountClient(shopper, 'app'),
      await RoomClient.connect(`member:${shopper.memberId}`, 'app', shopper.token),
      await RoomClient.connect(`sku:${sku.skuId}`, 'app'),
    ];
    await untilChannel(
      monitor,
      'app',
      (e) => e.connected === before.connected + 4 && e.shoppers === before.shoppers + 1,
      'four more sockets, one more shopper',
    );
    for (const socket of sockets) socket.close();
    await untilChannel(monitor, 'app', (e) => e.shoppers === before.shoppers, 'the shopper gone');
    monitor.close();
  });

  it('tells its watchers each time an order is placed, paid and shipped', async () => {
    const monitor = await monitorClient();
    const changedAt = () => (monitor.doc.getMap(ACTIVITY_MAP).toJSON() as ActivityMonitor).ordersChangedAt ?? 0;
    const sku = await firstSku();
    const shopper = await phoneLogin(freshPhone(), 'pc');
    const untilChangedAfter = (at: number, what: string) => monitor.until(() => changedAt() > at, what);

    let seen = changedAt();
    const placed = await placedOrder(shopper.token, { items: [{ skuId: sku.skuId, qty: 1 }] });
    await untilChangedAfter(seen, 'placed');
    seen = changedAt();
    await paidInFull(shopper, placed);
    await untilChangedAfter(seen, 'paid');
    seen = changedAt();
    await shipOrder(placed.id);
    await untilChangedAfter(seen, 'shipped');
    monitor.close();
  });

  it('shows a burst of order changes to its watchers as one change, not one per order', async () => {
    const monitor = await monitorClient();
    const activity = monitor.doc.getMap(ACTIVITY_MAP);
    let changes = 0;
    activity.observe((event) => {
      if (event.keysChanged.has('ordersChangedAt')) changes += 1;
    });
    const flushes = Array.from({ length: 50 }, () => monitorRoomOf(env).ordersChanged(clock.now()));
    await Promise.all(flushes);
    // A later change after the burst: once it shows, everything before it has reached this socket.
    const last = clock.now() + 60_000;
    await monitorRoomOf(env).ordersChanged(last);
    await monitor.until(() => (activity.toJSON() as ActivityMonitor).ordersChangedAt === last, 'the last change');
    expect(changes).toBeGreaterThanOrEqual(1);
    expect(changes).toBeLessThanOrEqual(3);
    monitor.close();
  });

  it('tells its watchers when a Mini-Shop migration brings orders in', async () => {
    const shop = await boundShop({ products: 10, orders: 20, seed: 29 });
    const monitor = await monitorClient();
    const changedAt = () => (monitor.doc.getMap(ACTIVITY_MAP).toJSON() as ActivityMonitor).ordersChangedAt ?? 0;
    const seen = changedAt();
    const view = await migrate(shop.appid);
    expect(view.lastMigration?.orders).toBeGreaterThan(0);
    await monitor.until(() => changedAt() > seen, 'the imported orders');
    monitor.close();
  });
});
