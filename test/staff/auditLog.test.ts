import { describe, expect, it } from 'vitest';
import { moveClock } from '../support/clock';
import { admin, firstSku } from '../support/hub';
import { freshPhone, phoneLogin } from '../support/members';
import { asStaff, auditEvents, createStaffAccount, signedIn, staffLogin } from '../support/staff';

describe('the audit log', () => {
  it("shows an operator's price edit: who, the route, the SKU, the body, and the price before and after", async () => {
    const operator = await createStaffAccount('operator');
    const cookie = await signedIn(operator);
    const sku = await firstSku();
    expect(
      (await asStaff(cookie, 'PATCH', `/api/admin/skus/${sku.skuId}`, { price: 1234, listed: false })).status,
    ).toBe(200);
    const { events } = await auditEvents({ actor: operator.login, entity: 'skus' });
    expect(events).toEqual([
      expect.objectContaining({
        actorKind: 'staff',
        actorId: operator.id,
        actorLogin: operator.login,
        action: 'write',
        method: 'PATCH',
        route: '/api/admin/skus/:skuId',
        entity: 'skus',
        targetId: sku.skuId,
        status: 200,
        body: { price: 1234, listed: false },
        changes: [
          {
            entity: 'skus',
            id: sku.skuId,
            before: expect.objectContaining({ price: sku.price, stock: sku.stock, listed: true, rev: sku.rev }),
            after: expect.objectContaining({ price: 1234, stock: sku.stock, listed: false, rev: sku.rev + 1 }),
          },
        ],
      }),
    ]);
  });

  it("shows finance's points adjustment as the member's points before and after", async () => {
    const finance = await createStaffAccount('finance');
    const cookie = await signedIn(finance);
    const member = await phoneLogin(freshPhone(), 'h5');
    const path = `/api/admin/members/${member.memberId}/points`;
    expect((await asStaff(cookie, 'POST', path, { delta: 50, reason: 'goodwill' })).status).toBe(200);
    const { events } = await auditEvents({ actor: finance.login, entity: 'members' });
    expect(events.map((e) => ({ targetId: e.targetId, changes: e.changes }))).toEqual([
      {
        targetId: member.memberId,
        changes: [
          {
            entity: 'members',
            id: member.memberId,
            before: { points: 0, balance: 0 },
            after: { points: 50, balance: 0 },
          },
        ],
      },
    ]);
  });

  it('records a write the role refused, with its 403, and a write refused for its body, with its 400', async () => {
    const viewer = await createStaffAccount('viewer');
    const operator = await createStaffAccount('operator');
    const sku = await firstSku();
    await asStaff(await signedIn(viewer), 'PATCH', `/api/admin/skus/${sku.skuId}`, { price: 1 });
    await asStaff(await signedIn(operator), 'PATCH', `/api/admin/skus/${sku.skuId}`, { price: -5 });
    const refused = async (login: string) =>
      (await auditEvents({ actor: login })).events.map(({ action, route, targetId, status, changes }) => ({
        action,
        route,
        targetId,
        status,
        changes,
      }));
    expect(await refused(viewer.login)).toEqual([
      { action: 'write', route: '/api/admin/skus/:skuId', targetId: sku.skuId, status: 403, changes: [] },
      expect.objectContaining({ action: 'login' }),
    ]);
    expect((await refused(operator.login))[0]).toEqual({
      action: 'write',
      route: '/api/admin/skus/:skuId',
      targetId: sku.skuId,
      status: 400,
      changes: [],
    });
  });

  it('names the API key as the actor of scripts, and keeps passwords out of the bodies it stores', async () => {
    const login = `audited.${crypto.randomUUID().slice(0, 8)}@mall.example`;
    await admin('POST', '/api/admin/staff', { login, name: 'Audited', role: 'viewer', password: 'secret password 1' });
    const { events } = await auditEvents({ actor: 'api-key', entity: 'staff', q: login });
    expect(events).toEqual([
      expect.objectContaining({
        actorKind: 'api-key',
        actorLogin: 'api-key',
        route: '/api/admin/staff',
        status: 201,
        body: { login, name: 'Audited', role: 'viewer', password: '[redacted]' },
        changes: [
          expect.objectContaining({ entity: 'staff', before: null, after: expect.objectContaining({ login }) }),
        ],
      }),
    ]);
    expect(JSON.stringify(events)).not.toContain('secret password 1');
  });

  it('records sign-ins, failed sign-ins and sign-outs', async () => {
    const account = await createStaffAccount('customer_service');
    await staffLogin(account.login, 'not the password');
    const cookie = await signedIn(account);
    await asStaff(cookie, 'POST', '/api/staff/logout');
    const { events } = await auditEvents({ actor: account.login });
    expect(events.map((e) => [e.action, e.status])).toEqual([
      ['logout', 204],
      ['login', 200],
      ['login_failed', 401],
    ]);
  });

  it('searches by text, pages newest first, and keeps to a time range', async () => {
    const operator = await createStaffAccount('operator');
    const cookie = await signedIn(operator);
    const sku = await firstSku();
    await asStaff(cookie, 'PATCH', `/api/admin/skus/${sku.skuId}`, { price: 2001 });
    moveClock(60_000);
    const secondAt = Date.now() + 60_000;
    await asStaff(cookie, 'PATCH', `/api/admin/skus/${sku.skuId}`, { price: 2002 });

    const found = await auditEvents({ q: sku.skuId });
    expect(found.events.map((e) => (e.body as { price: number }).price)).toEqual([2002, 2001]);

    const first = await auditEvents({ q: sku.skuId, limit: '1' });
    expect(first.events.map((e) => (e.body as { price: number }).price)).toEqual([2002]);
    const second = await auditEvents({ q: sku.skuId, limit: '1', cursor: first.nextCursor ?? '' });
    expect(second.events.map((e) => (e.body as { price: number }).price)).toEqual([2001]);
    expect(second.nextCursor).toBeNull();

    const later = await auditEvents({ q: sku.skuId, from: String(secondAt - 1000) });
    expect(later.events.map((e) => (e.body as { price: number }).price)).toEqual([2002]);
    const earlier = await auditEvents({ q: sku.skuId, to: String(secondAt - 1000) });
    expect(earlier.events.map((e) => (e.body as { price: number }).price)).toEqual([2001]);
  });

  it('is read by owners, finance and viewers, not by operators or customer service', async () => {
    const answers: Record<string, number> = {};
    for (const role of ['owner', 'finance', 'viewer', 'operator', 'customer_service'] as const) {
      const cookie = await signedIn(await createStaffAccount(role));
      answers[role] = (await asStaff(cookie, 'GET', '/api/admin/audit?limit=1')).status;
    }
    expect(answers).toEqual({ owner: 200, finance: 200, viewer: 200, operator: 403, customer_service: 403 });
  });
});
