import { describe, expect, it } from 'vitest';
import { ADMIN, admin, expectBadInput, firstSku } from '../support/hub';
import { asStaff, createStaffAccount, signedIn, staffLogin } from '../support/staff';

interface StaffAnswer {
  id: string;
  login: string;
  role: string;
  disabled: boolean;
}

const editStaff = (id: string, patch: Record<string, unknown>, headers = ADMIN) =>
  admin('PATCH', `/api/admin/staff/${id}`, patch, headers);

describe('creating staff accounts', () => {
  it('stores the login case-folded and never shows the password', async () => {
    const login = `New.Person.${crypto.randomUUID().slice(0, 8)}@Mall.Example`;
    const response = await admin('POST', '/api/admin/staff', {
      login,
      name: 'New Person',
      role: 'finance',
      password: 'a long enough password',
    });
    const created = await response.json<StaffAnswer>();
    expect({ status: response.status, created }).toMatchObject({
      status: 201,
      created: { login: login.toLowerCase(), name: 'New Person', role: 'finance', disabled: false },
    });
    const listed = await (await admin('GET', '/api/admin/staff')).text();
    expect(listed).toContain(created.id);
    expect(listed).not.toMatch(/password|pbkdf2/i);
  });

  it('refuses a login already taken, whatever its case, with 409 login_taken', async () => {
    const account = await createStaffAccount('viewer');
    const again = await admin('POST', '/api/admin/staff', {
      login: account.login.toUpperCase(),
      name: 'Someone else',
      role: 'owner',
      password: 'another long password',
    });
    expect({ status: again.status, body: await again.json() }).toEqual({
      status: 409,
      body: { error: { code: 'login_taken', message: expect.any(String), field: 'login' } },
    });
  });

  it('names the field at fault: a login that is no email, an unknown role, a short password, an unknown field', async () => {
    const valid = { login: 'ok@mall.example', name: 'Ok', role: 'viewer', password: 'long enough pw' };
    await expectBadInput('/api/admin/staff', 'login', 'POST', { ...valid, login: 'not an email' });
    await expectBadInput('/api/admin/staff', 'role', 'POST', { ...valid, role: 'admin' });
    await expectBadInput('/api/admin/staff', 'password', 'POST', { ...valid, password: 'short' });
    await expectBadInput('/api/admin/staff', 'name', 'POST', { ...valid, name: undefined });
    await expectBadInput('/api/admin/staff', 'colour', 'POST', { ...valid, colour: 'blue' });
  });

  it('is for owners only: an operator signed in gets 403 and no account is made', async () => {
    const cookie = await signedIn(await createStaffAccount('operator'));
    const login = `sneaky.${crypto.randomUUID().slice(0, 8)}@mall.example`;
    const response = await asStaff(cookie, 'POST', '/api/admin/staff', {
      login,
      name: 'Sneaky',
      role: 'owner',
      password: 'a long enough password',
    });
    expect(response.status).toBe(403);
    expect(await (await admin('GET', '/api/admin/staff')).text()).not.toContain(login);
  });

  it('lets a staff owner, not only the API key, manage staff', async () => {
    const cookie = await signedIn(await createStaffAccount('owner'));
    const target = await createStaffAccount('viewer');
    const response = await asStaff(cookie, 'PATCH', `/api/admin/staff/${target.id}`, { name: 'Renamed' });
    expect(await response.json()).toMatchObject({ id: target.id, name: 'Renamed' });
  });
});

describe('editing staff accounts', () => {
  it('changes a role with effect on the session already open', async () => {
    const account = await createStaffAccount('operator');
    const cookie = await signedIn(account);
    const sku = await firstSku();
    expect((await asStaff(cookie, 'PATCH', `/api/admin/skus/${sku.skuId}`, { price: 1500 })).status).toBe(200);
    expect(await (await editStaff(account.id, { role: 'viewer' })).json()).toMatchObject({ role: 'viewer' });
    expect((await asStaff(cookie, 'PATCH', `/api/admin/skus/${sku.skuId}`, { price: 1600 })).status).toBe(403);
  });

  it('disables an account: its session ends and it can no longer sign in; enabling lets it in again', async () => {
    const account = await createStaffAccount('customer_service');
    const cookie = await signedIn(account);
    expect(await (await editStaff(account.id, { disabled: true })).json()).toMatchObject({ disabled: true });
    expect((await asStaff(cookie, 'GET', '/api/admin/orders')).status).toBe(401);
    expect((await staffLogin(account.login, account.password)).status).toBe(401);
    await editStaff(account.id, { disabled: false });
    expect((await staffLogin(account.login, account.password)).status).toBe(200);
  });

  it('resets a password: the old one stops working, the new one works, open sessions end', async () => {
    const account = await createStaffAccount('finance');
    const cookie = await signedIn(account);
    expect((await editStaff(account.id, { password: 'a brand new password' })).status).toBe(200);
    expect((await asStaff(cookie, 'GET', '/api/admin/orders')).status).toBe(401);
    expect((await staffLogin(account.login, account.password)).status).toBe(401);
    expect((await staffLogin(account.login, 'a brand new password')).status).toBe(200);
  });

  it('answers 404 for an account that does not exist, and 400 for an empty change', async () => {
    expect((await editStaff('stf_0000000000000000', { name: 'Nobody' })).status).toBe(404);
    const account = await createStaffAccount('viewer');
    expect((await editStaff(account.id, {})).status).toBe(400);
  });
});

describe('the last active owner', () => {
  it('can be neither demoted nor disabled (409), until another owner is active', async () => {
    // Every other active owner stood down first, so the one made here is the last (and put back after).
    const { staff } = await (await admin('GET', '/api/admin/staff')).json<{ staff: StaffAnswer[] }>();
    const last = await createStaffAccount('owner');
    const others = staff.filter((s) => s.role === 'owner' && !s.disabled);
    try {
      for (const other of others) expect((await editStaff(other.id, { disabled: true })).status).toBe(200);
      for (const patch of [{ role: 'operator' }, { disabled: true }]) {
        const refused = await editStaff(last.id, patch);
        expect({ patch, status: refused.status, body: await refused.json() }).toMatchObject({
          patch,
          status: 409,
          body: { error: { code: 'last_owner' } },
        });
      }
      expect((await editStaff(last.id, { name: 'Still the owner' })).status).toBe(200);
      const second = await createStaffAccount('owner');
      expect(await (await editStaff(last.id, { role: 'operator' })).json()).toMatchObject({ role: 'operator' });
      expect((await editStaff(second.id, { disabled: true })).status).toBe(409);
    } finally {
      for (const other of others) await editStaff(other.id, { disabled: false });
    }
  });
});
