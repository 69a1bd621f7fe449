import { fileURLToPath } from 'node:url';
import type { FrameLocator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedPictures } from '../../scripts/seedPictures';
import { CHANNELS, type Channel } from '../../shared/channels';
import { useChromium } from './support/browser';
import { orderDetail } from './support/hubApi';
import { lastReadWithin } from './support/wait';
import { E2E_ADMIN_TOKEN, SEEDED_OWNER, useWranglerDev } from './support/wranglerDev';

const SCREENSHOT = fileURLToPath(new URL('../../docs/demo.png', import.meta.url));
const UI_TIMEOUT_MS = 15_000;
/** Emma's journey: four steps, each waiting on the hub and another channel's storefront. */
const JOURNEY_TIMEOUT_MS = 45_000;
const FORMULA = { productId: 'prd_demo_formula', skuId: 'sku_demo_formula' }; // schema/seed.sql
const EMMA_ID = 'mem_demo_emma';

const dev = useWranglerDev<{ destroy(): void }>();
// The demo products' pictures, as `npm start` gives them.
beforeAll(() => seedPictures(dev.hub.httpUrl, E2E_ADMIN_TOKEN));
const chromium = useChromium();

const tabBar = (page: Page) => page.locator('nav.tab-bar');
const cartBadge = (page: Page, units: number) => tabBar(page).locator(`[data-tab="cart"] [data-cart-count="${units}"]`);
const frame = (page: Page, channel: Channel): FrameLocator => page.frameLocator(`iframe[data-channel="${channel}"]`);
const cardPrice = (where: FrameLocator, productId: string, text: string) =>
  where.locator(`.product-card[data-product="${productId}"] .price`, { hasText: text });

/** Opens the demo, signs in as the operator and picks the formula's SKU in the operator strip. */
const openDemoOnFormula = async (page: Page) => {
  await page.goto(`${dev.hub.httpUrl}/demo`);
  await page.locator('.demo-signin input[name="login"]').fill(SEEDED_OWNER.login);
  await page.locator('.demo-signin input[name="password"]').fill(SEEDED_OWNER.password);
  await page.locator('.demo-signin button', { hasText: 'Sign in' }).click();
  await page.locator(`select[name="product"] option[value="${FORMULA.productId}"]`).waitFor({
    state: 'attached',
    timeout: UI_TIMEOUT_MS,
  });
  await page.selectOption('select[name="product"]', FORMULA.productId);
  await page.locator(`select[name="sku"] option[value="${FORMULA.skuId}"]`).waitFor({
    state: 'attached',
    timeout: UI_TIMEOUT_MS,
  });
};
const operatorSays = (page: Page, text: string) =>
  page.locator('.demo-operator [role="status"]', { hasText: text }).waitFor({ timeout: UI_TIMEOUT_MS });

describe('the App as an installable web app', () => {
  it('installs from its manifest, and opens offline with its tab bar and the cart kept on the device', async () => {
    const hub = dev.hub.httpUrl;
    const context = await chromium.newContext({ viewport: { width: 390, height: 760 }, isMobile: true });
    const page = await context.newPage();
    await page.goto(`${hub}/app/`);

    const manifest = await page.evaluate(async () => {
      const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
      if (!link) throw new Error('the App page links no manifest');
      const read = (await (await fetch(link.href)).json()) as {
        icons: Array<{ src: string; sizes: string; type: string }>;
      } & Record<string, unknown>;
      const icons = await Promise.all(
        read.icons.map(async (icon) => {
          const picture = new Image();
          picture.src = new URL(icon.src, link.href).href;
          await picture.decode();
          return { sizes: icon.sizes, type: icon.type, drawn: `${picture.naturalWidth}x${picture.naturalHeight}` };
        }),
      );
      const themeColor = document.querySelector('meta[name="theme-color"]')?.getAttribute('content');
      return { ...read, icons, themeColor };
    });
    expect(manifest).toMatchObject({
      name: expect.stringContaining('mallsync'),
      short_name: 'mallsync',
      start_url: '/app/',
      scope: '/app/',
      display: 'standalone',
      theme_color: manifest.themeColor,
      background_color: expect.stringMatching(/^#[0-9a-f]{6}$/),
    });
    expect(manifest.icons).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sizes: '192x192', type: 'image/png', drawn: '192x192' }),
        expect.objectContaining({ sizes: '512x512', type: 'image/png', drawn: '512x512' }),
      ]),
    );
    expect(await page.locator('meta[name="apple-mobile-web-app-capable"]').getAttribute('content')).toBe('yes');

    await page.waitForFunction(() => navigator.serviceWorker.controller?.scriptURL.endsWith('/app/sw.js'), null, {
      timeout: UI_TIMEOUT_MS,
    });
    expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).scope)).toBe(`${hub}/app/`);

    await page.goto(`${hub}/app/product/${FORMULA.productId}`);
    await page.locator('button:not([disabled])', { hasText: 'Add to cart' }).click({ timeout: UI_TIMEOUT_MS });
    await cartBadge(page, 1).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.goto(`${hub}/app/cart`);
    await cartBadge(page, 1).waitFor({ timeout: UI_TIMEOUT_MS });

    await context.setOffline(true);
    await page.reload();
    await tabBar(page).waitFor({ timeout: UI_TIMEOUT_MS });
    await cartBadge(page, 1).waitFor({ timeout: UI_TIMEOUT_MS });
    // A page never opened online: the service worker answers with the App's kept front page.
    await page.goto(`${hub}/app/category`);
    await tabBar(page).locator('[data-tab="home"][aria-current="page"]').waitFor({ timeout: UI_TIMEOUT_MS });
    await cartBadge(page, 1).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await page.locator(`.product-card[data-product="${FORMULA.productId}"]`).count()).toBe(1);
  });
});

describe('the four-channel demo', () => {
  it("shows the four storefronts, follows the operator's price change in every one, and plays Emma's journey", async () => {
    const hub = dev.hub.httpUrl;
    const context = await chromium.newContext({ viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    await openDemoOnFormula(page);
    expect(
      await page.locator('iframe[data-channel]').evaluateAll((frames) => frames.map((f) => f.dataset.channel)),
    ).toEqual([...CHANNELS]);
    for (const channel of CHANNELS) {
      await cardPrice(frame(page, channel), FORMULA.productId, '¥328.00').waitFor({ timeout: UI_TIMEOUT_MS });
    }

    await page.locator('input[name="price"]').fill('299');
    await page.locator('button', { hasText: 'Change price' }).click();
    await operatorSays(page, '¥299.00 on every channel');
    for (const channel of CHANNELS) {
      await cardPrice(frame(page, channel), FORMULA.productId, '¥299.00').waitFor({ timeout: UI_TIMEOUT_MS });
    }

    await page.locator('button', { hasText: "Play Emma's journey" }).click();
    await page.waitForFunction(
      () => {
        const statuses = [...document.querySelectorAll('tr[data-step]')].map((row) => row.getAttribute('data-status'));
        return statuses.includes('failed') || statuses.every((status) => status === 'done');
      },
      null,
      { timeout: JOURNEY_TIMEOUT_MS },
    );
    const steps = await page.locator('tr[data-step]').evaluateAll((rows) =>
      rows.map((row) => ({
        step: row.getAttribute('data-step'),
        status: row.getAttribute('data-status'),
        latency: row.querySelector('.demo-latency')?.textContent ?? '',
        note: row.querySelector('.demo-step-note')?.textContent ?? '',
      })),
    );
    expect(steps).toEqual(
      ['cart', 'coupon', 'pay', 'track'].map((step) => ({
        step,
        status: 'done',
        latency: expect.stringMatching(/^\d+ ms/),
        note: expect.any(String),
      })),
    );

    // The PC frame ends on Emma's order, which the hub has as shipped.
    const pcPath = new URL((await page.locator('iframe[data-channel="pc"]').getAttribute('src')) ?? '', hub).pathname;
    const orderId = /^\/orders\/(.+)$/.exec(pcPath)?.[1] ?? '';
    expect(await orderDetail(dev.hub, orderId)).toMatchObject({ memberId: EMMA_ID, status: 'shipped' });
    // The frames were loaded again after the journey's logins; their storefronts start from these sessions.
    const sessions = await Promise.all(
      CHANNELS.map((channel) =>
        frame(page, channel)
          .locator('body')
          .evaluate(
            (_, key) => JSON.parse(localStorage.getItem(key) ?? 'null')?.memberId,
            `mallsync.session.${channel}`,
          ),
      ),
    );
    expect(sessions).toEqual(CHANNELS.map(() => EMMA_ID));
    // The last steps sent frames to new pages: the picture waits until each has rendered its page.
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll<HTMLIFrameElement>('iframe[data-channel]')].every((f) => {
          const shown = f.contentDocument;
          return (
            shown?.readyState === 'complete' &&
            f.contentWindow?.location.href === f.src &&
            (shown.getElementById('storefront')?.childElementCount ?? 0) > 0
          );
        }),
      null,
      { timeout: UI_TIMEOUT_MS },
    );
    await page.screenshot({ path: SCREENSHOT });
  });

  it('shows a flash sale started for the mini-program and the App in those two storefronts only', async () => {
    const context = await chromium.newContext({ viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    await openDemoOnFormula(page);
    await page.locator('input[name="flashPrice"]').fill('199');
    for (const channel of ['pc', 'h5'] as const) {
      await page.locator(`input[name="flashChannel"][value="${channel}"]`).uncheck();
    }
    await page.locator('button', { hasText: 'Start flash sale' }).click();
    await operatorSays(page, 'Flash sale at ¥199.00 on Mini Program, App');
    for (const channel of ['mini', 'app'] as const) {
      await cardPrice(frame(page, channel), FORMULA.productId, '¥199.00').waitFor({ timeout: UI_TIMEOUT_MS });
    }
    // The sale reached the mini-program and the App over the same feed the other two read.
    const elsewhere = await Promise.all(
      (['pc', 'h5'] as const).map((channel) =>
        lastReadWithin(
          () => frame(page, channel).locator(`.product-card[data-product="${FORMULA.productId}"] .price`).textContent(),
          (text) => (text ?? '').includes('¥199.00'),
          1000,
        ),
      ),
    );
    expect(elsewhere.map((text) => text?.trim())).toEqual(['¥299.00', '¥299.00']);
  });
});
