import { describe, expect, it } from 'vitest';
import type { Channel } from '../../shared/channels';
import { ORDERS_MAP, type OrderSummary } from '../../shared/docs/account';
import { adjustBalance, createSku, payFromBalance, phoneLogin, placeOrder } from './support/hubApi';
import { MemberDevice } from './support/memberDevice';
import { Storefront } from './support/storefront';
import { waitFor } from './support/wait';
import { useWranglerDev } from './support/wranglerDev';

const dev = useWranglerDev<MemberDevice | Storefront>();

describe('one order across the channels, stock y-websocket clients against wrangler dev', () => {
  it('is placed on mini, shows unpaid on h5, is paid on app, and its stock reaches a pc shopper of the SKU', async () => {
    const sku = await createSku(dev.hub, 'Linen shirt', 15_900, 10);
    const phone = `+8613${String(Date.now()).slice(-9)}`;
    const login = (channel: Channel) => phoneLogin(dev.hub, phone, channel);
    const [mini, h5, app] = [await login('mini'), await login('h5'), await login('app')];
    expect(new Set([mini.memberId, h5.memberId, app.memberId]).size).toBe(1);
    await adjustBalance(dev.hub, mini.memberId, 100_000);

    const shelf = dev.track(new Storefront(dev.hub, sku.skuId, 'pc'));
    const h5Account = dev.track(new MemberDevice(dev.hub, `account:${h5.memberId}`, 'h5', h5.token));
    await Promise.all([shelf.synced(), h5Account.synced()]);
    const onH5 = () => h5Account.map<OrderSummary>(ORDERS_MAP);

    const order = await placeOrder(dev.hub, mini.token, { items: [{ skuId: sku.skuId, qty: 2 }] });
    expect(order).toMatchObject({ status: 'unpaid', channel: 'mini', payable: 31_800 });
    await waitFor(() => shelf.sku.get('stock') === 8, 5000, 'the pc shopper to see stock 8');
    await h5Account.shows(() => onH5().get(order.id)?.status === 'unpaid', 'the order unpaid on h5');

    const paid = await payFromBalance(dev.hub, app.token, order.id);
    expect(paid).toMatchObject({ id: order.id, status: 'paid' });
    await h5Account.shows(() => onH5().get(order.id)?.status === 'paid', 'the order paid on h5');
    expect(shelf.sku.get('stock')).toBe(8);
    for (const client of dev.opened) expect(client.denials).toEqual([]);
  });
});
