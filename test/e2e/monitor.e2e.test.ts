import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/channels';
import { launchChromium } from './support/browser';
import { patchSku } from './support/hubApi';
import { Storefront } from './support/storefront';
import { waitFor } from './support/wait';
import { E2E_ADMIN_TOKEN, useWranglerDev } from './support/wranglerDev';

/** The seeded demo SKU (schema/seed.sql), and the other five seeded SKUs the check also compares. */
const DEMO_SKU = 'sku_demo_tee_m';
const SCREENSHOT = fileURLToPath(new URL('../../docs/monitor.png', import.meta.url));
const UI_TIMEOUT_MS = 15_000;

const dev = useWranglerDev<Storefront>();
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
});
afterAll(async () => {
  await browser?.close();
});

const card = (channel: string) => page.locator(`[data-channel="${channel}"]`);
const checkRow = (name: string) => page.locator(`[data-check="${name}"] .status`);

describe('the monitoring page in Chromium', () => {
  it('asks for the admin token, refuses a wrong one, and keeps the right one for the tab', async () => {
    await page.goto(`${dev.hub.httpUrl}/monitor`);
    await page.locator('#token').fill('not-the-token');
    await page.locator('#login-form button').click();
    await expect
      .poll(() => page.locator('#login-error').textContent(), { timeout: UI_TIMEOUT_MS })
      .toContain('not an admin token');

    await page.locator('#token').fill(E2E_ADMIN_TOKEN);
    await page.locator('#login-form button').click();
    await page.locator('#live[data-live="online"]').waitFor({ timeout: UI_TIMEOUT_MS });
    await page.reload();
    await page.locator('#live[data-live="online"]').waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await page.locator('#login').isHidden()).toBe(true);
  });

  it('shows a price change acknowledged on all four channels, each card updating live', async () => {
    const clients = CHANNELS.map((channel) => dev.track(new Storefront(dev.hub, DEMO_SKU, channel)));
    await Promise.all(clients.map((c) => c.synced()));
    for (const channel of CHANNELS) {
      await card(channel).locator('[data-metric="connected"]', { hasText: /^1$/ }).waitFor({ timeout: UI_TIMEOUT_MS });
      expect(await card(channel).locator('[data-metric="last"]').textContent()).toBe('—');
    }

    const edited = await patchSku(dev.hub, DEMO_SKU, { price: 8800 });
    await Promise.all(clients.map((c) => c.applied(edited.rev, UI_TIMEOUT_MS)));
    const shown: Record<string, string | null> = {};
    for (const channel of CHANNELS) {
      await card(channel).locator('.pill[data-state="synced"]').waitFor({ timeout: UI_TIMEOUT_MS });
      await card(channel).locator('[data-metric="last"]', { hasText: / ms$/ }).waitFor({ timeout: UI_TIMEOUT_MS });
      shown[channel] = await card(channel).locator('.pill').textContent();
      // The chart got its point: uPlot draws into a canvas inside the card.
      expect(await card(channel).locator('canvas').count()).toBe(1);
    }
    console.log('monitor cards after the PATCH:', JSON.stringify(shown));
  });

  it('reports stock changed in D1 behind the room, and Force Sync makes it Consistent with clients holding D1', async () => {
    const clients = CHANNELS.map((channel) => dev.track(new Storefront(dev.hub, DEMO_SKU, channel)));
    await Promise.all(clients.map((c) => c.synced()));
    const before = clients[0]?.state().stock;
    const corrupted = (before ?? 0) + 13;
    await dev.hub.queryD1(`UPDATE skus SET stock = ${corrupted} WHERE id = '${DEMO_SKU}'`);

    await page.locator('#run-checks').click();
    await checkRow('skus').filter({ hasText: DEMO_SKU }).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await checkRow('skus').textContent()).toMatch(/^1 of \d+ differ/);
    expect(await checkRow('assets').textContent()).toBe('Consistent');

    await page.locator('#force-sync').click();
    await page.locator('#force-result', { hasText: `repaired 1 SKU room(s) (${DEMO_SKU})` }).waitFor({
      timeout: UI_TIMEOUT_MS,
    });
    await checkRow('skus')
      .filter({ hasText: /^Consistent$/ })
      .waitFor({ timeout: UI_TIMEOUT_MS });
    await waitFor(() => clients.every((c) => c.state().stock === corrupted), UI_TIMEOUT_MS, 'clients to hold D1 stock');
    await page.locator('#log li[data-kind="monitor.force-sync"]').first().waitFor({ timeout: UI_TIMEOUT_MS });

    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it('fits a phone screen without sideways scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('[data-channel="app"] canvas').waitFor({ timeout: UI_TIMEOUT_MS });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
