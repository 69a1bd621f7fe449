import { and, eq, gt, isNull } from 'drizzle-orm';
import { staff, staffSessions } from '../../../schema';
import type { Database } from '../../records/db';
import type { StaffRow } from './staffRecords';

export const insertSession = async (
  db: Database,
  session: { tokenHash: string; staffId: string; now: number; expiresAt: number },
): Promise<void> => {
  await db.insert(staffSessions).values({
    tokenHash: session.tokenHash,
    staffId: session.staffId,
    createdAt: session.now,
    expiresAt: session.expiresAt,
    lastSeenAt: session.now,
  });
};

/** The account of a live session (not revoked, not expired, the account not disabled). */
export const liveSessionStaff = async (db: Database, tokenHash: string, now: number): Promise<StaffRow | null> => {
  const [row] = await db
    .select({ staff })
    .from(staffSessions)
    .innerJoin(staff, eq(staff.id, staffSessions.staffId))
    .where(
      and(
        eq(staffSessions.tokenHash, tokenHash),
        isNull(staffSessions.revokedAt),
        gt(staffSessions.expiresAt, now),
        isNull(staff.disabledAt),
      ),
    );
  return row?.staff ?? null;
};

/** Slides a session's expiry forward on use. */
export const touchSession = async (db: Database, tokenHash: string, now: number, expiresAt: number): Promise<void> => {
  await db.update(staffSessions).set({ lastSeenAt: now, expiresAt }).where(eq(staffSessions.tokenHash, tokenHash));
};

export const revokeSession = async (db: Database, tokenHash: string, now: number): Promise<void> => {
  await db
    .update(staffSessions)
    .set({ revokedAt: now })
    .where(and(eq(staffSessions.tokenHash, tokenHash), isNull(staffSessions.revokedAt)));
};

/** Ends every session of an account (disabled, or its password reset). */
export const revokeSessionsOf = async (db: Database, staffId: string, now: number): Promise<void> => {
  await db
    .update(staffSessions)
    .set({ revokedAt: now })
    .where(and(eq(staffSessions.staffId, staffId), isNull(staffSessions.revokedAt)));
};
