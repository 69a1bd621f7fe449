import { and, asc, eq, gt } from 'drizzle-orm';
import { memberIdentities } from '../../../schema';
import type { Database } from '../../records/db';

/** A phone identity as stored, however it was spelled when it was bound. */
export interface StoredPhone {
  id: number;
  memberId: string;
  value: string;
}

const phoneKind = eq(memberIdentities.kind, 'phone');

/** Phone identities in id order after `afterId`, `limit` of them: a page of a scan over all. */
export const phoneIdentitiesAfter = async (db: Database, afterId: number, limit: number): Promise<StoredPhone[]> =>
  db
    .select({ id: memberIdentities.id, memberId: memberIdentities.memberId, value: memberIdentities.value })
    .from(memberIdentities)
    .where(and(phoneKind, gt(memberIdentities.id, afterId)))
    .orderBy(asc(memberIdentities.id))
    .limit(limit);

/** The identity `id` with its member as it is now (a merge moves identities to the survivor). */
export const phoneIdentity = async (db: Database, id: number): Promise<StoredPhone | null> => {
  const [row] = await db
    .select({ id: memberIdentities.id, memberId: memberIdentities.memberId, value: memberIdentities.value })
    .from(memberIdentities)
    .where(and(phoneKind, eq(memberIdentities.id, id)));
  return row ?? null;
};

/**
 * Stores identity `id` under `value`. False when another identity holds that value already (the
 * unique index refused), so the caller merges instead.
 */
export const respellPhoneIdentity = async (db: Database, id: number, value: string): Promise<boolean> => {
  try {
    await db.update(memberIdentities).set({ value }).where(eq(memberIdentities.id, id));
    return true;
  } catch (error) {
    if (String(error).includes('constraint failed')) return false;
    throw error;
  }
};

/** Drops an old spelling whose member holds the canonical one too. */
export const dropPhoneIdentity = async (db: Database, id: number): Promise<void> => {
  await db.delete(memberIdentities).where(eq(memberIdentities.id, id));
};
