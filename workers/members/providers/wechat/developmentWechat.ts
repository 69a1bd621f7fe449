import type { WechatProvider } from './wechatProvider';

/**
 * Made-up, deterministic WeChat users (README, "Development logins"): the code names the person,
 * the channel picks the app. `mini` is app `wx-dev-mini`, the other channels `wx-dev-oauth`;
 * the OpenID is `dev-openid-<app>-<code>` and the UnionID `dev-unionid-<code>`, so one code
 * logs in the same member from every channel.
 */
export const developmentWechat: WechatProvider = {
  exchange: async (channel, code) => {
    const appId = channel === 'mini' ? 'wx-dev-mini' : 'wx-dev-oauth';
    return { appId, openId: `dev-openid-${appId}-${code}`, unionId: `dev-unionid-${code}` };
  },
};
