import type { Channel } from '../../../shared/channels';
import { ApiError } from '../../edge/errors';
import type { Env } from '../../env';
import { database } from '../../records/db';
import { findMember } from '../records/memberRecords';
import { type Role, readToken } from './tokens';

/** Who is calling: a member (or guest) token that checked out against the records. */
export interface MemberSession {
  memberId: string;
  channel: Channel;
  role: Role;
}

const unauthorized = (message: string) => new ApiError(401, 'unauthorized', message);

/**
 * The session a member token carries, by its signature alone: for a route whose member room
 * checks the member's standing itself (`standing.ts`), so the request costs D1 nothing.
 */
export const sessionOfToken = async (env: Env, token: string | undefined): Promise<MemberSession> => {
  if (!token) throw unauthorized('member token required');
  const claims = await readToken(env, token);
  if (!claims) throw unauthorized('invalid or expired token');
  return { memberId: claims.sub, channel: claims.channel, role: claims.role };
};

/**
 * Verifies a member token and that its member still exists on its own: a member merged into
 * another loses its tokens (401), so every request checks the record, not only the signature.
 */
export const authenticate = async (env: Env, token: string | undefined): Promise<MemberSession> => {
  const session = await sessionOfToken(env, token);
  const member = await findMember(database(env.DB), session.memberId);
  if (!member) throw unauthorized('unknown member');
  if (member.mergedInto) throw new ApiError(401, 'member_merged', 'this account was merged; log in again');
  return session;
};
