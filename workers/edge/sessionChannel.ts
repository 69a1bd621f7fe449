import type { Channel } from '../../shared/channels';
import type { MemberSession } from '../members/auth/memberSession';
import { ApiError } from './errors';

/**
 * The channel a member's request acts on is its token's: prices, coupons and limits are
 * channel-scoped, so a body may repeat the channel but never name another (403, as a socket
 * opened on another channel is in `roomAccess.ts`).
 */
export const sessionChannel = (session: MemberSession, named: Channel | undefined): Channel => {
  if (named !== undefined && named !== session.channel) {
    throw new ApiError(403, 'channel_mismatch', `the token was issued for ${session.channel}, not ${named}`, 'channel');
  }
  return session.channel;
};
