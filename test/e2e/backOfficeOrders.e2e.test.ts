import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  openBackOffice,
  openScreen,
  signInToBackOffice,
  staffAccount,
  TABLET_VIEWPORT,
  UI_TIMEOUT_MS,
} from './support/backOffice';
import { useChromium } from './support/browser';
import { chosenAddress, saveAddress } from './support/checkout';
import {
  adjustBalance,
  call,
  completeDevelopmentPayment,
  memberAccount,
  payByProvider,
  payFromBalance,
  placeOrder,
} from './support/hubApi';
import { sidewaysOverflow } from './support/pageFit';
import { freshPhone, logInByPhone, nodeStorefront, until } from './support/sdkShopper';
import { LIVE_WITHIN_MS } from './support/wait';
import { SEEDED_OWNER, useWranglerDev } from './support/wranglerDev';

const screenshot = (name: string) => fileURLToPath(new URL(`../../docs/back-office-${name}.png`, import.meta.url));
/** Seeded in `schema/seed.sql`. */
const EMMA = { memberId: 'mem_demo_emma', phone: '13800138000' };
const FORMULA_SKU = 'sku_demo_formula';
const TEE_SKU = 'sku_demo_tee_m';

const dev = useWranglerDev<{ destroy(): void }>();
const chromium = useChromium();

/** A shopper's storefront on `channel` (the SDK, on Node), signed in with a fresh phone. */
const shopperOn = async (channel: 'app' | 'h5') => {
  const phone = freshPhone();
  const shop = await nodeStorefront(dev.hub.httpUrl, channel);
  dev.track({ destroy: () => shop.close() });
  await logInByPhone(shop, phone);
  const session = shop.auth.session.get();
  if (!session) throw new Error('the shopper did not sign in');
  return { shop, phone, token: session.token, memberId: session.memberId };
};

/** A figure of the dashboard's "Today by channel" table, as the page shows it. */
const figure = async (page: Page, channel: string, name: 'orders' | 'gmv' | 'online') =>
  (await page.locator(`#today-by-channel tr[data-channel="${channel}"] [data-figure="${name}"]`).textContent()) ?? '';
const fenOf = (yuanText: string) => Math.round(Number(yuanText.replace(/[^\d.]/g, '')) * 100);

/** Orders of one shopper, express to the address they picked, paid from a balance topped up for them. */
const paidOrders = async (shopper: { token: string; memberId: string }, skuId: string, count: number) => {
  const address = await saveAddress(dev.hub, shopper.token, chosenAddress);
  await adjustBalance(dev.hub, shopper.memberId, 100_000);
  const orders = [];
  for (let i = 0; i < count; i++) {
    const order = await placeOrder(dev.hub, shopper.token, {
      items: [{ skuId, qty: 1 }],
      delivery: { kind: 'express', addressId: address.id },
    });
    orders.push(await payFromBalance(dev.hub, shopper.token, order.id));
  }
  return { orders, addressId: address.id };
};

describe("the back office's dashboard, orders and members in Chromium", () => {
  it("shows today's orders and GMV of a channel change on the open dashboard, without a reload, when a shopper pays", async () => {
    const shopper = await shopperOn('app');
    const page = await openBackOffice(chromium, dev.hub, '/admin');
    await signInToBackOffice(page, SEEDED_OWNER);
    await page.locator('#today-by-channel').waitFor({ timeout: UI_TIMEOUT_MS });
    await expect.poll(() => page.locator('#dashboard-live').textContent(), { timeout: UI_TIMEOUT_MS }).toBe('Live');
    await page.evaluate(() => {
      (window as unknown as { stayed: boolean }).stayed = true;
    });
    const ordersBefore = Number(await figure(page, 'app', 'orders'));
    const gmvBefore = fenOf(await figure(page, 'app', 'gmv'));
    // The shopper's storefront holds their cart and account open: one shopper online on the App.
    await expect.poll(async () => Number(await figure(page, 'app', 'online')), { timeout: UI_TIMEOUT_MS }).toBe(1);

    const order = await placeOrder(dev.hub, shopper.token, { items: [{ skuId: FORMULA_SKU, qty: 2 }] });
    await expect.poll(() => figure(page, 'app', 'orders'), { timeout: LIVE_WITHIN_MS }).toBe(String(ordersBefore + 1));
    const payment = await payByProvider(dev.hub, shopper.token, order.id);
    await completeDevelopmentPayment(dev.hub, payment.payment.id);
    await expect
      .poll(async () => fenOf(await figure(page, 'app', 'gmv')), { timeout: LIVE_WITHIN_MS })
      .toBe(gmvBefore + order.payable);
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    await page.screenshot({ path: screenshot('dashboard'), fullPage: true });
  });

  it('lets customer service find a paid order by filter, ship it with a waybill the shopper sees live, and batch-ship with each outcome on its row', async () => {
    const shopper = await shopperOn('h5');
    const { orders, addressId } = await paidOrders(shopper, TEE_SKU, 3);
    const [first, second, third] = orders.map((o) => o.id);
    if (!first || !second || !third) throw new Error('three orders were placed');
    const unpaid = await placeOrder(dev.hub, shopper.token, {
      items: [{ skuId: TEE_SKU, qty: 1 }],
      delivery: { kind: 'express', addressId },
    });
    const service = await staffAccount(dev.hub, 'customer_service', 'Zhou Service');
    const page = await openBackOffice(chromium, dev.hub, '/admin');
    await signInToBackOffice(page, service);
    await openScreen(page, 'Orders');

    const filters = page.locator('#order-filters');
    await filters.locator('[name=q]').fill(shopper.phone);
    await filters.locator('[name=status]').selectOption('paid');
    await filters.locator('[name=channel]').selectOption('h5');
    await filters.locator('button[type=submit]').click();
    await expect.poll(() => page.url()).toContain('status=paid');
    const rows = page.locator('#order-list tbody tr');
    await expect
      .poll(() => rows.evaluateAll((all) => all.map((row) => row.getAttribute('data-order'))), {
        timeout: UI_TIMEOUT_MS,
      })
      .toEqual([third, second, first]);
    // The address keeps the filter: a reload shows the same orders.
    await page.reload();
    await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT_MS }).toBe(3);
    expect(await filters.locator('[name=status]').inputValue()).toBe('paid');

    await page.locator(`[data-order="${first}"] a.order-id`).click();
    await expect.poll(() => page.url()).toContain(`/admin/orders/${first}`);
    const ship = page.locator('#ship-order');
    await ship.locator('[name=deliveryId]').selectOption('SF');
    await ship.locator('button[type=submit]').click();
    // Express needs a waybill: the hub's 400 is shown under that field, the carrier left as chosen.
    await ship.locator('[data-field="waybillId"] .notice').waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await ship.locator('[name=deliveryId]').inputValue()).toBe('SF');
    const waybill = `SF${Date.now()}`;
    await ship.locator('[name=waybillId]').fill(waybill);
    await ship.locator('button[type=submit]').click();
    await expect.poll(() => page.locator('#order-status').textContent(), { timeout: UI_TIMEOUT_MS }).toBe('Shipped');
    expect(await page.locator('#order-shipments .waybill').textContent()).toBe(waybill);
    await until(
      shopper.shop.orders,
      (list) => list.some((o) => o.orderId === first && o.shipments[0]?.waybill === waybill),
      "the waybill in the shopper's storefront",
    );
    await page.screenshot({ path: screenshot('order'), fullPage: true });

    // The batch: two paid orders and one unpaid, each with its waybill.
    await page.goto(`${dev.hub.httpUrl}/admin/orders?q=${encodeURIComponent(shopper.phone)}`);
    for (const orderId of [second, third, unpaid.id]) {
      const row = page.locator(`[data-order="${orderId}"]`);
      await row.locator('input[type=checkbox]').check({ timeout: UI_TIMEOUT_MS });
      await row.locator('[name=waybill]').fill(`YTO${orderId.slice(-8)}`);
    }
    await page.locator('#batch-ship select').selectOption('YTO');
    await page.locator('#batch-ship button').click();
    const outcome = (orderId: string) => page.locator(`[data-order="${orderId}"] .batch-outcome`);
    for (const orderId of [second, third]) {
      await expect
        .poll(() => outcome(orderId).getAttribute('data-outcome'), { timeout: UI_TIMEOUT_MS })
        .toBe('shipped');
    }
    expect(await outcome(unpaid.id).getAttribute('data-outcome')).toBe('failed');
    const again = await call<{ results: Array<{ error?: { message: string } }> }>(
      dev.hub,
      'POST',
      '/api/admin/orders/ship',
      200,
      { admin: true, body: { orders: [{ orderId: unpaid.id, deliveryId: 'YTO', waybillId: 'YTO1' }] } },
    );
    expect(await outcome(unpaid.id).locator('small').textContent()).toBe(again.results[0]?.error?.message);
    await page.screenshot({ path: screenshot('orders'), fullPage: true });
  });

  it('refuses customer service a balance adjustment in place, and lets finance adjust points with a reason the ledger shows', async () => {
    const before = (await memberAccount(dev.hub, EMMA.memberId)).assets;
    const service = await staffAccount(dev.hub, 'customer_service', 'Zhou Service');
    const finance = await staffAccount(dev.hub, 'finance', 'Qian Finance');
    const page = await openBackOffice(chromium, dev.hub, '/admin');
    await signInToBackOffice(page, service);
    await openScreen(page, 'Members');
    await page.locator('#member-search [name=q]').fill(EMMA.phone);
    await page.locator('#member-search button').click();
    await page.locator(`[data-member="${EMMA.memberId}"] a`).click();
    const adjust = page.locator('#adjust-assets');
    await adjust.locator('[name=ledger]').selectOption('balance');
    await adjust.locator('[name=delta]').fill('50');
    await adjust.locator('[name=reason]').fill('Goodwill for a late parcel');
    await adjust.locator('button[type=submit]').click();
    await expect
      .poll(() => adjust.locator('.action-notice').getAttribute('data-status'), { timeout: UI_TIMEOUT_MS })
      .toBe('403');
    expect(await adjust.locator('.action-notice').textContent()).toContain('Your role may not do this');
    expect(await adjust.locator('[name=delta]').inputValue()).toBe('50');
    expect((await memberAccount(dev.hub, EMMA.memberId)).assets.balance).toBe(before.balance);

    await page.locator('#logout').click();
    await signInToBackOffice(page, finance);
    await page.locator('#adjust-assets').waitFor({ timeout: UI_TIMEOUT_MS });
    await adjust.locator('[name=delta]').fill('0');
    await adjust.locator('[name=reason]').fill('Birthday gift');
    await adjust.locator('button[type=submit]').click();
    // A zero amount: the hub's 400 under the amount, the reason still as typed.
    await adjust.locator('[data-field="delta"] .notice').waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await adjust.locator('[name=reason]').inputValue()).toBe('Birthday gift');
    await adjust.locator('[name=delta]').fill('120');
    await adjust.locator('button[type=submit]').click();
    const newest = page.locator('#ledger[data-ledger="points"] tbody tr').first();
    await expect.poll(() => newest.locator('.reason').textContent(), { timeout: UI_TIMEOUT_MS }).toBe('Birthday gift');
    expect(await newest.locator('td.number').textContent()).toBe('+120');
    await expect
      .poll(() => page.locator('[data-asset="points"] dd').textContent(), { timeout: UI_TIMEOUT_MS })
      .toBe(String(before.points + 120));
    expect((await memberAccount(dev.hub, EMMA.memberId)).assets.points).toBe(before.points + 120);
    await page.screenshot({ path: screenshot('member'), fullPage: true });
  });

  it('fits the orders list on a tablet held landscape, with no sideways scroll, and shows a refused date range under its field', async () => {
    const page = await openBackOffice(chromium, dev.hub, '/admin/orders', TABLET_VIEWPORT);
    await signInToBackOffice(page, SEEDED_OWNER);
    await expect
      .poll(() => page.locator('#order-list tbody tr').count(), { timeout: UI_TIMEOUT_MS })
      .toBeGreaterThan(0);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshot('orders-tablet'), fullPage: true });

    // The address restores the filters: a range ending before it starts is the hub's 400 on "Placed to".
    await page.goto(`${dev.hub.httpUrl}/admin/orders?from=2026-12-02&to=2026-12-01`);
    await page.locator('#order-filters [data-field="to"] .notice').waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await page.locator('#order-filters [name=from]').inputValue()).toBe('2026-12-02');
  });
});
