import type { Session } from '../../../shared/api/auth';
import type { Channel } from '../../../shared/channels';
import type { Env } from '../../env';
import { clock } from '../../platform/clock';
import { database } from '../../records/db';
import { newId } from '../../records/ids';
import { memberRoomOf } from '../MemberRoom';
import { addIdentities, createMember, findMember, type Identity, memberOfIdentities } from '../records/memberRecords';
import { issueToken, type Role, readToken, TOKEN_TTL_S } from './tokens';

/** A fresh session: a new token, good for `TOKEN_TTL_S` from now. */
export const sessionFor = async (env: Env, memberId: string, channel: Channel, role: Role): Promise<Session> => ({
  token: await issueToken(env, memberId, channel, role),
  memberId,
  role,
  expiresAt: (Math.floor(clock.now() / 1000) + TOKEN_TTL_S) * 1000,
});

/** The member holding any of `identities`, created (holding all of them) if there is none. */
const memberFor = async (env: Env, identities: Identity[]): Promise<string> => {
  const db = database(env.DB);
  const now = clock.now();
  const existing = await memberOfIdentities(db, identities);
  if (existing) {
    await addIdentities(db, existing, identities, now);
    return existing;
  }
  try {
    return await createMember(db, identities, now);
  } catch (error) {
    // A concurrent first login with the same identity created the member: use that one.
    const raced = await memberOfIdentities(db, identities);
    if (raced) return raced;
    throw error;
  }
};

/** A guest account behind `token`, still on its own (not merged), other than `memberId`. */
const guestToMerge = async (env: Env, token: string | undefined, memberId: string): Promise<string | null> => {
  const claims = token ? await readToken(env, token) : null;
  if (claims?.role !== 'guest' || claims.sub === memberId) return null;
  const guest = await findMember(database(env.DB), claims.sub);
  return guest && !guest.mergedInto ? guest.id : null;
};

/**
 * Logs in the member holding `identities` on `channel`. A guest token sent along (as the
 * Authorization bearer) merges that guest's cart and favorites into the member's first.
 */
export const logIn = async (
  env: Env,
  identities: Identity[],
  channel: Channel,
  guestToken: string | undefined,
): Promise<Session> => {
  const memberId = await memberFor(env, identities);
  const guestId = await guestToMerge(env, guestToken, memberId);
  if (guestId) await memberRoomOf(env, memberId).absorb(guestId);
  return sessionFor(env, memberId, channel, 'member');
};

/** A new anonymous shopper with a guest identity and a guest token. */
export const logInGuest = async (env: Env, channel: Channel): Promise<Session> => {
  const memberId = await createMember(
    database(env.DB),
    [{ kind: 'guest', appId: '', value: newId('guest') }],
    clock.now(),
  );
  return sessionFor(env, memberId, channel, 'guest');
};
