import { env } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEVELOPMENT_SMS_CODE } from '../workers/members/providers/sms/developmentSms';
import { httpSms } from '../workers/members/providers/sms/httpSms';
import { smsProvider } from '../workers/members/providers/sms/smsProvider';
import { wechatApi } from '../workers/members/providers/wechat/wechatApi';
import { wechatProvider } from '../workers/members/providers/wechat/wechatProvider';
import { DEVELOPMENT_SMS_CODE as E2E_SMS_CODE } from './e2e/support/developmentSmsCode';

const realEnv = {
  ...env,
  AUTH_PROVIDERS: 'real' as const,
  WECHAT_MINI_APPID: 'wx-mini',
  WECHAT_MINI_SECRET: 'mini-secret',
  WECHAT_OAUTH_APPID: 'wx-open',
  WECHAT_OAUTH_SECRET: 'open-secret',
  SMS_API_URL: 'https://sms.example/send',
  SMS_API_KEY: 'sms-key',
};

/** Answers every fetch with `body` and records the requests. */
const answerWith = (body: unknown, status = 200) =>
  vi.spyOn(globalThis, 'fetch').mockImplementation(async () => Response.json(body, { status }));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('real providers (the services answered by a stub)', () => {
  it('are chosen by AUTH_PROVIDERS: the development ones send nothing and name the fixed users', async () => {
    const fetch = answerWith({ ok: true });
    const sms = smsProvider(env);
    expect(sms.newCode()).toBe(DEVELOPMENT_SMS_CODE);
    await sms.send('+8613800000000', DEVELOPMENT_SMS_CODE);
    expect(await wechatProvider(env).exchange('mini', 'emma')).toEqual({
      appId: 'wx-dev-mini',
      openId: 'dev-openid-wx-dev-mini-emma',
      unionId: 'dev-unionid-emma',
    });
    expect(fetch).not.toHaveBeenCalled();
    // The end-to-end tests, which cannot import the Worker's modules, log in with this same code.
    expect(E2E_SMS_CODE).toBe(DEVELOPMENT_SMS_CODE);
  });

  it('are chosen by AUTH_PROVIDERS: for real, SMS goes to the configured gateway with the key and a random code', async () => {
    const fetch = answerWith({ ok: true });
    const sms = smsProvider(realEnv);
    const codes = Array.from({ length: 20 }, () => sms.newCode());
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
    expect(new Set(codes).size).toBeGreaterThan(1);
    const [code = ''] = codes;
    await sms.send('+8613800000001', code);
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe(realEnv.SMS_API_URL);
    expect(init?.method).toBe('POST');
    expect(new Headers(init?.headers).get('Authorization')).toBe(`Bearer ${realEnv.SMS_API_KEY}`);
    expect(JSON.parse(String(init?.body))).toEqual({ phone: '+8613800000001', template: 'login', params: { code } });
  });

  it('are chosen by AUTH_PROVIDERS: for real, WeChat codes go to api.weixin.qq.com with the app’s id and secret', async () => {
    const fetch = answerWith({ openid: 'o-9', unionid: 'u-9' });
    expect(await wechatProvider(realEnv).exchange('mini', 'real-code')).toEqual({
      appId: realEnv.WECHAT_MINI_APPID,
      openId: 'o-9',
      unionId: 'u-9',
    });
    expect(fetch).toHaveBeenCalledTimes(1);
    const url = new URL(String(fetch.mock.calls[0]?.[0]));
    expect(url.origin).toBe('https://api.weixin.qq.com');
    expect(url.searchParams.get('appid')).toBe(realEnv.WECHAT_MINI_APPID);
    expect(url.searchParams.get('secret')).toBe(realEnv.WECHAT_MINI_SECRET);
    expect(url.searchParams.get('js_code')).toBe('real-code');
  });

  it('refuses to send an SMS or exchange a WeChat code when the real provider is not configured', async () => {
    const fetch = answerWith({ ok: true });
    const unconfigured = {
      ...realEnv,
      SMS_API_URL: '',
      SMS_API_KEY: '',
      WECHAT_MINI_APPID: '',
      WECHAT_OAUTH_SECRET: '',
    };
    await expect(smsProvider(unconfigured).send('+8613800000002', '123456')).rejects.toThrow(
      'SMS_API_URL and SMS_API_KEY must be set',
    );
    await expect(smsProvider({ ...realEnv, SMS_API_KEY: '' }).send('+8613800000002', '123456')).rejects.toThrow(
      'must be set',
    );
    await expect(wechatProvider(unconfigured).exchange('mini', 'c')).rejects.toThrow('for mini must be set');
    await expect(wechatProvider(unconfigured).exchange('app', 'c')).rejects.toThrow('for oauth must be set');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('exchanges a mini-program code at sns/jscode2session', async () => {
    const fetch = answerWith({ openid: 'o-1', unionid: 'u-1', session_key: 'k' });
    expect(await wechatApi(realEnv).exchange('mini', 'js-code')).toEqual({
      appId: 'wx-mini',
      openId: 'o-1',
      unionId: 'u-1',
    });
    const url = new URL(String(fetch.mock.calls[0]?.[0]));
    expect(url.origin + url.pathname).toBe('https://api.weixin.qq.com/sns/jscode2session');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      appid: 'wx-mini',
      secret: 'mini-secret',
      js_code: 'js-code',
      grant_type: 'authorization_code',
    });
  });

  it('exchanges an App or web code at sns/oauth2/access_token', async () => {
    const fetch = answerWith({ access_token: 't', openid: 'o-2' });
    expect(await wechatApi(realEnv).exchange('app', 'oauth-code')).toEqual({
      appId: 'wx-open',
      openId: 'o-2',
      unionId: null,
    });
    const url = new URL(String(fetch.mock.calls[0]?.[0]));
    expect(url.pathname).toBe('/sns/oauth2/access_token');
    expect(url.searchParams.get('code')).toBe('oauth-code');
  });

  it('refuses an invalid WeChat code and fails on a WeChat outage', async () => {
    answerWith({ errcode: 40029, errmsg: 'invalid code' });
    expect(await wechatApi(realEnv).exchange('mini', 'bad')).toBeNull();
    vi.restoreAllMocks();
    answerWith({ errcode: -1, errmsg: 'system busy' });
    await expect(wechatApi(realEnv).exchange('mini', 'x')).rejects.toThrow('system busy');
  });

  it('sends the SMS code through the gateway', async () => {
    const fetch = answerWith({ ok: true });
    await httpSms(realEnv).send('+8613800000000', '123456');
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('https://sms.example/send');
    expect(new Headers(init?.headers).get('Authorization')).toBe('Bearer sms-key');
    expect(JSON.parse(String(init?.body))).toEqual({
      phone: '+8613800000000',
      template: 'login',
      params: { code: '123456' },
    });
    vi.restoreAllMocks();
    answerWith({ error: 'quota' }, 503);
    await expect(httpSms(realEnv).send('+8613800000000', '123456')).rejects.toThrow('503');
  });
});
