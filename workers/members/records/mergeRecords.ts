import { and, eq, sql } from 'drizzle-orm';
import {
  memberAddresses,
  memberCoupons,
  memberIdentities,
  memberMerges,
  members,
  orders,
  payments,
} from '../../../schema';
import type { Database } from '../../records/db';
import { ledgerMoves } from './ledgerRecords';

/**
 * Merges `absorbedId` into `survivorId` in one D1 batch (a transaction): identities, orders and
 * their payments, claimed coupons, addresses (the survivor's default stays the one default),
 * both ledgers, and accounts merged into the absorbed one earlier. The batch starts by recording the merge, which fails (rolling everything back) when
 * the absorbed account was already merged or the survivor has itself been merged away: that is
 * what makes a merge happen exactly once. Returns false when that gate refused.
 */
export const mergeMembers = async (db: Database, absorbedId: string, survivorId: string, at: number) => {
  const activeSurvivor = sql`(SELECT ${members.id} FROM ${members} WHERE ${members.id} = ${survivorId} AND ${members.mergedInto} IS NULL)`;
  try {
    await db.batch([
      db.insert(memberMerges).values({ absorbedId, survivorId: activeSurvivor, at }),
      db.update(members).set({ mergedInto: survivorId }).where(eq(members.id, absorbedId)),
      db.update(members).set({ mergedInto: survivorId }).where(eq(members.mergedInto, absorbedId)),
      db.update(memberIdentities).set({ memberId: survivorId }).where(eq(memberIdentities.memberId, absorbedId)),
      db.update(orders).set({ memberId: survivorId }).where(eq(orders.memberId, absorbedId)),
      db.update(payments).set({ memberId: survivorId }).where(eq(payments.memberId, absorbedId)),
      db.update(memberCoupons).set({ memberId: survivorId }).where(eq(memberCoupons.memberId, absorbedId)),
      db
        .update(memberAddresses)
        .set({ isDefault: false })
        .where(
          and(
            eq(memberAddresses.memberId, absorbedId),
            sql`EXISTS (SELECT 1 FROM ${memberAddresses} WHERE ${memberAddresses.memberId} = ${survivorId})`,
          ),
        ),
      db.update(memberAddresses).set({ memberId: survivorId }).where(eq(memberAddresses.memberId, absorbedId)),
      ...ledgerMoves(db, absorbedId, survivorId, at),
    ]);
    return true;
  } catch (error) {
    if (String(error).includes('constraint failed')) return false;
    throw error;
  }
};
