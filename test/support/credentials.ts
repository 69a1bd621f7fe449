import { env } from 'cloudflare:test';
import { sign } from 'hono/jwt';
import type { Channel } from '../../shared/channels';
import { issueToken, TOKEN_TTL_S } from '../../workers/members/auth/tokens';
import { clock } from '../../workers/platform/clock';
import { moveClock } from './clock';

const DAY_S = 86_400;

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A member token of the right shape, valid for a day, signed with a secret that is not the hub's. */
export const forgedToken = (memberId: string, channel: Channel): Promise<string> =>
  sign(
    { sub: memberId, channel, role: 'member', exp: Math.floor(clock.now() / 1000) + DAY_S },
    `not-${env.TOKEN_SECRET}`,
    'HS256',
  );

/** A member token the hub issued when the clock stood a minute more than its lifetime ago. */
export const expiredToken = async (memberId: string, channel: Channel): Promise<string> => {
  const lifetimeAndAMinuteMs = (TOKEN_TTL_S + 60) * 1000;
  moveClock(-lifetimeAndAMinuteMs);
  try {
    return await issueToken(env, memberId, channel, 'member');
  } finally {
    moveClock(lifetimeAndAMinuteMs);
  }
};
