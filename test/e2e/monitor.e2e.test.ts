import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/channels';
import { useChromium } from './support/browser';
import { createSku, getSkuSync, patchSku } from './support/hubApi';
import { Storefront } from './support/storefront';
import { waitFor } from './support/wait';
import { SEEDED_OWNER, useWranglerDev } from './support/wranglerDev';

/** The seeded demo SKU (schema/seed.sql), and the other five seeded SKUs the check also compares. */
const DEMO_SKU = 'sku_demo_tee_m';
const SCREENSHOT = fileURLToPath(new URL('../../docs/monitor.png', import.meta.url));
const UI_TIMEOUT_MS = 15_000;

const dev = useWranglerDev<Storefront>();
/** Each test opens its own tab, in a context of its own (no session cookie kept from another). */
const chromium = useChromium();

/** A new tab on the monitoring page, not signed in. */
const openMonitor = async (): Promise<Page> => {
  const context = await chromium.newContext({ viewport: { width: 1360, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${dev.hub.httpUrl}/monitor`);
  return page;
};

const signIn = async (page: Page, login: string, password: string) => {
  await page.locator('#login-name').fill(login);
  await page.locator('#password').fill(password);
  await page.locator('#login-form button').click();
};

/** A new tab on the monitoring page, signed in as the seeded owner and live. */
const signedInMonitor = async (): Promise<Page> => {
  const page = await openMonitor();
  await signIn(page, SEEDED_OWNER.login, SEEDED_OWNER.password);
  await page.locator('#live[data-live="online"]').waitFor({ timeout: UI_TIMEOUT_MS });
  return page;
};

const card = (page: Page, channel: string) => page.locator(`[data-channel="${channel}"]`);
const checkRow = (page: Page, name: string) => page.locator(`[data-check="${name}"] .status`);

describe('the monitoring page in Chromium', () => {
  it('asks for a staff login, refuses a wrong password, stays signed in across a reload, and signs out', async () => {
    const page = await openMonitor();
    await signIn(page, SEEDED_OWNER.login, 'not-the-password');
    await expect
      .poll(() => page.locator('#login-error').textContent(), { timeout: UI_TIMEOUT_MS })
      .toContain('Wrong login or password');

    await signIn(page, SEEDED_OWNER.login, SEEDED_OWNER.password);
    await page.locator('#live[data-live="online"]').waitFor({ timeout: UI_TIMEOUT_MS });
    // The session is an HttpOnly cookie: the page cannot read it, the browser sends it again after a reload.
    expect(await page.evaluate(() => document.cookie)).not.toContain('mallsync_staff');
    await page.reload();
    await page.locator('#live[data-live="online"]').waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await page.locator('#login').isHidden()).toBe(true);

    await page.locator('#logout').click();
    await page.locator('#login').waitFor({ timeout: UI_TIMEOUT_MS });
    await page.reload();
    await page.locator('#login').waitFor({ timeout: UI_TIMEOUT_MS });
  });

  it('shows a price change acknowledged on all four channels, each card updating live', async () => {
    const page = await signedInMonitor();
    // A SKU of its own, one storefront per channel on it: the cards show this test's acknowledgements.
    const sku = await createSku(dev.hub, 'Monitored tee', 9900);
    const clients = CHANNELS.map((channel) => dev.track(new Storefront(dev.hub, sku.skuId, channel)));
    await Promise.all(clients.map((c) => c.synced()));
    for (const channel of CHANNELS) {
      await card(page, channel)
        .locator('[data-metric="connected"]', { hasText: /^1$/ })
        .waitFor({ timeout: UI_TIMEOUT_MS });
    }

    const edited = await patchSku(dev.hub, sku.skuId, { price: 8800 });
    await Promise.all(clients.map((c) => c.applied(edited.rev, UI_TIMEOUT_MS)));
    // What the room measured for each channel's acknowledgement is what its card shows as the last latency.
    let sync: Awaited<ReturnType<typeof getSkuSync>> | undefined;
    await waitFor(
      async () => {
        sync = await getSkuSync(dev.hub, sku.skuId);
        return CHANNELS.every((ch) => sync?.channels[ch].samples === 1);
      },
      UI_TIMEOUT_MS,
      'the room to measure one acknowledgement per channel',
      50,
    );
    const shown: Record<string, string | null> = {};
    for (const channel of CHANNELS) {
      const lastMs = sync?.channels[channel].lastMs;
      expect(lastMs).toEqual(expect.any(Number));
      await card(page, channel).locator('.pill[data-state="synced"]').waitFor({ timeout: UI_TIMEOUT_MS });
      await card(page, channel)
        .locator('[data-metric="last"]', { hasText: new RegExp(`^${lastMs} ms$`) })
        .waitFor({ timeout: UI_TIMEOUT_MS });
      // The percentiles say how many acknowledgements they rest on.
      await card(page, channel)
        .locator('.chart-caption', { hasText: /· [1-9]\d* samples?$/ })
        .waitFor({ timeout: UI_TIMEOUT_MS });
      shown[channel] = await card(page, channel).locator('.pill').textContent();
      expect(await card(page, channel).locator('canvas').count()).toBe(1);
    }
    console.log('monitor cards after the PATCH:', JSON.stringify(shown));
  });

  it('reports stock changed in D1 behind the room, and Force Sync makes it Consistent with clients holding D1', async () => {
    const page = await signedInMonitor();
    const clients = CHANNELS.map((channel) => dev.track(new Storefront(dev.hub, DEMO_SKU, channel)));
    await Promise.all(clients.map((c) => c.synced()));
    const before = clients[0]?.state().stock;
    expect(before).toEqual(expect.any(Number));
    const corrupted = (before ?? 0) + 13;
    await dev.hub.queryD1(`UPDATE skus SET stock = ${corrupted} WHERE id = '${DEMO_SKU}'`);

    await page.locator('#run-checks').click();
    await checkRow(page, 'skus').filter({ hasText: DEMO_SKU }).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await checkRow(page, 'skus').textContent()).toMatch(/^1 of \d+ differ/);
    expect(await checkRow(page, 'assets').textContent()).toBe('Consistent');

    await page.locator('#force-sync').click();
    await page.locator('#force-result', { hasText: `repaired 1 SKU room(s) (${DEMO_SKU})` }).waitFor({
      timeout: UI_TIMEOUT_MS,
    });
    await checkRow(page, 'skus')
      .filter({ hasText: /^Consistent$/ })
      .waitFor({ timeout: UI_TIMEOUT_MS });
    await waitFor(() => clients.every((c) => c.state().stock === corrupted), UI_TIMEOUT_MS, 'clients to hold D1 stock');
    await page.locator('#log li[data-kind="monitor.force-sync"]').first().waitFor({ timeout: UI_TIMEOUT_MS });

    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it('fits a phone screen without sideways scrolling', async () => {
    const page = await signedInMonitor();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('[data-channel="app"] canvas').waitFor({ timeout: UI_TIMEOUT_MS });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
