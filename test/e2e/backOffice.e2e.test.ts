import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  openBackOffice,
  openScreen,
  signInToBackOffice,
  staffAccount,
  submitSignIn,
  TABLET_VIEWPORT,
  UI_TIMEOUT_MS,
} from './support/backOffice';
import { useChromium } from './support/browser';
import { SEEDED_OWNER, useWranglerDev } from './support/wranglerDev';

const STAFF_SCREENSHOT = fileURLToPath(new URL('../../docs/back-office-staff.png', import.meta.url));

const dev = useWranglerDev<{ destroy(): void }>();
const chromium = useChromium();

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
