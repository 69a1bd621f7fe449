import { env } from 'cloudflare:test';
import { sign } from 'hono/jwt';
import { describe, expect, it } from 'vitest';
import { memberIdentities, members } from '../schema';
import { TOKEN_TTL_S } from '../workers/members/auth/tokens';
import { DEVELOPMENT_SMS_CODE } from '../workers/members/providers/sms/developmentSms';
import { MAX_CODE_FAILURES, PHONE_CODE_TTL_MS } from '../workers/members/records/phoneCodeRecords';
import { clock } from '../workers/platform/clock';
import { database } from '../workers/records/db';
import { moveClock } from './support/clock';
import {
  freshClientAddress,
  freshPhone,
  freshWechatCode,
  guestLogin,
  phoneLogin,
  shopper,
  wechatLogin,
} from './support/members';

const WRONG_CODE = '000000';

const me = async (token: string) => (await shopper('GET', '/api/members/me', undefined, token)).json();

/** The ways people and WeChat write one mainland number `+86<national>`. */
const spellingsOf = (phone: string): string[] => {
  const national = phone.slice('+86'.length);
  const spaced = `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`;
  return [
    phone,
    national,
    `86${national}`,
    `0086${national}`,
    `+86 ${spaced}`,
    spaced.replaceAll(' ', '-'),
    `(+86) ${spaced}`,
  ];
};

describe('logins', () => {
  it('logs the same phone in as the same member on every channel', async () => {
    const phone = freshPhone();
    const onMini = await phoneLogin(phone, 'mini');
    const onPc = await phoneLogin(phone, 'pc');
    expect(onPc.memberId).toBe(onMini.memberId);
    expect(await me(onPc.token)).toMatchObject({
      memberId: onMini.memberId,
      channel: 'pc',
      role: 'member',
      identities: [{ kind: 'phone', appId: '', value: phone }],
    });
  });

  it('logs every spelling of one number in as the same member, holding the number once', async () => {
    const phone = freshPhone();
    const first = await phoneLogin(phone, 'h5');
    for (const written of spellingsOf(phone)) expect((await phoneLogin(written, 'h5')).memberId).toBe(first.memberId);
    expect(await me(first.token)).toMatchObject({ identities: [{ kind: 'phone', appId: '', value: phone }] });
  });

  it("logs Emma in on mini with WeChat's purePhoneNumber as her seeded account", async () => {
    // The demo member of schema/seed.sql, stored with +86.
    const db = database(env.DB);
    await db
      .insert(members)
      .values({ id: 'mem_demo_emma', nickname: 'Emma', tier: 'gold', tags: ['repurchase'], createdAt: 1767225600000 })
      .onConflictDoNothing();
    await db
      .insert(memberIdentities)
      .values({
        memberId: 'mem_demo_emma',
        kind: 'phone',
        appId: '',
        value: '+8613800138000',
        createdAt: 1767225600000,
      })
      .onConflictDoNothing();
    expect((await phoneLogin('13800138000', 'mini')).memberId).toBe('mem_demo_emma');
  });

  it('logs one WeChat user in as the same member from the mini-program and the App', async () => {
    const code = freshWechatCode();
    const onMini = await wechatLogin(code, 'mini');
    const onApp = await wechatLogin(code, 'app');
    expect(onApp.memberId).toBe(onMini.memberId);
    const { identities } = (await me(onApp.token)) as { identities: Array<{ kind: string; appId: string }> };
    expect(identities.map((i) => `${i.kind}/${i.appId}`).sort()).toEqual([
      'wechat_openid/wx-dev-mini',
      'wechat_openid/wx-dev-oauth',
      'wechat_unionid/',
    ]);
  });

  it('finds the WeChat member from a phone login once the phone is bound', async () => {
    const wechat = await wechatLogin(freshWechatCode(), 'mini');
    const phone = freshPhone();
    await shopper('POST', '/api/auth/phone/code', { channel: 'mini', phone });
    const bound = await shopper(
      'POST',
      '/api/members/me/identities',
      { kind: 'phone', phone, code: DEVELOPMENT_SMS_CODE },
      wechat.token,
    );
    expect(bound.status).toBe(200);
    expect(await bound.json()).toEqual({ memberId: wechat.memberId, merged: null });
    expect((await phoneLogin(phone, 'h5')).memberId).toBe(wechat.memberId);
  });

  it('binds a WeChat account to a phone member, the reverse way', async () => {
    const phone = await phoneLogin(freshPhone(), 'app');
    const code = freshWechatCode();
    const bound = await shopper('POST', '/api/members/me/identities', { kind: 'wechat', code }, phone.token);
    expect(await bound.json()).toEqual({ memberId: phone.memberId, merged: null });
    expect((await wechatLogin(code, 'mini')).memberId).toBe(phone.memberId);
  });

  it('gives a guest its own member id and a guest token', async () => {
    const guest = await guestLogin('h5');
    expect(guest.memberId).toMatch(/^mem_/);
    expect(await me(guest.token)).toMatchObject({ memberId: guest.memberId, role: 'guest', channel: 'h5' });
    const bind = await shopper('POST', '/api/members/me/identities', { kind: 'wechat', code: 'x' }, guest.token);
    expect(bind.status).toBe(403);
  });
});

describe('guest sessions', () => {
  it('answers 429 with Retry-After once one address has made 60 in a minute, and serves other addresses', async () => {
    const address = freshClientAddress();
    const guest = () =>
      shopper('POST', '/api/auth/guest', { channel: 'h5' }, undefined, { 'CF-Connecting-IP': address });
    const statuses = [];
    for (let i = 0; i < 60; i++) statuses.push((await guest()).status);
    expect(new Set(statuses)).toEqual(new Set([201]));
    const refused = await guest();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toBe('60');
    expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect((await guestLogin('h5')).memberId).toMatch(/.+/);
  });
});

describe('SMS codes', () => {
  const requestCode = (phone: string) => shopper('POST', '/api/auth/phone/code', { channel: 'h5', phone });
  const tryCode = (phone: string, code: string) => shopper('POST', '/api/auth/phone', { channel: 'h5', phone, code });

  it('works once only', async () => {
    const phone = freshPhone();
    await requestCode(phone);
    expect((await tryCode(phone, DEVELOPMENT_SMS_CODE)).status).toBe(200);
    const again = await tryCode(phone, DEVELOPMENT_SMS_CODE);
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ error: { code: 'wrong_code', field: 'code' } });
  });

  it('accepts a code until it expires, PHONE_CODE_TTL_MS after it was sent, and refuses it after', async () => {
    const [early, late] = [freshPhone(), freshPhone()];
    const sentAt = clock.now();
    const sent = await (await requestCode(early)).json<{ expiresAt: number }>();
    await requestCode(late);
    expect(sent.expiresAt - sentAt).toBeGreaterThanOrEqual(PHONE_CODE_TTL_MS);
    expect(sent.expiresAt - clock.now()).toBeLessThanOrEqual(PHONE_CODE_TTL_MS);
    moveClock(PHONE_CODE_TTL_MS - 1000);
    expect((await tryCode(early, DEVELOPMENT_SMS_CODE)).status).toBe(200);
    moveClock(1000);
    const response = await tryCode(late, DEVELOPMENT_SMS_CODE);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'code_expired' } });
  });

  it('answers 429 after repeated wrong codes, even to the right one, and a new code does not reset it', async () => {
    const phone = freshPhone();
    await requestCode(phone);
    for (let i = 0; i < MAX_CODE_FAILURES; i++) expect((await tryCode(phone, WRONG_CODE)).status).toBe(401);
    const limited = await tryCode(phone, DEVELOPMENT_SMS_CODE);
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ error: { code: 'too_many_attempts' } });
    await requestCode(phone);
    expect((await tryCode(phone, DEVELOPMENT_SMS_CODE)).status).toBe(429);
  });

  it('counts wrong codes per number, whatever the spelling', async () => {
    const phone = freshPhone();
    const spellings = spellingsOf(phone);
    await requestCode(spellings[1] ?? phone);
    for (let i = 0; i < MAX_CODE_FAILURES; i++) {
      expect((await tryCode(spellings[i % spellings.length] ?? phone, WRONG_CODE)).status).toBe(401);
    }
    for (const written of spellings) expect((await tryCode(written, DEVELOPMENT_SMS_CODE)).status).toBe(429);
  });

  it('refuses a code for a phone that never asked for one', async () => {
    expect((await tryCode(freshPhone(), DEVELOPMENT_SMS_CODE)).status).toBe(401);
  });
});

describe('tokens', () => {
  it('answers 401 without a token, with a forged one and with an expired one', async () => {
    const { memberId } = await guestLogin('pc');
    expect((await shopper('GET', '/api/members/me')).status).toBe(401);
    const forged = await sign({ sub: memberId, channel: 'pc', role: 'member', exp: 9e9 }, 'not-the-secret', 'HS256');
    expect((await shopper('GET', '/api/members/me', undefined, forged)).status).toBe(401);
    const expired = await sign({ sub: memberId, channel: 'pc', role: 'member', exp: 1 }, env.TOKEN_SECRET, 'HS256');
    const response = await shopper('GET', '/api/members/me', undefined, expired);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  // Expiry is an instant like any other, so it is read on the hub's clock (docs/architecture.md, "The platform layer").
  it('refuses a login token once its lifetime has passed on the hub clock, and takes it until then', async () => {
    const { token } = await phoneLogin(freshPhone(), 'pc');
    moveClock(TOKEN_TTL_S * 1000 - 60_000);
    expect((await shopper('GET', '/api/members/me', undefined, token)).status).toBe(200);
    moveClock(120_000);
    const response = await shopper('GET', '/api/members/me', undefined, token);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });
});

describe('bad input', () => {
  it.each([
    ['/api/auth/phone/code', { phone: '+8613900000000' }, 'channel'],
    ['/api/auth/phone/code', { channel: 'tv', phone: '+8613900000000' }, 'channel'],
    ['/api/auth/phone/code', { channel: 'h5', phone: 'call me' }, 'phone'],
    ['/api/auth/phone/code', { channel: 'h5', phone: '12345' }, 'phone'],
    ['/api/auth/phone/code', { channel: 'h5', phone: 13812345678 }, 'phone'],
    ['/api/auth/phone', { channel: 'h5', phone: '+86138', code: '123456' }, 'phone'],
    ['/api/auth/phone', { channel: 'h5', phone: '+8613900000000', code: '12345' }, 'code'],
    ['/api/auth/phone', { channel: 'h5', phone: '+8613900000000', code: '123456', extra: 1 }, 'extra'],
    ['/api/auth/wechat', { channel: 'mini' }, 'code'],
    ['/api/auth/guest', {}, 'channel'],
  ])('POST %s with %j answers 400 naming %s', async (path, body, field) => {
    const response = await shopper('POST', path, body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_input', field } });
  });

  it('names the field of a bad identity to bind', async () => {
    const { token } = await phoneLogin(freshPhone(), 'pc');
    const response = await shopper('POST', '/api/members/me/identities', { kind: 'email', value: 'a@b' }, token);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { field: 'kind' } });
    const badPhone = { kind: 'phone', phone: '010 1234 5678', code: DEVELOPMENT_SMS_CODE };
    const refused = await shopper('POST', '/api/members/me/identities', badPhone, token);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { code: 'invalid_input', field: 'phone' } });
  });
});

describe('renewing a session', () => {
  const renew = (token: string) => shopper('POST', '/api/auth/renew', undefined, token);

  it('trades a token that still works for a fresh one of the same member, channel and role', async () => {
    const session = await phoneLogin(freshPhone(), 'app');
    expect(session.role).toBe('member');
    expect(session.expiresAt).toBe((Math.floor(clock.now() / 1000) + TOKEN_TTL_S) * 1000);

    moveClock((TOKEN_TTL_S - 3600) * 1000);
    const response = await renew(session.token);
    expect(response.status).toBe(200);
    const renewed = await response.json<{ token: string; memberId: string; role: string; expiresAt: number }>();
    expect(renewed).toMatchObject({ memberId: session.memberId, role: 'member' });
    expect(renewed.expiresAt).toBeGreaterThan(session.expiresAt);

    moveClock(2 * 3600 * 1000);
    expect((await shopper('GET', '/api/members/me', undefined, session.token)).status).toBe(401);
    expect(await me(renewed.token)).toMatchObject({ memberId: session.memberId });
    // A token renewed on the app is still an app token: the channel comes from the token.
    const room = await shopper('GET', `/sync/member:${session.memberId}?channel=h5&token=${renewed.token}`, undefined);
    expect(room.status).toBe(403);
  });

  it('keeps a guest a guest, and refuses an expired token with 401, leaving it unrenewed', async () => {
    const guest = await guestLogin('h5', freshClientAddress());
    const renewed = await (await renew(guest.token)).json<{ role: string; memberId: string }>();
    expect(renewed).toMatchObject({ role: 'guest', memberId: guest.memberId });

    moveClock((TOKEN_TTL_S + 60) * 1000);
    const expired = await renew(guest.token);
    expect(expired.status).toBe(401);
    expect((await expired.json<{ error: { code: string } }>()).error.code).toBe('unauthorized');
  });
});
