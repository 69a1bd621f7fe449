import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { nodeRuntime } from '../../sdk/src/adapters/node';
import type { Refusal } from '../../sdk/src/index';
import { createStorefront } from '../../sdk/src/storefront';
import { useChromium } from './support/browser';
import { DEVELOPMENT_SMS_CODE } from './support/developmentSmsCode';
import { createSku } from './support/hubApi';
import { serveSdkPage } from './support/sdkPage';
import { freshPhone, logInByPhone, until } from './support/sdkShopper';
import { useWranglerDev } from './support/wranglerDev';

const SCREENSHOT = fileURLToPath(new URL('../../docs/sdk-browser-offline.png', import.meta.url));
const UI_TIMEOUT_MS = 15_000;

const dev = useWranglerDev<{ destroy(): void }>();
/** Each test opens its own tab, in a context of its own (no token kept from another). */
const chromium = useChromium();

const ready = (page: Page) => page.locator('body[data-ready="true"]').waitFor({ timeout: UI_TIMEOUT_MS });
const memberSocket = (page: Page, state: 'online' | 'offline') =>
  page.locator(`#connection[data-state="${state}"]`).waitFor({ timeout: UI_TIMEOUT_MS });
const cartLine = (page: Page, skuId: string, qty: number) =>
  page.locator(`#cart li[data-sku="${skuId}"][data-qty="${qty}"]`);
const favorite = (page: Page, skuId: string) => page.locator(`#favorites li[data-sku="${skuId}"]`);

describe('the storefront SDK in Chromium', () => {
  it('keeps the cart edited offline in IndexedDB through a reload, and sends it once the browser is back online', async () => {
    const sku = await createSku(dev.hub, 'SDK 浏览器 帆布鞋', 25_900, 20);
    const phone = freshPhone();
    // The page comes from the test, not the network, so Chromium takes it for a public site and asks
    // (Local Network Access) before it may open a socket to 127.0.0.1: the shopper says yes.
    const context = await chromium.newContext({
      viewport: { width: 800, height: 600 },
      permissions: ['local-network-access'],
    });
    // Exposed on the context, so it outlives the reload, which the page's own state does not.
    const refused: Refusal[] = [];
    await context.exposeFunction('reportRefusal', (refusal: Refusal) => refused.push(refusal));
    const page = await context.newPage();
    await page.goto(await serveSdkPage(context, dev.hub.httpUrl));
    await ready(page);

    await page.locator('#phone').fill(phone);
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/auth/phone/code') && r.status() === 200),
      page.locator('#send-code').click(),
    ]);
    await page.locator('#code').fill(DEVELOPMENT_SMS_CODE);
    await page.locator('#login button[type="submit"]').click();
    await page.locator('#session', { hasText: /^member / }).waitFor({ timeout: UI_TIMEOUT_MS });
    await memberSocket(page, 'online');

    const pc = createStorefront({ url: dev.hub.httpUrl, channel: 'pc', runtime: nodeRuntime() });
    dev.track({ destroy: () => pc.close() });
    await pc.ready;
    await logInByPhone(pc, phone);

    await context.setOffline(true);
    await memberSocket(page, 'offline');
    await page.evaluate((skuId) => {
      window.shop.cart.add(skuId, 2);
      window.shop.favorites.toggle(skuId);
    }, sku.skuId);
    await cartLine(page, sku.skuId, 2).waitFor({ timeout: UI_TIMEOUT_MS });

    // An app restart with no network: the page and the SDK load again, the cart comes from IndexedDB.
    await page.reload();
    await ready(page);
    await cartLine(page, sku.skuId, 2).waitFor({ timeout: UI_TIMEOUT_MS });
    await favorite(page, sku.skuId).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await page.locator('#connection').getAttribute('data-state')).not.toBe('online');
    expect(pc.cart.get().map((l) => l.skuId)).not.toContain(sku.skuId);

    await context.setOffline(false);
    await memberSocket(page, 'online');
    await until(
      pc.cart,
      (lines) => lines.some((l) => l.skuId === sku.skuId && l.qty === 2 && l.channel === 'h5'),
      'the offline cart line on pc',
      UI_TIMEOUT_MS,
    );
    await until(
      pc.favorites,
      (saved) => saved.some((f) => f.skuId === sku.skuId),
      'the offline favorite on pc',
      UI_TIMEOUT_MS,
    );
    expect(refused.filter((r) => r.kind === 'offline')).toHaveLength(1);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });
});
