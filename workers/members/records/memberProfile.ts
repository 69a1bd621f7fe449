import { asc, eq } from 'drizzle-orm';
import { memberMerges } from '../../../schema';
import type { MemberProfile } from '../../../shared/api/members';
import type { Database } from '../../records/db';
import { findMember, identitiesOf } from './memberRecords';

/** A member as the back office shows it: the row, its identities and the accounts it absorbed; null when unknown. */
export const memberProfile = async (db: Database, memberId: string): Promise<MemberProfile | null> => {
  const member = await findMember(db, memberId);
  if (!member) return null;
  const [identities, merged] = await Promise.all([
    identitiesOf(db, memberId),
    db
      .select({ memberId: memberMerges.absorbedId, at: memberMerges.at })
      .from(memberMerges)
      .where(eq(memberMerges.survivorId, memberId))
      .orderBy(asc(memberMerges.at)),
  ]);
  const { id, nickname, tier, tags, createdAt } = member;
  return { id, nickname, tier, tags, createdAt, identities, merged };
};
