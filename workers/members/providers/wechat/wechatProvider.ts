import type { Channel } from '../../../../shared/channels';
import type { Env } from '../../../env';
import { developmentWechat } from './developmentWechat';
import { wechatApi } from './wechatApi';

/** Who a WeChat login code belongs to: the OpenID within `appId`, and the UnionID when bound. */
export interface WechatUser {
  appId: string;
  openId: string;
  unionId: string | null;
}

/** Exchanges a login code from `channel` (mini-program `wx.login`, OAuth elsewhere); null when refused. */
export interface WechatProvider {
  exchange(channel: Channel, code: string): Promise<WechatUser | null>;
}

export const wechatProvider = (env: Env): WechatProvider =>
  env.AUTH_PROVIDERS === 'development' ? developmentWechat : wechatApi(env);
