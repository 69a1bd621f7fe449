import type { Env } from '../../env';
import { clock } from '../../platform/clock';
import { database } from '../../records/db';
import { memberRoomOf } from '../MemberRoom';
import { addIdentities, type Identity, memberOfIdentities } from '../records/memberRecords';
import type { MemberSession } from './memberSession';

/**
 * Binds proven identities to the caller. When another member already holds them, that member is
 * merged into the caller (exactly once): its records, cart, favorites and history move over and
 * its tokens stop working. Returns the merged member's id, if any.
 */
export const bindIdentities = async (env: Env, session: MemberSession, identities: Identity[]) => {
  const db = database(env.DB);
  const holder = await memberOfIdentities(db, identities);
  let merged: string | null = null;
  if (holder && holder !== session.memberId) {
    if (await memberRoomOf(env, session.memberId).absorb(holder)) merged = holder;
  }
  await addIdentities(db, session.memberId, identities, clock.now());
  return { memberId: session.memberId, merged };
};
