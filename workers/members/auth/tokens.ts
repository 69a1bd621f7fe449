import { sign, verify } from 'hono/jwt';
import { z } from 'zod';
import { channel } from '../../../shared/api/auth';
import type { Channel } from '../../../shared/channels';
import type { Env } from '../../env';
import { clock } from '../../platform/clock';

export const TOKEN_TTL_S = 30 * 24 * 3600;
const ALGORITHM = 'HS256';

/** `guest`: an anonymous shopper with a cart of its own, merged into a member on login. */
export type Role = 'member' | 'guest';

const claimsSchema = z.object({
  sub: z.string(),
  channel,
  role: z.enum(['member', 'guest']),
  exp: z.number(),
});

export type TokenClaims = z.infer<typeof claimsSchema>;

/** A member token: HMAC-signed member id, channel, role and expiry. */
export const issueToken = (env: Env, memberId: string, on: Channel, role: Role): Promise<string> =>
  sign(
    { sub: memberId, channel: on, role, exp: Math.floor(clock.now() / 1000) + TOKEN_TTL_S },
    env.TOKEN_SECRET,
    ALGORITHM,
  );

/** The token in an `Authorization: Bearer <token>` header, if there is one. */
export const bearerToken = (header: string | undefined): string | undefined =>
  /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];

/**
 * The claims of a token signed with `TOKEN_SECRET` and not expired; null otherwise. Expiry is
 * read on the hub's clock (`platform/clock.ts`), like every other instant, not by the JWT library.
 */
export const readToken = async (env: Env, token: string): Promise<TokenClaims | null> => {
  try {
    const parsed = claimsSchema.safeParse(await verify(token, env.TOKEN_SECRET, { alg: ALGORITHM, exp: false }));
    return parsed.success && parsed.data.exp * 1000 > clock.now() ? parsed.data : null;
  } catch {
    return null; // bad signature, malformed or expired: all the same to the caller
  }
};
