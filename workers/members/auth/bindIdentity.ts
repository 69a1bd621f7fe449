import { ApiError } from '../../edge/errors';
import type { Env } from '../../env';
import { clock } from '../../platform/clock';
import { database } from '../../records/db';
import { memberRoomOf } from '../MemberRoom';
import { bindAllIdentities, holdersOf, type Identity } from '../records/memberRecords';
import type { MemberSession } from './memberSession';

/**
 * Binds proven identities to the caller. When other members already hold them, each is merged
 * into the caller (exactly once): its records, cart, favorites and history move over and its
 * tokens stop working. Returns the merged member's id, if any. The answer follows what D1 holds
 * afterwards: a holder merged elsewhere meanwhile (a racing bind took it first) refuses the
 * merge, and then the identities are not the caller's, which is a 409, never a bind that did
 * nothing.
 */
export const bindIdentities = async (env: Env, session: MemberSession, identities: Identity[]) => {
  const db = database(env.DB);
  const room = memberRoomOf(env, session.memberId);
  let merged: string | null = null;
  for (const holder of await holdersOf(db, identities)) {
    if (holder !== session.memberId && (await room.absorb(holder))) merged ??= holder;
  }
  if (!(await bindAllIdentities(db, session.memberId, identities, clock.now()))) {
    throw new ApiError(409, 'identity_moved', 'another account took this identity meanwhile; bind it again to merge');
  }
  return { memberId: session.memberId, merged };
};
