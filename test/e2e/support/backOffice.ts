import type { BrowserContextOptions, Locator, Page } from 'playwright-core';
import type { StaffRole } from '../../../shared/staffRoles';
import { call, type HubAddress } from './hubApi';

/** The desk an operator works at, and a tablet held landscape. */
export const DESK_VIEWPORT = { width: 1280, height: 860 } as const;
export const TABLET_VIEWPORT = { width: 1024, height: 768 } as const;

export const UI_TIMEOUT_MS = 15_000;

export interface StaffLogin {
  login: string;
  password: string;
}

/** A staff account made through the admin API (with the scripts' API key), for a test that needs one ready. */
export const staffAccount = async (hub: HubAddress, role: StaffRole, name: string): Promise<StaffLogin> => {
  const login = `${role.replace('_', '-')}-${crypto.randomUUID().slice(0, 8)}@mallsync.test`;
  const password = `pw-${crypto.randomUUID()}`;
  await call(hub, 'POST', '/api/admin/staff', 201, { admin: true, body: { login, name, role, password } });
  return { login, password };
};

/** A new tab on the back office's `path` (e.g. `/admin/products`), not signed in. */
export const openBackOffice = async (
  chromium: { newContext(options?: BrowserContextOptions): Promise<{ newPage(): Promise<Page> }> },
  hub: HubAddress,
  path = '/admin',
  viewport: { width: number; height: number } = DESK_VIEWPORT,
): Promise<Page> => {
  const context = await chromium.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(`${hub.httpUrl}${path}`);
  return page;
};

/** Signs in on the sign-in form the back office shows; waits for the menu. */
export const signInToBackOffice = async (page: Page, staff: StaffLogin): Promise<void> => {
  await submitSignIn(page, staff);
  await page.locator('#signed-in').waitFor({ timeout: UI_TIMEOUT_MS });
};

/** Fills in and sends the sign-in form, whatever the hub answers. */
export const submitSignIn = async (page: Page, { login, password }: StaffLogin): Promise<void> => {
  await page.locator('#login-name').fill(login);
  await page.locator('#password').fill(password);
  await page.locator('#login-form button').click();
};

/** Opens a screen from the back office's menu, as an operator would. */
export const openScreen = async (page: Page, title: string): Promise<void> => {
  await page.locator('.menu nav a', { hasText: title }).click();
  await page.locator(`.menu nav a[aria-current="page"]`, { hasText: title }).waitFor({ timeout: UI_TIMEOUT_MS });
};

/** Types or chooses each named control's value in `form`, as an operator would: `{ title: 'Winter', kind: 'percent' }`. */
export const fillForm = async (form: Locator, values: Record<string, string>): Promise<void> => {
  for (const [name, value] of Object.entries(values)) {
    const control = form.locator(`[name="${name}"]`);
    if ((await control.evaluate((element) => element.tagName)) === 'SELECT') await control.selectOption(value);
    else await control.fill(value);
  }
};

/** Whether the page scrolls sideways at its current width: a screen that fits shows none. */
export const sidewaysOverflow = (page: Page): Promise<number> =>
  page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth);

/** A picture of what the operator sees on opening the screen: its top, at the tab's size. */
export const screenPicture = async (page: Page, path: string): Promise<void> => {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path });
};
