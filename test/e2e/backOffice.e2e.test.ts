import { fileURLToPath } from 'node:url';
import type { Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/channels';
import {
  fillForm,
  openBackOffice,
  openScreen,
  type StaffLogin,
  screenPicture,
  sidewaysOverflow,
  signInToBackOffice,
  staffAccount,
  submitSignIn,
  TABLET_VIEWPORT,
  UI_TIMEOUT_MS,
} from './support/backOffice';
import { useChromium } from './support/browser';
import { call, createSku, getSkuSync, patchSku } from './support/hubApi';
import { useMiniShopEmulator } from './support/miniShopEmulator';
import { Storefront } from './support/storefront';
import { waitFor } from './support/wait';
import { SEEDED_OWNER, useWranglerDev } from './support/wranglerDev';

const screenshot = (name: string) => fileURLToPath(new URL(`../../docs/back-office-${name}.png`, import.meta.url));
const STAFF_SCREENSHOT = screenshot('staff');

// The emulator starts first: the hub is told where its Mini-Shop API listens.
const emulator = useMiniShopEmulator();
const dev = useWranglerDev<{ destroy(): void }>({ vars: emulator.hubVars });
const chromium = useChromium();

/** What this file's edits are searched by in the audit log. */
const SUFFIX = crypto.randomUUID().slice(0, 6);
const COUPON_TITLE = `Winter ${SUFFIX}`;
const TIER_ID = `gold-${SUFFIX}`;
/** The operator who makes the marketing edits, made in the first marketing test. */
let marketer: StaffLogin | undefined;

describe('the back office in Chromium', () => {
  it('lets the owner sign in and create an operator and a customer-service account, refusing a taken login on its field', async () => {
    const page = await openBackOffice(chromium, dev.hub, '/admin/staff');
    await signInToBackOffice(page, SEEDED_OWNER);
    const form = page.locator('#new-staff');
    const create = async (login: string, name: string, role: string, password: string) => {
      await form.locator('[name=login]').fill(login);
      await form.locator('[name=name]').fill(name);
      await form.locator('[name=role]').selectOption(role);
      await form.locator('[name=password]').fill(password);
      await form.locator('button[type=submit]').click();
    };
    const suffix = crypto.randomUUID().slice(0, 6);
    await create(`lin-${suffix}@mallsync.test`, 'Lin Operator', 'operator', 'operator-password-1');
    await page.locator(`[data-staff="lin-${suffix}@mallsync.test"]`).waitFor({ timeout: UI_TIMEOUT_MS });
    await create(`zhou-${suffix}@mallsync.test`, 'Zhou Service', 'customer_service', 'service-password-1');
    const zhou = page.locator(`[data-staff="zhou-${suffix}@mallsync.test"]`);
    await zhou.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await zhou.locator('select').inputValue()).toBe('customer_service');

    // The same login again: the hub's 409 is shown under the login field, and the form keeps what was typed.
    await create(`lin-${suffix}@mallsync.test`, 'Lin Again', 'viewer', 'viewer-password-1');
    const refusal = form.locator('[data-field="login"] .notice');
    await refusal.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await form.locator('[name=name]').inputValue()).toBe('Lin Again');
    await page.screenshot({ path: STAFF_SCREENSHOT, fullPage: true });

    // The new operator signs in and sees only an operator's screens: no Staff.
    const operatorPage = await openBackOffice(chromium, dev.hub, '/admin/staff');
    await signInToBackOffice(operatorPage, { login: `lin-${suffix}@mallsync.test`, password: 'operator-password-1' });
    await operatorPage.locator('h1', { hasText: 'not for your role' }).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await operatorPage.locator('.menu nav a', { hasText: 'Staff' }).count()).toBe(0);
  });

  it('locks an account after five wrong passwords, even for the right one, and says so on the form', async () => {
    const account = await staffAccount(dev.hub, 'viewer', 'Locked Viewer');
    const page = await openBackOffice(chromium, dev.hub, '/admin', TABLET_VIEWPORT);
    for (let attempt = 1; attempt <= 5; attempt++) {
      await submitSignIn(page, { login: account.login, password: `wrong-password-${attempt}` });
      await expect
        .poll(() => page.locator('#login-error').textContent(), { timeout: UI_TIMEOUT_MS })
        .toMatch(attempt < 5 ? /Wrong login or password/ : /locked/);
      await page.locator('#login-error').evaluate((element) => {
        element.textContent = '';
      });
    }
    await submitSignIn(page, account);
    await expect
      .poll(() => page.locator('#login-error').textContent(), { timeout: UI_TIMEOUT_MS })
      .toMatch(/locked; try again in 15 min/);
    expect(await page.locator('#signed-in').count()).toBe(0);
  });

  it('moves between screens without a reload and keeps the session across one', async () => {
    const page = await openBackOffice(chromium, dev.hub, '/admin/staff');
    await signInToBackOffice(page, SEEDED_OWNER);
    await page.evaluate(() => {
      (window as unknown as { marker: boolean }).marker = true;
    });
    await openScreen(page, 'Staff');
    expect(await page.evaluate(() => (window as unknown as { marker?: boolean }).marker)).toBe(true);
    await page.reload();
    await page.locator('#staff-list').waitFor({ timeout: UI_TIMEOUT_MS });
  });
});

describe('the back office screens in Chromium', () => {
  it('lets an operator create a coupon, refusing a percent over 99 under its field, edit and disable it, and define a member tier', async () => {
    marketer = await staffAccount(dev.hub, 'operator', 'Lin Marketing');
    const page = await openBackOffice(chromium, dev.hub, '/admin/marketing');
    await signInToBackOffice(page, marketer);
    const form = page.locator('#new-coupon');
    await fillForm(form, { title: COUPON_TITLE, kind: 'percent', value: '150', minSpend: '99', totalQuantity: '500' });
    await form.locator('button[type=submit]').click();
    await form.locator('[data-field="value"] .notice', { hasText: 'percent off is 1 to 99' }).waitFor({
      timeout: UI_TIMEOUT_MS,
    });
    expect(await form.locator('[name=title]').inputValue()).toBe(COUPON_TITLE);
    expect(await form.locator('[name=value]').inputValue()).toBe('150');

    await fillForm(form, { kind: 'amount', value: '10' });
    await form.locator('button[type=submit]').click();
    const row = page.locator(`[data-coupon="${COUPON_TITLE}"]`);
    await row.locator('[data-status="active"]').waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await row.textContent()).toContain('¥10.00 off over ¥99.00');
    await row.locator('button', { hasText: 'Edit' }).click();
    const edit = page.locator('#edit-coupon');
    await fillForm(edit, { totalQuantity: '800' });
    await edit.locator('button[type=submit]').click();
    await row.locator('td.number', { hasText: '0 / 800' }).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await edit.count()).toBe(0);
    await row.locator('button', { hasText: 'Disable' }).click();
    await row.locator('[data-status="disabled"]').waitFor({ timeout: UI_TIMEOUT_MS });

    await fillForm(page.locator('#new-tier'), { id: TIER_ID, title: 'Gold', minPoints: '5000', pointsPercent: '150' });
    await page.locator('#new-tier button[type=submit]').click();
    await page.locator(`[data-tier="${TIER_ID}"]`, { hasText: '150%' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await screenPicture(page, screenshot('marketing'));
  });

  it('lets a viewer find each of those edits in the audit log, by who and before → after, but not create a coupon', async () => {
    expect(marketer).toBeDefined();
    const viewer = await staffAccount(dev.hub, 'viewer', 'Wu Viewer');
    const page = await openBackOffice(chromium, dev.hub, '/admin/audit');
    await signInToBackOffice(page, viewer);
    await page.locator('#audit-search [name=q]').fill(SUFFIX);
    await page.locator('#audit-search button[type=submit]').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('q'), { timeout: UI_TIMEOUT_MS }).toBe(SUFFIX);

    const entry = (route: string) => page.locator(`#audit-list [data-route="${route}"]`);
    const disabled = entry('POST /api/admin/coupons/:couponId/disable');
    await disabled.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await disabled.locator('.audit-who').textContent()).toBe(marketer?.login);
    expect(await disabled.locator('[data-change="status"] .before').textContent()).toBe('active');
    expect(await disabled.locator('[data-change="status"] .after').textContent()).toBe('disabled');
    const edited = entry('PATCH /api/admin/coupons/:couponId');
    expect(await edited.locator('[data-change="totalQuantity"] .before').textContent()).toBe('500');
    expect(await edited.locator('[data-change="totalQuantity"] .after').textContent()).toBe('800');
    expect(await edited.locator('[data-change="title"]').count()).toBe(0);
    const created = entry('POST /api/admin/coupons').filter({ has: page.locator('[data-status="201"]') });
    expect(await created.locator('[data-change="title"] .after').textContent()).toBe(COUPON_TITLE);
    expect(await created.locator('[data-change="minSpend"] .after').textContent()).toBe('¥99.00');
    const refused = entry('POST /api/admin/coupons').filter({ has: page.locator('[data-status="400"]') });
    expect(await refused.count()).toBe(1);
    expect(await entry('POST /api/admin/tiers').locator('.audit-sent').textContent()).toContain(`id ${TIER_ID}`);
    // Nothing in the audit log is shown as raw JSON.
    expect(await page.locator('#audit-list').textContent()).not.toMatch(/[{}"]/);

    // The search is in the address: a reload shows the same entries.
    await page.reload();
    await disabled.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await page.locator('#audit-search [name=q]').inputValue()).toBe(SUFFIX);
    await screenPicture(page, screenshot('audit'));
    await page.setViewportSize(TABLET_VIEWPORT);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);

    // A viewer may read Marketing and try its form; the hub's 403 is shown beside the button, the form kept.
    await openScreen(page, 'Marketing');
    const form = page.locator('#new-coupon');
    await fillForm(form, { title: `Viewer's ${SUFFIX}`, value: '5' });
    await form.locator('button[type=submit]').click();
    await form
      .locator('.form-actions .action-notice[data-status="403"]', { hasText: 'Your role may not do this' })
      .waitFor({
        timeout: UI_TIMEOUT_MS,
      });
    expect(await form.locator('[name=title]').inputValue()).toBe(`Viewer's ${SUFFIX}`);
    await page.locator(`[data-coupon="${COUPON_TITLE}"]`).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshot('marketing-tablet'), fullPage: true });
  });

  it("binds the emulator's Mini-Shop, refusing a wrong secret in place, shows its migration running to done, live, then keeps its rules and auto-sync and unbinds it", async () => {
    const shop = await emulator.newShop('小雅文具小商店', { products: 5, orders: 8 });
    const operator = await staffAccount(dev.hub, 'operator', 'Chen Mini-Shop');
    const page = await openBackOffice(chromium, dev.hub, '/admin/minishop');
    await signInToBackOffice(page, operator);
    const bind = page.locator('#bind-shop');
    await fillForm(bind, { appid: shop.appid, secret: 'not-the-secret' });
    await bind.locator('button[type=submit]').click();
    await bind.locator('[data-field="secret"] .notice', { hasText: 'refused this secret' }).waitFor({
      timeout: UI_TIMEOUT_MS,
    });
    expect(await bind.locator('[name=appid]').inputValue()).toBe(shop.appid);

    await fillForm(bind, { secret: shop.secret });
    await bind.locator('button[type=submit]').click();
    await page.locator('h1', { hasText: shop.name }).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(new URL(page.url()).pathname).toBe(`/admin/minishop/${shop.appid}`);
    // Every state the run shows, as the page shows it: the screen is never reloaded.
    await page.locator('#run-state').evaluate((element) => {
      const seen: string[] = [];
      (window as unknown as { runStates: string[] }).runStates = seen;
      new MutationObserver(() => seen.push(element.getAttribute('data-state') ?? '')).observe(element, {
        attributes: true,
      });
    });
    await page.locator('#start-migration').click();
    await page.locator('#run-state[data-state="done"]', { hasText: 'Migration completed' }).waitFor({
      timeout: UI_TIMEOUT_MS,
    });
    const states = await page.evaluate(() => (window as unknown as { runStates: string[] }).runStates);
    expect(states).toContain('running');
    expect(states.at(-1)).toBe('done');
    await page.locator('#last-runs [data-run="migration"][data-outcome="completed"]').waitFor({
      timeout: UI_TIMEOUT_MS,
    });
    const { lastMigration } = await call<{ lastMigration: { products: number; orders: number } }>(
      dev.hub,
      'GET',
      `/api/admin/minishop/shops/${shop.appid}`,
      200,
      { admin: true },
    );
    expect(lastMigration.products).toBeGreaterThan(0);
    expect(await page.locator('#last-runs [data-run="last-migration"]').textContent()).toContain(
      `${lastMigration.products} products, ${lastMigration.orders} orders`,
    );
    await screenPicture(page, screenshot('minishop'));

    // The rules, auto-sync and unbinding, each as the hub then tells it.
    await page.locator('#sync-rules [name=productStatus]').selectOption('list');
    await page.locator('#sync-rules button[type=submit]').click();
    await page.locator('#sync-rules .notice', { hasText: 'Rules saved' }).waitFor({ timeout: UI_TIMEOUT_MS });
    const autoSyncSaved = page.waitForResponse((answer) => answer.url().endsWith('/auto-sync'));
    await page.locator('#auto-sync').uncheck();
    expect((await autoSyncSaved).status()).toBe(200);
    await page.locator('#unbind-shop').click();
    await page.locator('#shop-status', { hasText: 'Unbound' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.locator('a', { hasText: 'all shops' }).click();
    const listed = page.locator(`#shop-list [data-appid="${shop.appid}"]`);
    await listed.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await listed.textContent()).toContain('Auto-sync off');
    await listed.locator('a').click();
    await page.locator('#shop-status', { hasText: 'Unbound' }).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await page.locator('#sync-rules [name=productStatus]').inputValue()).toBe('list');
  });

  it("shows the live monitor inside the back office, a price change acknowledged on every channel, with the menu's look and no trace of the screen it left", async () => {
    const operator = await staffAccount(dev.hub, 'operator', 'Zhao Monitor');
    const page = await openBackOffice(chromium, dev.hub, '/admin/marketing');
    // Marketing's list of tiers is held until the operator has moved on: its answer comes late.
    const held: Route[] = [];
    await page.route('**/api/admin/tiers', (route) => {
      held.push(route);
    });
    await signInToBackOffice(page, operator);
    await expect.poll(() => held.length, { timeout: UI_TIMEOUT_MS }).toBe(1);
    const menuLook = () =>
      page.locator('#logout').evaluate((button) => {
        const style = getComputedStyle(button);
        return `${style.borderRadius} ${style.padding} ${style.backgroundColor}`;
      });
    const before = await menuLook();
    await openScreen(page, 'Monitor');
    await page.locator('#live[data-live="online"]').waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await menuLook()).toBe(before);
    const lateAnswer = page.waitForResponse('**/api/admin/tiers');
    await held[0]?.continue();
    await (await lateAnswer).finished();
    // One frame: the page has rendered whatever the late answer changed.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    // The Marketing screen it came from stays gone: the monitor is the whole screen.
    expect(await page.locator('#screen #new-coupon, #screen #tiers').count()).toBe(0);

    const sku = await createSku(dev.hub, 'Back office monitored tee', 9900);
    const clients = CHANNELS.map((channel) => dev.track(new Storefront(dev.hub, sku.skuId, channel)));
    await Promise.all(clients.map((client) => client.synced()));
    const edited = await patchSku(dev.hub, sku.skuId, { price: 8800 });
    await Promise.all(clients.map((client) => client.applied(edited.rev, UI_TIMEOUT_MS)));
    // What the room measured for each channel's acknowledgement is what its card shows as the last latency.
    let sync: Awaited<ReturnType<typeof getSkuSync>> | undefined;
    await waitFor(
      async () => {
        sync = await getSkuSync(dev.hub, sku.skuId);
        return CHANNELS.every((channel) => sync?.channels[channel].samples === 1);
      },
      UI_TIMEOUT_MS,
      'the room to measure one acknowledgement per channel',
      50,
    );
    for (const channel of CHANNELS) {
      const card = page.locator(`[data-channel="${channel}"]`);
      await card.locator('.pill[data-state="synced"]').waitFor({ timeout: UI_TIMEOUT_MS });
      await card
        .locator('[data-metric="last"]', { hasText: new RegExp(`^${sync?.channels[channel].lastMs} ms$`) })
        .waitFor({ timeout: UI_TIMEOUT_MS });
    }
    await page.locator('#log li[data-kind="sku.changed"]', { hasText: sku.skuId }).first().waitFor({
      timeout: UI_TIMEOUT_MS,
    });
    await screenPicture(page, screenshot('monitor'));
  });
});
