import type { Channel } from '../../../shared/channels';
import { ApiError } from '../../edge/errors';
import type { Env } from '../../env';
import { wechatProvider } from '../providers/wechat/wechatProvider';
import type { Identity } from '../records/memberRecords';

/**
 * The identities a WeChat login code proves: the UnionID when the app has one (first, as it is
 * the same on every channel) and the OpenID within the app.
 */
export const wechatIdentities = async (env: Env, channel: Channel, code: string): Promise<Identity[]> => {
  const user = await wechatProvider(env).exchange(channel, code);
  if (!user) throw new ApiError(401, 'wrong_code', 'WeChat refused the login code', 'code');
  const openId: Identity = { kind: 'wechat_openid', appId: user.appId, value: user.openId };
  return user.unionId ? [{ kind: 'wechat_unionid', appId: '', value: user.unionId }, openId] : [openId];
};
