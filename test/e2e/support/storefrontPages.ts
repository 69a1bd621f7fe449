import type { Page } from 'playwright-core';
import { DEVELOPMENT_SMS_CODE } from './developmentSmsCode';

/** How long a storefront page may take to show what the test waits for (2 cores, wrangler dev, Chromium). */
export const PAGE_TIMEOUT_MS = 15_000;

/** The PC mall's frame and the phone frame the storefronts are designed for. */
export const PC_VIEWPORT = { width: 1280, height: 900 };
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/**
 * Resolves once the browser has taken the server-rendered page over: `selector` names a control
 * the server renders disabled (nothing is live there) and the browser enables.
 */
export const takenOver = (page: Page, selector: string) =>
  page.waitForFunction(
    (s) => {
      const control = document.querySelector<HTMLButtonElement>(s);
      return control !== null && !control.disabled;
    },
    selector,
    { timeout: PAGE_TIMEOUT_MS },
  );

/** Logs in on the storefront's login page by SMS code, as a shopper types it (the development code). */
export const logInOnPage = async (page: Page, phone: string) => {
  await page.waitForURL(/\/login\?next=/, { timeout: PAGE_TIMEOUT_MS });
  await takenOver(page, '.login-submit');
  await page.locator('input[name="phone"]').fill(phone);
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/auth/phone/code') && r.status() === 200),
    page.getByRole('button', { name: 'Send code' }).click(),
  ]);
  await page.locator('input[name="code"]').fill(DEVELOPMENT_SMS_CODE);
  await page.locator('.login-submit').click();
};

/** Fills the checkout's new-address form with `address` (field names as `NewAddressRequest` has them) and saves it. */
export const addAddressOnPage = async (page: Page, address: Record<string, string>) => {
  const form = page.locator('form[aria-label="New address"]');
  await form.waitFor({ timeout: PAGE_TIMEOUT_MS });
  for (const [name, value] of Object.entries(address)) await form.locator(`[name="${name}"]`).fill(value);
  await form.getByRole('button', { name: 'Save address' }).click();
  await page.locator('.choice[data-address]').first().waitFor({ timeout: PAGE_TIMEOUT_MS });
};

/** Places the order on the checkout page and pays it through the provider; resolves on the order's page, with its id. */
export const placeAndPayOnPage = async (page: Page): Promise<string> => {
  await page.getByRole('button', { name: 'Place order' }).click();
  const placed = page.locator('.checkout-placed');
  await placed.waitFor({ timeout: PAGE_TIMEOUT_MS });
  const orderId = await placed.getAttribute('data-order');
  if (!orderId) throw new Error('the placed order shows no id');
  await placed.getByRole('button', { name: 'Pay now' }).click();
  await page.waitForURL((url) => url.pathname.endsWith(`/orders/${orderId}`), { timeout: PAGE_TIMEOUT_MS });
  return orderId;
};

/** The order page's article once it shows the order in `status`. */
export const orderShown = (page: Page, orderId: string, status: string) =>
  page
    .locator(`article.order-page[data-order="${orderId}"][data-status="${status}"]`)
    .waitFor({ timeout: PAGE_TIMEOUT_MS });
