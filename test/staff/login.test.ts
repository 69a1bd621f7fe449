import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { moveClock } from '../support/clock';
import { admin } from '../support/hub';
import { createStaffAccount, HUB_ORIGIN, sessionCookieOf, signedIn, staffLogin, withCookie } from '../support/staff';

const HOUR_MS = 3_600_000;

const me = (cookie: string) => SELF.fetch(`${HUB_ORIGIN}/api/staff/me`, { headers: withCookie(cookie) });
const logout = (cookie: string, origin = HUB_ORIGIN) =>
  SELF.fetch(`${HUB_ORIGIN}/api/staff/logout`, { method: 'POST', headers: withCookie(cookie, origin) });

/** The attributes of the session cookie a response sets, by name (lowercased), values as sent. */
const cookieAttributes = (response: Response): Record<string, string> => {
  const cookie = response.headers.getSetCookie().findLast((c) => c.startsWith('mallsync_staff='));
  return Object.fromEntries(
    (cookie ?? '').split(';').map((part) => {
      const [name = '', ...value] = part.trim().split('=');
      return [name.toLowerCase(), value.join('=')];
    }),
  );
};

describe('signing in', () => {
  it('answers who signed in and sets an HttpOnly, SameSite=Strict, Secure session cookie for 12 hours', async () => {
    const account = await createStaffAccount('operator', 'Olga Operator');
    const response = await staffLogin(account.login, account.password);
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 200,
      body: {
        staff: {
          id: account.id,
          login: account.login,
          name: 'Olga Operator',
          role: 'operator',
          // What the back office shows the operator: products, marketing, Mini-Shop and the monitor, no orders or staff.
          permissions: [
            'records:read',
            'catalog:write',
            'promotions:write',
            'delivery:write',
            'minishop:write',
            'monitor:write',
            'monitor:watch',
          ],
        },
      },
    });
    const attributes = cookieAttributes(response);
    expect(attributes).toMatchObject({ httponly: '', samesite: 'Strict', path: '/', secure: '', 'max-age': '43200' });
    expect(attributes.mallsync_staff).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('leaves Secure off only for plain http on the machine itself', async () => {
    const account = await createStaffAccount('viewer');
    const response = await SELF.fetch('http://127.0.0.1/api/staff/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login: account.login, password: account.password }),
    });
    expect(response.status).toBe(200);
    expect(cookieAttributes(response)).not.toHaveProperty('secure');
    expect(cookieAttributes(response)).toMatchObject({ httponly: '', samesite: 'Strict' });
  });

  it('takes the login in any case', async () => {
    const account = await createStaffAccount('viewer');
    expect((await staffLogin(account.login.toUpperCase(), account.password)).status).toBe(200);
  });

  it('gives a wrong password and an unknown login the same 401, so it tells no one which accounts exist', async () => {
    const account = await createStaffAccount('viewer');
    const wrongPassword = await staffLogin(account.login, `${account.password}!`);
    const unknownLogin = await staffLogin(`nobody.${crypto.randomUUID()}@mall.example`, account.password);
    const answers = [wrongPassword, unknownLogin].map(async (r) => ({
      status: r.status,
      body: await r.json(),
      cookie: r.headers.get('Set-Cookie'),
    }));
    const [wrong, unknown] = await Promise.all(answers);
    expect(wrong).toEqual({
      status: 401,
      body: { error: { code: 'invalid_credentials', message: expect.any(String) } },
      cookie: null,
    });
    expect(unknown).toEqual(wrong);
  });
});

describe('the session', () => {
  it('shows who is signed in, and lets the back office in with the cookie alone', async () => {
    const account = await createStaffAccount('customer_service', 'Cora Service');
    const cookie = await signedIn(account);
    const answer = await me(cookie);
    expect(await answer.json()).toEqual({
      staff: {
        id: account.id,
        login: account.login,
        name: 'Cora Service',
        role: 'customer_service',
        permissions: ['records:read', 'orders:write', 'members:write', 'monitor:watch'],
      },
    });
    expect((await admin('GET', '/api/admin/orders', undefined, withCookie(cookie))).status).toBe(200);
  });

  it('ends at logout: the row is revoked, the cookie cleared, and the old cookie opens nothing', async () => {
    const cookie = await signedIn(await createStaffAccount('viewer'));
    const out = await logout(cookie);
    expect(out.status).toBe(204);
    expect(cookieAttributes(out)).toMatchObject({ mallsync_staff: '', 'max-age': '0' });
    expect((await me(cookie)).status).toBe(401);
    const refused = await admin('GET', '/api/admin/orders', undefined, withCookie(cookie));
    expect({ status: refused.status, body: await refused.json() }).toMatchObject({
      status: 401,
      body: { error: { code: 'unauthorized' } },
    });
  });

  it('lasts 12 hours from its last use, sliding forward each time it is used', async () => {
    const cookie = await signedIn(await createStaffAccount('viewer'));
    moveClock(11 * HOUR_MS);
    expect((await me(cookie)).status).toBe(200);
    moveClock(11 * HOUR_MS);
    expect((await me(cookie)).status).toBe(200);
    moveClock(12 * HOUR_MS + 1000);
    expect((await me(cookie)).status).toBe(401);
  });

  it('is refused without a cookie, and a made-up cookie is cleared', async () => {
    expect((await SELF.fetch(`${HUB_ORIGIN}/api/staff/me`)).status).toBe(401);
    const madeUp = await me('mallsync_staff=not-a-session');
    expect(madeUp.status).toBe(401);
    expect(cookieAttributes(madeUp)).toMatchObject({ 'max-age': '0' });
  });

  it('signs in again after logout with a new cookie', async () => {
    const account = await createStaffAccount('viewer');
    const first = await signedIn(account);
    await logout(first);
    const again = sessionCookieOf(await staffLogin(account.login, account.password));
    expect(again).not.toBe(first);
    expect((await me(again)).status).toBe(200);
  });
});
