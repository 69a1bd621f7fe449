import type { Env } from '../../../env';
import type { WechatProvider } from './wechatProvider';

const API = 'https://api.weixin.qq.com';

/** The fields both endpoints answer with; `errcode` is set (non-zero) on failure. */
interface CodeExchange {
  openid?: string;
  unionid?: string;
  errcode?: number;
  errmsg?: string;
}

/** Invalid or used codes: the user's fault, a refused login rather than an outage. */
const CODE_REFUSED = new Set([40029, 40163, 40226]);

/**
 * The real WeChat endpoints: `sns/jscode2session` for mini-program codes (`wx.login`), and
 * `sns/oauth2/access_token` for OAuth codes from the App and web (open platform / official
 * account app). Each app's id and secret come from Worker secrets.
 */
export const wechatApi = (env: Env): WechatProvider => ({
  exchange: async (channel, code) => {
    const mini = channel === 'mini';
    const appId = mini ? env.WECHAT_MINI_APPID : env.WECHAT_OAUTH_APPID;
    const secret = mini ? env.WECHAT_MINI_SECRET : env.WECHAT_OAUTH_SECRET;
    if (!appId || !secret) throw new Error(`WeChat app id and secret for ${mini ? 'mini' : 'oauth'} must be set`);
    const url = new URL(mini ? `${API}/sns/jscode2session` : `${API}/sns/oauth2/access_token`);
    url.searchParams.set('appid', appId);
    url.searchParams.set('secret', secret);
    url.searchParams.set(mini ? 'js_code' : 'code', code);
    url.searchParams.set('grant_type', 'authorization_code');
    const response = await fetch(url);
    if (!response.ok) throw new Error(`WeChat answered HTTP ${response.status}`);
    const body = (await response.json()) as CodeExchange;
    if (body.errcode && CODE_REFUSED.has(body.errcode)) return null;
    if (body.errcode || !body.openid) throw new Error(`WeChat code exchange failed: ${body.errcode} ${body.errmsg}`);
    return { appId, openId: body.openid, unionId: body.unionid ?? null };
  },
});
